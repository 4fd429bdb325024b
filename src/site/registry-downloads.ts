/**
 * The whole-registry downloads: every kind's records in one gzip-compressed NDJSON file, and the
 * registry's CSV tables (core/registry/registry-tables.ts). One compressed format rather than a JSON
 * array beside an NDJSON copy: at registry scale the two plain dumps weighed 740 MB, more than half of
 * what a static host takes for the whole site, and the compressed one weighs about an eighth of one.
 *
 * The loader writes them into the open-data folder once every kind's records are in the record store,
 * so that `astro dev` serves them and the build links them into dist/. They are made from the stored
 * JSON, read back one record at a time in id order: a dump holds exactly what content/ says, and at
 * registry scale (25,638 RNCP records, several hundred megabytes) no more than one record sits in
 * memory while every output is streamed to disk. Only the registry index, small facts of each record, is built beforehand from the
 * loaded records, since lineage and equivalences are read both ways.
 */
import { join } from 'node:path';
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
import { CSV_BOM, csvLine } from '../core/text/csv.ts';
import { buildReferenceDate } from './build-facts.ts';
import { OPEN_DATA_DIR, readStoredRecord } from './open-data.ts';
import { dumpFile, tableFile } from './urls.ts';

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

interface Outputs {
  root: string;
  dump(path: string): GzipStreamedFile;
  tables: { table: RegistryTable; file: StreamedFile }[];
  context: TableContext;
}

/** One kind's dump, and its records' rows in the tables: each record read from the record store, by id. */
async function writeKind<K extends RecordKind>(kind: K, records: RecordSet, { root, dump, tables, context }: Outputs): Promise<void> {
  const ndjson = dump(dumpFile(kind));
  const view = TABLE_ROWS[kind];
  for (const id of records[kind].map((r) => r.id).sort(compareIds)) {
    const record = readStoredRecord(root, kind, id);
    await ndjson.write(`${JSON.stringify(record)}\n`);
    if (!view) continue;
    const entry = view.entry(record);
    for (const { table, file } of tables) for (const row of table.rows(entry, context)) file.write(csvLine(row, ';'));
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
    for (const { kind } of RECORD_KINDS) await writeKind(kind, records, { root, dump, tables, context });
    for (const file of dumps) await file.close();
    for (const file of files) file.close();
  } catch (error) {
    for (const file of [...files, ...dumps]) file.abort();
    throw error;
  }
}
