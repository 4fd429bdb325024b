/**
 * The calendars (.ics) and status badges (.svg) of real builds, checked against content/'s YAML read
 * here with `yaml`, the calendars parsed with ical.js and the badges with fast-xml-parser: the shared
 * build (a copy without git, so without a reference date) and a build of a git commit with a fixed date,
 * under a base path, where statuses and the span of the gathered feeds come into play.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { validityOf } from '../src/core/registry/validity.ts';
import type { ValidityStatus } from '../src/core/registry/validity.ts';
import { build, copyProject, removeProject } from './helpers/astro-project.ts';
import { parseCalendar, physicalLines } from './helpers/calendars.ts';
import type { ParsedCalendar } from './helpers/calendars.ts';

type Data = Record<string, any>;

/** An RNCP or RS record as its YAML gives it. */
interface Bundled {
  id: string;
  title: string;
  /** Its page, relative to the site's root: "certifications/rncp39853/". */
  page: string;
  etatFiche: string | undefined;
  endDate: string | undefined;
  lastAwardDate: string | undefined;
  sirets: string[];
  nsf: string[];
}

/** A deadline as a calendar must hold it. */
interface Expected {
  uid: string;
  date: string;
  record: Bundled;
  label: string;
}

/** What a build was made from: its folders, its public address with the base path, and its commit date. */
interface Built {
  root: string;
  dist: string;
  /** "https://certidocs.example.org/" or "https://exemple.github.io/certidocs/". */
  site: string;
  /** The calendars' stamp, whose day is the reference date; null for a build with no date at all. */
  dated: string | null;
}

/** The DTSTAMP src/site/calendars.ts documents for builds without a commit to date them. */
const UNDATED_STAMP = '1970-01-01T00:00:00.000Z';
const FOLDERS = [
  { folder: 'certifications', segment: 'certifications' },
  { folder: 'rs', segment: 'rs' },
];

function bundledRecords(root: string): Bundled[] {
  return FOLDERS.flatMap(({ folder, segment }) =>
    readdirSync(join(root, 'content', folder))
      .filter((name) => name.endsWith('.yaml'))
      .sort()
      .map((name) => {
        const data = parse(readFileSync(join(root, 'content', folder, name), 'utf8')) as Data;
        return {
          id: data.numero_fiche as string,
          title: data.intitule as string,
          page: `${segment}/${name.slice(0, -'.yaml'.length)}/`,
          etatFiche: data.etat_fiche as string | undefined,
          endDate: data.enregistrement?.date_fin as string | undefined,
          lastAwardDate: data.enregistrement?.date_limite_delivrance as string | undefined,
          sirets: ((data.certificateurs ?? []) as Data[]).flatMap((c) => (c.siret ? [c.siret as string] : [])),
          nsf: ((data.codes_nsf ?? []) as Data[]).map((t) => (t.code as string).toLowerCase()),
        };
      }),
  );
}

function deadlines(record: Bundled): Expected[] {
  const uid = (kind: string) => `${record.id.toLowerCase()}-${kind}@certidocs`;
  return [
    ...(record.endDate ? [{ uid: uid('fin-enregistrement'), date: record.endDate, record, label: "Fin d'enregistrement" }] : []),
    ...(record.lastAwardDate
      ? [{ uid: uid('limite-delivrance'), date: record.lastAwardDate, record, label: 'Date limite de délivrance' }]
      : []),
  ];
}

/** The same day a year earlier (28 February for a 29th): where feeds of several records start. */
function yearBefore(date: string): string {
  const [year, month, day] = date.split('-');
  return `${Number(year) - 1}-${month}-${month === '02' && day === '29' ? '28' : day}`;
}

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const shortDate = (iso: string) => iso.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3/$2/$1');

