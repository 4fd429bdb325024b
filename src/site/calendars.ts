/**
 * The site's calendars of deadlines (core/registry/calendar.ts), gathered once per build from the
 * registry: one of the whole registry, one per certifier (by SIRET) and one per NSF code. None per
 * record: at registry scale that was 30,000 files, a third of what a static host takes for the whole
 * site, for two dates each that the record's page gives and its certifiers' calendars hold.
 *
 * Each holds the deadlines from GATHERED_FEED_MONTHS_BACK months before the build's commit date onward,
 * so that they follow the current registry (without a commit date, every deadline). A calendar of a
 * certifier or code is written only when it holds an event (RFC 5545 wants a calendar to hold at least
 * one component); the registry's is always written.
 */
import { deadlinesFrom, deadlinesOf, gatheredFeedStart, calendarText } from '../core/registry/calendar.ts';
import type { Deadline } from '../core/registry/calendar.ts';
import { REGISTRY_KINDS } from '../core/registry/registry-facts.ts';
import type { RegistryFacts } from '../core/registry/registry-facts.ts';
import { formatDate, typeset } from '../core/text/french.ts';
import { buildTimestamp } from './build-facts.ts';
import { facetPath, registryView } from './registry.ts';
import { certifierCalendarPath, certifierPath, listPath, nsfCalendarPath, recordPath, registryCalendarPath } from './urls.ts';

/**
 * DTSTAMP of every event when the build has no date (a source archive without .git, no SOURCE_DATE_EPOCH): a
 * fixed date rather than the clock, so that such builds are reproducible too.
 */
const UNDATED_STAMP = '1970-01-01T00:00:00Z';

export interface CalendarFeed {
  /** The calendar's address (with the base path). */
  path: string;
  /** What a link to it says: « Domaine NSF 326t Informatique… ». */
  label: string;
  /** Its name in calendar applications. */
  name: string;
  description: string;
  /** The page of the site it is about, when there is one (with the base path). */
  page: string | undefined;
  deadlines: Deadline[];
}

export interface CalendarFeeds {
  registry: CalendarFeed;
  /** By SIRET. */
  certifiers: Map<string, CalendarFeed>;
  /** By NSF code in lower case, as in addresses. */
  nsf: Map<string, CalendarFeed>;
  /** DTSTAMP of every event: the build's timestamp (build-facts.ts), the commit's date by default. */
  stamp: string;
}

let shared: Promise<CalendarFeeds> | undefined;

/** Every calendar of this build; in `astro dev`, gathered again each time, as the registry is. */
export function calendarFeeds(): Promise<CalendarFeeds> {
  if (import.meta.env.DEV || !shared) shared = gatherFeeds();
  return shared;
}

async function gatherFeeds(): Promise<CalendarFeeds> {
  const { facts, index, facets, reference } = await registryView();
  const start = gatheredFeedStart(reference);
  const since = start === undefined ? '' : ` à partir du ${formatDate(start)}`;
  const own = new Map(facts.map((f) => [f.id, deadlinesOf(f)]));
  const gathered = (ids: readonly string[]) =>
    deadlinesFrom(
      ids.flatMap((id) => own.get(id) ?? []),
      start,
    );

  const certifiers = new Map<string, CalendarFeed>();
  for (const certifier of index.certifiers()) {
    const deadlines = gathered(certifier.records);
    if (deadlines.length === 0) continue;
    certifiers.set(certifier.siret, {
      path: certifierCalendarPath(certifier.siret),
      label: typeset(`Certificateur ${certifier.name}`),
      name: typeset(`certidocs · Échéances des certifications de ${certifier.name}`),
      description: typeset(
        `Fins d'enregistrement et dates limites de délivrance des certifications de ${certifier.name} (SIRET ${certifier.siret})${since}.`,
      ),
      page: certifierPath(certifier.siret),
      deadlines,
    });
  }

  const nsf = new Map<string, CalendarFeed>();
  for (const { value, records: summaries } of facets.get('nsf') ?? []) {
    const deadlines = gathered(summaries.map((s) => s.numero));
    if (deadlines.length === 0) continue;
    nsf.set(value.slug, {
      path: nsfCalendarPath(value.slug),
      label: typeset(`Domaine NSF ${value.label}`),
      name: typeset(`certidocs · Échéances du domaine NSF ${value.label}`),
      description: typeset(
        `Fins d'enregistrement et dates limites de délivrance des certifications du domaine NSF ${value.label}${since}.`,
      ),
      page: facetPath('nsf', value.slug),
      deadlines,
    });
  }

  const registry: CalendarFeed = {
    path: registryCalendarPath(),
    label: 'Toutes les certifications du RNCP et du Répertoire spécifique',
    name: 'certidocs · Échéances du RNCP et du Répertoire spécifique',
    description: typeset(`Fins d'enregistrement et dates limites de délivrance des certifications publiées sur certidocs${since}.`),
    page: listPath('certification'),
    deadlines: gathered(facts.map((f) => f.id)),
  };
  return { registry, certifiers, nsf, stamp: buildTimestamp() ?? UNDATED_STAMP };
}

/** The HTTP response of one calendar; `site` (Astro's `site` setting) makes its addresses absolute. */
export function calendarResponse(feed: CalendarFeed, stamp: string, site: URL | undefined): Response {
  const absolute = (path: string) => new URL(path, site).href;
  const text = calendarText(
    { name: feed.name, description: feed.description, self: absolute(feed.path), page: feed.page && absolute(feed.page) },
    feed.deadlines,
    { stamp, pageOf: (record) => absolute(recordPath(REGISTRY_KINDS[record.registry], record.id)) },
  );
  return new Response(text, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
}

/** The calendars that concern a record, those that exist: its certifiers', its NSF codes', the registry's. */
export async function calendarsOf(record: RegistryFacts): Promise<CalendarFeed[]> {
  const feeds = await calendarFeeds();
  const sirets = [...new Set(record.certifiers.flatMap((c) => (c.siret ? [c.siret] : [])))];
  const codes = [...new Set(record.nsf.map((t) => t.code.toLowerCase()))];
  return [...sirets.map((siret) => feeds.certifiers.get(siret)), ...codes.map((code) => feeds.nsf.get(code)), feeds.registry].filter(
    (feed): feed is CalendarFeed => feed !== undefined,
  );
}
