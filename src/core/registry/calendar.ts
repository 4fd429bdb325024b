/**
 * iCalendar feeds (RFC 5545) of the two deadlines a registry record publishes: the end of its
 * registration (DATE_FIN_ENREGISTREMENT) and the last day a certificate may be awarded
 * (DATE_LIMITE_DELIVRANCE). Facts in, calendar text out: no clock, no file, no Astro. The caller
 * gives the date stamp (the built commit's, so that a build is reproducible) and each record's address.
 */
import ical, { escape, ICalEventTransparency } from 'ical-generator';
import { addMonths } from '../text/calendar-date.ts';
import { typeset } from '../text/french.ts';
import type { Registry, RegistryFacts } from './registry-facts.ts';
import { compareIds } from './registry-index.ts';

export type DeadlineKind = 'fin-enregistrement' | 'limite-delivrance';

/** What each deadline is called in event titles. */
const DEADLINE_LABELS: Record<DeadlineKind, string> = {
  'fin-enregistrement': "Fin d'enregistrement",
  'limite-delivrance': 'Date limite de délivrance',
};

/** One published date of one record: an all-day event. */
export interface Deadline {
  record: RegistryFacts;
  kind: DeadlineKind;
  /** AAAA-MM-JJ. */
  date: string;
}

/**
 * Feeds of several records (the whole registry, a certifier, an NSF code) start this many months before
 * the reference date, each deadline by its own date: a subscriber sees the deadlines of the past year and
 * everything to come, and the registry's feed grows with the records that are current, not with every
 * registration since the registry began (30,000 records and counting).
 */
export const GATHERED_FEED_MONTHS_BACK = 12;

/** The fixed part of every event's UID: the same record and deadline keep the same UID from build to build. */
const UID_DOMAIN = 'certidocs';

const REGISTRY_NAMES: Record<Registry, string> = {
  RNCP: 'Répertoire national des certifications professionnelles (RNCP)',
  RS: 'Répertoire spécifique (RS)',
};

/** The calendar as a whole: its name, what it holds and its addresses (absolute URLs). */
export interface CalendarHeader {
  name: string;
  description: string;
  /** The feed's own address (SOURCE, RFC 7986), which clients refresh from. */
  self: string;
  /** The page the calendar is about (URL, RFC 7986), when there is one. */
  page?: string | undefined;
}

export interface CalendarContext {
  /** DTSTAMP of every event (ISO 8601): the built commit's date, never the wall clock. */
  stamp: string;
  /** The absolute address of a record's page. */
  pageOf(record: RegistryFacts): string;
}

/** The deadlines a record publishes, end of registration first; a date it does not publish gives no event. */
export function deadlinesOf(record: RegistryFacts): Deadline[] {
  const { endDate, lastAwardDate } = record.validity;
  return [
    ...(endDate ? [{ record, kind: 'fin-enregistrement' as const, date: endDate }] : []),
    ...(lastAwardDate ? [{ record, kind: 'limite-delivrance' as const, date: lastAwardDate }] : []),
  ];
}

/**
 * The first day a feed of several records holds: GATHERED_FEED_MONTHS_BACK months before the reference
 * date (AAAA-MM-JJ or longer ISO); undefined without a reference date, and then such feeds hold every deadline.
 */
export function gatheredFeedStart(referenceDate: string | undefined): string | undefined {
  return referenceDate === undefined ? undefined : addMonths(referenceDate.slice(0, 10), -GATHERED_FEED_MONTHS_BACK);
}

/** The deadlines on or after `start` (all of them when `start` is undefined). */
export function deadlinesFrom(deadlines: readonly Deadline[], start: string | undefined): Deadline[] {
  return start === undefined ? [...deadlines] : deadlines.filter((d) => d.date >= start);
}

/** A deadline's UID: « rncp39853-fin-enregistrement@certidocs ». */
function deadlineUid(deadline: Pick<Deadline, 'record' | 'kind'>): string {
  return `${deadline.record.id.toLowerCase()}-${deadline.kind}@${UID_DOMAIN}`;
}

/** An event's title: « Fin d'enregistrement : RNCP39853 Expert en relations et coopérations internationales ». */
function deadlineSummary(deadline: Deadline): string {
  return icalText(typeset(`${DEADLINE_LABELS[deadline.kind]} : ${deadline.record.id} ${deadline.record.title}`));
}

/** What an event says, one fact a line, ending with the record's page. */
function deadlineDescription(deadline: Deadline, page: string): string {
  const { record } = deadline;
  const named = `${record.id} « ${record.title} »`;
  const what =
    deadline.kind === 'fin-enregistrement'
      ? `Dernier jour de l'enregistrement de la certification ${named} au ${REGISTRY_NAMES[record.registry]}.`
      : `Dernier jour pour délivrer la certification ${named}.`;
  const names = [...new Set(record.certifiers.map((c) => c.name))];
  const certifiers = names.length === 0 ? [] : [`${names.length > 1 ? 'Certificateurs' : 'Certificateur'} : ${names.join(' ; ')}.`];
  return icalText(typeset([what, ...certifiers, `Fiche : ${page}`].join('\n')));
}

/**
 * The iCalendar text of a feed: one all-day, transparent event per deadline, in date order, then by
 * record and deadline, so that the same facts always give the same bytes.
 */
export function calendarText(header: CalendarHeader, deadlines: readonly Deadline[], context: CalendarContext): string {
  const calendar = ical({
    prodId: { company: 'certidocs', product: 'calendriers', language: 'FR' },
    // ical-generator writes the calendar's name and description as given: escaped here, as TEXT values must be.
    name: escape(icalText(header.name), false),
    description: escape(icalText(header.description), false),
    source: header.self,
    url: header.page ?? null,
    // The registry is imported every day: clients may refresh daily.
    ttl: 24 * 60 * 60,
  });
  for (const deadline of [...deadlines].sort(byDateThenRecord)) {
    const page = context.pageOf(deadline.record);
    calendar.createEvent({
      id: deadlineUid(deadline),
      stamp: context.stamp,
      // A date without time: the event is the whole day, wherever the reader is (DTSTART;VALUE=DATE, one day long).
      allDay: true,
      start: deadline.date,
      summary: deadlineSummary(deadline),
      description: deadlineDescription(deadline, page),
      url: page,
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  // The library ends the last line without its CRLF; RFC 5545 ends every content line with one.
  return `${calendar.toString()}\r\n`;
}

function byDateThenRecord(a: Deadline, b: Deadline): number {
  return a.date.localeCompare(b.date) || compareIds(a.record.id, b.record.id) || a.kind.localeCompare(b.kind);
}

/** TEXT values may not hold control characters other than tab and line breaks (RFC 5545, 3.3.11): they are dropped. */
function icalText(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}
