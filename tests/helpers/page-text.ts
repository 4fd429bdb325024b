/**
 * Reading built HTML the way a reader sees it, without the site's code: visible text, links, definition
 * lists, tables, and how a value of a YAML record is expected to read on its page (French dates and
 * numbers from the project's formatters). Shared by the record-page tests (rs-pages, rncp-pages).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parse } from 'yaml';
import { formatDate, formatNumber, formatPercent } from '../../src/core/text/french.ts';

export type Data = Record<string, any>;

/** A built page's HTML: "/rs/rs5000/" → dist/rs/rs5000/index.html. */
export const readPage = (dist: string, path: string) => readFileSync(join(dist, path, 'index.html'), 'utf8');

export function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] === '#') return String.fromCodePoint(name[1]?.toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
    return named[name.toLowerCase()] ?? entity;
  });
}

/** Whitespace collapsed, no-break spaces as spaces: how texts are compared. */
export const normalise = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

/** The text a reader sees in an HTML fragment: tags gone (each a space), entities decoded, whitespace collapsed. */
export function visibleText(html: string): string {
  const withoutCode = html.replace(/<(script|style|template)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<!--[\s\S]*?-->/g, ' ');
  return normalise(decodeEntities(withoutCode.replace(/<[^>]+>/g, ' ')));
}

/** The <main> element of a page: what the page says, without the site's header and footer. */
export function mainOf(html: string): string {
  const match = /<main\b[\s\S]*<\/main>/.exec(html);
  expect(match, 'the page has a <main> element').not.toBeNull();
  return (match as RegExpExecArray)[0];
}

/** Every link of a fragment: its decoded address and visible text. */
export function linksOf(html: string): { href: string; text: string }[] {
  return [...html.matchAll(/<a\b[^>]*\bhref="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => ({
    href: decodeEntities(m[1] ?? ''),
    text: visibleText(m[2] ?? ''),
  }));
}

/** The term–description pairs of every <dl>. */
export function definitionsOf(html: string): Map<string, string> {
  return new Map(
    [...html.matchAll(/<dt\b[^>]*>([\s\S]*?)<\/dt>\s*<dd\b[^>]*>([\s\S]*?)<\/dd>/g)].map((m) => [visibleText(m[1] ?? ''), m[2] ?? '']),
  );
}

export interface Row {
  /** Visible text of the row's header cell (th scope="row" or "rowgroup"), if any. */
  header: string;
  /** Visible text of each data cell. */
  cells: string[];
  /** The row's HTML. */
  html: string;
}

export interface Table {
  caption: string;
  /** Visible text of each column header. */
  columns: string[];
  /** The rows of every <tbody>, in order. */
  rows: Row[];
  html: string;
}

/** The tables of a fragment, each with its caption, column headers and body rows. */
export function tablesOf(html: string): Table[] {
  return [...html.matchAll(/<table\b[\s\S]*?<\/table>/g)].map(([table]) => ({
    html: table,
    caption: visibleText(/<caption\b[^>]*>([\s\S]*?)<\/caption>/.exec(table)?.[1] ?? ''),
    columns: [...(/<thead\b[^>]*>([\s\S]*?)<\/thead>/.exec(table)?.[1] ?? '').matchAll(/<th\b[^>]*>([\s\S]*?)<\/th>/g)].map((m) =>
      visibleText(m[1] ?? ''),
    ),
    rows: [...table.matchAll(/<tbody\b[^>]*>([\s\S]*?)<\/tbody>/g)].flatMap(([, body]) =>
      [...(body ?? '').matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)].map(([, row]) => ({
        html: row ?? '',
        header: visibleText(/<th\b[^>]*scope="row(?:group)?"[^>]*>([\s\S]*?)<\/th>/.exec(row ?? '')?.[1] ?? ''),
        cells: [...(row ?? '').matchAll(/<td\b[^>]*>([\s\S]*?)<\/td>/g)].map((m) => visibleText(m[1] ?? '')),
      })),
    ),
  }));
}

/** The one table that has a row headed `header`. */
export function tableWithRow(html: string, header: string): Table {
  const found = tablesOf(html).filter((t) => t.rows.some((r) => r.header === normalise(header)));
  expect(found, `one table has a row headed « ${header} »`).toHaveLength(1);
  return found[0] as Table;
}

