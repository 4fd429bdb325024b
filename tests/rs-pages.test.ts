/**
 * The pages of the Répertoire spécifique in a real build (tests/global-setup.ts): each record of
 * content/rs/ has its page, and every fact of its YAML file is in the page's visible text, formatted
 * by the project's formatters; related records link where they should; the list links every record.
 * Expectations come from the YAML files and the schema's French titles, never from the pages' code.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { formatDate, formatNumber } from '../src/core/text/french.ts';
import {
  dateOrNothing,
  definitionsOf,
  displayed,
  expectAccessRoutes,
  expectedTarget,
  isReferenceId,
  isSourceUrl,
  builtRecords,
  builtSchema,
  leavesOf,
  linksOf,
  mainOf,
  normalise,
  readPage as readBuiltPage,
  tableWithRow,
  visibleText,
} from './helpers/page-text.ts';
import type { Data } from './helpers/page-text.ts';

// The site built once for the whole run, in a copy of the project: its content is what was built.
const dist = inject('siteDist');
const root = dirname(dist);
const SCHEMA = builtSchema(root, 'rs.schema.json');
const RECORDS = builtRecords(root, 'rs');

const readPage = (path: string) => readBuiltPage(dist, path);
const title = (key: string) => SCHEMA.properties[key].title as string;
const routeTitle = (key: string) => SCHEMA.properties.voies_acces.properties[key].title as string;

/** The list pages of /rs/: the first one and any numbered next ones. */
const LIST_PAGES = [
  '/rs/',
  ...readdirSync(join(dist, 'rs'))
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(a) - Number(b))
    .map((name) => `/rs/${name}/`),
];

// --- The tests. ---

