/**
 * What changed from a record to the one that replaces it, with the project's semantic diff: the same
 * walk as the history of one record, over the fields that describe the certification itself (title,
 * level, blocks, certifiers, access routes, texts…), not those that identify a record (its number,
 * sources, dates of registration). Blocks are matched by rank: the new record's blocks carry new codes
 * (RNCP34762BC01 → RNCP39568BC01), so a block whose title changed at the same rank reads as renamed.
 */
import { KIND_INFO } from '../kinds/record-kinds.ts';
import type { RecordKind } from '../kinds/record-kinds.ts';
import { kindRoot } from '../schemas/schema-store.ts';
import type { SchemaFiles } from '../schemas/schema-store.ts';
import { diffRecordData } from '../diff/value-diff.ts';
import type { Change } from '../diff/value-diff.ts';

/** The fields compared, in page order, each a section of the comparison. */
export const COMPARED_FIELDS = [
  'intitule',
  'abrege',
  'niveau',
  'validation_partielle',
  'blocs',
  'certificateurs',
  'voies_acces',
  'codes_rome',
  'codes_nsf',
  'formacodes',
  'objectifs',
  'activites_visees',
  'capacites_attestees',
  'reglementations_activites',
  'prerequis',
  'debouches',
] as const;

export interface SuccessorChanges {
  /** Changes by compared field, only the fields that changed. */
  sections: { field: (typeof COMPARED_FIELDS)[number]; changes: Change[] }[];
  /** Partner counts, compared as numbers: a list of hundreds of bodies reads better as its size. */
  partners: { before: number; after: number };
}

type Data = Record<string, unknown>;

/**
 * The changes from `before` (the old record) to `after` (its successor). The walk follows the schema
 * of the successor's kind, or the RNCP one when either is an RNCP record (it has every compared field).
 */
export function successorChanges(
  schemas: SchemaFiles,
  before: { kind: RecordKind; data: Data },
  after: { kind: RecordKind; data: Data },
): SuccessorChanges {
  const kind = before.kind === 'certification' || after.kind === 'certification' ? 'certification' : after.kind;
  const root = kindRoot(schemas, KIND_INFO[kind]);
  const sections = COMPARED_FIELDS.map((field) => ({
    field,
    changes: diffRecordData(schemas, root, comparable(before.data, field), comparable(after.data, field)),
  })).filter((section) => section.changes.length > 0);
  return { sections, partners: { before: partnerCount(before.data), after: partnerCount(after.data) } };
}

/** One field of a record as compared: blocks by rank, without their record-specific codes. */
function comparable(data: Data, field: string): Data {
  const value = data[field];
  if (value === undefined) return {};
  if (field !== 'blocs' || !Array.isArray(value)) return { [field]: value };
  return {
    blocs: value.map((block: Data, i) => {
      const rest = { ...block };
      delete rest.code;
      return { ...rest, numero: typeof block.numero === 'number' ? block.numero : i + 1 };
    }),
  };
}

function partnerCount(data: Data): number {
  return Array.isArray(data.partenaires) ? data.partenaires.length : 0;
}
