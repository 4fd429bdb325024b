/**
 * What differs between kinds on the site, one exhaustive table: a new kind that is not described
 * here does not compile. Each entry says what lists keep of a record (its outline), which indicator
 * tables its page charts and publishes as CSV, how search engines see it (JSON-LD) and how search
 * filters it. What every kind shares (addresses, history, feeds, downloads) needs no entry.
 */
import type { RecordKind, RecordKindMap } from '../core/kinds/record-kinds.ts';
import { FACETS } from '../core/registry/facets.ts';
import { certificationFacts, rsFacts } from '../core/registry/registry-facts.ts';
import type { RegistryFacts } from '../core/registry/registry-facts.ts';
import { validityOf } from '../core/registry/validity.ts';
import { certificationTables, romeTables } from './indicator-tables.ts';
import type { IndicatorTable, TableNote } from './indicator-tables.ts';
import { certificationJsonLd, romeJsonLd, rsJsonLd } from './json-ld.ts';
import type { OutlineMap, TableLink } from './outline.ts';

/** A Pagefind filter of a record's page: its name and value ("Niveau", "Niveau 7"). */
export type SearchFilter = [name: string, value: string];

export interface KindView<K extends RecordKind> {
  outline(record: RecordKindMap[K], tables: TableLink[]): OutlineMap[K];
  tables(record: RecordKindMap[K], notes: TableNote[]): IndicatorTable[];
  /** The id of every table `tables` may give, whatever the record: what the API description lists. */
  tableIds: readonly string[];
  /** `referenceDate` is the build's commit date, which statuses are computed at. */
  jsonLd(record: RecordKindMap[K], pageUrl: string, referenceDate: string | undefined): Record<string, unknown>;
  searchFilters(record: RecordKindMap[K], referenceDate: string | undefined): SearchFilter[];
}

/**
 * The search filters of an RNCP or RS record: its facets (core/registry/facets.ts, the same as the
 * static lists') and its certifiers by name.
 */
function registryFilters(facts: RegistryFacts, reference: string | undefined): SearchFilter[] {
  const status = reference ? validityOf(facts.validity, reference).status : undefined;
  return [
    ['Type de fiche', 'Certification'],
    ...FACETS.flatMap((facet) => facet.valuesOf(facts, status).map((value): SearchFilter => [facet.name, value.label])),
    ...facts.certifiers.map((c): SearchFilter => ['Certificateur', c.name]),
  ];
}

export const KIND_VIEWS: { readonly [K in RecordKind]: KindView<K> } = {
  certification: {
    outline: (c, tables) => ({ id: c.numero_fiche, title: c.intitule, facts: certificationFacts(c), tables }),
    tables: certificationTables,
    tableIds: ['insertion'],
    jsonLd: certificationJsonLd,
    searchFilters: (c, reference) => registryFilters(certificationFacts(c), reference),
  },
  rome: {
    outline: (r, tables) => ({ id: r.code, title: r.intitule, hasMarket: !('aucune_donnee' in r.marche_du_travail), tables }),
    tables: romeTables,
    // The salary brackets, then the three distributions the schema requires.
    tableIds: ['salaires', 'diplome', 'qualification', 'experience'],
    jsonLd: romeJsonLd,
    searchFilters: (r) => [
      ['Type de fiche', 'Fiche ROME'],
      ['Code ROME', r.code],
    ],
  },
  rs: {
    outline: (r, tables) => ({ id: r.numero_fiche, title: r.intitule, facts: rsFacts(r), tables }),
    tables: () => [],
    tableIds: [],
    jsonLd: rsJsonLd,
    searchFilters: (r, reference) => registryFilters(rsFacts(r), reference),
  },
};

/** The view of one kind, typed for that kind. */
export function viewOf<K extends RecordKind>(kind: K): KindView<K> {
  return KIND_VIEWS[kind];
}

/** The indicator tables of a record, whatever its kind. */
export function tablesOf<K extends RecordKind>(kind: K, record: RecordKindMap[K], notes: TableNote[]): IndicatorTable[] {
  return viewOf(kind).tables(record, notes);
}

/** The outline of one record. */
export function outlineOf<K extends RecordKind>(kind: K, record: RecordKindMap[K], notes: TableNote[]): OutlineMap[K] {
  const view = viewOf(kind);
  return view.outline(
    record,
    view.tables(record, notes).map((table) => ({ id: table.id, title: table.title })),
  );
}

/** The JSON-LD of one record. */
export function jsonLdOf<K extends RecordKind>(
  kind: K,
  record: RecordKindMap[K],
  pageUrl: string,
  referenceDate: string | undefined,
): Record<string, unknown> {
  return viewOf(kind).jsonLd(record, pageUrl, referenceDate);
}

/** The search filters of one record's page. */
export function searchFiltersOf<K extends RecordKind>(
  kind: K,
  record: RecordKindMap[K],
  referenceDate: string | undefined,
): SearchFilter[] {
  // Pagefind counts every element of a filter: a value a page declares twice (two certifiers of one name) counts once.
  const seen = new Set<string>();
  return viewOf(kind)
    .searchFilters(record, referenceDate)
    .map(([name, value]): SearchFilter => [name, inertFilterText(value)])
    .filter(([name, value]) => !seen.has(`${name}:${value}`) && seen.add(`${name}:${value}`));
}

/**
 * Pagefind's search interface writes filter values into the page as HTML (innerHTML), after decoding
 * their entities: a certifier named « <img src=x onerror=…> » would become markup there. Angle brackets
 * become their typographic look-alikes in filter values only; the page itself shows the text as published.
 */
function inertFilterText(value: string): string {
  return value.replace(/</g, '‹').replace(/>/g, '›');
}
