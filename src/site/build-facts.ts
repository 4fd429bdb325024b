/**
 * What pages know of the project being built, read from its root (Astro builds run there): the
 * commit and its date, which stand in for "today", each record's history from git, and the records
 * themselves as the loader published them. Pages ask here; none runs git or finds the root itself.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { KIND_INFO } from '../core/kinds/record-kinds.ts';
import type { RecordKind, RecordKindMap } from '../core/kinds/record-kinds.ts';
import { headCommit, headCommitDate, lastChangeDate } from '../core/history/git.ts';
import { historyAvailable, latestChanges, recordHistory } from '../core/history/history.ts';
import type { HistoryEntry, HistoryRecord } from '../core/history/history.ts';
import { loadSchemaFiles } from '../core/schemas/schema-store.ts';
import type { SchemaFiles } from '../core/schemas/schema-store.ts';
import { OPEN_DATA_DIR, readStoredRecord } from './open-data.ts';
import type { DumpList, DumpPart } from './registry-downloads.ts';
import { DUMP_LIST_FILE } from './urls.ts';

/** The project root: Astro runs from it, and process.cwd() stays right once modules are bundled elsewhere. */
const ROOT = process.cwd();

/** The commit being built and its committer date (ISO 8601), or undefined when built without git. */
export function builtCommit(): { commit: string; date: string } | undefined {
  const commit = headCommit(ROOT);
  const date = headCommitDate(ROOT);
  return commit && date ? { commit, date } : undefined;
}

/**
 * ISO date (AAAA-MM-JJ) every status, deadline and calendar is computed at: the date of the commit being
 * built, or the day of SOURCE_DATE_EPOCH when it is set (the reproducible-builds convention: seconds since
 * 1970, UTC), which rebuilds an old commit "as of" another day, and gives tests a fixed date. The loader
 * gives its own root.
 */
export function buildReferenceDate(root: string = ROOT): string | undefined {
  return buildTimestamp(root)?.slice(0, 10);
}

/** The build's timestamp (ISO 8601), for files that carry one (calendar stamps): SOURCE_DATE_EPOCH's instant when set, else the commit's date. */
export function buildTimestamp(root: string = ROOT): string | undefined {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString();
  return headCommitDate(root);
}

/**
 * A content file's address in the project's repository, when the deployment says where the repository's
 * files are: CERTIDOCS_SOURCE_URL, the address its paths are relative to at the commit being built
 * (https://github.com/<owner>/<name>/blob/<commit>/ on GitHub). The site does not copy the YAML sources:
 * the repository serves them byte for byte, with their history, at no cost to the site's size.
 */
export function sourceUrlOf(file: string): string | undefined {
  const base = process.env.CERTIDOCS_SOURCE_URL;
  if (!base || !/^https?:\/\//.test(base)) return undefined;
  return new URL(file, base.replace(/\/?$/, '/')).href;
}

/** Whether the build has the full git history, so that history pages and feeds can be written. */
export function hasHistory(): boolean {
  return historyAvailable(ROOT);
}

/** The commits that changed a record's file, newest first. */
export function historyOf(file: string): HistoryEntry[] {
  return recordHistory(ROOT, file);
}

/**
 * Whether a record has a history to tell: a commit after the one that added it. Only those get a history
 * page and feed; after an import of the whole registry, one page and one feed per record that nothing has
 * changed yet were 60,000 files saying « ajoutée ». The record's page gives the date of its last change.
 */
export function hasOwnHistory(file: string): boolean {
  return historyOf(file).length > 1;
}

/** The latest changes across records, newest first. */
export function latestChangesOf<R extends HistoryRecord>(records: readonly R[], limit: number): { record: R; entry: HistoryEntry }[] {
  return latestChanges(ROOT, records, limit);
}

/** Date of the last commit that changed a file, when the build has git history. */
export function lastChangeOf(file: string): string | undefined {
  return lastChangeDate(ROOT, file);
}

/** A record as its page needs it, read back from the build's record store. */
export function storedRecord<K extends RecordKind>(kind: K, id: string): RecordKindMap[K] {
  return readStoredRecord(ROOT, kind, id);
}

/** The size in bytes of a published open-data file (a path inside the site, without the base path), when it is there. */
export function publishedFileSize(path: string): number | undefined {
  return statSync(join(ROOT, OPEN_DATA_DIR, path), { throwIfNoEntry: false })?.size;
}

/** The parts of a kind's dump the last load wrote, in order (registry-downloads.ts); none before any load. */
export function publishedDumpParts(kind: RecordKind): DumpPart[] {
  const path = join(ROOT, OPEN_DATA_DIR, DUMP_LIST_FILE);
  if (!existsSync(path)) return [];
  return (JSON.parse(readFileSync(path, 'utf8')) as DumpList)[KIND_INFO[kind].urlSegment] ?? [];
}

/** The project's JSON Schemas. */
export function projectSchemas(): SchemaFiles {
  return loadSchemaFiles(join(ROOT, 'schemas'));
}

/** Path of a file of the project, from its root. */
export function projectPath(...segments: string[]): string {
  return join(ROOT, ...segments);
}
