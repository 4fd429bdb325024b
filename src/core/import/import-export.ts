/**
 * `npm run import`'s engine: reads an official export (streamed, one record in memory at a time), maps and
 * cleans each record, merges it with the file in content/ by field ownership, and writes the changed files in
 * canonical form into a tree built aside, swapped in only once the whole export has been read and every
 * written file passed the validator. Records the export no longer holds are marked, never deleted.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { stringify } from 'yaml';
import { fileNameForId, findKind, RECORD_KINDS } from '../kinds/record-kinds.ts';
import type { RecordKindInfo } from '../kinds/record-kinds.ts';
import { loadSchemaFiles } from '../schemas/schema-store.ts';
import { createValidators } from '../schemas/validator.ts';
import { ownersOf } from '../schemas/ownership.ts';
import { canonicalize } from '../format/canonical.ts';
import { canonicalFromData } from '../format/canonical-data.ts';
import { modelineFor, readRecordSafely } from '../validation/read-record.ts';
import { diffRecords } from '../diff/semantic-diff.ts';
import type { ContentVersion } from '../diff/semantic-diff.ts';
import { FlowError } from './flow-reader.ts';
import { recordProblems } from './flow-cleaning.ts';
import { mergeRecord, withoutImportDate } from './merge.ts';
import { FlowRecords } from './flow-records.ts';
import type { RegistryInfo } from './flow-sources.ts';
import { AsideTree, recoverInterruptedImport } from './aside-tree.ts';
import { emptyReport } from './import-report.ts';
import type { ImportReport } from './import-report.ts';

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
}

/** Why an import stopped without touching content/. */
export class ImportError extends Error {
  readonly detail: string;

  constructor(message: string, detail: string) {
    super(message);
    this.detail = detail;
  }
}

