/** What the Astro collections store for each record: the record itself and what readers should know about it. */
import type { Diagnostic } from '../core/diagnostic.ts';
import type { RecordKind, RecordKindMap } from '../core/record-kinds.ts';
import type { RecordSet } from '../core/records.ts';

/** A data-quality remark the validator made about a record, shown to readers as a note. */
export interface ReaderNote {
  /** JSON pointer of the figure concerned, so a page can place the note beside it. */
  pointer: string;
  message: string;
}

export interface RecordEntry<K extends RecordKind = RecordKind> {
  record: RecordKindMap[K];
  /** Project-relative path of the YAML source. */
  file: string;
  notes: ReaderNote[];
}

/** Rules whose warnings describe the published data itself, not the way the file is written. */
const READER_RULES = new Set(['distribution-total', 'registration-dates']);

/** Builds the stored entries of one kind from a validation result. */
export function entriesOf<K extends RecordKind>(records: RecordSet, diagnostics: Diagnostic[], kind: K): { id: string; entry: RecordEntry<K> }[] {
  return (records[kind] as RecordSet[K]).map((loaded) => ({
    id: loaded.id.toLowerCase(),
    entry: {
      record: loaded.data as RecordKindMap[K],
      file: loaded.file,
      notes: diagnostics
        .filter((d) => d.file === loaded.file && d.severity === 'warning' && READER_RULES.has(d.rule))
        .map((d) => ({ pointer: d.pointer, message: d.message })),
    },
  }));
}
