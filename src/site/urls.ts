/** Every address the site gives a page or a file, in one place, under the deployment's base path. */

/** The base path the site is served under ("/" or "/certidocs/"), from Astro's `base` setting. */
export const BASE = (import.meta.env?.BASE_URL ?? '/').replace(/\/?$/, '/');

/** "certifications/" → "/certidocs/certifications/" when the site is served under /certidocs/. */
export function withBase(path: string): string {
  return BASE + path.replace(/^\//, '');
}

/** "RNCP39853" → "/certifications/rncp39853/". */
export function certificationPath(numero: string): string {
  return withBase(`certifications/${numero.toLowerCase()}/`);
}

/** "K1704" → "/rome/k1704/". */
export function romePath(code: string): string {
  return withBase(`rome/${code.toLowerCase()}/`);
}

/** The record's page on France Compétences' official registry. */
export function officialRegistryUrl(numero: string): string {
  return `https://www.francecompetences.fr/recherche/rncp/${numero.replace(/^RNCP/i, '')}/`;
}

const FOLDERS = { certification: 'certifications', rome: 'rome' } as const;

/** Where one record's open-data JSON sits in the site, without the base path: "api/v1/rome/k1704.json". */
export function apiFile(kind: 'certification' | 'rome', id: string): string {
  return `api/v1/${FOLDERS[kind]}/${id.toLowerCase()}.json`;
}

/** Where one indicator table's CSV sits in the site, without the base path: "api/v1/rome/k1704/experience.csv". */
export function csvFile(kind: 'certification' | 'rome', id: string, tableId: string): string {
  return `api/v1/${FOLDERS[kind]}/${id.toLowerCase()}/${tableId}.csv`;
}

/** Where one record's YAML source sits in the site, without the base path. */
export function sourceFile(kind: 'certification' | 'rome', id: string): string {
  return `sources/${FOLDERS[kind]}/${id.toLowerCase()}.yaml`;
}

/** Open-data JSON of one record. */
export function apiPath(kind: 'certification' | 'rome', id: string): string {
  return withBase(apiFile(kind, id));
}

/** The YAML source of one record, as published for download. */
export function sourcePath(kind: 'certification' | 'rome', id: string): string {
  return withBase(sourceFile(kind, id));
}

/** Address of one table's CSV: "/api/v1/rome/k1704/experience.csv". */
export function csvPath(kind: 'certification' | 'rome', id: string, tableId: string): string {
  return withBase(csvFile(kind, id, tableId));
}

/** A published JSON Schema. */
export function schemaPath(name: string): string {
  return withBase(`schemas/${name}.schema.json`);
}
