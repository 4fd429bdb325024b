import { experimental_AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import BarChart from '../../src/components/charts/BarChart.astro';
import type { IndicatorTable } from '../../src/site/indicator-tables.ts';

const nnbsp = '\u202f';

const salaires: IndicatorTable = {
  id: 'salaires',
  title: 'Répartition des offres par tranche de salaire',
  subtitle: 'Salaire mensuel brut proposé dans les offres',
  period: '2025-T1',
  source: 'France Travail',
  sourceRef: { id: 'france-travail', short: 'France Travail' },
  categoryHeader: 'Tranche de salaire',
  series: [{ key: 'part_offres', label: 'Part des offres' }],
  rows: [
    { label: 'Jusqu’à 1 829 €', values: [6.07] },
    { label: 'De 2 440 à 3 049 €', values: [44.29] },
    { label: '3 050 € et plus', values: [null] },
  ],
  notes: ['La somme des parts publiées vaut 147 %.'],
};

const diplome: IndicatorTable = {
  id: 'diplome',
  title: 'Niveau de diplôme',
  source: 'France Travail',
  sourceRef: { id: 'france-travail', short: 'France Travail' },
  categoryHeader: 'Niveau de diplôme',
  series: [
    { key: 'demandeurs_emploi', label: 'Demandeurs d’emploi' },
    { key: 'offres_emploi', label: 'Offres d’emploi' },
  ],
  rows: [
    { label: '< CAP-BEP', values: [2, 0.39] },
    { label: 'Agents de maîtrise / Techniciens', values: [null, 40.1] },
    { label: '>= Bac + 5', values: [79, 32.16] },
  ],
  notes: [],
};

/** The text of an HTML fragment, tags removed and ASCII whitespace collapsed (narrow no-break spaces stay). */
const text = (html: string): string =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/[ \t\n\r]+/g, ' ')
    .trim();
/** The inner HTML of every element with that tag name. */
const elements = (html: string, tag: string): string[] =>
  [...html.matchAll(new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]);
/** The opening tags with that tag name. */
const openings = (html: string, tag: string): string[] => [...html.matchAll(new RegExp(`<${tag}\\b[^>]*>`, 'g'))].map((m) => m[0]);

let container: experimental_AstroContainer;
beforeAll(async () => {
  container = await experimental_AstroContainer.create();
});
const render = (table: IndicatorTable, csvName?: string): Promise<string> =>
  container.renderToString(BarChart, { props: csvName ? { table, csvName } : { table } });

