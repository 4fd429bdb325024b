/**
 * Where a build keeps its records' JSON and its whole-registry downloads.
 *
 * The record store (RECORD_STORE_DIR) holds each record's JSON, exactly as in content/: the loader writes it
 * as it loads the records, record pages read their record back from it (so that Astro's data store only holds
 * the small summaries lists need), the next build reuses it for unchanged files, and the dumps are made from
 * it. It is not published: one file per record was 30,000 files and 440 MB at registry scale, more than a
 * static host leaves beside the pages, for what the dumps already give whole.
 *
 * The published folder (OPEN_DATA_DIR) holds the whole-registry dumps and tables: the build links it into the
 * site and the dev server serves it, so both give the same bytes.
 */
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KIND_INFO } from '../core/kinds/record-kinds.ts';
import type { RecordKind, RecordKindMap } from '../core/kinds/record-kinds.ts';

/** The folder, relative to the project root, of the records' JSON of the last load. */
export const RECORD_STORE_DIR = '.cache/certidocs/records';

/** The folder, relative to the project root, of the published whole-registry downloads of the last load. */
export const OPEN_DATA_DIR = '.cache/certidocs/open-data';

/** A record's JSON in the store, relative to the project root: ".cache/certidocs/records/rome/k1704.json". */
function storedRecordFile(kind: RecordKind, id: string): string {
  return `${RECORD_STORE_DIR}/${KIND_INFO[kind].urlSegment}/${id.toLowerCase()}.json`;
}

/** A record as its page and the dumps need it: read back from the store. */
export function readStoredRecord<K extends RecordKind>(root: string, kind: K, id: string): RecordKindMap[K] {
  return JSON.parse(readFileSync(join(root, storedRecordFile(kind, id)), 'utf8')) as RecordKindMap[K];
}

/**
 * Writes one kind's records into the store as they come, then, on `finish`, removes the files of records that
 * are gone. One record at a time: the registry's records never sit in memory together.
 */
export function recordStoreWriter(
  root: string,
  kind: RecordKind,
): { write(id: string, record: unknown): void; keep(id: string): void; finish(): void } {
  const folder = join(root, RECORD_STORE_DIR, KIND_INFO[kind].urlSegment);
  mkdirSync(folder, { recursive: true });
  const names = new Set<string>();
  const nameOf = (id: string) => `${id.toLowerCase()}.json`;
  return {
    write(id, record) {
      const path = join(folder, nameOf(id));
      // A new file replaces the old one rather than overwriting it: a page being rendered may read the old one.
      writeFileSync(`${path}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
      renameSync(`${path}.tmp`, path);
      names.add(nameOf(id));
    },
    /** A record whose stored JSON is still right, left as it is. */
    keep(id) {
      names.add(nameOf(id));
    },
    finish() {
      for (const name of readdirSync(folder)) if (!names.has(name)) rmSync(join(folder, name), { force: true });
    },
  };
}
