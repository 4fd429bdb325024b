/** What the Astro collections store for each record: its outline, its file and what readers should know about it. */
import type { Diagnostic } from '../core/validation/diagnostic.ts';
import type { RecordKind, RecordKindMap } from '../core/kinds/record-kinds.ts';
import type { RecordSet } from '../core/kinds/records.ts';
import { outlineOf } from '../site/outline.ts';
import type { OutlineMap } from '../site/outline.ts';

/** A data-quality remark the validator made about a record, shown to readers as a note. */
export interface ReaderNote {
  /** JSON pointer of the figure concerned, so a page can place the note beside it. */
  pointer: string;
  message: string;
}

export interface RecordEntry<K extends RecordKind = RecordKind> {
  /** What lists and links need; the page reads the whole record from its published JSON. */
  outline: OutlineMap[K];
  /** Project-relative path of the YAML source. */
  file: string;
  notes: ReaderNote[];
}

/** A loaded record with its entry, for the loader to store and publish. */
export interface LoadedEntry<K extends RecordKind = RecordKind> {
  id: string;
  record: RecordKindMap[K];
  entry: RecordEntry<K>;
}

/** Rules whose warnings describe the published data itself, not the way the file is written. */
const READER_RULES = new Set(['distribution-total', 'registration-dates']);

/** Builds the entries of one kind from a validation result (one pass over the diagnostics, not one per record). */
export function entriesOf<K extends RecordKind>(records: RecordSet, diagnostics: Diagnostic[], kind: K): LoadedEntry<K>[] {
  const notesByFile = new Map<string, ReaderNote[]>();
  for (const d of diagnostics) {
    if (d.severity !== 'warning' || !READER_RULES.has(d.rule)) continue;
    const notes = notesByFile.get(d.file) ?? [];
    notes.push({ pointer: d.pointer, message: d.message });
    notesByFile.set(d.file, notes);
  }
  return (records[kind] as RecordSet[K]).map((loaded) => {
    const record = loaded.data as RecordKindMap[K];
    const notes = notesByFile.get(loaded.file) ?? [];
    return { id: loaded.id.toLowerCase(), record, entry: { outline: outlineOf(kind, record, notes), file: loaded.file, notes } };
  });
}
