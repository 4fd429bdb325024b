/** `npm run import -- <export.xml|export.zip>`: imports an official RNCP or RS export into content/. */
import { resolve } from 'node:path';
import { dateOptionIsValid, parseCommandLine, projectRoot, runIfEntryPoint } from './arguments.ts';
import { FlowError } from '../core/import/flow-reader.ts';
import { ImportError, importExport } from '../core/import/import-export.ts';
import { IMPORT_FORMATS, renderImportReport } from '../core/import/import-report.ts';
import type { ImportFormat } from '../core/import/import-report.ts';

const USAGE = `Utilisation : npm run import -- <export.xml|export.zip> [--dry-run] [--only NUMÉRO,…] [--format text|markdown|json] [--date AAAA-MM-JJ] [--root DOSSIER] [--content DOSSIER]
  --dry-run   calcule et affiche le rapport sans rien écrire
  --only      n'importe que ces fiches (numéros séparés par des virgules) ; aucune n'est alors marquée absente
  --format    text (par défaut), markdown (corps de pull request) ou json
  --date      date de l'export, quand le nom du fichier ne la donne pas
  --root      racine du projet (par défaut : dossier courant)
  --content   dossier des fiches (par défaut : <racine>/content)`;

/** Runs the command and returns its exit code: 0 imported, 1 export refused or import failed, 2 bad usage. */
export async function main(argv: string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const parsed = parseCommandLine(
    argv,
    {
      'dry-run': { type: 'boolean' },
      only: { type: 'string' },
      format: { type: 'string' },
      date: { type: 'string' },
      root: { type: 'string' },
      content: { type: 'string' },
    },
    USAGE,
    out,
    err,
    true,
  );
  if (typeof parsed === 'number') return parsed;
  const values = parsed.values as { 'dry-run'?: boolean; only?: string; format?: string; date?: string; root?: string; content?: string };
  if (parsed.positionals.length !== 1) {
    err(`Donnez un seul fichier d'export.\n${USAGE}\n`);
    return 2;
  }
  const format = (values.format ?? 'text') as ImportFormat;
  if (!IMPORT_FORMATS.includes(format)) {
    err(`Format inconnu : ${values.format}\n${USAGE}\n`);
    return 2;
  }
  if (!dateOptionIsValid(values.date, err)) return 2;
  const root = projectRoot(values.root, USAGE, err);
  if (root === undefined) return 2;
  const only = values.only
    ? new Set(
        values.only
          .split(',')
          .map((id) => id.trim().toUpperCase())
          .filter(Boolean),
      )
    : undefined;
  try {
    const report = await importExport({
      root,
      contentDir: values.content ? resolve(values.content) : undefined,
      file: parsed.positionals[0],
      dryRun: values['dry-run'],
      only,
      exportDate: values.date,
    });
    out(renderImportReport(report, format));
    return 0;
  } catch (error) {
    if (error instanceof FlowError) {
      err(`Export refusé, rien n'a été importé : ${error.describe()}\n`);
      return 1;
    }
    if (error instanceof ImportError) {
      err(`Import interrompu : ${error.message}\n  → ${error.detail}\n`);
      return 1;
    }
    throw error;
  }
}

runIfEntryPoint(import.meta.url, main);
