/**
 * `npm run format`: checks (default) or rewrites the content files in their canonical form.
 * --check lists each file that differs with its first differing line; --write rewrites those files atomically.
 */
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { canonicalize } from '../core/format/canonical.ts';
import { listContentFiles } from '../core/files/content-files.ts';
import type { ContentFile } from '../core/files/content-files.ts';
import type { Diagnostic } from '../core/validation/diagnostic.ts';
import type { RecordKindInfo } from '../core/kinds/record-kinds.ts';
import { loadSchemaFiles } from '../core/schemas/schema-store.ts';
import type { SchemaFiles } from '../core/schemas/schema-store.ts';
import { decodeUtf8 } from '../core/files/text-decoding.ts';
import { parseCommandLine, runIfEntryPoint } from './arguments.ts';

const USAGE = `Utilisation : npm run format -- [--check | --write] [--root DOSSIER]
  --check   liste les fiches qui ne sont pas au format canonique (par défaut)
  --write   réécrit ces fiches au format canonique, sans changer leurs données
  --root    racine du projet (par défaut : dossier courant)`;

/** A content file in a record folder: its kind's schema gives the key order. */
type RecordFile = ContentFile & { kind: RecordKindInfo };

/** What formatting makes of one file. */
type Outcome =
  | { status: 'canonical' }
  | { status: 'different'; canonical: string; found: string; hadBom: boolean }
  | { status: 'invalid'; diagnostics: Diagnostic[] };

