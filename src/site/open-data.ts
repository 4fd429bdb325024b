/**
 * The open-data files of each record: its JSON (the record exactly as in content/, valid against
 * /schemas/), one CSV per indicator table, and its YAML source byte for byte. The loader writes
 * them under OPEN_DATA_DIR as it loads the records, the build copies that folder into the site and
 * the dev server serves it: one writer, the same bytes everywhere, and no Astro route per file
 * (three routes per record cost more than the record's page at registry scale).
 *
 * Record pages read their record back from its JSON here, so that Astro's data store only holds
 * the small summaries lists need, not the whole registry.
 */
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { RecordKind, RecordKindMap } from '../core/kinds/record-kinds.ts';
import { tableToCsv } from './csv.ts';
import type { TableNote } from './indicator-tables.ts';
import { tablesOf } from './kind-views.ts';
import { apiFile, csvFile, sourceFile } from './urls.ts';

/** The folder, relative to the project root, that holds the open-data files of the last load. */
export const OPEN_DATA_DIR = '.cache/certidocs/open-data';

export interface OpenDataFile {
  /** Path inside the site, without the base path. */
  path: string;
  body: string | Uint8Array;
}

/** The paths of a record's open-data files, from its outline's tables. */
export function openDataPaths(kind: RecordKind, id: string, tables: { id: string }[]): string[] {
  return [apiFile(kind, id), ...tables.map((table) => csvFile(kind, id, table.id)), sourceFile(kind, id)];
}

/** Every open-data file of one record. */
export function openDataFiles<K extends RecordKind>(
  kind: K,
  id: string,
  record: RecordKindMap[K],
  notes: TableNote[],
  source: Uint8Array,
): OpenDataFile[] {
  return [
    { path: apiFile(kind, id), body: `${JSON.stringify(record, null, 2)}\n` },
    ...tablesOf(kind, record, notes).map((table) => ({ path: csvFile(kind, id, table.id), body: tableToCsv(table) })),
    { path: sourceFile(kind, id), body: source },
  ];
}

/** A record as its page needs it: read back from its published JSON. */
export function readPublishedRecord<K extends RecordKind>(root: string, kind: K, id: string): RecordKindMap[K] {
  return JSON.parse(readFileSync(join(root, OPEN_DATA_DIR, apiFile(kind, id)), 'utf8')) as RecordKindMap[K];
}

/**
 * Writes the open-data files of one kind's records as they come, then, on `finish`, removes the
 * files of records that are gone, so the folder never publishes a deleted record. Files are written
 * one record at a time: the registry's files never sit in memory together.
 */
export function openDataWriter(
  root: string,
  kind: RecordKind,
): { write(files: OpenDataFile[]): void; keep(paths: string[]): void; finish(): void } {
  const base = join(root, OPEN_DATA_DIR);
  const written = new Set<string>();
  const folders = new Set<string>();
  return {
    write(files) {
      for (const file of files) {
        const path = join(base, file.path);
        const folder = dirname(path);
        if (!folders.has(folder)) {
          mkdirSync(folder, { recursive: true });
          folders.add(folder);
        }
        // A new file replaces the old one rather than overwriting it: a built site links to the old one.
        writeFileSync(`${path}.tmp`, file.body);
        renameSync(`${path}.tmp`, path);
        written.add(file.path);
      }
    },
    /** Files already published and still right, left as they are. */
    keep(paths) {
      for (const path of paths) written.add(path);
    },
    finish() {
      for (const top of [dirname(apiFile(kind, 'x')), dirname(sourceFile(kind, 'x'))]) {
        const folder = join(base, top);
        mkdirSync(folder, { recursive: true });
        for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
          const path = relative(base, join(entry.parentPath, entry.name)).split(sep).join('/');
          if (entry.isFile() && !written.has(path)) rmSync(join(base, path));
        }
      }
    },
  };
}
