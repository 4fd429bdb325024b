/**
 * Site search (Pagefind, French index built into dist/pagefind/ by `astro build`), in headless
 * Chromium: before the reader searches, no page loads any script (the search page only its own,
 * never Pagefind); `/recherche/?q=…` then finds the right page, accents or not; the search box in
 * the header leads there.
 */
import { expect, inject, test } from 'vitest';
import { SEARCH_PATH, sitemapPaths } from '../helpers/built-site.ts';
import { browserSample, describeInBrowser, NO_PROBLEMS } from '../helpers/browser.ts';
import { ALL_BUNDLES, expectedFilters, markStaticLinks, QUERIES, results } from '../helpers/search-results.ts';

const siteUrl = inject('siteUrl');
const paths = sitemapPaths(inject('siteDist'));

describeInBrowser('search', siteUrl, ({ tabs }) => {
  test('before any search: no page loads a script, and the search page does not load Pagefind', async () => {
    const loaded: string[] = [];
    // Every record page and a few pages of every other kind: no kind of page starts a script of its own.
    for (const path of browserSample([...new Set([...paths, SEARCH_PATH])])) {
      const visit = await tabs.open(path, { width: 1280, colorScheme: 'light' });
      // Anything a page starts on its own (load or idle callbacks) has begun by then.
      await visit.page.waitForTimeout(250);
      for (const request of visit.requests) {
        const pagefind = new URL(request.url).pathname.startsWith('/pagefind/');
        // The search page may carry its own small script (its <script src> is allowed), but not Pagefind yet.
        if (pagefind || (request.type === 'script' && path !== SEARCH_PATH)) loaded.push(`${path}: ${request.type} ${request.url}`);
      }
      expect.soft(visit.problems(), `load problems on ${path}`).toEqual(NO_PROBLEMS);
    }
    expect(loaded).toEqual([]);
  });

  for (const { query, expected } of QUERIES) {
    test(`« ${query} » finds ${expected} first`, async () => {
      const visit = await tabs.open(`${SEARCH_PATH}?q=${encodeURIComponent(query)}`, {
        width: 1280,
        colorScheme: 'light',
        beforeGoto: markStaticLinks,
      });
      try {
        expect.soft(visit.status).toBe(200);
        const found = await results(visit.page);
        const pagefindRequests = visit.requests.filter((r) => new URL(r.url).pathname.startsWith('/pagefind/')).length;
        expect(found[0], `results for « ${query} »: [${found.join(', ')}] (${pagefindRequests} request(s) to /pagefind/)`).toBe(expected);
        expect(visit.problems(), 'load problems').toEqual(NO_PROBLEMS);
      } finally {
        await visit.close();
      }
    });
  }

  for (const { query, expected } of [
    { query: 'piloter un projet', expected: '/certifications/rncp39853/#bloc-3' },
    { query: 'niveau experience metier recherche', expected: '/rome/k1704/#experience-titre' },
  ]) {
    test(`« ${query} » deep-links to the section ${expected}`, async () => {
      const visit = await tabs.open(`${SEARCH_PATH}?q=${encodeURIComponent(query)}`, {
        width: 1280,
        colorScheme: 'light',
        beforeGoto: markStaticLinks,
      });
      try {
        await results(visit.page);
        const links = await visit.page.evaluate(() =>
          [...document.querySelectorAll<HTMLAnchorElement>('main a[href]:not([data-test-static])')].map((a) => {
            const url = new URL(a.href);
            return `${url.pathname}${url.hash}`;
          }),
        );
        expect(links, `links of the results for « ${query} »`).toContain(expected);
      } finally {
        await visit.close();
      }
    });
  }

  test('the index offers the filters of the lists: kind, registry, level, status, route, NSF, Formacode, ROME, certifier', async () => {
    const visit = await tabs.open(SEARCH_PATH, { width: 1280, colorScheme: 'light' });
    try {
      const filters = await visit.page.evaluate(`${ALL_BUNDLES}.then((pagefind) => pagefind.filters())`);
      expect(filters).toEqual(expectedFilters());
      // The bundled seed, as transcribed: its level is not published, its three sheets each cited once.
      expect(filters).toMatchObject({ 'Code ROME': { K1404: 2, K1405: 2, K1704: 2 } });
    } finally {
      await visit.close();
    }
  });

  test('the « Répertoire » filter keeps the results of one registry', async () => {
    const visit = await tabs.open(SEARCH_PATH, { width: 1280, colorScheme: 'light' });
    try {
      const search = (registry: string) =>
        visit.page.evaluate(
          `${ALL_BUNDLES}.then(async (pagefind) => {
            const found = await pagefind.search('certification', { filters: { 'Répertoire': ${JSON.stringify(registry)} } });
            return Promise.all(found.results.map(async (r) => (await r.data()).url));
          })`,
        ) as Promise<string[]>;
      const rs = await search('RS');
      const rncp = await search('RNCP');
      expect(rs.length).toBeGreaterThan(0);
      expect(
        rs.every((url) => url.startsWith('/rs/')),
        rs.join(', '),
      ).toBe(true);
      expect(rncp).toContain('/certifications/rncp39853/');
      expect(
        rncp.every((url) => url.startsWith('/certifications/')),
        rncp.join(', '),
      ).toBe(true);
    } finally {
      await visit.close();
    }
  });

  // Each choice waits for the list to change and settle (results() waits up to 15 s for it): on a loaded
  // machine, with another test file building a site beside it, the three waits took more than 30 s in CI.
  test('the search interface offers the « Répertoire » filter, and each choice keeps only its registry', async () => {
    const visit = await tabs.open(`${SEARCH_PATH}?q=${encodeURIComponent('certification')}`, {
      width: 1280,
      colorScheme: 'light',
      beforeGoto: markStaticLinks,
    });
    try {
      expect((await results(visit.page)).length).toBeGreaterThan(0);
      // Pagefind's interface gives each filter a <details> block named by its <summary>.
      const group = visit.page.locator('details').filter({ has: visit.page.locator('summary', { hasText: /^Répertoire$/ }) });
      await group.locator('summary').click();
      await group.getByRole('checkbox', { name: /^RNCP/ }).check();
      await expect
        .poll(
          async () => {
            const found = await results(visit.page);
            return found.length > 0 && found.every((path) => path.startsWith('/certifications/'));
          },
          { timeout: 20_000 },
        )
        .toBe(true);
      await group.getByRole('checkbox', { name: /^RNCP/ }).uncheck();
      await group.getByRole('checkbox', { name: /^RS/ }).check();
      await expect
        .poll(
          async () => {
            const found = await results(visit.page);
            return found.length > 0 && found.every((path) => path.startsWith('/rs/'));
          },
          { timeout: 20_000 },
        )
        .toBe(true);
      expect(visit.problems(), 'load problems').toEqual(NO_PROBLEMS);
    } finally {
      await visit.close();
    }
  }, 90_000);

  test('the search box in the header leads to the results', async () => {
    const visit = await tabs.open('/', { width: 375, colorScheme: 'light', beforeGoto: markStaticLinks });
    try {
      const box = visit.page.locator('header input[type="search"]');
      await box.fill('K1405');
      await Promise.all([visit.page.waitForURL((url) => url.pathname === SEARCH_PATH), box.press('Enter')]);
      expect(new URL(visit.page.url()).searchParams.get('q')).toBe('K1405');
      expect(await results(visit.page)).toContain('/rome/k1405/');
      expect(visit.problems(), 'load problems').toEqual(NO_PROBLEMS);
    } finally {
      await visit.close();
    }
  });
});
