/**
 * `npm run import`'s engine: reads an official export (streamed, one record in memory at a time), maps and
 * cleans each record, merges it with the file in content/ by field ownership, and writes the changed files in
 * canonical form into a tree built aside, swapped in only once the whole export has been read and every
 * written file passed the validator. Records the export no longer holds are marked, never deleted.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { findKind } from '../kinds/record-kinds.ts';
import type { RecordKindInfo } from '../kinds/record-kinds.ts';
import { loadSchemaFiles } from '../schemas/schema-store.ts';
import { createValidators } from '../schemas/validator.ts';
import { FlowError } from './flow-reader.ts';
import { REGISTRIES } from './flow-sources.ts';
import type { RegistryInfo } from './flow-sources.ts';
import { AsideTree, recoverInterruptedImport } from './aside-tree.ts';
import { emptyReport } from './import-report.ts';
import type { ImportReport } from './import-report.ts';
import { ImportError, failureError } from './import-failure.ts';
import type { Failure } from './import-failure.ts';
import { runShard } from './import-shard.ts';
import type { ShardOptions, ShardResult } from './import-shard.ts';
import { RecordWriter } from './record-writer.ts';
import { RomeLabelVotes } from './rome-labels.ts';

export { ImportError } from './import-failure.ts';

type Data = Record<string, unknown>;

export interface ImportOptions {
  /** Project root: schemas/ and the paths shown in the report. */
  root: string;
  /** Defaults to <root>/content. */
  contentDir?: string | undefined;
  /** The export: its XML, or the zip as published. */
  file: string;
  /** Compute and report, write nothing. */
  dryRun?: boolean | undefined;
  /** Import only these record numbers (and mark nothing absent). */
  only?: ReadonlySet<string> | undefined;
  /** The export's date when its file name does not give it (AAAA-MM-JJ). */
  exportDate?: string | undefined;
  /** Worker threads sharing the records; by default two for a large export on a machine with two cores, else none. */
  workers?: number | undefined;
}

/**
 * From this size on, an export is imported by worker threads: the RNCP export (about 480 MB) is, the RS one
 * (about 40 MB) is not; at that size the threads' start and their second reading of the file cost more than
 * they save (7.1 s against 5.6 to 6.3 s in one thread, bench/README.md).
 */
const WORKERS_FROM_BYTES = 100_000_000;

function workerCount(options: ImportOptions): number {
  if (options.workers !== undefined) return options.workers;
  const size = existsSync(options.file) ? statSync(options.file).size : 0;
  return size >= WORKERS_FROM_BYTES ? Math.min(2, availableParallelism()) : 0;
}

/** Runs one share in a worker thread. */
function shardInWorker(options: ShardOptions): Promise<ShardResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { workerData: options });
    let settled = false;
    worker.once('message', (message: { ok: true; result: ShardResult } | { ok: false; failure: Failure }) => {
      settled = true;
      if (message.ok) resolve(message.result);
      else reject(failureError(message.failure));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`import worker stopped with exit code ${code}`));
    });
  });
}

/** Runs every share, in worker threads or in this one, and waits for all of them before failing with the first failure. */
async function runShards(options: ShardOptions, workers: number): Promise<ShardResult[]> {
  if (workers <= 1) return [await runShard(options)];
  const outcomes = await Promise.allSettled(
    Array.from({ length: workers }, (_, index) => shardInWorker({ ...options, shard: { index, count: workers } })),
  );
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed) throw failed.reason;
  return outcomes.map((o) => (o as PromiseFulfilledResult<ShardResult>).value);
}

