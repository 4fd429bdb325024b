/** The record files of one version of a content tree (a commit, or the working tree), read for the semantic diff. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listContentFiles } from '../files/content-files.ts';
import { readRecordFile } from '../files/record-file.ts';
import { readTreeAt } from '../history/git.ts';
import { kindOfRecordFile, RECORD_KINDS } from '../kinds/record-kinds.ts';
import type { RecordKindInfo } from '../kinds/record-kinds.ts';
import type { ContentVersion } from './semantic-diff.ts';

/** Folder of the records, relative to the project root. */
export const CONTENT_DIR = 'content';

function toVersion(files: Iterable<[file: string, read: () => Uint8Array]>, kinds: readonly RecordKindInfo[]): ContentVersion {
  const version: ContentVersion = new Map();
  for (const [file, read] of files) {
    const kind = kindOfRecordFile(file, kinds);
    if (kind) version.set(file, readRecordFile(kind.kind, file, read()));
  }
  return version;
}

/** The record files of a commit. Throws GitError when git cannot answer. */
export function versionAt(root: string, commit: string, kinds: readonly RecordKindInfo[] = RECORD_KINDS): ContentVersion {
  return toVersion(
    [...readTreeAt(root, commit, CONTENT_DIR)].map(([file, bytes]) => [file, () => bytes]),
    kinds,
  );
}

/** The record files on disk, saved or not. */
export function workingTreeVersion(root: string, kinds: readonly RecordKindInfo[] = RECORD_KINDS): ContentVersion {
  const contentDir = join(root, CONTENT_DIR);
  if (!existsSync(contentDir)) return new Map();
  return toVersion(
    listContentFiles(root, contentDir, kinds).map((entry) => [entry.file, () => readFileSync(entry.path)]),
    kinds,
  );
}
