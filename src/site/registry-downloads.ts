/**
 * The whole-registry downloads: every kind's records in gzip-compressed NDJSON, and the registry's CSV
 * tables (core/registry/registry-tables.ts). One compressed format rather than a JSON array beside an
 * NDJSON copy: at registry scale the two plain dumps weighed 740 MB, more than half of what a static
 * host takes for the whole site, and the compressed one weighs about an eighth of one. A dump comes in
 * parts of at most 20 MiB (Cloudflare Pages takes no file over 25 MiB; the RNCP dump of the whole
 * registry is about 46 MB), each whole records in id order, listed in DUMP_LIST_FILE.
 *
 * The loader writes them into the open-data folder once every kind's records are in the record store,
 * so that `astro dev` serves them and the build links them into dist/. They are made from the stored
 * JSON, read back one record at a time in id order: a dump holds exactly what content/ says, and at
 * registry scale (25,638 RNCP records, several hundred megabytes) no more than one record sits in
 * memory while every output is streamed to disk. Only the registry index, small facts of each record, is built beforehand from the
 * loaded records, since lineage and equivalences are read both ways.
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { gzipStreamedFile, streamedFile } from '../core/files/streamed-file.ts';
import type { GzipStreamedFile, StreamedFile } from '../core/files/streamed-file.ts';
import { RECORD_KINDS } from '../core/kinds/record-kinds.ts';
import type { RecordKind, RecordKindMap } from '../core/kinds/record-kinds.ts';
import type { RecordSet } from '../core/kinds/records.ts';
import { certificationFacts, rsFacts } from '../core/registry/registry-facts.ts';
import type { RegistryFacts } from '../core/registry/registry-facts.ts';
import { compareIds, indexRegistry } from '../core/registry/registry-index.ts';
import { REGISTRY_TABLES } from '../core/registry/registry-tables.ts';
import type { RegistryRecord, RegistryTable, TableContext } from '../core/registry/registry-tables.ts';
import { DUMP_PART_BYTES, sizeOf } from '../core/size-settings.ts';
import { CSV_BOM, csvLine } from '../core/text/csv.ts';
import { buildReferenceDate } from './build-facts.ts';
import { OPEN_DATA_DIR, readStoredRecord } from './open-data.ts';
import { DUMP_LIST_FILE, dumpFile, tableFile } from './urls.ts';

/** The dumps' format, as the open-data page and the OpenAPI description present it. */
export const DUMP_FORMAT = {
  mediaType: 'application/gzip',
  title: 'NDJSON compressé (gzip)',
  description:
    'Une fiche JSON par ligne, par numéro, dans un fichier compressé avec gzip (les commandes gunzip ou zcat le décompressent) : il se lit ligne à ligne sans tout charger.',
} as const;

/** How a kind's records are rows of the registry's tables; undefined for a kind that has none. A kind left out does not compile. */
const TABLE_ROWS: {
  readonly [K in RecordKind]:
    { entry(record: RecordKindMap[K]): RegistryRecord; facts(record: RecordKindMap[K]): RegistryFacts } | undefined;
} = {
  certification: { entry: (record) => ({ registry: 'RNCP', record }), facts: certificationFacts },
  rome: undefined,
  rs: { entry: (record) => ({ registry: 'RS', record }), facts: rsFacts },
};

function factsOf<K extends RecordKind>(records: RecordSet, kind: K): RegistryFacts[] {
  const view = TABLE_ROWS[kind];
  return view ? records[kind].map((r) => view.facts(r.data)) : [];
}

/** One part of a kind's dump, as DUMP_LIST_FILE lists it. */
export interface DumpPart {
  /** Relative to the site's root, without the base path: "api/v1/dumps/certifications-2.ndjson.gz". */
  file: string;
  records: number;
  /** The part's first and last record ids. */
  first: string;
  last: string;
}

/** DUMP_LIST_FILE: each kind's parts, in order, by the kind's address segment ("certifications", "rome", "rs"). */
export type DumpList = Record<string, DumpPart[]>;

interface Outputs {
  root: string;
  dump(path: string): GzipStreamedFile;
  tables: { table: RegistryTable; file: StreamedFile }[];
  context: TableContext;
  partBytes: number;
}

