/**
 * Writes imported records into the new tree: reads the current file, merges it with the flow's record by field
 * ownership, checks the merge, writes it in canonical form, and keeps what the report says of it (its semantic
 * diff, a merge that could not be done, corrections to look at again). Used by every share of an import and by
 * the steps that follow (records marked absent, ROME sheets).
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { stringify } from 'yaml';
import { fileNameForId, RECORD_KINDS } from '../kinds/record-kinds.ts';
import type { RecordKindInfo } from '../kinds/record-kinds.ts';
import type { SchemaFiles } from '../schemas/schema-store.ts';
import type { SchemaValidators } from '../schemas/validator.ts';
import { ownersOf } from '../schemas/ownership.ts';
import { canonicalize } from '../format/canonical.ts';
import { canonicalFromData } from '../format/canonical-data.ts';
import { modelineFor, readRecordSafely } from '../validation/read-record.ts';
import { diffRecords } from '../diff/semantic-diff.ts';
import type { ContentVersion, RecordChange } from '../diff/semantic-diff.ts';
import { recordProblems } from './flow-cleaning.ts';
import { mergeRecord, withoutImportDate } from './merge.ts';
import type { AsideTree } from './aside-tree.ts';
import type { ImportReport } from './import-report.ts';

type Data = Record<string, unknown>;

export type WriteOutcome = 'added' | 'changed' | 'unchanged' | undefined;

export interface RecordWriterContext {
  root: string;
  contentDir: string;
  schemas: SchemaFiles;
  validators: SchemaValidators;
  /** The source entry id of the registry's flow. */
  flowSourceId: string;
  /** The new tree; none for a dry run. */
  tree: AsideTree | undefined;
}

export class RecordWriter {
  readonly changes: RecordChange[] = [];
  readonly notImported: ImportReport['notImported'] = [];
  readonly staleCorrections: ImportReport['staleCorrections'] = [];
  /** Files written (or that a dry run would write). */
  written = 0;
  private readonly context: RecordWriterContext;
  private readonly schemaDir: string;
  /** Which files content/ holds, one listing per folder: looking each file up costs a system call. */
  private readonly listings = new Map<string, Set<string>>();

  constructor(context: RecordWriterContext) {
    this.context = context;
    this.schemaDir = join(context.root, 'schemas');
  }

  pathOf(of: RecordKindInfo, id: string): string {
    return join(this.context.contentDir, of.folder, fileNameForId(id));
  }

  projectPath(path: string): string {
    return relative(this.context.root, path).split(sep).join('/');
  }

  exists(path: string): boolean {
    const folder = dirname(path);
    let names = this.listings.get(folder);
    if (!names) this.listings.set(folder, (names = new Set(existsSync(folder) ? readdirSync(folder) : [])));
    return names.has(basename(path));
  }

  /** The current file of a record, read and checked as the validator does; undefined when there is none. */
  readExisting(of: RecordKindInfo, path: string): ReturnType<typeof readRecordSafely> | undefined {
    if (!this.exists(path)) return undefined;
    const { schemas, validators } = this.context;
    return readRecordSafely(
      { path, file: this.projectPath(path), kind: of, isYaml: true },
      { kinds: RECORD_KINDS, schemas, validators, schemaDir: this.schemaDir, reuse: undefined },
    );
  }

  /** Merges a record from the flow with its current file and writes the result when it differs. */
  async writeRecord(of: RecordKindInfo, path: string, imported: Data): Promise<WriteOutcome> {
    const { schemas, validators, flowSourceId } = this.context;
    const record = String(imported[of.idField]);
    const file = this.projectPath(path);
    const existing = this.readExisting(of, path);
    if (existing && !existing.record) {
      this.notImported.push({ record, file, problems: existing.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`) });
      return undefined;
    }
    const previous = existing?.record?.data as Data | undefined;
    const merged = mergeRecord(imported, previous, ownersOf(schemas, of), flowSourceId);
    for (const stale of merged.staleCorrections) this.staleCorrections.push({ record, file, ...stale });
    if (previous && isDeepStrictEqual(withoutImportDate(previous, flowSourceId), withoutImportDate(merged.data, flowSourceId)))
      return 'unchanged';
    // A new record is the cleaned flow record itself, already valid; a merge with editor fields is checked again.
    const problems = previous ? recordProblems(merged.data, of, validators[of.kind], file) : [];
    if (problems.length > 0) {
      this.notImported.push({ record, file, problems: problems.map((p) => `${p.pointer || '/'} : ${p.reason}`) });
      return undefined;
    }
    await this.write(of, path, previous, merged.data);
    return previous ? 'changed' : 'added';
  }

  /** Writes a record's new data and keeps its semantic diff, computed at once so that no record stays in memory. */
  async write(of: RecordKindInfo, path: string, previous: Data | undefined, next: Data): Promise<void> {
    await this.context.tree?.write(relative(this.context.contentDir, path), this.textOf(of, path, next));
    this.written++;
    const file = this.projectPath(path);
    const before: ContentVersion = new Map(previous ? [[file, { kind: of.kind, data: previous }]] : []);
    const after: ContentVersion = new Map([[file, { kind: of.kind, data: next }]]);
    this.changes.push(...diffRecords(before, after, [], this.context.schemas));
  }

  private textOf(of: RecordKindInfo, path: string, data: Data): string {
    const { schemas } = this.context;
    const header = modelineFor(path, of, this.schemaDir);
    const direct = canonicalFromData(data, of, schemas, header);
    if (direct !== undefined) return direct;
    const draft = `${header}\n${stringify(data, { lineWidth: 0 })}`;
    const result = canonicalize(draft, of, schemas, this.projectPath(path));
    if (!result.ok) throw new Error(`canonical form failed for ${this.projectPath(path)}`);
    return result.text;
  }
}
