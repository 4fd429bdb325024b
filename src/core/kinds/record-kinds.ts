/** The kinds of records certidocs knows: where their files live and which schema describes them. */
import type { Certification, FicheRome } from '../schemas/types.generated.ts';

export interface RecordKindMap {
  certification: Certification;
  rome: FicheRome;
}

export type RecordKind = keyof RecordKindMap;

export interface RecordKindInfo {
  kind: RecordKind;
  /** Folder under content/ that holds one file per record. */
  folder: string;
  /** Schema file in schemas/. */
  schemaFile: string;
  /** Field holding the record's identifier; the file is named after it in lower case. */
  idField: string;
}

export const RECORD_KINDS: readonly RecordKindInfo[] = [
  {
    kind: 'certification',
    folder: 'certifications',
    schemaFile: 'certification.schema.json',
    idField: 'numero_fiche',
  },
  { kind: 'rome', folder: 'rome', schemaFile: 'rome.schema.json', idField: 'code' },
];

/** Schema files that only hold shared definitions. */
export const SHARED_SCHEMA_FILES: readonly string[] = ['definitions.schema.json'];

/** Finds the kind whose folder is the first segment of a path relative to content/. */
export function kindForFolder(folder: string): RecordKindInfo | undefined {
  return RECORD_KINDS.find((k) => k.folder === folder);
}
