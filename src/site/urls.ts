/** Every address the site gives a page or a file, in one place, under the deployment's base path. */
import { KIND_INFO } from '../core/kinds/record-kinds.ts';
import type { RecordKind } from '../core/kinds/record-kinds.ts';

/** The base path the site is served under ("/" or "/certidocs/"), from Astro's `base` setting. */
export const BASE = (import.meta.env?.BASE_URL ?? '/').replace(/\/?$/, '/');

/** "certifications/" → "/certidocs/certifications/" when the site is served under /certidocs/. */
export function withBase(path: string): string {
  return BASE + path.replace(/^\//, '');
}

/** The list of a kind's records: "/certifications/", "/rs/". */
export function listPath(kind: RecordKind): string {
  return withBase(`${KIND_INFO[kind].urlSegment}/`);
}

/** A record's page: ("certification", "RNCP39853") → "/certifications/rncp39853/". */
export function recordPath(kind: RecordKind, id: string): string {
  return withBase(`${KIND_INFO[kind].urlSegment}/${id.toLowerCase()}/`);
}

/**
 * The record's page on France Compétences' official registry, for RNCP and RS numbers
 * ("RS5000" → ".../recherche/rs/5000/"); undefined for identifiers of other registries.
 */
export function officialRegistryUrl(id: string): string | undefined {
  const match = /^(RNCP|RS)([0-9]+)$/i.exec(id);
  return match ? `https://www.francecompetences.fr/recherche/${match[1].toLowerCase()}/${match[2]}/` : undefined;
}

/** Where the catalogue of every record sits in the site, without the base path. */
export const CATALOGUE_FILE = 'api/v1/index.json';

/**
 * Where the OpenAPI description of the static API sits, without the base path: two folders below the
 * site's root, so "../../schemas/…" from it is the published schemas under any base path.
 */
export const OPENAPI_FILE = 'api/v1/openapi.json';

/**
 * Where a part of a kind's dump sits in the site, without the base path: the first "api/v1/dumps/rs.ndjson.gz",
 * the next ones "api/v1/dumps/rs-2.ndjson.gz", "rs-3"… (registry-downloads.ts cuts a dump into parts a host takes).
 */
export function dumpFile(kind: RecordKind, part = 1): string {
  return `api/v1/dumps/${KIND_INFO[kind].urlSegment}${part > 1 ? `-${part}` : ''}.ndjson.gz`;
}

/** Where the list of every dump's parts sits in the site. */
export const DUMP_LIST_FILE = 'api/v1/dumps/index.json';

/** Where one of the registry's CSV tables sits in the site, without the base path: "api/v1/tables/blocs.csv". */
export function tableFile(name: string): string {
  return `api/v1/tables/${name}.csv`;
}

/** Address of a part of a kind's dump: "/api/v1/dumps/certifications.ndjson.gz", "/api/v1/dumps/certifications-2.ndjson.gz". */
export function dumpPath(kind: RecordKind, part = 1): string {
  return withBase(dumpFile(kind, part));
}

/** Address of one of the registry's CSV tables: "/api/v1/tables/blocs.csv". */
export function tablePath(name: string): string {
  return withBase(tableFile(name));
}

/** A published JSON Schema: "certification" → "/schemas/certification.schema.json". */
export function schemaPath(name: string): string {
  return withBase(`schemas/${name}.schema.json`);
}

/** The calendar of the whole registry's deadlines: "/calendriers/registre.ics". */
export function registryCalendarPath(): string {
  return withBase('calendriers/registre.ics');
}

/** The calendar of a certifier's records, by SIRET: "/calendriers/certificateurs/11004401300040.ics". */
export function certifierCalendarPath(siret: string): string {
  return withBase(`calendriers/certificateurs/${siret}.ics`);
}

/** The calendar of an NSF code's records: "/calendriers/nsf/326t.ics". */
export function nsfCalendarPath(code: string): string {
  return withBase(`calendriers/nsf/${code.toLowerCase()}.ics`);
}

/** The status badge of one RNCP or RS record: "/badges/rncp39853.svg". */
export function badgePath(id: string): string {
  return withBase(`badges/${id.toLowerCase()}.svg`);
}

/** A certifier's page, by SIRET: "/certificateurs/11004401300040/". */
export function certifierPath(siret: string): string {
  return withBase(`certificateurs/${siret}/`);
}
