/** `npm run new -- <kind> <id>` (certification RNCP12345, rome A1234, rs RS1234): writes a record skeleton, never over an existing file. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { canonicalize } from '../core/format/canonical.ts';
import { scaffoldRecord } from '../core/format/scaffold.ts';
import { fileNameForId, findKind, RECORD_KINDS } from '../core/kinds/record-kinds.ts';
import { idPattern, loadSchemaFiles } from '../core/schemas/schema-store.ts';
import { modelineFor } from '../core/validation/read-record.ts';
import { parseCommandLine, runIfEntryPoint } from './arguments.ts';

const USAGE = [
  ...RECORD_KINDS.map(
    (k, i) => `${i === 0 ? 'Utilisation : ' : '               '}npm run new -- ${k.kind} ${k.exampleId}   (${k.labels.singular})`,
  ),
  '  --root   racine du projet (par défaut : dossier courant)',
].join('\n');

/** Runs the command and returns its exit code: 0 written, 1 refused, 2 bad usage. */
export function main(argv: string[], out: (text: string) => void, err: (text: string) => void): number {
  const parsed = parseCommandLine(argv, { root: { type: 'string' } }, USAGE, out, err, true);
  if (typeof parsed === 'number') return parsed;
  const [kindName, rawId] = parsed.positionals;
  const kind = kindName === undefined ? undefined : findKind(kindName);
  if (!kind || !rawId || parsed.positionals.length !== 2) {
    err(`${USAGE}\n`);
    return 2;
  }
  const root = resolve((parsed.values.root as string | undefined) ?? process.cwd());
  const schemaDir = join(root, 'schemas');
  const schemas = loadSchemaFiles(schemaDir);
  const id = rawId.toUpperCase();
  if (!idPattern(schemas, kind).test(id)) {
    err(`Identifiant invalide : « ${rawId} ».\n  → Exemple attendu : ${kind.exampleId}.\n`);
    return 2;
  }
  const path = join(root, 'content', kind.folder, fileNameForId(id));
  const shown = relative(root, path).split(sep).join('/');
  if (existsSync(path)) {
    err(`${shown} existe déjà : rien n'a été écrit.\n  → Modifiez ce fichier, ou choisissez un autre identifiant.\n`);
    return 1;
  }
  const skeleton = scaffoldRecord(kind, id, schemas, modelineFor(path, kind, schemaDir));
  // New files start in canonical form, so that the first real edit is the only change in review.
  const canonical = canonicalize(skeleton, kind, schemas, shown);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, canonical.ok ? canonical.text : skeleton, { flag: 'wx' });
  out(`${shown} créé. Remplissez chaque champ vide en suivant son commentaire, puis lancez npm run validate.\n`);
  return 0;
}

runIfEntryPoint(import.meta.url, main);
