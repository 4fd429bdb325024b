import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main as formatMain } from '../../src/cli/format.ts';
import { main } from '../../src/cli/new.ts';
import { runCommand } from '../helpers/command.ts';
import { validateContent } from '../../src/core/validation/validate-content.ts';
import { makeTree, removeTrees } from '../helpers/content-tree.ts';

afterAll(removeTrees);

function run(args: string[]) {
  const { code, stdout: out, stderr: err } = runCommand(main, args);
  return { code, out, err };
}

/** Fills every empty field of a skeleton, line by line, with a valid value for its key. */
function fillIn(text: string): string {
  const values: Record<string, string> = {
    intitule: 'Intitulé de test',
    version: '"4.0"',
    source: 'essai',
    id: 'essai',
    date_fin: '2030-01-31',
    objectifs: 'Objectifs de test.',
    numero: '1',
  };
  return text
    .replace(
      /^(\s*)(- )?([a-z_]+): null$/gm,
      (_, indent: string, dash: string | undefined, key: string) => `${indent}${dash ?? ''}${key}: ${values[key] ?? 'à compléter'}`,
    )
    .replace(/^(\s*)- null$/gm, (_, indent: string) => `${indent}- A1001`)
    .replace(/(intitules:\n\s*)- A1001/, '$1- Métier de test')
    .replace(/(liste:\n\s*)- A1001/, '$1- Secteur de test');
}

describe('npm run new', () => {
  it.each([
    ['rome', 'a1234', 'content/rome/a1234.yaml', 'A1234'],
    ['certification', 'rncp12345', 'content/certifications/rncp12345.yaml', 'RNCP12345'],
  ])('scaffolds a %s that lists what to fill in, and validates once filled in', (kind, id, file, expectedId) => {
    const root = makeTree();
    const { code, out } = run([kind, id, '--root', root]);
    expect(code).toBe(0);
    expect(out).toContain(`${file} créé.`);
    const text = readFileSync(join(root, file), 'utf8');
    expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=\.\.\/\.\.\/schemas\/\w+\.schema\.json$/);
    expect(text).toContain(expectedId);
    expect(
      formatMain(
        ['--check', '--root', root],
        () => undefined,
        () => undefined,
        false,
      ),
    ).toBe(0);

    const before = validateContent({ root }).diagnostics.filter((d) => d.file === file && d.severity === 'error');
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((d) => d.rule.startsWith('schema/'))).toBe(true);

    writeFileSync(join(root, file), fillIn(text));
    expect(validateContent({ root }).diagnostics.filter((d) => d.file === file && d.severity === 'error')).toEqual([]);
  });

  it('refuses to overwrite an existing record and leaves it untouched', () => {
    const root = makeTree();
    const path = join(root, 'content/rome/a1001.yaml');
    const original = readFileSync(path, 'utf8');
    const { code, err } = run(['rome', 'A1001', '--root', root]);
    expect(code).toBe(1);
    expect(err).toContain("content/rome/a1001.yaml existe déjà : rien n'a été écrit.");
    expect(readFileSync(path, 'utf8')).toBe(original);
  });

  it.each([
    [['rome', 'K17O4'], 'Identifiant invalide : « K17O4 ».'],
    [['certification', '12345'], 'Identifiant invalide : « 12345 ».'],
    [['diplome', 'X'], 'Utilisation : npm run new'],
    [['rome'], 'Utilisation : npm run new'],
  ])('rejects %j with exit 2', (args, message) => {
    const { code, err } = run([...args, '--root', makeTree()]);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });
});
