/** What the Astro collections store for each record: its outline, its file and what readers should know about it. */
import type { RecordKind, RecordKindMap } from '../core/kinds/record-kinds.ts';
import type { LoadedRecord, RecordSet } from '../core/kinds/records.ts';
import type { Diagnostic } from '../core/validation/diagnostic.ts';
import { outlineOf } from '../site/kind-views.ts';
import type { ReaderNote, RecordEntry } from '../site/outline.ts';

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
  const loaded: LoadedRecord<K>[] = records[kind];
  return loaded.map(({ id, data, file }) => {
    const notes = notesByFile.get(file) ?? [];
    return { id: id.toLowerCase(), record: data, entry: { outline: outlineOf(kind, data, notes), file, notes } };
  });
}
