/**
 * What Astro's data store keeps of each record: what lists, links between records and the open-data
 * catalogue need. A record page reads the whole record from its published JSON (site/open-data.ts):
 * keeping 25,000 whole records in the store made Astro bundle half a gigabyte into the build.
 */
import type { RecordKind, RecordKindMap } from '../core/kinds/record-kinds.ts';
import type { TableNote } from './indicator-tables.ts';
import { tablesOf } from './open-data.ts';

/** An indicator table's identifier and title, for download links. */
export interface TableLink {
  id: string;
  title: string;
}

export interface CertificationOutline {
  numero: string;
  title: string;
  /** "NIV7", or undefined when no source gives the level. */
  level: string | undefined;
  /** Last day of the registration. */
  endDate: string;
  romeCodes: string[];
  tables: TableLink[];
}

export interface RomeOutline {
  code: string;
  title: string;
  /** Whether the sheet publishes labour-market figures. */
  hasMarket: boolean;
  tables: TableLink[];
}

export interface OutlineMap {
  certification: CertificationOutline;
  rome: RomeOutline;
}

/** The outline of one record. */
export function outlineOf<K extends RecordKind>(kind: K, record: RecordKindMap[K], notes: TableNote[]): OutlineMap[K] {
  const tables = tablesOf(kind, record, notes).map((table) => ({ id: table.id, title: table.title }));
  let outline: CertificationOutline | RomeOutline;
  if (kind === 'certification') {
    const c = record as RecordKindMap['certification'];
    outline = {
      numero: c.numero_fiche,
      title: c.intitule,
      level: c.niveau?.code,
      endDate: c.enregistrement.date_fin,
      romeCodes: c.codes_rome,
      tables,
    };
  } else {
    const r = record as RecordKindMap['rome'];
    outline = { code: r.code, title: r.intitule, hasMarket: !('aucune_donnee' in r.marche_du_travail), tables };
  }
  return outline as OutlineMap[K];
}