/** Runs an import; throws a FlowError or an ImportError (content/ untouched) when it cannot be completed. */
export async function importExport(options: ImportOptions): Promise<ImportReport> {
  const root = options.root;
  const contentDir = options.contentDir ?? join(root, 'content');
  const dryRun = Boolean(options.dryRun);
  const recovered = dryRun ? undefined : recoverInterruptedImport(contentDir);
  const report = emptyReport(options.file, dryRun);
  if (recovered) report.notes.push(recovered);
  const tree = dryRun ? undefined : AsideTree.begin(contentDir);
  try {
    const shards = await runShards(
      { root, contentDir, file: options.file, dryRun, only: options.only && [...options.only], exportDate: options.exportDate },
      workerCount(options),
    );
    const [first] = shards;
    if (!first.registry) throw new Error('no share of the export learned its registry');
    const info = REGISTRIES[first.registry];
    Object.assign(report, { registry: info.registry, exportDate: first.exportDate });
    const schemas = loadSchemaFiles(join(root, 'schemas'));
    const validators = createValidators(schemas);
    const writer = new RecordWriter({ root, contentDir, schemas, validators, flowSourceId: info.sourceId, tree });
    const votes = new RomeLabelVotes();
    const seen = new Set<string>();
    const unknown = new Map<string, number>();
    for (const shard of shards) {
      report.counts.read += shard.read;
      report.counts.added += shard.counts.added;
      report.counts.changed += shard.counts.changed;
      report.counts.unchanged += shard.counts.unchanged;
      report.dropped.push(...shard.dropped);
      report.rejected.push(...shard.rejected);
      report.notImported.push(...shard.notImported);
      report.staleCorrections.push(...shard.staleCorrections);
      report.changes.push(...shard.changes);
      for (const id of shard.seen) seen.add(id);
      for (const [name, count] of shard.unknownElements) unknown.set(name, (unknown.get(name) ?? 0) + count);
      votes.merge(shard.romeVotes);
    }
    const kind = findKind(info.kind)!;
    if (!options.only)
      report.counts.markedAbsent = await markAbsent(writer, join(contentDir, kind.folder), info, kind, seen, first.exportDate);
    await updateRomeSheets(writer, report, info, votes, first.source!);
    report.notImported.push(...writer.notImported);
    report.staleCorrections.push(...writer.staleCorrections);
    report.changes.push(...writer.changes);
    for (const [name, count] of [...unknown].sort(([a], [b]) => (a < b ? -1 : 1))) report.unknownElements.push({ name, count });
    sortReport(report);
    // Nothing written: content/ stays as it is, the same files and the same inodes.
    if (shards.some((s) => s.written > 0) || writer.written > 0) await tree?.commit();
    else await tree?.discard();
  } catch (error) {
    await tree?.discard();
    if (error instanceof FlowError || error instanceof ImportError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    throw new ImportError(
      code === 'ENOSPC'
        ? "le disque est plein : l'import n'a rien changé."
        : `l'écriture a échoué (${(error as Error).message}) : l'import n'a rien changé.`,
      'Libérez de la place ou corrigez le problème, puis relancez la même commande.',
    );
  }
  return report;
}

/** The report in the order of the export (lines) and of the files, whatever the number of shares. */
function sortReport(report: ImportReport): void {
  const byPlace = (a: { line: number; column: number }, b: { line: number; column: number }) => a.line - b.line || a.column - b.column;
  const byFile = (a: { file: string }, b: { file: string }) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  report.dropped.sort(byPlace);
  report.rejected.sort(byPlace);
  report.notImported.sort(byFile);
  report.staleCorrections.sort(byFile);
  report.changes.sort(byFile);
}

/** Marks the records of the registry's flow that the export no longer holds; returns how many. */
async function markAbsent(
  writer: RecordWriter,
  folder: string,
  info: RegistryInfo,
  kind: RecordKindInfo,
  seen: ReadonlySet<string>,
  exportDate: string | undefined,
): Promise<number> {
  if (!existsSync(folder)) return 0;
  let marked = 0;
  for (const name of readdirSync(folder).sort()) {
    if (!name.endsWith('.yaml')) continue;
    const path = join(folder, name);
    const data = writer.readExisting(kind, path)?.record?.data as Data | undefined;
    if (!data || seen.has(String(data[kind.idField]))) continue;
    const fromFlow = (data.sources as Data[]).some((s) => s.id === info.sourceId);
    if (!fromFlow || data.absente_de_l_export) continue;
    const absent = exportDate ? { date_export: exportDate, source: info.sourceId } : { source: info.sourceId };
    await writer.write(kind, path, data, { ...data, absente_de_l_export: absent });
    marked++;
  }
  return marked;
}

/** Writes a ROME sheet for every code the records cite, with the label the rule chose; keeps other sources' labels. */
async function updateRomeSheets(
  writer: RecordWriter,
  report: ImportReport,
  info: RegistryInfo,
  votes: RomeLabelVotes,
  source: Data,
): Promise<void> {
  const romeKind = findKind('rome')!;
  for (const choice of votes.choices()) {
    if (choice.others.length > 0) report.romeLabels.push(choice);
    const path = writer.pathOf(romeKind, choice.code);
    const existing = writer.readExisting(romeKind, path);
    if (existing && !existing.record) {
      report.notImported.push({
        record: choice.code,
        file: writer.projectPath(path),
        problems: existing.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`),
      });
      continue;
    }
    const sheet = existing?.record?.data as Data | undefined;
    const labelSource = (sheet?.libelle_source as Data | undefined)?.source;
    if (sheet && labelSource !== info.sourceId) {
      if (sheet.intitule !== choice.label) report.romeKept.push({ code: choice.code, kept: String(sheet.intitule), flow: choice.label });
      continue;
    }
    const imported: Data = {
      code: choice.code,
      intitule: choice.label,
      libelle_source: { referentiel: 'ROME', source: info.sourceId },
      marche_du_travail: { aucune_donnee: true },
      sources: [source],
    };
    const outcome = await writer.writeRecord(romeKind, path, imported);
    if (outcome === 'added') report.counts.romeAdded++;
    if (outcome === 'changed') report.counts.romeChanged++;
  }
}
