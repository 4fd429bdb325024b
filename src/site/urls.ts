/** Every address the site gives a page or a file, in one place, under the deployment's base path. */

/** The base path the site is served under ("/" or "/certidocs/"), from Astro's `base` setting. */
export const BASE = (import.meta.env.BASE_URL ?? '/').replace(/\/?$/, '/');

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

/** Open-data JSON of one record. */
export function apiPath(kind: 'certification' | 'rome', id: string): string {
  return withBase(kind === 'certification' ? `api/v1/certifications/${id.toLowerCase()}.json` : `api/v1/rome/${id.toLowerCase()}.json`);
}

/** The YAML source of one record, as published for download. */
export function sourcePath(kind: 'certification' | 'rome', id: string): string {
  return withBase(kind === 'certification' ? `sources/certifications/${id.toLowerCase()}.yaml` : `sources/rome/${id.toLowerCase()}.yaml`);
}

/** A published JSON Schema. */
export function schemaPath(name: string): string {
  return withBase(`schemas/${name}.schema.json`);
}
