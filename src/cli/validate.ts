/** `npm run validate`: checks content/ and prints one line per diagnostic; exit 1 on errors. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { countDiagnostics } from '../core/validation/diagnostic.ts';
import { validateContent } from '../core/validation/validate-content.ts';
import { parseCommandLine, runIfEntryPoint } from './arguments.ts';
import { FORMATS, render } from '../core/validation/reporters.ts';
import type { Format } from '../core/validation/reporters.ts';

const USAGE = `Utilisation : npm run validate -- [--strict] [--format text|json|github] [--root DOSSIER] [--content DOSSIER]
  --strict    échoue aussi sur les avertissements
  --format    text (par défaut), json, ou github (annotations GitHub Actions)
  --root      racine du projet (par défaut : dossier courant)
  --content   dossier des fiches (par défaut : <racine>/content)`;

/** Runs the command and returns its exit code: 0 valid, 1 findings that fail, 2 bad usage. */
export function main(argv: string[], out: (text: string) => void, err: (text: string) => void, colour: boolean): number {
  const parsed = parseCommandLine(
    argv,
    { strict: { type: 'boolean' }, format: { type: 'string' }, root: { type: 'string' }, content: { type: 'string' } },
    USAGE,
    out,
    err,
  );
  if (typeof parsed === 'number') return parsed;
  const values = parsed.values as { strict?: boolean; format?: string; root?: string; content?: string };
  const format = (values.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) {
    err(`Format inconnu : ${values.format}\n${USAGE}\n`);
    return 2;
  }
  const root = resolve(values.root ?? process.cwd());
  const contentDir = values.content ? resolve(values.content) : resolve(root, 'content');
  for (const [dir, what] of [
    [contentDir, 'Dossier des fiches'],
    [resolve(root, 'schemas'), 'Dossier des schémas'],
  ] as const) {
    if (!existsSync(dir)) {
      err(`${what} introuvable : ${dir}\n${USAGE}\n`);
      return 2;
    }
  }
  let result;
  try {
    result = validateContent({ root, contentDir });
  } catch (error) {
    // Only a broken project (unreadable content folder, invalid schema) gets here, never a bad content file.
    err(`Validation impossible : ${(error as Error).message}\n`);
    return 2;
  }
  out(render(result, format, colour && format === 'text'));
  const { errors, warnings } = countDiagnostics(result.diagnostics);
  return errors > 0 || (values.strict && warnings > 0) ? 1 : 0;
}

runIfEntryPoint(import.meta.url, main);
