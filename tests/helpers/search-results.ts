/** What the search tests share: the queries and their expected first results, the filters the content implies, and reading results off the page. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { Page } from 'playwright-core';
import { parse } from 'yaml';
import { SEARCH_PATH, sitemapPaths } from './built-site.ts';
import { expectedStatus, referenceDateOf } from './expected-validity.ts';

/** Pages a result may point to: every page of the sitemap but the search page itself. */
const resultPaths = sitemapPaths(inject('siteDist')).filter((path) => path !== SEARCH_PATH);

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
export function expectedFilters(): Record<string, Record<string, number>> {
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

/**
 * Pagefind's API in the page with every bundle merged, as the search page's script merges them. A string,
 * so that Vite does not rewrite the browser-side import().
 */
export const ALL_BUNDLES = `import('/pagefind/pagefind.js').then(async (pagefind) => {
  const { merge } = await (await fetch('/pagefind/bundles.json')).json();
  for (const part of merge) await pagefind.mergeIndex('/pagefind/' + part);
  return pagefind;
})`;

export const QUERIES = [
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
export async function markStaticLinks(page: Page): Promise<void> {
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
export async function results(page: Page, timeout = 15_000): Promise<string[]> {
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