describe('RS record pages', () => {
  it('reads the five real records of content/rs/', () => {
    expect(RECORDS.map((r) => r.slug)).toEqual(expect.arrayContaining(['rs5000', 'rs5568', 'rs6547', 'rs6604', 'rs7423']));
  });

  describe.each(RECORDS)('$id', ({ slug, id, data }) => {
    const path = `/rs/${slug}/`;

    it(`has its page at /rs/${slug}/ with its number and title`, () => {
      expect(existsSync(join(dist, 'rs', slug, 'index.html'))).toBe(true);
      const h1 = [...readPage(path).matchAll(/<h1\b[^>]*>([\s\S]*?)<\/h1>/g)].map((m) => visibleText(m[1] ?? ''));
      expect(h1).toEqual([normalise(data.intitule)]);
      expect(visibleText(mainOf(readPage(path)))).toContain(id);
    });

    it('shows every value of its YAML file in its visible text', () => {
      const text = visibleText(mainOf(readPage(path)));
      const missing = leavesOf(data)
        .filter((leaf) => !isReferenceId(leaf) && !isSourceUrl(leaf))
        .filter((leaf) => !text.includes(normalise(displayed(leaf))))
        .map((leaf) => `${leaf.path}: ${displayed(leaf)}`);
      expect(missing).toEqual([]);
    });

    it("links each source's title to its address", () => {
      const links = linksOf(mainOf(readPage(path)));
      for (const source of (data.sources as Data[]).filter((s) => s.url !== undefined))
        expect(links).toContainEqual({ href: source.url, text: normalise(source.intitule) });
    });

    it("gives the record's facts under the schema's titles", () => {
      const facts = definitionsOf(mainOf(readPage(path)));
      for (const key of ['numero_fiche', 'id_fiche', 'etat_fiche', 'actif', 'validation_partielle', 'existence_partenaires']) {
        if (data[key] === undefined) continue;
        expect(facts.has(title(key)), `« ${title(key)} » is a term of the facts`).toBe(true);
        expect(visibleText(facts.get(title(key)) ?? '')).toBe(displayed({ path: `/${key}`, key, value: data[key] }));
      }
    });

    it('lists its access routes in a table, one row per route of the file, none invented, each with its jury', () => {
      expectAccessRoutes(readPage(path), Object.entries(data.voies_acces as Record<string, Data>), routeTitle);
    });

    it('lists its certifiers in a table: name, SIRET, state and date', () => {
      const certifiers = data.certificateurs as Data[];
      const table = tableWithRow(readPage(path), certifiers[0]?.nom);
      for (const c of certifiers) {
        const row = table.rows.find((r) => r.header === normalise(c.nom));
        for (const expected of [c.siret, c.etat, ...dateOrNothing(c.date_derniere_modification_etat)].filter(Boolean))
          expect(row?.cells.join(' '), c.nom).toContain(normalise(expected));
      }
    });

    it('lists its partners in a table inside a <details> whose summary gives their number', () => {
      const partners = (data.partenaires ?? []) as Data[];
      if (partners.length === 0) return;
      const details = [...mainOf(readPage(path)).matchAll(/<details\b[\s\S]*?<\/details>/g)].map((m) => m[0]);
      expect(details).toHaveLength(1);
      const [block = ''] = details;
      expect(visibleText(/<summary\b[^>]*>([\s\S]*?)<\/summary>/.exec(block)?.[1] ?? '')).toContain(
        normalise(formatNumber(partners.length)),
      );
      const table = tableWithRow(block, partners[0]?.nom);
      expect(table.rows).toHaveLength(partners.length);
      partners.forEach((p, i) => {
        const row = table.rows[i];
        expect(row?.header, `partner ${i} in the source's order`).toBe(normalise(p.nom));
        const expected = [
          p.siret,
          p.habilitation,
          p.etat_habilitation,
          ...dateOrNothing(p.date_actif),
          ...dateOrNothing(p.date_derniere_modification_etat),
        ];
        for (const value of expected.filter(Boolean)) expect(row?.cells.join(' '), p.nom).toContain(normalise(value));
      });
    });

    it('gives its promotion figures in a captioned table, one row per year, newest first', () => {
      const promotions = [...((data.statistiques_promotions ?? []) as Data[])].sort((a, b) => b.annee - a.annee);
      if (promotions.length === 0) return;
      const table = tableWithRow(readPage(path), String(promotions[0]?.annee));
      expect(table.caption).not.toBe('');
      expect(table.rows.map((r) => r.header)).toEqual(promotions.map((p) => String(p.annee)));
      promotions.forEach((p, i) => {
        const figures = Object.entries(p).filter(([key]) => key !== 'annee' && key !== 'source');
        for (const [key, value] of figures)
          expect(table.rows[i]?.cells, `${p.annee} ${key}`).toContain(normalise(displayed({ path: '', key, value })));
      });
    });

    it('links the records it replaces and those that replace it, by number', () => {
      const facts = definitionsOf(mainOf(readPage(path)));
      for (const [key, term] of [
        ['anciennes_certifications', 'Remplace'],
        ['nouvelles_certifications', 'Remplacée par'],
      ] as const) {
        const numbers = (data[key] ?? []) as string[];
        if (numbers.length === 0) continue;
        const records = linksOf(facts.get(term) ?? '').filter((l) => /^(RNCP|RS)\d+$/.test(l.text));
        expect(records).toEqual(numbers.map((n) => ({ href: expectedTarget(root, n), text: n })));
      }
    });

    it('gives every heading an id, and every anchor of the page a target', () => {
      const main = mainOf(readPage(path));
      const headings = [...main.matchAll(/<h([2-6])\b([^>]*)>/g)];
      expect(headings.length).toBeGreaterThan(5);
      for (const [tag, , attributes] of headings) expect(attributes, tag).toMatch(/\bid="[^"]+"/);
      const ids = [...readPage(path).matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
      expect(new Set(ids).size).toBe(ids.length);
      for (const { href } of linksOf(main).filter((l) => l.href.startsWith('#'))) expect(ids).toContain(href.slice(1));
    });
  });

  it('links RS5000 and RS6604 to each other, RS6547 and RS5568 to the official registry', () => {
    const linkTo = (slug: string, text: string) => linksOf(mainOf(readPage(`/rs/${slug}/`))).find((l) => l.text === text)?.href;
    expect(linkTo('rs5000', 'RS6604')).toBe('/rs/rs6604/');
    expect(linkTo('rs6604', 'RS5000')).toBe('/rs/rs5000/');
    expect(linkTo('rs6547', 'RS5888')).toBe('https://www.francecompetences.fr/recherche/rs/5888/');
    expect(linkTo('rs5568', 'RS3818')).toBe('https://www.francecompetences.fr/recherche/rs/3818/');
  });
});

describe('the RS list', () => {
  const cards = LIST_PAGES.flatMap((page) =>
    [...mainOf(readPage(page)).matchAll(/<li\b[^>]*class="card"[^>]*>([\s\S]*?)<\/li>/g)].map((m) => m[1] ?? ''),
  );

  it('links every RS record, sorted by number', () => {
    const hrefs = cards.map((card) => linksOf(card)[0]?.href);
    const sorted = [...RECORDS].sort((a, b) => Number(a.id.slice(2)) - Number(b.id.slice(2)));
    expect(hrefs).toEqual(sorted.map((r) => `/rs/${r.slug}/`));
  });

  it.each(RECORDS)("gives $id's title, number, end date and certifiers", ({ slug, id, data }) => {
    const card = cards.find((c) => linksOf(c)[0]?.href === `/rs/${slug}/`) ?? '';
    const text = visibleText(card);
    expect(linksOf(card)[0]?.text).toBe(normalise(data.intitule));
    for (const expected of [id, formatDate(data.enregistrement.date_fin), ...(data.certificateurs as Data[]).map((c) => c.nom as string)])
      expect(text).toContain(normalise(expected));
  });

  it('is left out of the search index, like the other lists', () => {
    for (const page of LIST_PAGES) expect(mainOf(readPage(page))).not.toMatch(/data-pagefind-body/);
  });
});

describe('RS pages markup', () => {
  const pages = [...RECORDS.map((r) => `/rs/${r.slug}/`), ...LIST_PAGES];

  it.each(pages)('%s has exactly one h1', (page) => {
    expect(readPage(page).match(/<h1\b/g)).toHaveLength(1);
  });

  it.each(pages)('%s has no inline style, no event handler and no script but its JSON-LD', (page) => {
    const html = readPage(page);
    expect(html).not.toMatch(/<[^>]+\sstyle=/i);
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/<[^>]+\son[a-z]+=/i);
    const scripts = [...html.matchAll(/<script\b([^>]*)>/gi)].map((m) => m[1]?.trim());
    expect(scripts.every((attributes) => attributes === 'type="application/ld+json"')).toBe(true);
    expect(scripts.length).toBe(page.match(/^\/rs\/rs\d+\/$/) ? 1 : 0);
  });
});
