/**
 * The history of each record, read from git at build time: every commit that changed its file,
 * with that commit's semantic diff of the record. No Astro import, no wall clock: every date comes
 * from a commit, so two builds of one commit give the same history.
 */
import { join } from 'node:path';
import { headCommit, isShallowRepository, logChanges, readBlobs } from './git.ts';
import type { FileChange } from './git.ts';
import { kindOfRecordFile } from '../kinds/record-kinds.ts';
import type { RecordKind } from '../kinds/record-kinds.ts';
import { loadSchemaFiles } from '../schemas/schema-store.ts';
import type { SchemaFiles } from '../schemas/schema-store.ts';
import { diffRecords } from '../diff/semantic-diff.ts';
import type { ContentVersion, FileRename, RecordChange } from '../diff/semantic-diff.ts';
import { readRecordFile } from '../files/record-file.ts';

/** What pages say when the build has no full git history (archive, shallow clone). */
export const HISTORY_UNAVAILABLE = "Historique indisponible : ce site a été construit sans l'historique git complet.";

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
const histories = new Map<string, Map<string, HistoryEntry[]>>();
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
 * history is unavailable. The first call reads the history of every record at once (see
 * `readHistories`) and keeps it in memory for the whole build.
 */
export function recordHistory(root: string, file: string): HistoryEntry[] {
  let all = histories.get(root);
  if (all === undefined) {
    all = historyAvailable(root) ? readHistories(root) : new Map();
    histories.set(root, all);
  }
  let history = all.get(file);
  if (history === undefined) {
    history = [];
    all.set(file, history);
  }
  return history;
}

/** Versions of files read at once: enough to keep git busy, few enough to keep memory flat. */
const BATCH = 2000;

/**
 * The history of every file under content/, by its path today: one `git log` pass, then the two
 * versions each change compares, read in batches by `git cat-file` and compared one change at a
 * time. A git process per record (and two per commit) took minutes at registry scale.
 */
function readHistories(root: string): Map<string, HistoryEntry[]> {
  const owners = new Map<string, string>();
  const changes: { file: string; change: FileChange }[] = [];
  // Newest first: the first change seen for a path belongs to the file with that path today; a
  // rename hands its earlier path over to it, and an addition ends its past.
  for (const change of logChanges(root, 'content')) {
    const file = owners.get(change.path) ?? change.path;
    changes.push({ file, change });
    owners.delete(change.path);
    if (change.status === 'R' && change.previousPath !== undefined) owners.set(change.previousPath, file);
    else if (change.status !== 'A') owners.set(change.path, file);
  }
  const byFile = new Map<string, HistoryEntry[]>();
  for (let start = 0; start < changes.length; start += BATCH) {
    const batch = changes.slice(start, start + BATCH);
    const blobs = readBlobs(root, [
      ...new Set(batch.flatMap(({ change }) => [change.before, change.after].filter((oid) => oid !== undefined))),
    ]);
    for (const { file, change } of batch) {
      const kind = kindOfRecordFile(change.path);
      if (kind === undefined) continue;
      const entries = byFile.get(file) ?? [];
      entries.push(entryOf(root, kind.kind, change, blobs));
      byFile.set(file, entries);
    }
  }
  return byFile;
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
export function latestChanges<R extends HistoryRecord>(
  root: string,
  records: readonly R[],
  limit: number,
): { record: R; entry: HistoryEntry }[] {
  return records
    .flatMap((record) => recordHistory(root, record.file).map((entry) => ({ record, entry })))
    .sort(
      (a, b) =>
        Date.parse(b.entry.date) - Date.parse(a.entry.date) ||
        compare(a.entry.commit, b.entry.commit) ||
        compare(a.record.file, b.record.file),
    )
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

function entryOf(root: string, kind: RecordKind, change: FileChange, blobs: Map<string, Uint8Array>): HistoryEntry {
  const before: ContentVersion = new Map();
  const after: ContentVersion = new Map();
  const previous = change.previousPath ?? change.path;
  if (change.before !== undefined) before.set(previous, readRecordFile(kind, previous, blobs.get(change.before)!));
  if (change.after !== undefined) after.set(change.path, readRecordFile(kind, change.path, blobs.get(change.after)!));
  const renames: FileRename[] = change.status === 'R' ? [{ from: previous, to: change.path }] : [];
  const changes = diffRecords(before, after, renames, schemasOf(root)).find((record) => record.file === change.path);
  return { commit: change.commit, date: change.date, author: change.author, message: change.message, file: change.path, changes };
}

function schemasOf(root: string): SchemaFiles {
  let schemas = schemaFiles.get(root);
  if (schemas === undefined) {
    schemas = loadSchemaFiles(join(root, 'schemas'));
    schemaFiles.set(root, schemas);
  }
  return schemas;
}