function builtFrom(root: string, site: string): Built {
  const dist = join(root, 'dist');
  const build = JSON.parse(readFileSync(join(dist, 'build.json'), 'utf8')) as { commit_date: string | null; reference_date: string | null };
  // The day statuses and windows are computed at, and the calendars' stamp: SOURCE_DATE_EPOCH's midnight, else the commit's date.
  const stamp = build.commit_date ?? (build.reference_date ? `${build.reference_date}T00:00:00Z` : null);
  return { root, dist, site, dated: stamp };
}

function icsFiles(dist: string, folder: string): string[] {
  const path = join(dist, 'calendriers', folder);
  return existsSync(path) ? readdirSync(path).filter((name) => name.endsWith('.ics')) : [];
}

function readCalendar(built: Built, file: string): ParsedCalendar {
  return parseCalendar(readFileSync(join(built.dist, 'calendriers', file), 'utf8'));
}

/** The calendars a build must hold, from the YAML alone. */
function expectedCalendars(built: Built) {
  const records = bundledRecords(built.root);
  const start = built.dated ? yearBefore(built.dated.slice(0, 10)) : undefined;
  const inSpan = (d: Expected) => start === undefined || d.date >= start;
  const gather = (key: (r: Bundled) => string[]) => {
    const byKey = new Map<string, Expected[]>();
    for (const record of records) {
      for (const value of new Set(key(record))) byKey.set(value, [...(byKey.get(value) ?? []), ...deadlines(record).filter(inSpan)]);
    }
    return new Map([...byKey].filter(([, list]) => list.length > 0));
  };
  return {
    records,
    start,
    registry: records.flatMap(deadlines).filter(inSpan),
    certifiers: gather((r) => r.sirets),
    nsf: gather((r) => r.nsf),
  };
}

/** Each event of a calendar against the deadline of the same UID: date, all day, title, page, stamp. */
function expectEvents(built: Built, file: string, expected: readonly Expected[]): void {
  const { events } = readCalendar(built, file);
  expect(events.map((e) => e.uid).sort(), file).toEqual(expected.map((d) => d.uid).sort());
  const stamp = built.dated === null ? UNDATED_STAMP : new Date(built.dated).toISOString();
  for (const event of events) {
    const deadline = expected.find((d) => d.uid === event.uid) as Expected;
    const page = `${built.site}${deadline.record.page}`;
    expect(event, `${file} ${event.uid}`).toMatchObject({ start: deadline.date, allDay: true, url: page, stamp });
    expect(plain(event.summary), `${file} ${event.uid}`).toBe(`${deadline.label} : ${deadline.record.id} ${deadline.record.title}`);
    expect(plain(event.description).split('\n').at(-1), `${file} ${event.uid}`).toBe(`Fiche : ${page}`);
  }
}

