import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { main } from '../../src/cli/format.ts';
import { runCommand } from '../helpers/command.ts';
import { parseYaml } from '../../src/core/files/yaml-source.ts';
import { FIXTURES, PROJECT_ROOT, makeTree, readText, removeTrees } from '../helpers/content-tree.ts';

afterAll(removeTrees);

const runMain = (args: string[]) => runCommand(main, args);

const A1001 = 'content/rome/a1001.yaml';
const B2002 = 'content/rome/b2002.yaml';
/** The fixture tree the temporary trees start from. */
const FIXTURE_ROOT = join(FIXTURES, 'base');
const ORIGINAL = readText(FIXTURE_ROOT, A1001);
const MODELINE = ORIGINAL.split('\n')[0];

/** The same file indented with 4 spaces. */
const reindent = (text: string) => parseDocument(text).toString({ indent: 4, lineWidth: 0 });

describe('npm run format -- --check', () => {
  it('passes on the project content', () => {
    const count = ['certifications', 'rome', 'rs'].flatMap((folder) =>
      readdirSync(join(PROJECT_ROOT, 'content', folder)).filter((name) => name.endsWith('.yaml')),
    ).length;
    expect(runMain(['--root', PROJECT_ROOT])).toEqual({
      code: 0,
      stdout: `${count} fichiers examinés : tous au format canonique.\n`,
      stderr: '',
    });
  });

  it('is the default, lists a re-indented file with its first differing line, and changes nothing', () => {
    const root = makeTree({ files: { [A1001]: reindent(ORIGINAL) } });
    const { code, stdout } = runMain(['--root', root]);
    expect(code).toBe(1);
    expect(stdout.split('\n')).toEqual([
      'content/rome/a1001.yaml:5:3 pas au format canonique',
      '  → Ligne 5 : attendu «  referentiel: ROME», trouvé «    referentiel: ROME».',
      '3 fichiers examinés : 1 pas au format canonique. Lancez « npm run format -- --write » pour corriger la mise en forme.',
      '',
    ]);
    expect(runMain(['--root', root, '--check']).stdout).toBe(stdout);
    expect(readText(root, A1001)).toBe(reindent(ORIGINAL));
  });

  it.each([
    [
      'keys out of schema order',
      ORIGINAL.replace("code: A1001\nintitule: Métier d'essai sans indicateur", "intitule: Métier d'essai sans indicateur\ncode: A1001"),
      2,
      1,
      "Ligne 2 : attendu «code: A1001», trouvé «intitule: Métier d'essai sans indicateur».",
    ],
    [
      'single quotes',
      ORIGINAL.replace('version: "4.0"', "version: '4.0'"),
      6,
      12,
      `Ligne 6 : attendu «  version: "4.0"», trouvé «  version: '4.0'».`,
    ],
    ['a trailing space', ORIGINAL.replace('code: A1001', 'code: A1001 '), 2, 12, 'Ligne 2 : attendu «code: A1001», trouvé «code: A1001 ».'],
    [
      'CRLF line ends',
      ORIGINAL.replace(/\n/g, '\r\n'),
      1,
      MODELINE.length + 1,
      'Ligne 1 : fin de ligne Windows (CRLF) ; le format canonique termine chaque ligne par LF seul.',
    ],
    ['no final newline', ORIGINAL.trimEnd(), 12, 36, 'Ligne 12 : il manque le saut de ligne qui termine le fichier.'],
    ['blank lines at the end', `${ORIGINAL}\n\n`, 13, 1, 'Ligne 13 : lignes vides en trop à la fin du fichier.'],
    [
      'a byte order mark',
      `\uFEFF${ORIGINAL}`,
      1,
      1,
      "Le fichier commence par une marque d'ordre des octets (BOM) invisible, que le format canonique n'a pas.",
    ],
  ])('points at the first difference: %s', (_, text, line, column, hint) => {
    const root = makeTree({ files: { [A1001]: text } });
    const { code, stdout } = runMain(['--root', root]);
    expect(code).toBe(1);
    expect(stdout.split('\n').slice(0, 2)).toEqual([`${A1001}:${line}:${column} pas au format canonique`, `  → ${hint}`]);
  });

  it('cuts a long line around the difference', () => {
    const long = `${'mot '.repeat(40)}fin`;
    const root = makeTree({ files: { [A1001]: ORIGINAL.replace("intitule: Métier d'essai sans indicateur", `intitule: '${long}'`) } });
    const hint = runMain(['--root', root]).stdout.split('\n')[1];
    expect(hint).toBe(`  → Ligne 3 : attendu «intitule: ${long.slice(0, 90)}…», trouvé «intitule: '${long.slice(0, 89)}…».`);
  });
});

