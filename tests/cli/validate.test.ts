import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/validate.ts';
import { runCommand } from '../helpers/command.ts';
import { PROJECT_ROOT, makeTree, removeTrees } from '../helpers/content-tree.ts';

afterAll(removeTrees);

/** The record files of the project's content/, counted from the disk. */
const contentFileCount = () =>
  ['certifications', 'rome', 'rs'].reduce((sum, folder) => sum + readdirSync(join(PROJECT_ROOT, 'content', folder)).length, 0);

const runMain = (args: string[]) => runCommand(main, args);

const warningTree = () =>
  makeTree({
    files: {
      'content/rome/a1001.yaml': [
        '# yaml-language-server: $schema=../../schemas/rome.schema.json',
        'code: A1001',
        'intitule: Métier',
        'libelle_source: { referentiel: ROME, version: "3", source: essai }',
        'marche_du_travail: { aucune_donnee: true }',
        'sources:',
        '  - { id: essai, intitule: Essai }',
        '  - { id: inutile, intitule: Jamais citée }',
        '',
      ].join('\n'),
    },
  });

const errorTree = () => makeTree({ files: { 'content/rome/a1001.yaml': 'code: A1001\nintitule: [\n' } });

describe('npm run validate', () => {
  it('passes on the project content, reporting the seed inconsistencies as warnings', () => {
    const { code, stdout } = runMain(['--root', PROJECT_ROOT]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      "content/rome/k1704.yaml:112:7 warning Colonne « Demandeurs d'emploi » du tableau « Par niveau d'expérience dans le métier recherché » : total 147\u202f% au lieu de 100\u202f%. [distribution-total]",
    );
    expect(stdout).toContain(
      'content/rome/k1704.yaml:17:5 warning Tranches de salaire : total 55,01\u202f% au lieu de 100\u202f%. [distribution-total]',
    );
    expect(stdout.trim().split('\n').at(-1)).toBe(`${contentFileCount()} fichiers vérifiés : 0 erreur, 2 avertissements.`);
  });

  it('prints each diagnostic as file:line:col severity message [rule], then a hint line', () => {
    const { code, stdout } = runMain(['--root', warningTree()]);
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(0, 2)).toEqual([
      'content/rome/a1001.yaml:8:11 warning La source « inutile » est déclarée mais aucun champ ne la cite. [source-reference]',
      '  → Citez-la dans le champ « source » des chiffres qui en viennent, ou retirez-la.',
    ]);
  });

  it('fails on warnings with --strict', () => {
    expect(runMain(['--root', warningTree(), '--strict']).code).toBe(1);
  });

  it('fails on errors', () => {
    const { code, stdout } = runMain(['--root', errorTree()]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^content\/rome\/a1001\.yaml:\d+:\d+ error /m);
  });

  it('writes JSON with a summary', () => {
    const { code, stdout } = runMain(['--root', warningTree(), '--format', 'json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.summary).toEqual({ errors: 0, warnings: 1 });
    expect(report.files).toHaveLength(3);
    expect(report.diagnostics[0]).toEqual({
      severity: 'warning',
      file: 'content/rome/a1001.yaml',
      line: 8,
      column: 11,
      pointer: '/sources/1/id',
      message: 'La source « inutile » est déclarée mais aucun champ ne la cite.',
      hint: 'Citez-la dans le champ « source » des chiffres qui en viennent, ou retirez-la.',
      rule: 'source-reference',
    });
  });

  it('writes GitHub Actions annotations with escaped properties and data', () => {
    const { stdout } = runMain(['--root', warningTree(), '--format', 'github']);
    expect(stdout.split('\n')[0]).toBe(
      '::warning file=content/rome/a1001.yaml,line=8,col=11,title=source-reference::La source « inutile » est déclarée mais aucun champ ne la cite.%0ACitez-la dans le champ « source » des chiffres qui en viennent, ou retirez-la.',
    );
  });

  it.each([
    [['--format', 'xml'], 'Format inconnu : xml'],
    [['--bogus'], 'Option inconnue : --bogus'],
    [['--format'], "Valeur manquante ou invalide pour l'option --format"],
    [['content'], 'Argument inattendu : content'],
    [['--root', '/nonexistent/certidocs'], 'Dossier des fiches introuvable : /nonexistent/certidocs/content'],
  ])('rejects bad usage %j with exit 2', (args, message) => {
    const { code, stderr } = runMain(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain('Utilisation : npm run validate');
  });

  it('runs as a command: exit code 1 and no stack trace', () => {
    const result = spawnSync(
      process.execPath,
      [
        '--experimental-strip-types',
        '--disable-warning=ExperimentalWarning',
        join(PROJECT_ROOT, 'src/cli/validate.ts'),
        '--root',
        errorTree(),
      ],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('content/rome/a1001.yaml:');
    expect(result.stdout + result.stderr).not.toMatch(/^\s+at /m);
  });
});
