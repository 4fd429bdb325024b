/** `npm run new -- certification RNCP12345` or `npm run new -- rome A1234`: writes a record skeleton, never over an existing file. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { canonicalize } from '../core/format/canonical.ts';
import { RECORD_KINDS } from '../core/kinds/record-kinds.ts';
import { scaffoldRecord } from '../core/format/scaffold.ts';
import { loadSchemaFiles } from '../core/schemas/schema-store.ts';
import { parseCommandLine, runIfEntryPoint } from './arguments.ts';

const USAGE = `Utilisation : npm run new -- certification RNCP12345
               npm run new -- rome A1234
  --root   racine du projet (par défaut : dossier courant)`;

const ID_PATTERNS: Record<string, { pattern: RegExp; example: string }> = {
  certification: { pattern: /^RNCP[0-9]{1,6}$/, example: 'RNCP12345' },
  rome: { pattern: /^[A-Z][0-9]{4}$/, example: 'A1234' },
};

/** Runs the command and returns its exit code: 0 written, 1 refused, 2 bad usage. */
export function main(argv: string[], out: (text: string) => void, err: (text: string) => void): number {
  const parsed = parseCommandLine(argv, { root: { type: 'string' } }, USAGE, out, err, true);
  if (typeof parsed === 'number') return parsed;
  const [kindName, rawId] = parsed.positionals;
  const kind = RECORD_KINDS.find((k) => k.kind === kindName);
  if (!kind || !rawId || parsed.positionals.length !== 2) {
    err(`${USAGE}\n`);
    return 2;
  }
  const id = rawId.toUpperCase();
  const { pattern, example } = ID_PATTERNS[kind.kind];
  if (!pattern.test(id)) {
    err(`Identifiant invalide : « ${rawId} ».\n  → Exemple attendu : ${example}.\n`);
    return 2;
  }
  const root = resolve((parsed.values.root as string | undefined) ?? process.cwd());
  const path = join(root, 'content', kind.folder, `${id.toLowerCase()}.yaml`);
  const shown = relative(root, path).split(sep).join('/');
  if (existsSync(path)) {
    err(`${shown} existe déjà : rien n'a été écrit.\n  → Modifiez ce fichier, ou choisissez un autre identifiant.\n`);
    return 1;
  }
  const schemaDir = join(root, 'schemas');
  const modeline = `# yaml-language-server: $schema=${relative(dirname(path), join(schemaDir, kind.schemaFile)).split(sep).join('/')}`;
  const schemas = loadSchemaFiles(schemaDir);
  const skeleton = scaffoldRecord(kind, id, schemas, modeline);
  // New files start in canonical form, so that the first real edit is the only change in review.
  const canonical = canonicalize(skeleton, kind.kind, schemas, shown);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, canonical.ok ? canonical.text : skeleton, { flag: 'wx' });
  out(`${shown} créé. Remplissez chaque champ vide en suivant son commentaire, puis lancez npm run validate.\n`);
  return 0;
}

runIfEntryPoint(import.meta.url, main);
