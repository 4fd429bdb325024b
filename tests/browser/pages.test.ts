/**
 * The pages of the built site in headless Chromium (the heaviest record pages of each kind, a few pages of each
 * other kind): at 375 px
 * and 1280 px, light and dark, it
 * loads cleanly (status 200, no console or page error, no failed request, nothing from another
 * origin) and axe-core finds no WCAG 2.2 AA violation; it does not scroll sideways at 320 px, its
 * skip link comes first and moves focus to <main>, and it runs no script (JSON-LD data aside)
 * except on the search page. The 404 page answers unknown URLs accessibly, and the tables behind
 * the charts hold the exact figures of content/.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, inject, test } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../helpers/content-tree.ts';
import { SEARCH_PATH, sitemapPaths } from '../helpers/built-site.ts';
import {
  axeViolations,
  browserSample,
  describeInBrowser,
  describeViolations,
  NO_PROBLEMS,
  VARIANTS,
  variantsByPage,
} from '../helpers/browser.ts';
import type { Visit } from '../helpers/browser.ts';

const siteUrl = inject('siteUrl');
const dist = inject('siteDist');
/**
 * The sitemap's pages, plus the search page, which a sitemap may leave out (it has no content of its own):
 * every record page, and a few pages of every other kind (browserSample).
 */
const paths = browserSample(
  [...new Set([...sitemapPaths(dist), ...(existsSync(join(dist, SEARCH_PATH, 'index.html')) ? [SEARCH_PATH] : [])])],
  (path) => statSync(join(dist, path, 'index.html')).size,
);

/** 44.29 → "44,29 %", 0.39 → "0,39 %", 79 → "79 %": French separators, the published precision, narrow no-break space. */
const frenchNumber = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 6 });
const percent = (value: number): string => `${frenchNumber.format(value)}\u202f%`;

/** Runs checks on a visited page, then releases it. */
async function withPage<T>(visit: Visit, check: (visit: Visit) => Promise<T>): Promise<T> {
  try {
    return await check(visit);
  } finally {
    await visit.close();
  }
}

