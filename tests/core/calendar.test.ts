/**
 * The calendar writer (src/core/registry/calendar.ts) on hand-made records, read back with ical.js:
 * one all-day event per published date, stable UIDs, the given stamp rather than the clock, French
 * titles, TEXT escaping, line folding, and the span of the feeds that gather several records.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { calendarText, deadlinesFrom, deadlinesOf, gatheredFeedStart } from '../../src/core/registry/calendar.ts';
import type { CalendarContext, CalendarHeader } from '../../src/core/registry/calendar.ts';
import type { RegistryFacts } from '../../src/core/registry/registry-facts.ts';
import { parseCalendar, physicalLines } from '../helpers/calendars.ts';
import { registryFacts } from '../helpers/registry-facts.ts';

function record(id: string, validity: RegistryFacts['validity'], overrides: Partial<RegistryFacts> = {}): RegistryFacts {
  return registryFacts(id, {
    title: 'Expert en relations et coopérations internationales',
    validity,
    certifiers: [{ siret: '11004401300040', name: 'Ministère de la recherche', state: 'Actif' }],
    ...overrides,
  });
}

const header: CalendarHeader = {
  name: 'certidocs · Échéances',
  description: 'Les échéances',
  self: 'https://exemple.org/calendriers/registre.ics',
  page: 'https://exemple.org/certifications/',
};
const context: CalendarContext = {
  stamp: '2026-12-01T16:17:42+01:00',
  pageOf: (r) => `https://exemple.org/fiches/${r.id.toLowerCase()}/`,
};
const both = record('RNCP39853', { endDate: '2029-11-28', lastAwardDate: '2030-05-31' });
/** Spaces as a reader sees them: the French no-break spaces before « : » and inside guillemets are spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

afterEach(() => {
  vi.useRealTimers();
});

describe('the deadlines of a record', () => {
  it('are one per published date, end of registration first, and none without a date', () => {
    expect(deadlinesOf(both).map((d) => [d.kind, d.date])).toEqual([
      ['fin-enregistrement', '2029-11-28'],
      ['limite-delivrance', '2030-05-31'],
    ]);
    expect(deadlinesOf(record('RS5000', { endDate: '2024-05-24' })).map((d) => d.kind)).toEqual(['fin-enregistrement']);
    expect(deadlinesOf(record('RS6547', { lastAwardDate: '2027-09-27' })).map((d) => d.kind)).toEqual(['limite-delivrance']);
    expect(deadlinesOf(record('RS1', { etatFiche: 'Publiée' }))).toEqual([]);
  });
});

describe('a calendar', () => {
  it('holds one all-day, transparent event per date, on that date and for that day only', () => {
    const text = calendarText(header, deadlinesOf(both), context);
    const { events } = parseCalendar(text);
    expect(events.map((e) => [e.start, e.end, e.allDay, e.transparency])).toEqual([
      ['2029-11-28', '2029-11-29', true, 'TRANSPARENT'],
      ['2030-05-31', '2030-06-01', true, 'TRANSPARENT'],
    ]);
    expect(text).toContain('\r\nDTSTART;VALUE=DATE:20291128\r\n');
  });

  it('holds no event for a record without a date', () => {
    const text = calendarText(header, deadlinesOf(record('RS1', {})), context);
    expect(parseCalendar(text).events).toEqual([]);
    expect(text).not.toContain('BEGIN:VEVENT');
  });

  it('gives each event a UID made of the record, the deadline and a fixed domain, the same in every calendar and run', () => {
    const uids = (text: string) => parseCalendar(text).events.map((e) => e.uid);
    const first = uids(calendarText(header, deadlinesOf(both), context));
    expect(first).toEqual(['rncp39853-fin-enregistrement@certidocs', 'rncp39853-limite-delivrance@certidocs']);
    const other = record('RS5000', { endDate: '2024-05-24' });
    const elsewhere = calendarText(
      { ...header, name: 'Autre', self: 'https://autre.example/a.ics' },
      [...deadlinesOf(other), ...deadlinesOf(both)],
      {
        stamp: '2027-01-01T00:00:00Z',
        pageOf: () => 'https://autre.example/',
      },
    );
    expect(uids(elsewhere)).toEqual(['rs5000-fin-enregistrement@certidocs', ...first]);
  });

  it('stamps every event with the date given, whatever the clock says, so that the same facts give the same bytes', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2031-06-15T08:00:00Z'));
    const early = calendarText(header, deadlinesOf(both), context);
    vi.setSystemTime(new Date('2040-01-01T00:00:00Z'));
    const late = calendarText(header, deadlinesOf(both), context);
    expect(late).toBe(early);
    expect(parseCalendar(early).events.map((e) => e.stamp)).toEqual(['2026-12-01T15:17:42.000Z', '2026-12-01T15:17:42.000Z']);
  });

  it('titles and describes each event in French, with the record page as URL and in the description', () => {
    const [end, award] = parseCalendar(calendarText(header, deadlinesOf(both), context)).events;
    expect(plain(end!.summary)).toBe("Fin d'enregistrement : RNCP39853 Expert en relations et coopérations internationales");
    expect(plain(award!.summary)).toBe('Date limite de délivrance : RNCP39853 Expert en relations et coopérations internationales');
    expect(plain(end!.description).split('\n')).toEqual([
      "Dernier jour de l'enregistrement de la certification RNCP39853 « Expert en relations et coopérations internationales » au Répertoire national des certifications professionnelles (RNCP).",
      'Certificateur : Ministère de la recherche.',
      'Fiche : https://exemple.org/fiches/rncp39853/',
    ]);
    expect(plain(award!.description)).toContain('Dernier jour pour délivrer la certification RNCP39853');
    expect(end!.url).toBe('https://exemple.org/fiches/rncp39853/');
    const rs = parseCalendar(calendarText(header, deadlinesOf(record('RS5000', { endDate: '2024-05-24' })), context)).events[0];
    expect(plain(rs!.description)).toContain('au Répertoire spécifique (RS).');
  });

  it('names the calendar, its own address and its page', () => {
    const { properties } = parseCalendar(calendarText(header, deadlinesOf(both), context));
    expect(properties.get('version')).toBe('2.0');
    expect(properties.get('prodid')).toMatch(/certidocs/);
    expect(properties.get('name')).toBe('certidocs · Échéances');
    expect(properties.get('x-wr-calname')).toBe('certidocs · Échéances');
    expect(properties.get('source')).toBe(header.self);
    expect(properties.get('url')).toBe(header.page);
  });

  it('escapes commas, semicolons, backslashes and line breaks of titles, names and descriptions, and drops control characters', () => {
    const title = 'Gestion, paie; social\\RH\nniveau 2\u0007';
    const tricky = record(
      'RNCP1',
      { endDate: '2027-01-31' },
      { title, certifiers: [{ siret: undefined, name: 'A, B; C', state: undefined }] },
    );
    const text = calendarText({ ...header, name: 'Nom, avec; tout\nça' }, deadlinesOf(tricky), context);
    expect(text).toContain('Gestion\\, paie\\; social\\\\RH\\nniveau 2');
    expect(text).not.toContain('\u0007');
    const { properties, events } = parseCalendar(text);
    expect(plain(events[0]!.summary)).toBe("Fin d'enregistrement : RNCP1 Gestion, paie; social\\RH\nniveau 2");
    expect(plain(events[0]!.description)).toContain('Certificateur : A, B; C.');
    // ical.js leaves NAME (RFC 7986) and X- properties as written: their TEXT escapes are checked as written.
    expect(text).toContain('\r\nNAME:Nom\\, avec\\; tout\\nça\r\n');
    expect(properties.get('x-wr-calname')).toBe('Nom\\, avec\\; tout\\nça');
  });

  it('ends every line with CRLF and folds them at 75 octets without cutting a character', () => {
    const long = record('RNCP2', { endDate: '2027-01-31' }, { title: 'Très longue intitulé éàü '.repeat(12) });
    const text = calendarText(header, deadlinesOf(long), context);
    const lines = physicalLines(text);
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
    expect(plain(parseCalendar(text).events[0]!.summary)).toBe(`Fin d'enregistrement : RNCP2 ${long.title}`);
  });

  it('orders events by date, then by record number, whatever the order given', () => {
    const a = record('RNCP10', { endDate: '2027-01-31' });
    const b = record('RNCP9', { endDate: '2027-01-31', lastAwardDate: '2026-02-01' });
    const { events } = parseCalendar(calendarText(header, [...deadlinesOf(a), ...deadlinesOf(b)], context));
    expect(events.map((e) => e.uid)).toEqual([
      'rncp9-limite-delivrance@certidocs',
      'rncp9-fin-enregistrement@certidocs',
      'rncp10-fin-enregistrement@certidocs',
    ]);
  });
});

describe('feeds of several records', () => {
  it('start twelve months before the reference date, or hold everything without one', () => {
    expect(gatheredFeedStart('2026-12-01')).toBe('2025-12-01');
    expect(gatheredFeedStart('2026-12-01T16:17:42+01:00')).toBe('2025-12-01');
    expect(gatheredFeedStart('2028-02-29')).toBe('2027-02-28');
    expect(gatheredFeedStart(undefined)).toBeUndefined();
  });

  it('keep the deadlines on or after their start, each by its own date', () => {
    const ended = record('RNCP34762', { endDate: '2024-08-31', lastAwardDate: '2026-08-31' });
    const deadlines = [...deadlinesOf(ended), ...deadlinesOf(both)];
    const kept = (start: string | undefined) => deadlinesFrom(deadlines, start).map((d) => `${d.record.id} ${d.kind}`);
    expect(kept('2025-12-01')).toEqual(['RNCP34762 limite-delivrance', 'RNCP39853 fin-enregistrement', 'RNCP39853 limite-delivrance']);
    expect(kept('2026-08-31')).toEqual(['RNCP34762 limite-delivrance', 'RNCP39853 fin-enregistrement', 'RNCP39853 limite-delivrance']);
    expect(kept('2026-09-01')).toEqual(['RNCP39853 fin-enregistrement', 'RNCP39853 limite-delivrance']);
    expect(kept(undefined)).toHaveLength(4);
  });
});
