/** `npm run drift -- <export>`: lists where content/ differs from an official export in the flow's fields; exit 1 when it does. */
import { resolve } from 'node:path';
import { dateOptionIsValid, parseCommandLine, projectRoot, runIfEntryPoint } from './arguments.ts';
import { FlowError } from '../core/import/flow-reader.ts';
import { driftOf } from '../core/import/drift.ts';
import { FORMATS, render } from '../core/validation/reporters.ts';
import type { Format } from '../core/validation/reporters.ts';

const USAGE = `Utilisation : npm run drift -- <export.xml|export.zip> [--format text|json|github] [--date AAAA-MM-JJ] [--root DOSSIER] [--content DOSSIER]
  --format    text (par défaut), json, ou github (annotations GitHub Actions)
  --date      date de l'export, quand le nom du fichier ne la donne pas
  --root      racine du projet (par défaut : dossier courant)
  --content   dossier des fiches (par défaut : <racine>/content)`;

/** Exit code: 0 no difference, 1 differences (or an unreadable export), 2 bad usage. */
export async function main(argv: string[], out: (text: string) => void, err: (text: string) => void, colour: boolean): Promise<number> {
  const parsed = parseCommandLine(
    argv,
    { format: { type: 'string' }, date: { type: 'string' }, root: { type: 'string' }, content: { type: 'string' } },
    USAGE,
    out,
    err,
    true,
  );
  if (typeof parsed === 'number') return parsed;
  const values = parsed.values as { format?: string; date?: string; root?: string; content?: string };
  const format = (values.format ?? 'text') as Format;
  if (parsed.positionals.length !== 1 || !FORMATS.includes(format)) {
    err(`${parsed.positionals.length !== 1 ? "Donnez un seul fichier d'export." : `Format inconnu : ${values.format}`}\n${USAGE}\n`);
    return 2;
  }
  if (!dateOptionIsValid(values.date, err)) return 2;
  const root = projectRoot(values.root, USAGE, err);
  if (root === undefined) return 2;
  try {
    const result = await driftOf({
      root,
      contentDir: values.content && resolve(values.content),
      file: parsed.positionals[0],
      exportDate: values.date,
    });
    if (format === 'text' && result.diagnostics.length === 0)
      out(`${result.files.length} fiches comparées à l'export : aucune différence dans les champs du flux.\n`);
    else out(render(result, format, colour && format === 'text'));
    return result.diagnostics.length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof FlowError) {
      err(`Export illisible, aucune comparaison : ${error.describe()}\n`);
      return 1;
    }
    throw error;
  }
}

runIfEntryPoint(import.meta.url, main);
