/** `npm run diff -- <from> [<to>]`: the changes of the records between two git versions, in plain French. */
import { join } from 'node:path';
import { CONTENT_DIR, versionAt, workingTreeVersion } from '../core/diff/content-versions.ts';
import { DIFF_FORMATS, renderDiff } from '../core/diff/diff-format.ts';
import type { DiffEnd, DiffFormat } from '../core/diff/diff-format.ts';
import { quote } from '../core/text/french.ts';
import { GitError, UnknownRefError, renamesBetween, resolveCommit } from '../core/history/git.ts';
import { loadSchemaFiles } from '../core/schemas/schema-store.ts';
import { diffRecords } from '../core/diff/semantic-diff.ts';
import { parseCommandLine, projectRoot, runIfEntryPoint } from './arguments.ts';

const USAGE = `Utilisation : npm run diff -- <depuis> [<jusqu'à>] [--format text|markdown|json] [--root DOSSIER]
  <depuis>    version de départ : branche, étiquette ou commit git (par exemple HEAD~1 ou main)
  <jusqu'à>   version d'arrivée (par défaut : la copie de travail, modifications non enregistrées comprises)
  --format    text (par défaut), markdown (commentaire de pull request) ou json
  --root      racine du projet (par défaut : dossier courant)`;

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
  const root = projectRoot(values.root, USAGE, err);
  if (root === undefined) return 2;
  const [fromRef, toRef] = positionals;
  try {
    const from = { ref: fromRef, commit: resolveCommit(root, fromRef) };
    const to: DiffEnd = toRef === undefined ? { workingTree: true } : { ref: toRef, commit: resolveCommit(root, toRef) };
    const before = versionAt(root, from.commit);
    const after = 'workingTree' in to ? workingTreeVersion(root) : versionAt(root, to.commit);
    const renames = renamesBetween(root, from.commit, 'workingTree' in to ? undefined : to.commit, CONTENT_DIR);
    const records = diffRecords(before, after, renames, loadSchemaFiles(join(root, 'schemas')));
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

runIfEntryPoint(import.meta.url, main);