describeInBrowser('pages of the sitemap', siteUrl, ({ tabs }) => {
  test('the sitemap lists the home page', () => {
    expect(paths).toContain('/');
  });

  const variants = variantsByPage(paths);
  for (const path of paths) {
    for (const variant of variants.get(path)!) {
      test(`${path} at ${variant.width} px, ${variant.colorScheme}: loads cleanly, no axe violation`, async () => {
        await withPage(await tabs.open(path, variant), async (visit) => {
          expect.soft(visit.status, 'HTTP status').toBe(200);
          expect.soft(visit.problems(), 'load problems').toEqual(NO_PROBLEMS);
          const violations = await axeViolations(visit.page);
          expect
            .soft(
              violations.map((v) => v.id),
              `axe violations:\n${describeViolations(violations)}`,
            )
            .toEqual([]);
        });
      });
    }

    test(`${path}: no horizontal scroll at 320 px`, async () => {
      await withPage(await tabs.open(path, { width: 320, colorScheme: 'light' }), async ({ page }) => {
        const { scrollWidth, innerWidth, widest } = await page.evaluate(() => {
          const innerWidth = window.innerWidth;
          // The elements that stick out of the page (not those inside a scrolling box), to make a failure actionable.
          const clipped = (element: Element): boolean => {
            for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
              if (getComputedStyle(parent).overflowX !== 'visible') return true;
            }
            return false;
          };
          const widest = [...document.querySelectorAll('body *')]
            .filter((element) => element.getBoundingClientRect().right > innerWidth + 0.5 && !clipped(element))
            .slice(0, 5)
            .map(
              (element) =>
                `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${element.classList.length ? `.${[...element.classList].join('.')}` : ''} (right edge ${Math.round(element.getBoundingClientRect().right)} px)`,
            );
          return { scrollWidth: document.documentElement.scrollWidth, innerWidth, widest };
        });
        expect(
          scrollWidth,
          `page is ${scrollWidth} px wide in a ${innerWidth} px window; overflowing: ${widest.join(', ')}`,
        ).toBeLessThanOrEqual(innerWidth);
      });
    });

    test(`${path}: the skip link is the first focusable element and moves focus to <main>`, async () => {
      await withPage(await tabs.open(path, { width: 375, colorScheme: 'light' }), async ({ page }) => {
        await page.keyboard.press('Tab');
        const first = await page.evaluate(() => {
          const active = document.activeElement;
          const main = document.querySelector('main');
          const href = active instanceof HTMLAnchorElement ? active.getAttribute('href') : null;
          return {
            element: active ? active.outerHTML.slice(0, 120) : null,
            href,
            targetsMain: Boolean(
              main && href?.startsWith('#') && href.length > 1 && document.getElementById(decodeURIComponent(href.slice(1))) === main,
            ),
          };
        });
        expect(first.href, `first focusable element: ${first.element}`).toMatch(/^#./);
        expect(first.targetsMain, `the first focusable element ${first.element} does not point to <main>`).toBe(true);
        await page.keyboard.press('Enter');
        const focused = await page.evaluate(() => {
          const active = document.activeElement;
          return {
            isMain: active !== null && active === document.querySelector('main'),
            element: active ? active.outerHTML.slice(0, 120) : null,
          };
        });
        expect(focused.isMain, `focus after following the skip link: ${focused.element}`).toBe(true);
      });
    });

    if (path !== SEARCH_PATH) {
      test(`${path}: no <script> element other than JSON-LD`, async () => {
        await withPage(await tabs.open(path, { width: 1280, colorScheme: 'light' }), async ({ page }) => {
          const scripts = await page.$$eval('script', (elements) =>
            elements
              .filter((s) => s.getAttribute('type')?.trim().toLowerCase() !== 'application/ld+json')
              .map((s) => s.outerHTML.slice(0, 160)),
          );
          expect(scripts).toEqual([]);
        });
      });
    }
  }

  const unknown = '/page-qui-n-existe-pas/';
  for (const variant of VARIANTS) {
    test(`an unknown URL at ${variant.width} px, ${variant.colorScheme}: status 404, accessible 404 page`, async () => {
      await withPage(await tabs.open(unknown, { ...variant, expectStatus: 404 }), async (visit) => {
        expect.soft(visit.status, 'HTTP status').toBe(404);
        expect.soft(await visit.page.locator('main').count(), "the site's 404 page (with a <main>) is served").toBe(1);
        expect.soft(visit.problems(), 'load problems').toEqual(NO_PROBLEMS);
        const violations = await axeViolations(visit.page);
        expect
          .soft(
            violations.map((v) => v.id),
            `axe violations:\n${describeViolations(violations)}`,
          )
          .toEqual([]);
      });
    });
  }

  // The tables behind the charts, compared with content/.
  interface ExpectedTable {
    name: string;
    /** How to recognise the row: its header cell. */
    rows: { matches: (label: string) => boolean; label: string; values: string[] }[];
  }

  type Slot = number | { aucune_donnee: true } | undefined;
  const figures = (...slots: Slot[]): string[] => slots.filter((s): s is number => typeof s === 'number').map(percent);
  /** Collapses all spaces, no-break ones included, for comparing labels (not figures). */
  const loose = (text: string): string => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
  const readYaml = (file: string): any => parse(readFileSync(join(PROJECT_ROOT, file), 'utf8'));

  function certificationTables(): ExpectedTable[] {
    const record = readYaml('content/certifications/rncp39853.yaml');
    const stats: { annee: number; taux_insertion_6_mois?: Slot; taux_insertion_2_ans?: Slot }[] = record.statistiques_promotions;
    return [
      {
        name: 'insertion rates by year (statistiques_promotions)',
        rows: stats.map((s) => ({
          label: String(s.annee),
          matches: (label: string) => loose(label).includes(String(s.annee)),
          values: figures(s.taux_insertion_6_mois, s.taux_insertion_2_ans),
        })),
      },
    ];
  }

  function romeTables(): ExpectedTable[] {
    const record = readYaml('content/rome/k1704.yaml');
    const market = record.marche_du_travail;
    const bound = (n: number): string => loose(frenchNumber.format(n));
    const tables: ExpectedTable[] = [
      {
        name: 'salary brackets (salaires_offres.tranches)',
        rows: (market.salaires_offres.tranches as { min?: number; max?: number; part_offres: number }[]).map((t) => ({
          label: [t.min, t.max].filter((n) => n !== undefined).join('–'),
          // The row header names the bracket's published bounds, whatever its wording.
          matches: (label: string) => [t.min, t.max].every((n) => n === undefined || loose(label).includes(bound(n))),
          values: figures(t.part_offres),
        })),
      },
    ];
    for (const [id, table] of Object.entries(
      market.repartitions as Record<string, { lignes: { libelle: string; demandeurs_emploi: Slot; offres_emploi: Slot }[] }>,
    )) {
      tables.push({
        name: `${id} (repartitions.${id})`,
        rows: table.lignes.map((row) => ({
          label: row.libelle,
          matches: (label: string) => loose(label) === loose(row.libelle),
          values: figures(row.demandeurs_emploi, row.offres_emploi),
        })),
      });
    }
    return tables;
  }

  /** True when `wanted` appears in `cells` in the same order (other cells may sit between them). */
  const inOrder = (cells: string[], wanted: string[]): boolean => {
    let at = 0;
    for (const cell of cells) if (at < wanted.length && cell === wanted[at]) at += 1;
    return at === wanted.length;
  };

  for (const [path, expectedTables] of [
    ['/certifications/rncp39853/', certificationTables],
    ['/rome/k1704/', romeTables],
  ] as const) {
    test(`${path}: every chart table holds the exact published percentages`, async () => {
      await withPage(await tabs.open(path, { width: 1280, colorScheme: 'light' }), async ({ page, status }) => {
        expect(status).toBe(200);
        // Each table as rows of cell texts (ASCII whitespace collapsed; the narrow no-break space before % is kept).
        const tables = await page.$$eval('table', (elements) =>
          elements.map((table) => ({
            caption: table.caption?.textContent?.replace(/[ \t\r\n]+/g, ' ').trim() ?? '',
            rows: [...table.rows].map((row) => [...row.cells].map((cell) => (cell.textContent ?? '').replace(/[ \t\r\n]+/g, ' ').trim())),
          })),
        );
        const missing: string[] = [];
        for (const expected of expectedTables()) {
          const holds = tables.some((table) =>
            expected.rows.every((row) =>
              table.rows.some((cells) => cells.length > 0 && row.matches(cells[0] ?? '') && inOrder(cells.slice(1), row.values)),
            ),
          );
          if (!holds) {
            missing.push(
              `${expected.name}: no table has every row ${expected.rows.map((r) => `[${r.label}: ${r.values.map((v) => `« ${v} »`).join(', ')}]`).join(' ')}`,
            );
          }
        }
        const found = tables.map(
          (t, i) =>
            `table ${i + 1} « ${t.caption} » (${t.rows.length} rows): ${t.rows
              .slice(0, 3)
              .map((r) => r.join(' | '))
              .join(' / ')}`,
        );
        expect(missing, `tables on the page:\n${found.join('\n') || '(none)'}`).toEqual([]);
      });
    });
  }
});
