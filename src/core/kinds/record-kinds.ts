/**
 * The kinds of records certidocs knows, each described once: where its files live, which schema
 * describes it, how its records are named and addressed, and what readers and editors call it.
 * Everything generic (validation, format, diff, history, type generation, the site's shared parts)
 * loops over these descriptors; a record's TypeScript type comes from its schema, never from here.
 */
import type { RecordTypes } from '../schemas/types.generated.ts';

/** Each kind's record, as generated from its schema (scripts/generate-types.ts). */
export type RecordKindMap = RecordTypes;

export type RecordKind = keyof RecordKindMap;

/** What readers and editors call a kind, in French. */
export interface KindLabels {
  /** « certification », « fiche ROME ». */
  singular: string;
  /** « certifications », « fiches ROME ». */
  plural: string;
  /** « la certification », « la fiche ROME ». */
  withArticle: string;
  /** The kind's list, as menus and breadcrumbs name it: « Certifications », « Fiches ROME ». */
  list: string;
  /** The file or page, after « une » or « la »: « fiche de certification », « fiche métier ROME ». */
  sheet: string;
  /** What a record's page says it is, above its title: « Certification professionnelle ». */
  kicker: string;
}

/** One kind of record. */
export interface RecordKindInfo<K extends RecordKind = RecordKind> {
  kind: K;
  /** Folder under content/ holding one file per record, named after the record's id in lower case. */
  folder: string;
  /** Schema file in schemas/; the id's pattern and every field's meaning live there. */
  schemaFile: string;
  /** Name of the record's TypeScript type generated from that schema. */
  typeName: string;
  /** Field holding the record's identifier. */
  idField: string;
  /** Field holding the record's title. */
  titleField: string;
  /** An identifier of the right form, shown by `npm run new` and in hints. */
  exampleId: string;
  /** First segment of the record's addresses on the site and of its kind's dump: "/rs/rs5000/", "/api/v1/dumps/rs.ndjson.gz". */
  urlSegment: string;
  labels: KindLabels;
}

/** Every kind, by name: the compiler checks that each kind of RecordKindMap has its descriptor. */
export const KIND_INFO: { readonly [K in RecordKind]: RecordKindInfo<K> } = {
  certification: {
    kind: 'certification',
    folder: 'certifications',
    schemaFile: 'certification.schema.json',
    typeName: 'Certification',
    idField: 'numero_fiche',
    titleField: 'intitule',
    exampleId: 'RNCP12345',
    urlSegment: 'certifications',
    labels: {
      singular: 'certification',
      plural: 'certifications',
      withArticle: 'la certification',
      list: 'Certifications',
      sheet: 'fiche de certification',
      kicker: 'Certification professionnelle',
    },
  },
  rome: {
    kind: 'rome',
    folder: 'rome',
    schemaFile: 'rome.schema.json',
    typeName: 'FicheRome',
    idField: 'code',
    titleField: 'intitule',
    exampleId: 'A1234',
    urlSegment: 'rome',
    labels: {
      singular: 'fiche ROME',
      plural: 'fiches ROME',
      withArticle: 'la fiche ROME',
      list: 'Fiches ROME',
      sheet: 'fiche métier ROME',
      kicker: 'Fiche métier ROME',
    },
  },
  rs: {
    kind: 'rs',
    folder: 'rs',
    schemaFile: 'rs.schema.json',
    typeName: 'CertificationRs',
    idField: 'numero_fiche',
    titleField: 'intitule',
    exampleId: 'RS1234',
    urlSegment: 'rs',
    labels: {
      singular: 'certification RS',
      plural: 'certifications RS',
      withArticle: 'la certification',
      list: 'Répertoire spécifique',
      sheet: 'fiche du Répertoire spécifique',
      kicker: 'Certification du Répertoire spécifique',
    },
  },
};

/** Every kind, in the order lists, the reference and the API give them. */
export const RECORD_KINDS: readonly RecordKindInfo[] = Object.values(KIND_INFO);

/** Schema files that only hold shared definitions. */
export const SHARED_SCHEMA_FILES: readonly string[] = ['definitions.schema.json'];

/** The descriptor of a kind among `kinds`; undefined for a name no descriptor has. */
export function findKind(kind: string, kinds: readonly RecordKindInfo[] = RECORD_KINDS): RecordKindInfo | undefined {
  return kinds.find((k) => k.kind === kind);
}

/** Finds the kind whose folder is the first segment of a path relative to content/. */
export function kindForFolder(folder: string, kinds: readonly RecordKindInfo[] = RECORD_KINDS): RecordKindInfo | undefined {
  return kinds.find((k) => k.folder === folder);
}

/** The kind of a project-relative path when it is a record file ("content/rome/k1704.yaml"), else undefined. */
export function kindOfRecordFile(file: string, kinds: readonly RecordKindInfo[] = RECORD_KINDS): RecordKindInfo | undefined {
  const parts = file.split('/');
  if (parts.length !== 3 || parts[0] !== 'content' || parts[2].startsWith('.') || !/\.ya?ml$/i.test(parts[2])) return undefined;
  return kindForFolder(parts[1], kinds);
}

/** The identifier a file's name announces: "content/rome/k1704.yaml" → "K1704". */
export function idFromFileName(file: string): string {
  return (file.split('/').pop() ?? '').replace(/\.ya?ml$/i, '').toUpperCase();
}

/** The file name a record's identifier gives: "RNCP39853" → "rncp39853.yaml". */
export function fileNameForId(id: string): string {
  return `${id.toLowerCase()}.yaml`;
}
