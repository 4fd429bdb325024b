/**
 * Atom 1.0 feeds (RFC 4287) of the records' changes, and the addresses of the history pages and
 * feeds. Builds text only: no git, no file access, no clock.
 */
import { recordChangeLines } from '../core/diff/diff-format.ts';
import { changeSummary } from '../core/history/history.ts';
import type { HistoryEntry } from '../core/history/history.ts';
import { KIND_INFO } from '../core/kinds/record-kinds.ts';
import type { RecordKind } from '../core/kinds/record-kinds.ts';
import { typeset } from '../core/text/french.ts';
import { escapeXml } from '../core/text/xml.ts';
import { withBase } from './urls.ts';

/** The site-wide list of changes: "/historique/". */
export const CHANGES_PATH = withBase('historique/');

/** How many changes the site-wide page and feed list. */
export const LATEST_CHANGES = 50;

/** The site-wide feed of changes: "/historique/atom.xml". */
export const CHANGES_FEED_PATH = withBase('historique/atom.xml');

/** A record's history page: "/rome/k1704/historique/". */
export function historyPath(kind: RecordKind, id: string): string {
  return withBase(`${KIND_INFO[kind].urlSegment}/${id.toLowerCase()}/historique/`);
}

/** A record's feed of changes: "/historique/rome/k1704.xml". */
export function historyFeedPath(kind: RecordKind, id: string): string {
  return withBase(`historique/${KIND_INFO[kind].urlSegment}/${id.toLowerCase()}.xml`);
}

/**
 * Where a record's changes are told: its history page when it has one (build-facts' hasOwnHistory), else its
 * own page, since its only commit is the one that added it.
 */
export function changesPagePath(record: { kind: RecordKind; id: string; page: string }, ownHistory: boolean): string {
  return ownHistory ? historyPath(record.kind, record.id) : record.page;
}

/** The id of a commit's section on a record's history page. */
export function commitAnchor(commit: string): string {
  return `commit-${commit}`;
}

export interface AtomEntry {
  /** A permanent, unique IRI: the history page's URL and the commit's anchor. */
  id: string;
  title: string;
  /** RFC 3339 date. */
  updated: string;
  author: string;
  /** Absolute URL of the entry's page. */
  link: string;
  /** Plain text, one line per change. */
  content: string;
}

export interface AtomFeed {
  /** The feed's own absolute URL, which is also its id. */
  self: string;
  title: string;
  /** Absolute URL of the page the feed follows. */
  alternate: string;
  /** RFC 3339 date of the newest change. */
  updated: string;
  entries: AtomEntry[];
}

/** An Atom 1.0 document, in French, entries in the given order. */
export function atomFeed(feed: AtomFeed): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">',
    `  <id>${escapeXml(feed.self)}</id>`,
    `  <title>${escapeXml(feed.title)}</title>`,
    `  <updated>${escapeXml(feed.updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(feed.alternate)}"/>`,
    '  <generator>certidocs</generator>',
  ];
  for (const entry of feed.entries) {
    lines.push(
      '  <entry>',
      `    <id>${escapeXml(entry.id)}</id>`,
      `    <title>${escapeXml(entry.title)}</title>`,
      `    <updated>${escapeXml(entry.updated)}</updated>`,
      `    <author><name>${escapeXml(entry.author)}</name></author>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(entry.link)}"/>`,
      `    <content type="text">${escapeXml(entry.content)}</content>`,
      '  </entry>',
    );
  }
  lines.push('</feed>');
  return `${lines.join('\n')}\n`;
}

/** The date a feed was last updated: its newest entry's, or `fallback` (the built commit's) when it has none. */
export function feedUpdated(entries: readonly AtomEntry[], fallback: string | undefined): string {
  const newest = entries.reduce<string | undefined>(
    (best, entry) => (best === undefined || Date.parse(entry.updated) > Date.parse(best) ? entry.updated : best),
    undefined,
  );
  const updated = newest ?? fallback;
  if (updated === undefined) throw new Error('an Atom feed needs a date: no change and no commit to date it');
  return updated;
}

/**
 * The feed entry of one commit to one record, pointing at its section of the record's history page
 * (`historyPage`, absolute). `recordId` prefixes the title in site-wide feeds.
 */
export function historyAtomEntry(entry: HistoryEntry, historyPage: string, recordId?: string): AtomEntry {
  const link = `${historyPage}#${commitAnchor(entry.commit)}`;
  const summary = changeSummary(entry.changes);
  const details = entry.changes === undefined ? [] : recordChangeLines(entry.changes);
  return {
    id: link,
    title: typeset(recordId === undefined ? entry.message : `${recordId} : ${entry.message}`),
    updated: entry.date,
    author: entry.author,
    link,
    content: typeset([`${summary.charAt(0).toUpperCase()}${summary.slice(1)}.`, ...details].join('\n')),
  };
}

/** The feed of one record's history (`history` newest first); `builtAt` dates it when the record has no commit yet. */
export function recordFeed(
  site: URL | undefined,
  kind: RecordKind,
  id: string,
  title: string,
  history: readonly HistoryEntry[],
  builtAt: string | undefined,
): AtomFeed {
  const page = new URL(historyPath(kind, id), site).href;
  const entries = history.map((entry) => historyAtomEntry(entry, page));
  return {
    self: new URL(historyFeedPath(kind, id), site).href,
    title: typeset(`Historique de ${id} « ${title} » · certidocs`),
    alternate: page,
    updated: feedUpdated(entries, builtAt),
    entries,
  };
}

/**
 * The site-wide feed: the latest changes across records (newest first), each pointing at the page that tells
 * its record's changes (`pageOf`, with the base path: changesPagePath).
 */
export function changesFeed<R extends { id: string }>(
  site: URL | undefined,
  changes: readonly { record: R; entry: HistoryEntry }[],
  pageOf: (record: R) => string,
  builtAt: string | undefined,
): AtomFeed {
  const entries = changes.map(({ record, entry }) => historyAtomEntry(entry, new URL(pageOf(record), site).href, record.id));
  return {
    self: new URL(CHANGES_FEED_PATH, site).href,
    title: 'Dernières modifications des fiches · certidocs',
    alternate: new URL(CHANGES_PATH, site).href,
    updated: feedUpdated(entries, builtAt),
    entries,
  };
}

/** The HTTP response of a feed. */
export function atomResponse(feed: AtomFeed): Response {
  return new Response(atomFeed(feed), { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
}
