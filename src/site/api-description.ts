/**
 * The OpenAPI 3.1 description of the static API (/api/v1/openapi.json), made from the kind
 * descriptors, the dump format and the registry's table descriptions: a new kind, table or column
 * appears here without anyone editing this file. The API publishes whole files, no file per record:
 * at registry scale those were 80,000 files (JSON, YAML and CSV of each record), which no static host
 * the project ships for takes beside the pages.
 *
 * Record bodies refer to the published JSON Schemas rather than copying them. Those are draft-07
 * documents; OpenAPI 3.1's own dialect is JSON Schema 2020-12, where a referenced resource that
 * declares its own `$schema` is read in that dialect, so a `$ref` to the file keeps draft-07's
 * meaning (inlined, its `definitions` and `$ref` siblings would be read as 2020-12). The references
 * are relative to this document's address, which keeps them right on any host and under any base
 * path; so are the schemas' own references to definitions.schema.json beside them.
 */
import { KIND_INFO, RECORD_KINDS } from '../core/kinds/record-kinds.ts';
import type { RecordKind } from '../core/kinds/record-kinds.ts';
import { REGISTRY_TABLES } from '../core/registry/registry-tables.ts';
import { VALIDITY_DEFINITIONS, VALIDITY_LABELS, VALIDITY_STATUSES } from '../core/registry/validity.ts';
import type { TableColumn } from '../core/registry/registry-tables.ts';
import { DUMP_PART_BYTES } from '../core/size-settings.ts';
import { DUMP_FORMAT } from './registry-downloads.ts';
import { CATALOGUE_FILE, DUMP_LIST_FILE, dumpFile, tableFile } from './urls.ts';

type Json = Record<string, unknown>;

/** The document's version: that of the API's addresses (/api/v1/), not of a build. */
const VERSION = '1';

/** "api/v1/dumps/rome.ndjson.gz" as a path of the description, under the server's address. */
const pathOf = (file: string) => `/${file}`;

/** A published JSON Schema, as this document refers to it. */
function kindSchema(kind: RecordKind): Json {
  return { $ref: `../../schemas/${KIND_INFO[kind].schemaFile}` };
}

function get(operation: Json): Json {
  return { get: operation };
}

/** A 200 response with one body. */
function ok(description: string, mediaType: string, body: Json): Json {
  return { '200': { description, content: { [mediaType]: body } } };
}

const CSV_SCHEMA = { type: 'string' };

/** The statuses, each with its meaning; null when the build has no reference date or the record no end date. */
const VALIDITY_STATUS_TEXT = `Statut : ${VALIDITY_STATUSES.map((s) => `\`${s}\` (${VALIDITY_LABELS[s].toLowerCase()} : ${VALIDITY_DEFINITIONS[s]})`).join(' ; ')} ; null quand il est inconnu.`;

/** The catalogue (index.json), as src/pages/api/v1/index.json.ts writes it. */
const CATALOGUE_SCHEMA: Json = {
  type: 'object',
  additionalProperties: false,
  required: ['records'],
  properties: {
    reference_date: {
      description:
        "Le jour auquel les statuts sont calculés : la date du commit, ou celle que la construction a reçue (SOURCE_DATE_EPOCH) ; absent sans l'une ni l'autre.",
      type: 'string',
      format: 'date',
    },
    generated_from: {
      description: 'Le commit dont le site est construit, absent quand la construction est faite hors de git.',
      type: 'object',
      additionalProperties: false,
      required: ['commit', 'commit_date'],
      properties: {
        commit: { type: 'string', pattern: '^[0-9a-f]{40}$' },
        commit_date: { type: 'string', format: 'date-time' },
      },
    },
    records: {
      description: 'Toutes les fiches, par type puis par identifiant.',
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'id', 'title', 'page', 'source_file', 'schema'],
        properties: {
          kind: { description: 'Type de fiche.', enum: RECORD_KINDS.map((k) => k.kind) },
          id: { description: 'Identifiant de la fiche en minuscules, celui de ses adresses.', type: 'string' },
          title: { description: 'Intitulé de la fiche.', type: 'string' },
          page: { description: 'Adresse de sa page.', type: 'string', format: 'uri-reference' },
          source_file: { description: 'Chemin de son fichier YAML dans le dépôt du site.', type: 'string', pattern: '^content/' },
          source_url: {
            description: 'Adresse de son fichier YAML dans le dépôt, au commit du site, quand la construction la connaît.',
            type: 'string',
            format: 'uri',
          },
          schema: { description: 'Adresse du schéma JSON de son type.', type: 'string', format: 'uri-reference' },
          validity: {
            description:
              'Pour une certification (RNCP ou RS) : son statut au jour de référence du catalogue et ses dates, quand la fiche les publie.',
            type: 'object',
            additionalProperties: false,
            required: ['status'],
            properties: {
              status: { description: VALIDITY_STATUS_TEXT, enum: [...VALIDITY_STATUSES, null] },
              end_date: { description: "Dernier jour de l'enregistrement (DATE_FIN_ENREGISTREMENT).", type: 'string', format: 'date' },
              last_award_date: {
                description: 'Dernier jour où la certification peut être délivrée (DATE_LIMITE_DELIVRANCE).',
                type: 'string',
                format: 'date',
              },
            },
          },
          badge: {
            description:
              "Adresse de son badge de statut (SVG), pour une certification enregistrée ou dont l'enregistrement a pris fin il y a moins d'un an.",
            type: 'string',
            format: 'uri-reference',
          },
        },
      },
    },
  },
};

function columnsText(columns: readonly TableColumn[]): string {
  return columns
    .map((c) => {
      const values = c.values ? ` Valeurs : ${c.values.map((v) => `\`${v.value}\` (${v.meaning})`).join(' ; ')}` : '';
      return `- \`${c.name}\` : ${c.description}${values}`;
    })
    .join('\n');
}

