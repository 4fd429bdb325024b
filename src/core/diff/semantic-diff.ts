/**
 * Compares two versions of the content records field by field and names every change with a
 * readable French path (« K1704 › salaires (T1 2025) › 1830–3049 € › part des offres »).
 * Pure: no git, no file access; list items are matched by identity, not by position.
 */
import { findKind, idFromFileName, RECORD_KINDS } from '../kinds/record-kinds.ts';
import type { RecordKind, RecordKindInfo } from '../kinds/record-kinds.ts';
import { kindRoot } from '../schemas/schema-store.ts';
import type { SchemaFiles } from '../schemas/schema-store.ts';
import { diffRecordData } from './value-diff.ts';
import type { Change } from './value-diff.ts';

export type { Change, ChangeOp } from './value-diff.ts';

/** One version of a record file: its data, or why it could not be read. */
export type RecordFile =
  | { kind: RecordKind; data: Record<string, unknown> }
  | {
      kind: RecordKind;
      /** Why the file could not be read as a YAML mapping, in French, with line and column. */
      problem: string;
      /** The file's content, to tell two unreadable versions apart. */
      raw: string;
    };

/** The record files of one version, keyed by path relative to the project root. */
export type ContentVersion = Map<string, RecordFile>;

/** A file seen as moved between the two versions (as git reports it). */
export interface FileRename {
  from: string;
  to: string;
}

export type RecordChangeKind = 'added' | 'removed' | 'renamed' | 'changed';

export interface RecordChange {
  kind: RecordChangeKind;
  recordKind: RecordKind;
  /** Identifier of the record (its new one when it changed); from the file name when unreadable. */
  id: string;
  /** The record's intitulé, when it has one. */
  title?: string;
  /** The file in the new version, or the removed file. */
  file: string;
  /** The file in the old version, for renamed records. */
  previousFile?: string;
  /** Field-level changes; none for added and removed records. */
  changes: Change[];
  /** Versions that could not be read (no field-by-field comparison then), with the reason. */
  unreadable?: { before?: string; after?: string };
}

/** Lists the changes between two versions, one entry per affected record, sorted by file. */
export function diffRecords(
  before: ContentVersion,
  after: ContentVersion,
  renames: readonly FileRename[],
  schemas: SchemaFiles,
  kinds: readonly RecordKindInfo[] = RECORD_KINDS,
): RecordChange[] {
  const kindInfo = (kind: RecordKind): RecordKindInfo => {
    const info = findKind(kind, kinds);
    if (!info) throw new Error(`unknown record kind: ${kind}`);
    return info;
  };
  const pending = { before: new Set(before.keys()), after: new Set(after.keys()) };
  const pairs: { from: string; to: string }[] = [];
  const pair = (from: string, to: string) => {
    pairs.push({ from, to });
    pending.before.delete(from);
    pending.after.delete(to);
  };
  // The same record: the same path, then a file git saw moved, then a file of the same kind and id.
  for (const file of after.keys()) if (before.has(file)) pair(file, file);
  for (const { from, to } of renames) {
    if (pending.before.has(from) && pending.after.has(to) && before.get(from)!.kind === after.get(to)!.kind) pair(from, to);
  }
  for (const to of [...pending.after]) {
    const target = after.get(to)!;
    const from = [...pending.before].find((file) => {
      const candidate = before.get(file)!;
      return (
        candidate.kind === target.kind && recordId(file, candidate, kindInfo(target.kind)) === recordId(to, target, kindInfo(target.kind))
      );
    });
    if (from !== undefined) pair(from, to);
  }

  const result: RecordChange[] = [];
  for (const { from, to } of pairs) {
    const change = compareFile(from, before.get(from)!, to, after.get(to)!, schemas, kindInfo(after.get(to)!.kind));
    if (change) result.push(change);
  }
  for (const file of pending.before) result.push(wholeFile('removed', file, before.get(file)!, kindInfo(before.get(file)!.kind)));
  for (const file of pending.after) result.push(wholeFile('added', file, after.get(file)!, kindInfo(after.get(file)!.kind)));
  return result.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** The record's identifier, or the one its file name announces ("content/rome/k1704.yaml" → "K1704"). */
function recordId(file: string, record: RecordFile, info: RecordKindInfo): string {
  const id = 'data' in record ? record.data[info.idField] : undefined;
  if (typeof id === 'string' && id !== '') return id;
  return idFromFileName(file);
}

function describeRecord(kind: RecordChangeKind, file: string, record: RecordFile, info: RecordKindInfo): RecordChange {
  const title = 'data' in record ? record.data[info.titleField] : undefined;
  return {
    kind,
    recordKind: record.kind,
    id: recordId(file, record, info),
    ...(typeof title === 'string' ? { title } : {}),
    file,
    changes: [],
  };
}

function wholeFile(kind: 'added' | 'removed', file: string, record: RecordFile, info: RecordKindInfo): RecordChange {
  const change = describeRecord(kind, file, record, info);
  if ('problem' in record) change.unreadable = kind === 'added' ? { after: record.problem } : { before: record.problem };
  return change;
}

function compareFile(
  from: string,
  before: RecordFile,
  to: string,
  after: RecordFile,
  schemas: SchemaFiles,
  info: RecordKindInfo,
): RecordChange | undefined {
  const change = describeRecord(from === to ? 'changed' : 'renamed', to, after, info);
  if (from !== to) change.previousFile = from;
  if ('data' in before && 'data' in after) {
    change.changes = diffRecordData(schemas, kindRoot(schemas, info), before.data, after.data);
  } else {
    if ('problem' in before && 'problem' in after && before.raw === after.raw && from === to) return undefined;
    change.unreadable = {
      ...('problem' in before ? { before: before.problem } : {}),
      ...('problem' in after ? { after: after.problem } : {}),
    };
  }
  return change.kind === 'changed' && change.changes.length === 0 && !change.unreadable ? undefined : change;
}
