/** A validated record together with where it came from, and the records of a content tree by kind. */
import type { RecordKind, RecordKindInfo, RecordKindMap } from './record-kinds.ts';
import type { Position, Target } from '../files/yaml-source.ts';

export interface LoadedRecord<K extends RecordKind = RecordKind> {
  kind: K;
  /** The record's identifier (RNCP number, ROME code, RS number). */
  id: string;
  /** Project-relative path of its file. */
  file: string;
  data: RecordKindMap[K];
  /** Position of a JSON pointer inside the file. */
  locate(pointer: string, target?: Target): Position;
}

/** Every valid record of a content tree, by kind (one list per descriptor the tree was read with). */
export type RecordSet = { [K in RecordKind]: LoadedRecord<K>[] };

/** An empty list for each kind. */
export function emptyRecordSet(kinds: readonly RecordKindInfo[]): RecordSet {
  return Object.fromEntries(kinds.map((k) => [k.kind, []])) as unknown as RecordSet;
}

/** The records of one kind, whatever its descriptor: for code that treats every kind alike. */
export function recordsOfKind(records: RecordSet, kind: string): LoadedRecord[] {
  return (records as unknown as Record<string, LoadedRecord[] | undefined>)[kind] ?? [];
}
