/**
 * Site search (Pagefind, French index built into dist/pagefind/ by `astro build`), in headless
 * Chromium: before the reader searches, no page loads any script (the search page only its own,
 * never Pagefind); `/recherche/?q=…` then finds the right page, accents or not; the search box in
 * the header leads there.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import { parse } from 'yaml';
import { SEARCH_PATH, sitemapPaths } from '../helpers/built-site.ts';
import { browserSample, describeInBrowser, NO_PROBLEMS } from '../helpers/browser.ts';
import { expectedStatus, referenceDateOf } from '../helpers/expected-validity.ts';

const siteUrl = inject('siteUrl');
const paths = sitemapPaths(inject('siteDist'));
/** Pages a result may point to: every page of the sitemap but the search page itself. */
const resultPaths = paths.filter((path) => path !== SEARCH_PATH);

/** The records of the built content, by folder, as parsed YAML. */
const contentDir = join(inject('siteDist'), '..', 'content');
const recordsIn = (folder: string): Record<string, any>[] =>
  readdirSync(join(contentDir, folder))
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => parse(readFileSync(join(contentDir, folder, name), 'utf8')) as Record<string, any>);
const CERTIFICATIONS = recordsIn('certifications');
const CERTIFICATION_SCHEMA = JSON.parse(readFileSync(join(contentDir, '..', 'schemas', 'certification.schema.json'), 'utf8'));
const ROME = recordsIn('rome');
const RS = recordsIn('rs');

/** How many pages of each value a filter should count, from the content: what each page's filters say of its record. */
function expectedFilters(): Record<string, Record<string, number>> {
  const count = (values: string[]) => values.reduce<Record<string, number>>((n, v) => ({ ...n, [v]: (n[v] ?? 0) + 1 }), {});
  const registry = [...CERTIFICATIONS, ...RS];
  const reference = referenceDateOf(inject('siteDist'));
  /** Each record's values of a filter, once per record, as its page declares them. */
  const each = (values: (record: Record<string, any>) => string[]) => count(registry.flatMap((r) => [...new Set(values(r))]));
  const routeTitles = CERTIFICATION_SCHEMA.properties.voies_acces.properties as Record<string, { title: string }>;
  return {
    'Type de fiche': { Certification: registry.length, 'Fiche ROME': ROME.length },
    Répertoire: { RNCP: CERTIFICATIONS.length, RS: RS.length },
    Niveau: count(CERTIFICATIONS.map((c) => (c.niveau ? String(c.niveau.code).replace('NIV', 'Niveau ') : 'Niveau non publié'))),
    Statut: each((r) => [expectedStatus(r, reference)].filter((s): s is string => s !== undefined)),
    "Voie d'accès": each((r) =>
      Object.entries(r.voies_acces)
        .filter(([, route]) => (typeof route === 'boolean' ? route : (route as { ouverte: boolean }).ouverte))
        .map(([key]) => routeTitles[key]!.title),
    ),
    'Domaine NSF': each((r) => (r.codes_nsf ?? []).map((t: Record<string, string>) => `${t.code} ${t.libelle}`)),
    Formacode: each((r) => (r.formacodes ?? []).map((t: Record<string, string>) => `${t.code} ${t.libelle}`)),
    // A ROME sheet's page and the page of every certification citing it.
    'Code ROME': count([...ROME.map((r) => r.code as string), ...CERTIFICATIONS.flatMap((c) => (c.codes_rome ?? []) as string[])]),
    Certificateur: each((r) => (r.certificateurs ?? []).map((c: Record<string, string>) => c.nom)),
  };
}

const QUERIES = [
  { query: 'diplomatie', expected: '/certifications/rncp39853/' },
  { query: 'diplomate', expected: '/certifications/rncp39853/' },
  { query: 'securite publique', expected: '/rome/k1704/' },
  { query: 'cooperation internationale', expected: '/certifications/rncp39853/' },
  { query: 'K1405', expected: '/rome/k1405/' },
  { query: 'referent cybersecurite', expected: '/rs/rs5568/' },
  { query: 'CELTA', expected: '/rs/rs6547/' },
];

/**
 * Marks, in every document the page loads, the links <main> holds once parsed (before any search
 * could answer), so that the page's own links are never taken for results.
 */
async function markStaticLinks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    document.addEventListener(
      'DOMContentLoaded',
      () => document.querySelectorAll('main a[href]').forEach((a) => a.setAttribute('data-test-static', '')),
      { once: true },
    );
  });
}

/**
 * Waits for result links to appear in <main> (links to pages of the site that were not there before),
 * then for the list to settle, and returns their paths in page order, duplicates removed.
 */
async function results(page: Page, timeout = 15_000): Promise<string[]> {
  const read = () =>
    page.evaluate((allowed) => {
      const seen = new Set<string>();
      for (const a of document.querySelectorAll<HTMLAnchorElement>('main a[href]:not([data-test-static])')) {
        const url = new URL(a.href, location.href);
        if (url.origin === location.origin && allowed.includes(url.pathname)) seen.add(url.pathname);
      }
      return [...seen];
    }, resultPaths);
  const deadline = Date.now() + timeout;
  let last = await read();
  while (last.length === 0 && Date.now() < deadline) {
    await page.waitForTimeout(100);
    last = await read();
  }
  // Pagefind fills results in as their fragments load: wait until two reads 300 ms apart agree.
  for (;;) {
    await page.waitForTimeout(300);
    const next = await read();
    if (JSON.stringify(next) === JSON.stringify(last) || Date.now() > deadline) return next;
    last = next;
  }
}

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
      // A string, so that Vite does not rewrite the browser-side import().
      const filters = await visit.page.evaluate("import('/pagefind/pagefind.js').then((pagefind) => pagefind.filters())");
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
          `import('/pagefind/pagefind.js').then(async (pagefind) => {
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
        .poll(async () => {
          const found = await results(visit.page);
          return found.length > 0 && found.every((path) => path.startsWith('/certifications/'));
        })
        .toBe(true);
      await group.getByRole('checkbox', { name: /^RNCP/ }).uncheck();
      await group.getByRole('checkbox', { name: /^RS/ }).check();
      await expect
        .poll(async () => {
          const found = await results(visit.page);
          return found.length > 0 && found.every((path) => path.startsWith('/rs/'));
        })
        .toBe(true);
      expect(visit.problems(), 'load problems').toEqual(NO_PROBLEMS);
    } finally {
      await visit.close();
    }
  });

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
