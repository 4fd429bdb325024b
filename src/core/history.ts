/**
 * The history of each record, read from git at build time: every commit that changed its file,
 * with that commit's semantic diff of the record. No Astro import, no wall clock: every date comes
 * from a commit, so two builds of one commit give the same history.
 */
import { join } from 'node:path';
import { headCommit, isShallowRepository, logForFile, readTreeAt } from './git.ts';
import type { FileCommit } from './git.ts';
import type { RecordKind } from './record-kinds.ts';
import { loadSchemaFiles } from './schema-store.ts';
import type { SchemaFiles } from './schema-store.ts';
import { diffRecords } from './semantic-diff.ts';
import type { ContentVersion, FileRename, RecordChange } from './semantic-diff.ts';
import { readRecordFile } from './record-file.ts';

/** What pages say when the build has no full git history (archive, shallow clone). */
export const HISTORY_UNAVAILABLE = 'Historique indisponible : ce site a été construit sans l\'historique git complet.';

/** One commit that changed a record. */
export interface HistoryEntry {
  /** Full hash of the commit. */
  commit: string;
  /** Author date, ISO 8601 with the author's offset. */
  date: string;
  author: string;
  /** Subject line of the commit message. */
  message: string;
  /** The record's file after the commit (the deleted file for a deletion), relative to the project root. */
  file: string;
  /**
   * What the commit did to the record, compared with the commit's parent (the record was added by
   * its first commit); undefined when the file changed but its data did not (layout, comments).
   */
  changes: RecordChange | undefined;
}

const available = new Map<string, boolean>();
const histories = new Map<string, HistoryEntry[]>();
const schemaFiles = new Map<string, SchemaFiles>();

/** Whether the project sits in a complete git repository with commits: false without .git or in a shallow clone. */
export function historyAvailable(root: string): boolean {
  let answer = available.get(root);
  if (answer === undefined) {
    answer = isShallowRepository(root) === false && headCommit(root) !== undefined;
    available.set(root, answer);
  }
  return answer;
}

/**
 * The commits that changed a record's file, newest first, following renames; empty when the
 * history is unavailable. Computed once per file and kept in memory for the whole build.
 *
 * One `git log` per record file is fine at today's size; at registry scale (thousands of records)
 * this should become a single `git log --name-status` pass over content/ shared by every record.
 */
export function recordHistory(root: string, kind: RecordKind, file: string): HistoryEntry[] {
  const key = `${root}\0${file}`;
  let history = histories.get(key);
  if (history === undefined) {
    history = historyAvailable(root) ? logForFile(root, file).map((commit) => entryOf(root, kind, commit)) : [];
    histories.set(key, history);
  }
  return history;
}

/** A record to take part in the site-wide list of changes. */
export interface HistoryRecord {
  kind: RecordKind;
  /** Project-relative path of the record's file today. */
  file: string;
}

/**
 * The latest changes across records, newest first (ties: commit hash, then file), at most `limit`;
 * a commit that changed several records gives one item per record.
 */
export function latestChanges<R extends HistoryRecord>(root: string, records: readonly R[], limit: number): { record: R; entry: HistoryEntry }[] {
  return records
    .flatMap((record) => recordHistory(root, record.kind, record.file).map((entry) => ({ record, entry })))
    .sort((a, b) => Date.parse(b.entry.date) - Date.parse(a.entry.date) || compare(a.entry.commit, b.entry.commit) || compare(a.record.file, b.record.file))
    .slice(0, limit);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What a commit did to a record, in a few words: « fiche ajoutée », « 3 changements », « fichier renommé, 1 changement ». */
export function changeSummary(change: RecordChange | undefined): string {
  if (change === undefined) return 'mise en forme du fichier, données inchangées';
  if (change.kind === 'added') return 'fiche ajoutée';
  if (change.kind === 'removed') return 'fiche supprimée';
  if (change.unreadable) return 'version illisible, pas de comparaison champ par champ';
  const count = change.changes.length;
  const changes = count === 0 ? [] : [`${count} changement${count > 1 ? 's' : ''}`];
  return (change.kind === 'renamed' ? ['fichier renommé', ...changes] : changes).join(', ');
}

function entryOf(root: string, kind: RecordKind, commit: FileCommit): HistoryEntry {
  const parent = `${commit.commit}^`;
  const before: ContentVersion = new Map();
  const after: ContentVersion = new Map();
  const renames: FileRename[] = [];
  const read = (version: ContentVersion, ref: string, file: string) => {
    const bytes = readTreeAt(root, ref, file).get(file);
    if (bytes !== undefined) version.set(file, readRecordFile(kind, file, bytes));
  };
  // A: no parent version (the first commit of a repository has no parent at all); C: a new file copied from another.
  if (commit.status !== 'A' && commit.status !== 'C') read(before, parent, commit.previousPath ?? commit.path);
  if (commit.status !== 'D') read(after, commit.commit, commit.path);
  if (commit.status === 'R' && commit.previousPath !== undefined) renames.push({ from: commit.previousPath, to: commit.path });
  const changes = diffRecords(before, after, renames, schemasOf(root)).find((record) => record.file === commit.path);
  return { commit: commit.commit, date: commit.date, author: commit.author, message: commit.message, file: commit.path, changes };
}

function schemasOf(root: string): SchemaFiles {
  let schemas = schemaFiles.get(root);
  if (schemas === undefined) {
    schemas = loadSchemaFiles(join(root, 'schemas'));
    schemaFiles.set(root, schemas);
  }
  return schemas;
}

