/** `npm run diff -- <from> [<to>]`: the changes of the records between two git versions, in plain French. */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { listContentFiles } from '../core/files/content-files.ts';
import { DIFF_FORMATS, renderDiff } from '../core/diff/diff-format.ts';
import type { DiffEnd, DiffFormat } from '../core/diff/diff-format.ts';
import { quote } from '../core/text/french.ts';
import { GitError, UnknownRefError, readTreeAt, renamesBetween, resolveCommit } from '../core/history/git.ts';
import { kindForFolder } from '../core/kinds/record-kinds.ts';
import { loadSchemaFiles } from '../core/schemas/schema-store.ts';
import { diffRecords } from '../core/diff/semantic-diff.ts';
import type { ContentVersion, RecordFile } from '../core/diff/semantic-diff.ts';
import { readRecordFile } from '../core/files/record-file.ts';
import { parseCommandLine, runIfEntryPoint } from './arguments.ts';

const USAGE = `Utilisation : npm run diff -- <depuis> [<jusqu'à>] [--format text|markdown|json] [--root DOSSIER]
  <depuis>    version de départ : branche, étiquette ou commit git (par exemple HEAD~1 ou main)
  <jusqu'à>   version d'arrivée (par défaut : la copie de travail, modifications non enregistrées comprises)
  --format    text (par défaut), markdown (commentaire de pull request) ou json
  --root      racine du projet (par défaut : dossier courant)`;

/** Folder of the records, relative to the project root. */
const CONTENT_DIR = 'content';

/** Runs the command and returns its exit code: 0 compared (whatever changed), 2 bad usage or unknown version. */
export function main(argv: string[], out: (text: string) => void, err: (text: string) => void, colour: boolean): number {
  const parsed = parseCommandLine(argv, { format: { type: 'string' }, root: { type: 'string' } }, USAGE, out, err, true);
  if (typeof parsed === 'number') return parsed;
  const values = parsed.values as { format?: string; root?: string };
  const { positionals } = parsed;
  if (positionals.length < 1 || positionals.length > 2) {
    err(`Donnez une ou deux versions à comparer.\n${USAGE}\n`);
    return 2;
  }
  const format = (values.format ?? 'text') as DiffFormat;
  if (!DIFF_FORMATS.includes(format)) {
    err(`Format inconnu : ${values.format}\n${USAGE}\n`);
    return 2;
  }
  const root = resolve(values.root ?? process.cwd());
  const schemaDir = join(root, 'schemas');
  if (!existsSync(schemaDir)) {
    err(`Dossier des schémas introuvable : ${schemaDir}\n${USAGE}\n`);
    return 2;
  }
  const [fromRef, toRef] = positionals;
  try {
    const from = { ref: fromRef, commit: resolveCommit(root, fromRef) };
    const to: DiffEnd = toRef === undefined ? { workingTree: true } : { ref: toRef, commit: resolveCommit(root, toRef) };
    const before = versionAt(root, from.commit);
    const after = 'workingTree' in to ? workingTree(root) : versionAt(root, to.commit);
    const renames = renamesBetween(root, from.commit, 'workingTree' in to ? undefined : to.commit, CONTENT_DIR);
    const records = diffRecords(before, after, renames, loadSchemaFiles(schemaDir));
    out(renderDiff({ from, to, records }, format, colour && format === 'text'));
    return 0;
  } catch (error) {
    if (error instanceof UnknownRefError) {
      err(
        `Version inconnue : ${quote(error.ref)} n'est ni une branche, ni une étiquette, ni un commit de ce dépôt git (par exemple HEAD~1, main ou un identifiant de commit).\n`,
      );
      return 2;
    }
    if (error instanceof GitError) {
      err(`Lecture de l'historique git impossible dans ${root} : ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/** The record kind of a project-relative path, when it is a record file ("content/rome/k1704.yaml"). */
function recordKindOf(file: string): RecordFile['kind'] | undefined {
  const parts = file.split('/');
  if (parts.length !== 3 || parts[0] !== CONTENT_DIR || parts[2].startsWith('.') || !/\.ya?ml$/i.test(parts[2])) return undefined;
  return kindForFolder(parts[1])?.kind;
}

function toVersion(files: Iterable<[file: string, read: () => Uint8Array]>): ContentVersion {
  const version: ContentVersion = new Map();
  for (const [file, read] of files) {
    const kind = recordKindOf(file);
    if (kind) version.set(file, readRecordFile(kind, file, read()));
  }
  return version;
}

/** The record files of a commit. */
function versionAt(root: string, commit: string): ContentVersion {
  return toVersion([...readTreeAt(root, commit, CONTENT_DIR)].map(([file, bytes]) => [file, () => bytes]));
}

/** The record files on disk, saved or not. */
function workingTree(root: string): ContentVersion {
  const contentDir = join(root, CONTENT_DIR);
  if (!existsSync(contentDir)) return new Map();
  return toVersion(listContentFiles(root, contentDir).map((entry) => [entry.file, () => readFileSync(entry.path)]));
}

runIfEntryPoint(import.meta.url, main);
