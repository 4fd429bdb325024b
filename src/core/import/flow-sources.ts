/**
 * The two registries of the official flow, the record kind each one fills and the source entry an imported
 * record cites; and what the name of an export file says (registry and export date).
 */
import { basename } from 'node:path';
import { formatDate } from '../text/french.ts';

export type Registry = 'RNCP' | 'RS';

export interface RegistryInfo {
  registry: Registry;
  /** The record kind its records are. */
  kind: 'certification' | 'rs';
  /** The id of the source entry its records cite. */
  sourceId: string;
  sourceTitle: string;
  sourceShortTitle: string;
}

/** data.gouv.fr's page of the dataset that publishes both exports daily. */
export const FLOW_DATASET_URL = 'https://www.data.gouv.fr/fr/datasets/5eebbc067a14b6fecc9c9976/';

export const REGISTRIES: Record<Registry, RegistryInfo> = {
  RNCP: {
    registry: 'RNCP',
    kind: 'certification',
    sourceId: 'flux-rncp',
    sourceTitle:
      'France Compétences, export des fiches du Répertoire national des certifications professionnelles (flux XML v4.1), Licence Ouverte 2.0',
    sourceShortTitle: 'Flux RNCP de France Compétences',
  },
  RS: {
    registry: 'RS',
    kind: 'rs',
    sourceId: 'flux-rs',
    sourceTitle: 'France Compétences, export des fiches du Répertoire spécifique (flux XML v4.1), Licence Ouverte 2.0',
    sourceShortTitle: 'Flux RS de France Compétences',
  },
};

/** What a file name tells: "export-fiches-rncp-v4-1-2026-08-16.zip", "export_fiches_RS_V4_1_2026-08-16.xml". */
export function readExportName(name: string): { registry?: Registry; date?: string } {
  const match = /export[-_]fiches[-_](rncp|rs)[-_]v4[-_]1[-_](\d{4}-\d{2}-\d{2})/i.exec(basename(name));
  if (!match) return {};
  return { registry: match[1].toUpperCase() as Registry, date: match[2] };
}

/** The registry a record number belongs to. */
export function registryOfNumber(id: string): Registry | undefined {
  if (/^RNCP\d/.test(id)) return 'RNCP';
  if (/^RS\d/.test(id)) return 'RS';
  return undefined;
}

/** The source entry of an imported record: the export it comes from, dated when the file name gives the date. */
export function flowSourceEntry(
  info: RegistryInfo,
  exportDate: string | undefined,
  latestPublishedDate: string | undefined,
): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    id: info.sourceId,
    intitule: info.sourceTitle,
    intitule_court: info.sourceShortTitle,
    url: FLOW_DATASET_URL,
  };
  if (exportDate) entry.date_export = exportDate;
  else {
    entry.remarque = latestPublishedDate
      ? `Export sans date dans son nom de fichier ; la date la plus récente qu'il publie est le ${formatDate(latestPublishedDate)}.`
      : 'Export sans date dans son nom de fichier.';
  }
  return entry;
}
