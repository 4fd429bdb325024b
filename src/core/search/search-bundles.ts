/**
 * The search index in bundles. Pagefind holds every page it indexes in memory until it writes the
 * index (about 0.4 MB a record page), so the whole registry in one run peaks at 10 GB. The pages are
 * instead indexed in bundles of at most a few thousand pages, one Pagefind run each, and the search
 * page merges them in the browser (Pagefind's `mergeIndex`), results and filter counts alike.
 *
 * The first bundle is `pagefind/`, the one the search page loads Pagefind's interface from; the
 * others are `pagefind/parts/<n>/`, listed in `pagefind/bundles.json` for the search page.
 */

import { SEARCH_BUNDLE_PAGES } from '../size-settings.ts';

/** Where the search index goes in the site. */
export const SEARCH_DIR = 'pagefind';

/** The list of the bundles to merge into the first one, relative to SEARCH_DIR: `{ "merge": ["parts/1/", …] }`. */
export const BUNDLE_LIST = 'bundles.json';

/**
 * Pages per bundle: 5,000 keeps one run under 2 GB, and a search at registry scale reads six or seven
 * bundles' metadata and word chunks, each a few kilobytes to a few hundred.
 */
export const DEFAULT_BUNDLE_PAGES = SEARCH_BUNDLE_PAGES.fallback;

/** One Pagefind run: the pages it indexes and the folder of the site it writes to. */
export interface SearchBundle {
  /** Relative to the site, without a trailing slash: `pagefind`, `pagefind/parts/1`. */
  dir: string;
  /** Paths relative to the site. */
  pages: string[];
}

/**
 * Deals the pages into as few bundles as hold at most `maxPages` each, like cards: the pages in the
 * order of their paths with numbers compared as numbers, the first to the first bundle, the second to
 * the second, and so on round. Each bundle is then a sample of the whole site (certifiers, RNCP and RS
 * records, ROME sheets in the same shares), so that its word statistics and average page length, which
 * Pagefind's scores depend on, are those of the site: a result ranks the same whichever bundle holds it.
 */
export function planSearchBundles(pages: readonly string[], maxPages: number): SearchBundle[] {
  if (!Number.isInteger(maxPages) || maxPages < 1) throw new RangeError(`pages per bundle must be a positive integer, not ${maxPages}`);
  const sorted = [...pages].sort(comparePaths);
  const count = Math.max(1, Math.ceil(sorted.length / maxPages));
  return Array.from({ length: count }, (_, n) => ({
    dir: n === 0 ? SEARCH_DIR : `${SEARCH_DIR}/parts/${n}`,
    pages: sorted.filter((_page, i) => i % count === n),
  }));
}

/** The list the search page reads: every bundle but the first, relative to SEARCH_DIR, with a trailing slash. */
export function bundleList(bundles: readonly SearchBundle[]): { merge: string[] } {
  return { merge: bundles.slice(1).map((bundle) => `${bundle.dir.slice(SEARCH_DIR.length + 1)}/`) };
}

/** A Pagefind (wax) glob that matches exactly these paths: their alternatives, each metacharacter escaped. */
export function globOfPaths(paths: readonly string[]): string {
  return `{${paths.map((path) => path.replace(/[\\{}[\]*?<>:,!()]/g, (c) => `\\${c}`)).join(',')}}`;
}

const NUMERIC = new Intl.Collator('en', { numeric: true });

function comparePaths(a: string, b: string): number {
  return NUMERIC.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