/** A path parameter, a string of the given pattern. */
function param(name: string, description: string, pattern: string): Json {
  return { name, in: 'path', required: true, description, schema: { type: 'string', pattern } };
}

/** A kind's dump: its first part, and the parts that follow it when it weighs more than a part may. */
function dumpPaths(kind: RecordKind): [string, Json][] {
  const info = KIND_INFO[kind];
  const each = `Chaque fiche y est telle que son fichier YAML la publie, valide selon le schéma ${info.schemaFile}.`;
  // OpenAPI 3.1 cannot say what each line of a compressed sequence holds: 3.2 names it itemSchema, given here as an extension.
  const body = { schema: { type: 'string' }, 'x-itemSchema': kindSchema(kind) };
  return [
    [
      pathOf(dumpFile(kind)),
      get({
        operationId: `${kind}-export`,
        tags: ['Téléchargements'],
        summary: `Toutes les ${info.labels.plural} en ${DUMP_FORMAT.title}`,
        description: `${DUMP_FORMAT.description} ${each} Au-delà de ${DUMP_PART_MIB} Mio compressés, les fiches suivantes sont dans les parties 2, 3… que liste ${DUMP_LIST_FILE.split('/').pop()}.`,
        responses: ok(`Les ${info.labels.plural}, ou celles de la première partie.`, DUMP_FORMAT.mediaType, body),
      }),
    ],
    [
      pathOf(dumpFile(kind, 2)).replace('-2.', '-{partie}.'),
      get({
        operationId: `${kind}-export-partie`,
        tags: ['Téléchargements'],
        summary: `Les parties suivantes des ${info.labels.plural}`,
        description: `La suite de la première partie, par numéro de fiche, quand elle dépasse ${DUMP_PART_MIB} Mio compressés. ${each}`,
        parameters: [param('partie', 'Numéro de la partie, à partir de 2.', '^([2-9]|[1-9][0-9]+)$')],
        responses: {
          ...ok(`Les ${info.labels.plural} de cette partie.`, DUMP_FORMAT.mediaType, body),
          '404': { description: "Le fichier n'a pas autant de parties." },
        },
      }),
    ],
  ];
}

const DUMP_PART_MIB = DUMP_PART_BYTES.fallback / 1024 / 1024;

/** DUMP_LIST_FILE: every kind's parts. */
const DUMP_LIST_SCHEMA: Json = {
  type: 'object',
  description: 'Les parties de chaque type de fiche, dans l’ordre, par segment d’adresse du type (certifications, rome, rs).',
  additionalProperties: {
    type: 'array',
    items: {
      type: 'object',
      required: ['file', 'records', 'first', 'last'],
      additionalProperties: false,
      properties: {
        file: {
          type: 'string',
          description: 'Chemin de la partie depuis la racine du site.',
          pattern: '^api/v1/dumps/[a-z]+(-[0-9]+)?\\.ndjson\\.gz$',
        },
        records: { type: 'integer', minimum: 0, description: 'Nombre de fiches de la partie.' },
        first: { type: 'string', description: 'Numéro de sa première fiche.' },
        last: { type: 'string', description: 'Numéro de sa dernière fiche.' },
      },
    },
  },
};