describe('npm run format -- --write', () => {
  it('rewrites only the files that differ, atomically, keeping their mode; a second --check passes', () => {
    const root = makeTree({ files: { [A1001]: reindent(ORIGINAL) } });
    chmodSync(join(root, A1001), 0o640);
    const untouched = statSync(join(root, B2002)).mtimeMs;
    const { code, stdout } = runMain(['--root', root, '--write']);
    expect({ code, stdout }).toEqual({
      code: 0,
      stdout: 'content/rome/a1001.yaml réécrit au format canonique\n3 fichiers examinés : 1 réécrit.\n',
    });
    expect(readText(root, A1001)).toBe(ORIGINAL);
    expect(statSync(join(root, A1001)).mode & 0o777).toBe(0o640);
    expect(statSync(join(root, B2002)).mtimeMs).toBe(untouched);
    expect(readdirSync(join(root, 'content/rome')).sort()).toEqual(['a1001.yaml', 'b2002.yaml']);
    expect(runMain(['--root', root]).code).toBe(0);
    expect(runMain(['--root', root, '--write']).stdout).toBe('3 fichiers examinés : aucun à réécrire.\n');
  });

  it("leaves a file with a YAML error as it is, reports it with the validator's message, and formats the others", () => {
    const broken = 'code: A1001\nintitule: [\n';
    const root = makeTree({ files: { [A1001]: broken, [B2002]: reindent(readText(FIXTURE_ROOT, B2002)) } });
    const { code, stdout } = runMain(['--root', root, '--write']);
    expect(code).toBe(1);
    const [d] = parseYaml(broken, A1001).diagnostics;
    expect(stdout.split('\n')).toEqual([
      `${A1001}:${d.line}:${d.column} error ${d.message} [yaml-syntax]`,
      `  → ${d.hint}`,
      "  → Fichier laissé tel quel : corrigez l'erreur (npm run validate), puis relancez la mise en forme.",
      'content/rome/b2002.yaml réécrit au format canonique',
      '3 fichiers examinés : 1 réécrit, 1 en erreur, non modifié.',
      '',
    ]);
    expect(readText(root, A1001)).toBe(broken);
    expect(readText(root, B2002)).toBe(readText(FIXTURE_ROOT, B2002));
    expect(runMain(['--root', root]).code).toBe(1);
  });

  it('leaves a file that is not UTF-8 as it is', () => {
    const bytes = readFileSync(join(FIXTURES, 'invalid/invalid-utf8.yaml'));
    const root = makeTree({ files: { [A1001]: bytes } });
    const { code, stdout } = runMain(['--root', root, '--write']);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /^content\/rome\/a1001\.yaml:\d+:\d+ error Le fichier n'est pas en UTF-8 : octet invalide \(position \d+\)\. \[encoding\]$/m,
    );
    expect(readFileSync(join(root, A1001)).equals(bytes)).toBe(true);
  });
});

describe('npm run format usage', () => {
  it.each([
    [['--check', '--write'], 'Choisissez --check ou --write, pas les deux.'],
    [['--bogus'], 'Option inconnue : --bogus'],
    [['content/rome'], 'Argument inattendu : content/rome'],
    [['--root', '/nonexistent/certidocs'], 'Dossier des fiches introuvable : /nonexistent/certidocs/content'],
  ])('rejects bad usage %j with exit 2', (args, message) => {
    const { code, stdout, stderr } = runMain(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).toContain('Utilisation : npm run format');
  });

  it('prints its usage with --help', () => {
    const { code, stdout } = runMain(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--write');
  });

  it('runs as a command: exit code 1 on a file to format, and no stack trace', () => {
    const root = makeTree({ files: { [A1001]: reindent(ORIGINAL) } });
    const result = spawnSync(
      process.execPath,
      ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', join(PROJECT_ROOT, 'src/cli/format.ts'), '--root', root],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('content/rome/a1001.yaml:5:3 pas au format canonique');
    expect(result.stdout + result.stderr).not.toMatch(/^\s+at /m);
  });
});