describe('BarChart', () => {
  it('renders a one-series table: exact values, caption, source, CSV link and note', async () => {
    const html = await render(salaires, 'k1704-salaires.csv');
    expect(openings(html, 'figure')[0]).toMatch(/^<figure id="salaires" class="chart"/);
    const table = elements(html, 'table')[0];
    expect(elements(table, 'caption').map(text)).toEqual(['Répartition des offres par tranche de salaire']);
    // The scrolling wrapper is a keyboard-reachable region (a named section) labelled by the caption.
    expect(openings(html, 'section')[0]).toMatch(/class="table-wrap" aria-labelledby="salaires-tableau" tabindex="0"/);
    expect(openings(table, 'caption')[0]).toContain('id="salaires-tableau"');
    expect(openings(table, 'th').map((th) => /scope="(\w+)"/.exec(th)?.[1])).toEqual(['col', 'col', 'row', 'row', 'row']);
    expect(elements(table, 'th').map(text)).toEqual([
      'Tranche de salaire',
      'Part des offres',
      'Jusqu’à 1 829 €',
      'De 2 440 à 3 049 €',
      '3 050 € et plus',
    ]);
    expect(elements(table, 'td').map(text)).toEqual([`6,07${nnbsp}%`, `44,29${nnbsp}%`, 'aucune donnée']);
    for (const td of openings(table, 'td')) expect(td).toContain('class="num"');
    expect(text(elements(html, 'figcaption')[0])).toBe(
      'Salaire mensuel brut proposé dans les offres. Période\u00a0: 1er trimestre 2025 · Source\u00a0: France Travail · Télécharger les données (CSV)',
    );
    expect(openings(html, 'a')).toHaveLength(2);
    expect(openings(html, 'a')[0]).toContain('href="#source-france-travail"');
    // The link holds the CSV itself, under the name given: the table's figures, one row per category.
    const link = openings(html, 'a')[1] ?? '';
    expect(link).toContain('download="k1704-salaires.csv"');
    const href = decodeURIComponent(/href="data:text\/csv;charset=utf-8,([^"]*)"/.exec(link.replace(/&amp;/g, '&'))?.[1] ?? '');
    const lines = href
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('Tranche de salaire,Part des offres,periode,source');
    expect(lines.slice(1).map((line) => line.split(',')[1])).toEqual(['6.07', '44.29', '']);
    expect(elements(html, 'p').map(text)).toEqual(['Note\u00a0: La somme des parts publiées vaut 147\u202f%.']);
    expect(openings(html, 'p')[0]).toContain('class="note"');
    // One bar per published value, « aucune donnée » in place of the missing one, no legend.
    const svg = elements(html, 'svg')[0];
    expect(openings(svg, 'rect')).toHaveLength(2);
    expect(elements(svg, 'text').map(text)).toEqual(expect.arrayContaining([`44,29${nnbsp}%`, 'aucune donnée']));
  });

  it('renders a two-series table with a legend and no link or note when none is given', async () => {
    const html = await render(diplome);
    const table = elements(html, 'table')[0];
    expect(elements(table, 'th').map(text)).toEqual([
      'Niveau de diplôme',
      'Demandeurs d’emploi',
      'Offres d’emploi',
      '&lt; CAP-BEP',
      'Agents de maîtrise / Techniciens',
      '&gt;= Bac + 5',
    ]);
    expect(elements(table, 'td').map(text)).toEqual([
      `2${nnbsp}%`,
      `0,39${nnbsp}%`,
      'aucune donnée',
      `40,1${nnbsp}%`,
      `79${nnbsp}%`,
      `32,16${nnbsp}%`,
    ]);
    expect(text(elements(html, 'figcaption')[0])).toBe('Source\u00a0: France Travail');
    // Only the link to the source's entry in the page's source list: no CSV link.
    expect(openings(html, 'a').map((a) => /href="([^"]*)"/.exec(a)?.[1])).toEqual(['#source-france-travail']);
    expect(html).not.toContain('class="note"');
    const svg = elements(html, 'svg')[0];
    const svgTexts = elements(svg, 'text').map(text);
    expect(svgTexts.slice(0, 2)).toEqual(['Demandeurs d’emploi', 'Offres d’emploi']);
    expect(svgTexts).toContain('Agents de maîtrise / Techniciens');
    // Legend swatch + published values: 1 + 2 for the first series, 1 + 3 for the second, which is
    // outlined and light where the first is solid, so the two differ by more than their colour.
    const rects = openings(svg, 'rect');
    expect(rects.filter((r) => r.includes('fill="var(--chart-1)"') && !r.includes('stroke='))).toHaveLength(3);
    expect(rects.filter((r) => r.includes('fill="var(--chart-2-light)"') && r.includes('stroke="var(--chart-2)"'))).toHaveLength(4);
    expect(rects).toHaveLength(7);
  });

  it.each([
    ['one series', salaires],
    ['two series', diplome],
  ])('%s: hides the decorative SVG, sizes it by viewBox, has no script, renders the same bytes twice', async (_, table) => {
    const html = await render(table, 'donnees.csv');
    const svg = openings(html, 'svg')[0];
    expect(svg).toContain('aria-hidden="true"');
    expect(svg).toContain('focusable="false"');
    expect(svg).toContain('width="100%"');
    expect(svg).toMatch(/viewBox="0 0 320 \d+(\.\d+)?"/);
    expect(html).not.toMatch(/<script/i);
    expect(await render(structuredClone(table), 'donnees.csv')).toBe(html);
  });
});