/** The calendars and badges: outside /api/v1/, beside the pages they follow, described here as files too. */
function deadlinePaths(): [string, Json][] {
  const calendar = (path: string, operationId: string, summary: string, description: string, parameter?: Json): [string, Json] => [
    path,
    get({
      operationId,
      tags: ['Calendriers et badges'],
      summary,
      description: `${description} iCalendar (RFC 5545) : un événement d'une journée par date publiée, fin d'enregistrement et date limite de délivrance, chacun avec un identifiant (UID) stable.`,
      ...(parameter ? { parameters: [parameter] } : {}),
      responses: {
        ...ok('Le calendrier.', 'text/calendar', { schema: { type: 'string', pattern: '^BEGIN:VCALENDAR\\r\\n' } }),
        ...(parameter ? { '404': { description: "Aucune échéance n'est publiée pour cette valeur." } } : {}),
      },
    }),
  ];
  return [
    calendar(
      '/calendriers/registre.ics',
      'calendrier-registre',
      'Le calendrier des échéances du registre',
      "Les échéances de toutes les fiches RNCP et RS, à partir d'un an avant la date de la version du site.",
    ),
    calendar(
      '/calendriers/certificateurs/{siret}.ics',
      'calendrier-certificateur',
      "Le calendrier des échéances d'un certificateur",
      "Les échéances des fiches d'un organisme certificateur, désigné par son SIRET, à partir d'un an avant la date de la version du site.",
      param('siret', 'Numéro SIRET du certificateur, 14 chiffres.', '^[0-9]{14}$'),
    ),
    calendar(
      '/calendriers/nsf/{code}.ics',
      'calendrier-nsf',
      "Le calendrier des échéances d'un domaine NSF",
      "Les échéances des fiches d'un code NSF, en minuscules, à partir d'un an avant la date de la version du site.",
      param('code', 'Code NSF en minuscules (315p).', '^[0-9]{3}[a-z]?$'),
    ),
    [
      '/badges/{id}.svg',
      get({
        operationId: 'badge',
        tags: ['Calendriers et badges'],
        summary: "Le badge de statut d'une certification",
        description:
          "Une image SVG qui donne le numéro de la fiche et son statut à la date de la version du site (« RNCP39853 · enregistrée jusqu'au 28/11/2029 »), à afficher sur un autre site ; sans script ni ressource externe. Publiée tant que la certification est enregistrée, puis un an après la fin de son enregistrement.",
        parameters: [param('id', 'Numéro de la fiche RNCP ou RS en minuscules (rncp39853).', '^(rncp|rs)[0-9]+$')],
        responses: {
          ...ok('Le badge.', 'image/svg+xml', { schema: { type: 'string', pattern: '^<svg ' } }),
          '404': {
            description:
              "Pas de badge pour cette fiche : elle n'est pas publiée ici, ou son enregistrement a pris fin il y a plus d'un an.",
          },
        },
      }),
    ],
  ];
}

function tablePaths(): [string, Json][] {
  return REGISTRY_TABLES.map((table) => [
    pathOf(tableFile(table.name)),
    get({
      operationId: `table-${table.name}`,
      tags: ['Tables du registre'],
      summary: table.title,
      description: `${table.description} CSV en UTF-8 avec BOM, séparateur point-virgule, fins de ligne CRLF, une ligne d'en-tête. Colonnes :\n\n${columnsText(table.columns)}`,
      responses: ok('La table.', 'text/csv', {
        schema: CSV_SCHEMA,
        'x-colonnes': table.columns.map((c) => ({ nom: c.name, description: c.description, ...(c.values ? { valeurs: c.values } : {}) })),
      }),
    }),
  ]);
}

/** The description, for a site whose pages are under `server` (its origin and base path). */
export function openApiDescription(server: URL): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'API statique de certidocs',
      version: VERSION,
      summary: 'Les certifications du RNCP et du Répertoire spécifique et les fiches métiers ROME, en fichiers statiques.',
      description:
        'Chaque type de fiche en un seul fichier NDJSON compressé, les tables du registre en CSV pour les tableurs, le catalogue des fiches, les calendriers des échéances et les badges de statut. Toutes les adresses sont des fichiers statiques, régénérés à chaque version du site, sous /api/v1/. Les fichiers source YAML sont dans le dépôt du site.',
      license: { name: 'Licence Ouverte 2.0 (Etalab)', identifier: 'etalab-2.0' },
    },
    servers: [{ url: server.href.replace(/\/$/, ''), description: 'Le site publié.' }],
    tags: [
      { name: 'Téléchargements', description: "Toutes les fiches d'un type en un seul fichier." },
      { name: 'Tables du registre', description: 'Le registre en tables CSV, une ligne par élément.' },
      { name: 'Calendriers et badges', description: 'Les échéances en iCalendar, et le statut de chaque certification en image.' },
    ],
    paths: Object.fromEntries([
      [
        pathOf(CATALOGUE_FILE),
        get({
          operationId: 'catalogue',
          tags: ['Téléchargements'],
          summary: 'Le catalogue des fiches',
          description:
            'Chaque fiche de chaque type, avec les adresses de sa page et de son schéma, le chemin de son fichier YAML dans le dépôt et, pour une certification, son statut et son badge.',
          responses: ok('Le catalogue.', 'application/json', { schema: { $ref: '#/components/schemas/Catalogue' } }),
        }),
      ],
      [
        pathOf(DUMP_LIST_FILE),
        get({
          operationId: 'dumps-parts',
          tags: ['Téléchargements'],
          summary: 'Les parties de chaque type de fiche',
          description: `Pour chaque type de fiche, les fichiers qui en contiennent toutes les fiches (un seul tant qu'il pèse moins de ${DUMP_PART_MIB} Mio compressés), avec le nombre de fiches et les numéros de la première et de la dernière.`,
          responses: ok('La liste des parties.', 'application/json', { schema: { $ref: '#/components/schemas/DumpList' } }),
        }),
      ],
      ...RECORD_KINDS.flatMap((k) => dumpPaths(k.kind)),
      ...tablePaths(),
      ...deadlinePaths(),
    ]),
    components: { schemas: { Catalogue: CATALOGUE_SCHEMA, DumpList: DUMP_LIST_SCHEMA } },
  };
}