/** Runs the command and returns its exit code: 0 nothing left to do, 1 files to format or in error, 2 bad usage. */
export function main(argv: string[], out: (text: string) => void, err: (text: string) => void, colour: boolean): number {
  const parsed = parseCommandLine(
    argv,
    { check: { type: 'boolean' }, write: { type: 'boolean' }, root: { type: 'string' } },
    USAGE,
    out,
    err,
  );
  if (typeof parsed === 'number') return parsed;
  const values = parsed.values as { check?: boolean; write?: boolean; root?: string };
  if (values.check && values.write) {
    err(`Choisissez --check ou --write, pas les deux.\n${USAGE}\n`);
    return 2;
  }
  const root = resolve(values.root ?? process.cwd());
  const contentDir = join(root, 'content');
  const schemaDir = join(root, 'schemas');
  for (const [dir, what] of [
    [contentDir, 'Dossier des fiches'],
    [schemaDir, 'Dossier des schémas'],
  ] as const) {
    if (!existsSync(dir)) {
      err(`${what} introuvable : ${dir}\n${USAGE}\n`);
      return 2;
    }
  }
  let schemas: SchemaFiles;
  let files: RecordFile[];
  try {
    schemas = loadSchemaFiles(schemaDir);
    // Files outside the record folders, or not YAML, are the validator's to report: no schema orders them.
    files = listContentFiles(root, contentDir).filter((f): f is RecordFile => f.isYaml && f.kind !== undefined);
  } catch (error) {
    err(`Mise en forme impossible : ${(error as Error).message}\n`);
    return 2;
  }

  const paint = (code: string, text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  let failed = 0;
  let changed = 0;
  for (const entry of files) {
    const outcome = formatFile(entry, schemas);
    if (outcome.status === 'canonical') continue;
    if (outcome.status === 'invalid') {
      failed++;
      for (const d of outcome.diagnostics) {
        lines.push(`${d.file}:${d.line}:${d.column} ${paint('31', 'error')} ${d.message} ${paint('2', `[${d.rule}]`)}`);
        lines.push(`  ${paint('36', '→')} ${d.hint}`);
      }
      lines.push(`  ${paint('36', '→')} Fichier laissé tel quel : corrigez l'erreur (npm run validate), puis relancez la mise en forme.`);
    } else if (values.write) {
      try {
        replaceFile(entry.path, outcome.canonical);
        changed++;
        lines.push(`${entry.file} réécrit au format canonique`);
      } catch (error) {
        failed++;
        lines.push(`${entry.file}:1:1 ${paint('31', 'error')} Réécriture impossible : ${(error as Error).message}`);
        lines.push(`  ${paint('36', '→')} Vérifiez que le fichier et son dossier sont modifiables, puis relancez la mise en forme.`);
      }
    } else {
      changed++;
      const difference = firstDifference(outcome.found, outcome.canonical, outcome.hadBom);
      lines.push(`${entry.file}:${difference.line}:${difference.column} ${paint('33', 'pas au format canonique')}`);
      lines.push(`  ${paint('36', '→')} ${difference.hint}`);
    }
  }

  lines.push(summary(files.length, changed, failed, Boolean(values.write)));
  out(lines.join('\n') + '\n');
  return failed > 0 || (changed > 0 && !values.write) ? 1 : 0;
}

/** Reads one file and compares it with its canonical form; never throws. */
function formatFile(entry: RecordFile, schemas: SchemaFiles): Outcome {
  const fail = (message: string, hint: string, rule: string, line = 1, column = 1): Outcome => ({
    status: 'invalid',
    diagnostics: [{ severity: 'error', file: entry.file, line, column, pointer: '', message, hint, rule }],
  });
  try {
    const decoded = decodeUtf8(readFileSync(entry.path));
    if (!decoded.ok) {
      return fail(
        `Le fichier n'est pas en UTF-8 : octet invalide (position ${decoded.byteOffset}).`,
        "Réenregistrez le fichier en UTF-8 (dans VS Code : « Enregistrer avec l'encodage » → UTF-8), puis vérifiez les lettres accentuées.",
        'encoding',
        decoded.line,
        decoded.column,
      );
    }
    const result = canonicalize(decoded.text, entry.kind, schemas, entry.file);
    if (!result.ok) return { status: 'invalid', diagnostics: result.diagnostics };
    if (result.text === decoded.text && !decoded.hadBom) return { status: 'canonical' };
    return { status: 'different', canonical: result.text, found: decoded.text, hadBom: decoded.hadBom };
  } catch (error) {
    return fail(
      `Mise en forme impossible : ${(error as Error).message}`,
      "Signalez ce problème à l'équipe certidocs avec le fichier concerné.",
      'internal',
    );
  }
}

/** Writes the new text beside the file, then renames it over the file: a reader never sees half a file. */
function replaceFile(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text, { mode: statSync(path).mode });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Where a file first departs from its canonical form, and a French hint that shows both lines. */
function firstDifference(found: string, expected: string, hadBom: boolean): { line: number; column: number; hint: string } {
  if (hadBom) {
    return {
      line: 1,
      column: 1,
      hint: "Le fichier commence par une marque d'ordre des octets (BOM) invisible, que le format canonique n'a pas.",
    };
  }
  const foundLines = found.split('\n');
  const expectedLines = expected.split('\n');
  let index = 0;
  while (index < expectedLines.length && foundLines[index] === expectedLines[index]) index++;
  const line = index + 1;
  const has = foundLines[index];
  const want = expectedLines[index];
  if (want === undefined) {
    // The canonical text ends with a newline: past its end, the file only has blank lines left.
    return { line: index, column: 1, hint: `Ligne ${index} : lignes vides en trop à la fin du fichier.` };
  }
  if (has === undefined) {
    const last = foundLines[index - 1];
    return { line: index, column: last.length + 1, hint: `Ligne ${index} : il manque le saut de ligne qui termine le fichier.` };
  }
  let column = 0;
  while (column < want.length && has[column] === want[column]) column++;
  if (has === `${want}\r`) {
    return {
      line,
      column: column + 1,
      hint: `Ligne ${line} : fin de ligne Windows (CRLF) ; le format canonique termine chaque ligne par LF seul.`,
    };
  }
  return { line, column: column + 1, hint: `Ligne ${line} : attendu ${show(want, column)}, trouvé ${show(has, column)}.` };
}

/** Longest line shown whole in a hint; a longer one is cut around the difference. */
const SHOWN_WIDTH = 100;

/** Quotes a line for a hint exactly (indentation included), tabs and carriage returns made visible. */
function show(line: string, difference: number): string {
  let text = line;
  if (text.length > SHOWN_WIDTH) {
    const start = Math.max(0, Math.min(difference - SHOWN_WIDTH / 4, text.length - SHOWN_WIDTH));
    text = `${start > 0 ? '…' : ''}${text.slice(start, start + SHOWN_WIDTH)}${start + SHOWN_WIDTH < text.length ? '…' : ''}`;
  }
  return `«${text.replace(/\t/g, '\\t').replace(/\r/g, '\\r')}»`;
}

/** The French summary line: "4 fichiers examinés : 1 pas au format canonique." */
function summary(total: number, changed: number, failed: number, write: boolean): string {
  const examined = `${total} ${total > 1 ? 'fichiers examinés' : 'fichier examiné'}`;
  if (changed === 0 && failed === 0) return `${examined} : ${write ? 'aucun à réécrire' : 'tous au format canonique'}.`;
  const parts: string[] = [];
  if (changed > 0) parts.push(write ? `${changed} ${changed > 1 ? 'réécrits' : 'réécrit'}` : `${changed} pas au format canonique`);
  if (failed > 0) parts.push(`${failed} en erreur, non ${failed > 1 ? 'modifiés' : 'modifié'}`);
  const line = `${examined} : ${parts.join(', ')}.`;
  return !write && changed > 0 ? `${line} Lancez « npm run format -- --write » pour corriger la mise en forme.` : line;
}

runIfEntryPoint(import.meta.url, main);