/** Runs an import; throws a FlowError or an ImportError (content/ untouched) when it cannot be completed. */
export async function importExport(options: ImportOptions): Promise<ImportReport> {
  const root = options.root;
  const contentDir = options.contentDir ?? join(root, 'content');
  const schemaDir = join(root, 'schemas');
  const recovered = options.dryRun ? undefined : recoverInterruptedImport(contentDir);
  const schemas = loadSchemaFiles(schemaDir);
  const validators = createValidators(schemas);
  const romeKind = findKind('rome')!;

  const report = emptyReport(options.file, Boolean(options.dryRun));
  if (recovered) report.notes.push(recovered);
  const flow = new FlowRecords(options.file, schemas, validators, {
    exportDate: options.exportDate,
    only: options.only,
    hasRomeSheet: (code) => exists(pathOf(romeKind, code)),
  });
  let tree: AsideTree | undefined;

  const pathOf = (of: RecordKindInfo, id: string) => join(contentDir, of.folder, fileNameForId(id));
  const projectPath = (path: string) => relative(root, path).split(sep).join('/');
  // Which files content/ holds, one listing per folder: looking each file up is slow on some disks.
  const listings = new Map<string, Set<string>>();
  const exists = (path: string) => {
    const folder = dirname(path);
    let names = listings.get(folder);
    if (!names) listings.set(folder, (names = new Set(existsSync(folder) ? readdirSync(folder) : [])));
    return names.has(basename(path));
  };
  const readExisting = (of: RecordKindInfo, path: string) =>
    exists(path)
      ? readRecordSafely(
          { path, file: projectPath(path), kind: of, isYaml: true },
          { kinds: RECORD_KINDS, schemas, validators, schemaDir, reuse: undefined },
        )
      : undefined;
  const textOf = (of: RecordKindInfo, path: string, data: Data) => {
    const header = modelineFor(path, of, schemaDir);
    const direct = canonicalFromData(data, of, schemas, header);
    if (direct !== undefined) return direct;
    const draft = `${header}\n${stringify(data, { lineWidth: 0 })}`;
    const result = canonicalize(draft, of, schemas, projectPath(path));
    if (!result.ok) throw new Error(`canonical form failed for ${projectPath(path)}`);
    return result.text;
  };
  const write = async (path: string, text: string) => {
    if (options.dryRun) return;
    tree ??= AsideTree.begin(contentDir);
    await tree.write(relative(contentDir, path), text);
  };

  try {
    for await (const record of flow.records()) {
      const { kind } = flow.facts!;
      const outcome = await writeRecord(kind, pathOf(kind, record.id), record.data);
      if (outcome) report.counts[outcome]++;
    }
    const { info, kind, exportDate, source } = flow.facts!;
    Object.assign(report, { registry: info.registry, exportDate });
    if (!options.only) await markAbsent(info, kind, exportDate);
    await updateRomeSheets(info, source);
    await tree?.commit();
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
  report.counts.read = flow.read;
  report.dropped.push(...flow.dropped);
  report.rejected.push(...flow.rejected);
  for (const [name, count] of flow.unknownElements) report.unknownElements.push({ name, count });
  return report;

  async function writeRecord(of: RecordKindInfo, path: string, imported: Data): Promise<'added' | 'changed' | 'unchanged' | undefined> {
    const existing = readExisting(of, path);
    if (existing && !existing.record) {
      report.notImported.push({
        record: String(imported[of.idField]),
        file: projectPath(path),
        problems: existing.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`),
      });
      return undefined;
    }
    const previous = existing?.record?.data as Data | undefined;
    const flowSourceId = flow.facts!.info.sourceId;
    const merged = mergeRecord(imported, previous, ownersOf(schemas, of), flowSourceId);
    for (const stale of merged.staleCorrections)
      report.staleCorrections.push({ record: String(imported[of.idField]), file: projectPath(path), ...stale });
    if (previous && isDeepStrictEqual(withoutImportDate(previous, flowSourceId), withoutImportDate(merged.data, flowSourceId)))
      return 'unchanged';
    // A new record is the cleaned flow record itself, already valid; a merge with editor fields is checked again.
    const problems = previous ? recordProblems(merged.data, of, validators[of.kind], projectPath(path)) : [];
    if (problems.length > 0) {
      report.notImported.push({
        record: String(imported[of.idField]),
        file: projectPath(path),
        problems: problems.map((p) => `${p.pointer || '/'} : ${p.reason}`),
      });
      return undefined;
    }
    await write(path, textOf(of, path, merged.data));
    recordChange(of, path, previous, merged.data);
    return previous ? 'changed' : 'added';
  }

  /** The semantic diff of one written record, computed at once so that no record stays in memory. */
  function recordChange(of: RecordKindInfo, path: string, previous: Data | undefined, next: Data): void {
    const file = projectPath(path);
    const before: ContentVersion = new Map(previous ? [[file, { kind: of.kind, data: previous }]] : []);
    const after: ContentVersion = new Map([[file, { kind: of.kind, data: next }]]);
    report.changes.push(...diffRecords(before, after, [], schemas));
  }

  async function markAbsent(info: RegistryInfo, kind: RecordKindInfo, exportDate: string | undefined): Promise<void> {
    const folder = join(contentDir, kind.folder);
    if (!existsSync(folder)) return;
    for (const name of readdirSync(folder).sort()) {
      if (!name.endsWith('.yaml')) continue;
      const path = join(folder, name);
      const existing = readExisting(kind, path);
      const data = existing?.record?.data as Data | undefined;
      if (!data || flow.seen.has(String(data[kind.idField]))) continue;
      const fromFlow = (data.sources as Data[]).some((s) => s.id === info.sourceId);
      if (!fromFlow || data.absente_de_l_export) continue;
      const marked = {
        ...data,
        absente_de_l_export: exportDate ? { date_export: exportDate, source: info.sourceId } : { source: info.sourceId },
      };
      await write(path, textOf(kind, path, marked));
      recordChange(kind, path, data, marked);
      report.counts.markedAbsent++;
    }
  }

  async function updateRomeSheets(info: RegistryInfo, source: Data): Promise<void> {
    for (const choice of flow.romeLabels.choices()) {
      if (choice.others.length > 0) report.romeLabels.push(choice);
      const path = pathOf(romeKind, choice.code);
      const existing = readExisting(romeKind, path);
      if (existing && !existing.record) {
        report.notImported.push({
          record: choice.code,
          file: projectPath(path),
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
      const outcome = await writeRecord(romeKind, path, imported);
      if (outcome === 'added') report.counts.romeAdded++;
      if (outcome === 'changed') report.counts.romeChanged++;
    }
  }
}