/**
 * One kind's dump, and its records' rows in the tables: each record read from the record store, by id. A new
 * part starts before the record that could take the current one over `partBytes`. Parts are put in place
 * with every other output, once all are complete.
 */
async function writeKind<K extends RecordKind>(
  kind: K,
  records: RecordSet,
  { root, dump, tables, context, partBytes }: Outputs,
): Promise<DumpPart[]> {
  const parts: DumpPart[] = [];
  let ndjson: GzipStreamedFile | undefined;
  const view = TABLE_ROWS[kind];
  for (const id of records[kind].map((r) => r.id).sort(compareIds)) {
    const record = readStoredRecord(root, kind, id);
    const line = `${JSON.stringify(record)}\n`;
    const part = parts.at(-1);
    if (!ndjson || !part || ndjson.sizeBound() + line.length * 3 > partBytes) {
      parts.push({ file: dumpFile(kind, parts.length + 1), records: 0, first: id, last: id });
      ndjson = dump(parts.at(-1)!.file);
    }
    await ndjson.write(line);
    const current = parts.at(-1)!;
    current.records += 1;
    current.last = id;
    if (!view) continue;
    const entry = view.entry(record);
    for (const { table, file } of tables) for (const row of table.rows(entry, context)) file.write(csvLine(row, ';'));
  }
  // A kind without records still has its (empty) dump, so that its address always answers.
  if (!ndjson) {
    parts.push({ file: dumpFile(kind), records: 0, first: '', last: '' });
    dump(dumpFile(kind));
  }
  return parts;
}

/**
 * Removes from the dumps' folder every file this write did not make: the parts an earlier, larger dump left
 * beyond this one's last, and the dumps of earlier versions (certifications.json, .ndjson). The build
 * publishes the whole folder, and the list must name all it holds.
 */
function removeStaleFiles(base: string, list: DumpList): void {
  const kept = new Set([basename(DUMP_LIST_FILE), ...Object.values(list).flatMap((parts) => parts.map((part) => basename(part.file)))]);
  const folder = join(base, dirname(DUMP_LIST_FILE));
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (!kept.has(entry.name)) rmSync(join(folder, entry.name), { recursive: true, force: true });
  }
}

/** The downloads being written: in `astro dev` an edit can come while the last one's are, and both use the same files. */
let writing: Promise<void> = Promise.resolve();

/**
 * Writes every dump and table from the stored JSON of `records`, after any write still under way; an output is
 * replaced only once complete.
 */
export function publishRegistryDownloads(root: string, records: RecordSet): Promise<void> {
  const next = writing.then(() => writeDownloads(root, records));
  writing = next.catch(() => undefined);
  return next;
}

async function writeDownloads(root: string, records: RecordSet): Promise<void> {
  const base = join(root, OPEN_DATA_DIR);
  const index = indexRegistry(RECORD_KINDS.flatMap(({ kind }) => factsOf(records, kind)));
  const context: TableContext = { index, reference: buildReferenceDate(root) };
  const files: StreamedFile[] = [];
  const dumps: GzipStreamedFile[] = [];
  const dump = (path: string) => {
    const file = gzipStreamedFile(join(base, path));
    dumps.push(file);
    return file;
  };
  try {
    const tables = REGISTRY_TABLES.map((table) => {
      const file = streamedFile(join(base, tableFile(table.name)));
      files.push(file);
      file.write(
        CSV_BOM +
          csvLine(
            table.columns.map((c) => c.name),
            ';',
          ),
      );
      return { table, file };
    });
    const partBytes = sizeOf(DUMP_PART_BYTES, process.env[DUMP_PART_BYTES.variable]);
    const list: DumpList = {};
    for (const { kind, urlSegment } of RECORD_KINDS)
      list[urlSegment] = await writeKind(kind, records, { root, dump, tables, context, partBytes });
    for (const file of dumps) await file.close();
    for (const file of files) file.close();
    writeFileSync(join(base, DUMP_LIST_FILE), `${JSON.stringify(list, null, 2)}\n`);
    removeStaleFiles(base, list);
  } catch (error) {
    for (const file of [...files, ...dumps]) file.abort();
    throw error;
  }
}
