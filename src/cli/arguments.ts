/** Command-line parsing shared by the commands: French usage on bad input, --help, exit code 2. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { isCalendarDate } from '../core/text/calendar-date.ts';

export type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/**
 * Parses argv strictly. Returns the values, or the exit code to stop with: 0 after printing the
 * usage for --help, 2 after printing the error and the usage.
 */
export function parseCommandLine(
  argv: string[],
  options: Options,
  usage: string,
  out: (text: string) => void,
  err: (text: string) => void,
  allowPositionals = false,
): Parsed | number {
  let parsed: Parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals,
      strict: true,
    }) as Parsed;
  } catch (error) {
    err(`${frenchMessage(error as Error & { code?: string })}\n${usage}\n`);
    return 2;
  }
  if (parsed.values.help) {
    out(`${usage}\n`);
    return 0;
  }
  return parsed;
}

/** Node's parseArgs errors, said in French; the option or argument in question is quoted from its message. */
function frenchMessage(error: Error & { code?: string }): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Option inconnue : ${quoted}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `Valeur manquante ou invalide pour l'option ${quoted}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `Argument inattendu : ${quoted}`;
    default:
      return `Arguments invalides : ${error.message}`;
  }
}

/** The project root of a `--root` option (the current folder by default), or undefined after saying it has no schemas/. */
export function projectRoot(option: string | undefined, usage: string, err: (text: string) => void): string | undefined {
  const root = resolve(option ?? process.cwd());
  if (existsSync(join(root, 'schemas'))) return root;
  err(`Dossier des schémas introuvable : ${join(root, 'schemas')}\n${usage}\n`);
  return undefined;
}

/** Checks a `--date` option: an AAAA-MM-JJ day of the calendar; says what is wrong otherwise. */
export function dateOptionIsValid(value: string | undefined, err: (text: string) => void): boolean {
  if (value === undefined || isCalendarDate(value)) return true;
  const why = /^\d{4}-\d{2}-\d{2}$/.test(value) ? "ce jour n'existe pas" : 'attendu : AAAA-MM-JJ';
  err(`Date d'export invalide : ${value} (${why}).\n`);
  return false;
}

/** Runs a command's main when its module is the process's entry point, with the terminal's streams. */
export function runIfEntryPoint(
  moduleUrl: string,
  main: (argv: string[], out: (text: string) => void, err: (text: string) => void, colour: boolean) => number | Promise<number>,
): void {
  if (process.argv[1] !== fileURLToPath(moduleUrl)) return;
  void Promise.resolve(
    main(
      process.argv.slice(2),
      (text) => process.stdout.write(text),
      (text) => process.stderr.write(text),
      Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    ),
  ).then((code) => {
    process.exitCode = code;
  });
}
