/**
 * The search index in bundles (src/core/search/search-bundles.ts), as the whole registry has it: the
 * shared build's index, written again in bundles of a few pages into a copy of the site. The search page
 * merges every bundle: it finds what one index finds, with the same filter counts. Ranking is left to
 * search.test.ts, on one bundle: bundles of a dozen pages are too small a sample of the site for their
 * scores to compare (at 5,000 pages a bundle, they do).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, inject, test } from 'vitest';
import { planSearchBundles } from '../../src/core/search/search-bundles.ts';
import { writeSearchIndex } from '../../src/core/search/search-index.ts';
import { listIndexedPages } from '../../src/core/search/search-scope.ts';
import { SEARCH_PATH, serveDirectory } from '../helpers/built-site.ts';
import { describeInBrowser, NO_PROBLEMS } from '../helpers/browser.ts';
import { ALL_BUNDLES, expectedFilters, markStaticLinks, QUERIES, results } from '../helpers/search-results.ts';

/** Pages per bundle: the shared build's 50-odd indexed pages make five bundles. */
const BUNDLE_PAGES = 12;

const copy = mkdtempSync(join(tmpdir(), 'certidocs-bundles-'));
cpSync(inject('siteDist'), copy, { recursive: true });
const written = await writeSearchIndex(copy, BUNDLE_PAGES);
const server = await serveDirectory(copy);
afterAll(async () => {
  await server.close();
  rmSync(copy, { recursive: true, force: true });
});

/** The bundle each indexed page is in, by its address: `/rome/k1704/` → `pagefind/parts/3`. */
const bundleOf = new Map<string, string>(
  planSearchBundles(listIndexedPages(copy), BUNDLE_PAGES).flatMap((bundle) =>
    bundle.pages.map((page) => [`/${page.replace(/index\.html$/, '')}`, bundle.dir] as const),
  ),
);
const { merge } = JSON.parse(readFileSync(join(copy, 'pagefind/bundles.json'), 'utf8')) as { merge: string[] };

describeInBrowser('search across bundles', server.url, ({ tabs }) => {
  test('the search page loads every bundle, and the expected pages are spread over several', async () => {
    expect(written.bundles).toBeGreaterThanOrEqual(4);
    expect(merge).toHaveLength(written.bundles - 1);
    const expectedBundles = new Set(QUERIES.map(({ expected }) => bundleOf.get(expected)));
    expect(expectedBundles.has(undefined)).toBe(false);
    expect(expectedBundles.size).toBeGreaterThanOrEqual(3);
    const visit = await tabs.open(`${SEARCH_PATH}?q=${encodeURIComponent('certification')}`, { width: 1280, colorScheme: 'light' });
    try {
      await results(visit.page);
      const entries = () => visit.requests.map((r) => new URL(r.url).pathname).filter((path) => path.endsWith('/pagefind-entry.json'));
      await expect
        .poll(() => entries().toSorted(), { timeout: 10_000 })
        .toEqual(['/pagefind/pagefind-entry.json', ...merge.map((part) => `/pagefind/${part}pagefind-entry.json`)].toSorted());
      expect(visit.problems(), 'load problems').toEqual(NO_PROBLEMS);
    } finally {
      await visit.close();
    }
  });

  for (const { query, expected } of QUERIES) {
    test(`« ${query} » finds ${expected}, whichever bundle holds it`, async () => {
      const visit = await tabs.open(`${SEARCH_PATH}?q=${encodeURIComponent(query)}`, {
        width: 1280,
        colorScheme: 'light',
        beforeGoto: markStaticLinks,
      });
      try {
        expect(await results(visit.page), `results for « ${query} »`).toContain(expected);
        expect(visit.problems(), 'load problems').toEqual(NO_PROBLEMS);
      } finally {
        await visit.close();
      }
    });
  }

  test('the merged filters count every page of every bundle, as one index does', async () => {
    const visit = await tabs.open(SEARCH_PATH, { width: 1280, colorScheme: 'light' });
    try {
      // Before merging, the first bundle alone holds a fifth of them.
      const alone = (await visit.page.evaluate("import('/pagefind/pagefind.js').then((pagefind) => pagefind.filters())")) as Record<
        string,
        Record<string, number>
      >;
      expect(Object.values(alone['Type de fiche'] ?? {}).reduce((a, b) => a + b, 0)).toBeLessThan(BUNDLE_PAGES + 1);
      expect(await visit.page.evaluate(`${ALL_BUNDLES}.then((pagefind) => pagefind.filters())`)).toEqual(expectedFilters());
    } finally {
      await visit.close();
    }
  });
});