/** The HTML of the elements with that class (the first element of the class, up to its closing tag of the same name, not nested). */
export function elementsWithClass(html: string, tag: string, className: string): string[] {
  return [...html.matchAll(new RegExp(`<${tag}\\b[^>]*class="[^"]*\\b${className}\\b[^"]*"[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map(
    (m) => m[1] ?? '',
  );
}

// --- What the YAML says. ---

export interface Leaf {
  path: string;
  key: string;
  value: string | number | boolean;
}

/** Every scalar of a parsed YAML value, with its JSON pointer and the name of its field (its list's, for a list item). */
export function leavesOf(value: unknown, path = '', key = ''): Leaf[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leavesOf(v, `${path}/${i}`, key));
  if (value !== null && typeof value === 'object') return Object.entries(value as Data).flatMap(([k, v]) => leavesOf(v, `${path}/${k}`, k));
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return [{ path, key, value }];
  return [];
}

/** Reference ids, not facts: a source's id and the `source` fields that cite it. */
export const isReferenceId = (leaf: Leaf) => leaf.key === 'source' || /^\/sources\/\d+\/id$/.test(leaf.path);
/** A source's address is the target of the link its title carries in the footer. */
export const isSourceUrl = (leaf: Leaf) => /^\/sources\/\d+\/url$/.test(leaf.path);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Fields whose numbers are identifiers or years, written as published. */
const AS_PUBLISHED = new Set(['id_fiche', 'annee', 'annees_promotions_niveau']);

/** How a reader sees a value: Oui/Non, French dates, French numbers; identifiers and years as published. */
export function displayed(leaf: Leaf): string {
  const { key, value } = leaf;
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  if (typeof value === 'number') {
    if (AS_PUBLISHED.has(key)) return String(value);
    return key.startsWith('taux_') ? formatPercent(value) : formatNumber(value);
  }
  return ISO_DATE.test(value) ? formatDate(value) : value;
}

export const dateOrNothing = (value: string | undefined) => (value === undefined ? [] : [formatDate(value)]);

// --- What the pages of both registries share. ---

/** Where a related record's number must lead: its page here when it is published, else the official registry. */
export function expectedTarget(root: string, id: string): string {
  if (existsSync(join(root, 'content/rs', `${id.toLowerCase()}.yaml`))) return `/rs/${id.toLowerCase()}/`;
  if (existsSync(join(root, 'content/certifications', `${id.toLowerCase()}.yaml`))) return `/certifications/${id.toLowerCase()}/`;
  const [, registry, number] = /^(RNCP|RS)(\d+)$/.exec(id) ?? [];
  return `https://www.francecompetences.fr/recherche/${registry?.toLowerCase()}/${number}/`;
}

/**
 * A record's access routes as its page must show them: one row per route of the file in a captioned
 * table, open or not; each route's jury beside it, or, when every route with a jury has the same one
 * (and at least two do), that jury once under the table; each route's date of last change.
 */
export function expectAccessRoutes(html: string, routes: [string, Data][], routeTitle: (key: string) => string): void {
  const table = tableWithRow(html, routeTitle(routes[0]?.[0] ?? ''));
  expect(table.caption).not.toBe('');
  expect(table.rows.map((r) => r.header)).toEqual(routes.map(([key]) => normalise(routeTitle(key))));
  const juries = routes.map(([, route]) => route.composition_jury as string | undefined).filter((jury) => jury !== undefined);
  const shared = juries.length > 1 && new Set(juries).size === 1 ? juries[0] : undefined;
  const sharedBlocks = elementsWithClass(html, 'div', 'shared-jury');
  if (shared) {
    expect(sharedBlocks, 'the shared jury is written once').toHaveLength(1);
    expect(visibleText(sharedBlocks[0] ?? '')).toContain(normalise(shared));
    expect(table.columns).not.toContain('Composition du jury');
  } else {
    expect(sharedBlocks).toHaveLength(0);
  }
  for (const [key, route] of routes) {
    const row = table.rows.find((r) => r.header === normalise(routeTitle(key)));
    const cells = row?.cells.join(' ') ?? '';
    expect(row?.cells[0], key).toBe(route.ouverte ? 'Oui' : 'Non');
    const expected = [...(shared ? [] : [route.composition_jury]), ...dateOrNothing(route.date_derniere_modification)];
    for (const value of expected.filter(Boolean)) expect(cells, key).toContain(normalise(value));
  }
}

/** The records of one folder of a built project's content/, in file order: file name without .yaml, number, data. */
export function builtRecords(root: string, folder: string): { slug: string; id: string; data: Data }[] {
  const dir = join(root, 'content', folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => {
      const data = parse(readFileSync(join(dir, name), 'utf8')) as Data;
      return { slug: name.slice(0, -'.yaml'.length), id: String(data.numero_fiche ?? data.code), data };
    });
}

/** A kind's JSON Schema as the built project has it. */
export function builtSchema(root: string, file: string): Data {
  return JSON.parse(readFileSync(join(root, 'schemas', file), 'utf8')) as Data;
}