/** The badge text of a record at a reference date, written from the statuses' definitions. */
function expectedBadgeText(record: Bundled, reference: string | undefined): { status: ValidityStatus | undefined; text: string } {
  const { status } = reference
    ? validityOf({ etatFiche: record.etatFiche, endDate: record.endDate, lastAwardDate: record.lastAwardDate }, reference)
    : { status: undefined };
  const until = record.endDate ? ` jusqu'au ${shortDate(record.endDate)}` : '';
  const messages: Record<ValidityStatus, string> = {
    enregistree: `enregistrée${until}`,
    'fin-proche': `enregistrée${until}, fin proche`,
    'a-valider': `modifications à valider, enregistrée${until}`,
    terminee: `enregistrement terminé le ${shortDate(record.endDate ?? '')}`,
    retiree: 'retirée du répertoire',
  };
  return { status, text: `${record.id} · ${status ? messages[status] : 'statut inconnu'}` };
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', preserveOrder: false });

/**
 * Whether a record has a badge, restated from what the record page and /donnees/ promise: while it is
 * registered, then for a year after its registration ended; every record when the build has no date.
 */
function hasBadge(record: Bundled, reference: string | undefined): boolean {
  const { status } = expectedBadgeText(record, reference);
  if (reference === undefined || (status !== 'terminee' && status !== 'retiree')) return true;
  return record.endDate !== undefined && record.endDate >= yearBefore(reference);
}

/** Checks every badge of a build and returns each published one's status and ground colour. */
function checkBadges(built: Built): { id: string; status: ValidityStatus | undefined; fill: string }[] {
  const reference = built.dated?.slice(0, 10);
  const all = bundledRecords(built.root);
  const records = all.filter((record) => hasBadge(record, reference));
  expect(readdirSync(join(built.dist, 'badges')).sort()).toEqual(records.map((r) => `${r.id.toLowerCase()}.svg`).sort());
  // The pages and the catalogue offer a badge exactly where there is one.
  const catalogue = JSON.parse(readFileSync(join(built.dist, 'api/v1/index.json'), 'utf8')) as { records: Data[] };
  for (const record of all) {
    const page = readFileSync(join(built.dist, record.page, 'index.html'), 'utf8');
    const badge = `${new URL(built.site).pathname}badges/${record.id.toLowerCase()}.svg`;
    expect(page.includes('id="badge-statut"'), record.id).toBe(records.includes(record));
    expect(catalogue.records.find((r) => r.id === record.id.toLowerCase())?.badge, record.id).toBe(
      records.includes(record) ? badge : undefined,
    );
  }
  return records.map((record) => {
    const file = `badges/${record.id.toLowerCase()}.svg`;
    const text = readFileSync(join(built.dist, file), 'utf8');
    expect(XMLValidator.validate(text), file).toBe(true);
    expect(text, file).not.toMatch(/<script|<foreignObject|\son[a-z]+=|href=|url\(|@import|<style/i);
    expect(text.replace('xmlns="http://www.w3.org/2000/svg"', ''), file).not.toMatch(/https?:/);
    const svg = (xml.parse(text) as Data).svg as Data;
    const expected = expectedBadgeText(record, reference);
    const decoded = (value: string) => value.replace(/&apos;/g, "'");
    expect(svg['@role'], file).toBe('img');
    expect(decoded(svg['@aria-label'] as string), file).toBe(expected.text);
    expect(decoded(svg.title as string), file).toBe(expected.text);
    const rects = svg.rect as Data[];
    return { id: record.id, status: expected.status, fill: rects[0]?.['@fill'] as string };
  });
}

function checkCalendars(built: Built): ReturnType<typeof expectedCalendars> {
  const expected = expectedCalendars(built);
  // Every calendar file parses, ends its lines with CRLF and folds them at 75 octets.
  // None per record: the record's page and its certifiers' calendars give its dates.
  expect(existsSync(join(built.dist, 'calendriers/fiches'))).toBe(false);
  for (const folder of ['', 'certificateurs', 'nsf']) {
    for (const name of icsFiles(built.dist, folder)) {
      const file = join(built.dist, 'calendriers', folder, name);
      const text = readFileSync(file, 'utf8');
      for (const line of physicalLines(text)) expect(Buffer.byteLength(line), `${file}: ${line}`).toBeLessThanOrEqual(75);
      expect(() => parseCalendar(text), file).not.toThrow();
    }
  }

  expect(readCalendar(built, 'registre.ics').properties.get('source')).toBe(`${built.site}calendriers/registre.ics`);
  expect(icsFiles(built.dist, 'certificateurs').sort()).toEqual([...expected.certifiers.keys()].map((s) => `${s}.ics`).sort());
  for (const [siret, list] of expected.certifiers) expectEvents(built, `certificateurs/${siret}.ics`, list);

  expect(icsFiles(built.dist, 'nsf').sort()).toEqual([...expected.nsf.keys()].map((c) => `${c}.ics`).sort());
  for (const [code, list] of expected.nsf) expectEvents(built, `nsf/${code}.ics`, list);

  expectEvents(built, 'registre.ics', expected.registry);
  return expected;
}

describe('calendars and badges of the shared build (no git, dated by SOURCE_DATE_EPOCH)', () => {
  let built: Built;
  beforeAll(() => {
    const dist = inject('siteDist');
    const site = new URL('/', readFileSync(join(dist, 'sitemap-0.xml'), 'utf8').match(/<loc>([^<]+)<\/loc>/)?.[1]).href;
    built = builtFrom(dirname(dist), site);
  });

  it('was built at a fixed date: events carry its stamp, gathered feeds start a year before it', () => {
    expect(built.dated).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
    const expected = checkCalendars(built);
    expect(expected.start).toBe(yearBefore((built.dated ?? '').slice(0, 10)));
    expect(expected.registry.length).toBeLessThan(expected.records.flatMap(deadlines).length);
  });

  it('has a calendar for the certifiers and NSF codes of the bundled records', () => {
    const expected = expectedCalendars(built);
    expect(expected.records).toHaveLength(14);
    expect(expected.certifiers.size).toBeGreaterThan(5);
    expect(expected.nsf.size).toBeGreaterThan(5);
  });

  it('has the badge of each record registered or ended within a year, with its status at the fixed date', () => {
    const badges = checkBadges(built);
    // At 2026-11-15, 8 of the 14 are registered; RNCP34762 and RS5000 ended in 2024, more than a year before.
    expect(badges.length).toBeGreaterThanOrEqual(8);
    expect(badges.length).toBeLessThan(14);
    expect(badges.map((b) => b.id)).not.toContain('RS5000');
    expect(new Set(badges.map((b) => b.status)).size).toBeGreaterThanOrEqual(3);
  });
});

describe('calendars and badges of a build from a commit of 1 December 2026, under /certidocs/', () => {
  let root: string;
  let built: Built;
  beforeAll(() => {
    root = copyProject();
    writeFileSync(join(root, '.gitignore'), 'node_modules\ndist\n.cache\n.astro\n');
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^GIT_/.test(name)));
    const dated = {
      ...env,
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.invalid',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.invalid',
      GIT_AUTHOR_DATE: '2026-12-01T12:00:00+01:00',
      GIT_COMMITTER_DATE: '2026-12-01T12:00:00+01:00',
    };
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, env: dated, stdio: 'pipe' });
    git('init', '--quiet', '--initial-branch=main');
    git('add', '--all', '.');
    git('commit', '--quiet', '--no-verify', '--no-gpg-sign', '--message', 'Fiches de test');
    const result = build(root, { BASE_PATH: '/certidocs/', SITE_URL: 'https://exemple.github.io' });
    if (result.status !== 0) throw new Error(result.output);
    built = builtFrom(root, 'https://exemple.github.io/certidocs/');
  }, 180_000);
  afterAll(() => removeProject(root));

  it('stamps events with the commit date and starts gathered feeds a year before it', () => {
    expect(built.dated).toBe('2026-12-01T12:00:00+01:00');
    const expected = checkCalendars(built);
    expect(expected.start).toBe('2025-12-01');
    // The span does leave out bundled deadlines (RNCP34762 and RS5000 ended in 2024), from the registry and from NSF codes.
    const all = expected.records.flatMap(deadlines);
    expect(expected.registry.length).toBeLessThan(all.length);
    expect(all.filter((d) => d.date < '2025-12-01').map((d) => d.record.id)).toEqual(expect.arrayContaining(['RNCP34762', 'RS5000']));
    expect(readCalendar(built, 'registre.ics').properties.get('url')).toBe('https://exemple.github.io/certidocs/certifications/');
  });

  it('gives each badge the status validityOf computes at the commit date, one ground colour per status', () => {
    const badges = checkBadges(built);
    const statuses = new Set(badges.map((b) => b.status));
    expect(statuses.size).toBeGreaterThanOrEqual(3);
    const fills = new Map<ValidityStatus | undefined, Set<string>>();
    for (const badge of badges) fills.set(badge.status, (fills.get(badge.status) ?? new Set()).add(badge.fill));
    for (const [status, colours] of fills) expect(colours.size, String(status)).toBe(1);
    expect(new Set([...fills.values()].map((c) => [...c][0])).size).toBe(fills.size);
  });
});
