/** A validated record together with where it came from. */
import type { RecordKind, RecordKindMap } from './record-kinds.ts';
import type { Position, Target } from '../files/yaml-source.ts';

export interface LoadedRecord<K extends RecordKind = RecordKind> {
  kind: K;
  /** The record's identifier (RNCP number or ROME code). */
  id: string;
  /** Project-relative path of its file. */
  file: string;
  data: RecordKindMap[K];
  /** Position of a JSON pointer inside the file. */
  locate(pointer: string, target?: Target): Position;
}

/** Every valid record of a content tree, by kind. */
export interface RecordSet {
  certification: LoadedRecord<'certification'>[];
  rome: LoadedRecord<'rome'>[];
}
