/**
 * The whole-registry downloads: every kind's records in one file, as a JSON array and as NDJSON, and
 * the registry's CSV tables (core/registry/registry-tables.ts).
 *
 * The loader writes them into the open-data folder once every kind's per-record files are published,
 * so that `astro dev` serves them as it serves the rest of that folder and the build links them into
 * dist/ with it. They are made from those per-record JSON files, read back one at a time in id order:
 * a dump holds exactly what /api/v1/<kind>/<id>.json serves, and at registry scale (25,638 RNCP
 * records, several hundred megabytes) no more than one record sits in memory while every output is
 * streamed to disk. Only the registry index, small facts of each record, is built beforehand from the
 * loaded records, since lineage and equivalences are read both ways.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { streamedFile } from '../core/files/streamed-file.ts';
import type { StreamedFile } from '../core/files/streamed-file.ts';
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
import { OPEN_DATA_DIR } from './open-data.ts';
import { apiFile, dumpFile, tableFile } from './urls.ts';
import type { DumpFormat } from './urls.ts';

/** Each dump format, as the open-data page and the OpenAPI description present it. */
export const DUMP_FORMATS: readonly { format: DumpFormat; mediaType: string; title: string; description: string }[] = [
  {
    format: 'json',
    mediaType: 'application/json',
    title: 'JSON',
    description: 'Un tableau JSON de toutes les fiches, une par ligne, par numéro.',
  },
  {
    format: 'ndjson',
    mediaType: 'application/x-ndjson',
    title: 'NDJSON',
    description: 'Une fiche JSON par ligne, par numéro : le fichier se lit ligne à ligne, sans tout charger.',
  },
];

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
  base: string;
  open(path: string): StreamedFile;
  tables: { table: RegistryTable; file: StreamedFile }[];
  context: TableContext;
}

/** One kind's dumps, and its records' rows in the tables: each record read from its published JSON, by id. */
function writeKind<K extends RecordKind>(kind: K, records: RecordSet, { base, open, tables, context }: Outputs): void {
  const json = open(dumpFile(kind, 'json'));
  const ndjson = open(dumpFile(kind, 'ndjson'));
  const view = TABLE_ROWS[kind];
  const ids = records[kind].map((r) => r.id).sort(compareIds);
  json.write('[');
  ids.forEach((id, i) => {
    const record = JSON.parse(readFileSync(join(base, apiFile(kind, id)), 'utf8')) as RecordKindMap[K];
    const line = JSON.stringify(record);
    json.write(`${i === 0 ? '' : ','}\n${line}`);
    ndjson.write(`${line}\n`);
    if (!view) return;
    const entry = view.entry(record);
    for (const { table, file } of tables) for (const row of table.rows(entry, context)) file.write(csvLine(row, ';'));
  });
  json.write(ids.length === 0 ? ']\n' : '\n]\n');
}

/** Writes every dump and table from the published per-record JSON of `records`; an output is replaced only once complete. */
export function publishRegistryDownloads(root: string, records: RecordSet): void {
  const base = join(root, OPEN_DATA_DIR);
  const index = indexRegistry(RECORD_KINDS.flatMap(({ kind }) => factsOf(records, kind)));
  const context: TableContext = { index, reference: buildReferenceDate(root) };
  const files: StreamedFile[] = [];
  const open = (path: string) => {
    const file = streamedFile(join(base, path));
    files.push(file);
    return file;
  };
  try {
    const tables = REGISTRY_TABLES.map((table) => {
      const file = open(tableFile(table.name));
      file.write(
        CSV_BOM +
          csvLine(
            table.columns.map((c) => c.name),
            ';',
          ),
      );
      return { table, file };
    });
    for (const { kind } of RECORD_KINDS) writeKind(kind, records, { base, open, tables, context });
    for (const file of files) file.close();
  } catch (error) {
    for (const file of files) file.abort();
    throw error;
  }
}
