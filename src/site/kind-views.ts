/**
 * What differs between kinds on the site, one exhaustive table: a new kind that is not described
 * here does not compile. Each entry says what lists keep of a record (its outline), which indicator
 * tables its page charts and publishes as CSV, how search engines see it (JSON-LD) and how search
 * filters it. What every kind shares (addresses, history, feeds, downloads) needs no entry.
 */
import type { RecordKind, RecordKindMap } from '../core/kinds/record-kinds.ts';
import { certificationTables, romeTables } from './indicator-tables.ts';
import type { IndicatorTable, TableNote } from './indicator-tables.ts';
import { certificationJsonLd, romeJsonLd, rsJsonLd } from './json-ld.ts';
import type { OutlineMap, TableLink } from './outline.ts';

/** A Pagefind filter of a record's page: its name and value ("Niveau", "Niveau 7"). */
export type SearchFilter = [name: string, value: string];

export interface KindView<K extends RecordKind> {
  outline(record: RecordKindMap[K], tables: TableLink[]): OutlineMap[K];
  tables(record: RecordKindMap[K], notes: TableNote[]): IndicatorTable[];
  jsonLd(record: RecordKindMap[K], pageUrl: string): Record<string, unknown>;
  searchFilters(record: RecordKindMap[K]): SearchFilter[];
}

/** The filter readers use to search one registry: « Répertoire : RNCP » or « RS ». */
export const REGISTRY_FILTER = 'Répertoire';

export const KIND_VIEWS: { readonly [K in RecordKind]: KindView<K> } = {
  certification: {
    outline: (c, tables) => ({
      id: c.numero_fiche,
      title: c.intitule,
      level: c.niveau?.code,
      endDate: c.enregistrement.date_fin,
      romeCodes: c.codes_rome ?? [],
      absentFromExport: c.absente_de_l_export !== undefined,
      tables,
    }),
    tables: certificationTables,
    jsonLd: certificationJsonLd,
    searchFilters: (c) => [
      ['Type de fiche', 'Certification'],
      [REGISTRY_FILTER, 'RNCP'],
      ['Niveau', c.niveau ? c.niveau.code.replace('NIV', 'Niveau ') : 'Non publié'],
      ...(c.codes_rome ?? []).map((code): SearchFilter => ['Code ROME', code]),
    ],
  },
  rome: {
    outline: (r, tables) => ({ id: r.code, title: r.intitule, hasMarket: !('aucune_donnee' in r.marche_du_travail), tables }),
    tables: romeTables,
    jsonLd: romeJsonLd,
    searchFilters: (r) => [
      ['Type de fiche', 'Fiche ROME'],
      ['Code ROME', r.code],
    ],
  },
  rs: {
    outline: (r, tables) => ({
      id: r.numero_fiche,
      title: r.intitule,
      endDate: r.enregistrement.date_fin,
      certifiers: r.certificateurs.map((c) => c.nom),
      absentFromExport: r.absente_de_l_export !== undefined,
      tables,
    }),
    tables: () => [],
    jsonLd: rsJsonLd,
    searchFilters: () => [
      ['Type de fiche', 'Certification'],
      [REGISTRY_FILTER, 'RS'],
    ],
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
export function jsonLdOf<K extends RecordKind>(kind: K, record: RecordKindMap[K], pageUrl: string): Record<string, unknown> {
  return viewOf(kind).jsonLd(record, pageUrl);
}

/** The search filters of one record's page. */
export function searchFiltersOf<K extends RecordKind>(kind: K, record: RecordKindMap[K]): SearchFilter[] {
  return viewOf(kind).searchFilters(record);
}
