import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/core/files/yaml-source.ts';

const text = ['# commentaire', 'code: K1704', 'liste:', '  - premier', '  - cle: valeur', '    autre: 2', 'vide:', ''].join('\n');

describe('parseYaml', () => {
  const parsed = parseYaml(text, 'f.yaml');

  it('returns the data of a valid mapping without diagnostics', () => {
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.data).toEqual({ code: 'K1704', liste: ['premier', { cle: 'valeur', autre: 2 }], vide: null });
  });

  it.each([
    { pointer: '', target: 'value', line: 2, column: 1 },
    { pointer: '/code', target: 'value', line: 2, column: 7 },
    { pointer: '/code', target: 'key', line: 2, column: 1 },
    { pointer: '/liste/0', target: 'value', line: 4, column: 5 },
    { pointer: '/liste/1/autre', target: 'value', line: 6, column: 12 },
    { pointer: '/liste/1/autre', target: 'key', line: 6, column: 5 },
    // A missing node falls back to the closest existing ancestor (its key when it has one).
    { pointer: '/liste/1/absent', target: 'value', line: 5, column: 5 },
    { pointer: '/liste/9', target: 'value', line: 3, column: 1 },
    // An empty value is located where the value is missing, after the colon.
    { pointer: '/vide', target: 'value', line: 7, column: 6 },
  ] as const)('locates $pointer ($target) at $line:$column', ({ pointer, target, line, column }) => {
    expect(parsed.locate(pointer, target)).toEqual({ line, column });
  });

  it('reports only the first syntax error, but every duplicate key', () => {
    const result = parseYaml('a: 1\na: 2\nb: [1\nc: 3\na: 4\n', 'f.yaml');
    expect(result.diagnostics.map((d) => [d.line, d.rule, d.message])).toEqual([
      [2, 'yaml-syntax', 'Champ en double : ce champ est déjà présent plus haut au même niveau.'],
      [5, 'yaml-syntax', 'Champ en double : ce champ est déjà présent plus haut au même niveau.'],
    ]);
    expect(result.data).toBeUndefined();
  });

  it('treats a file of comments only as empty', () => {
    expect(parseYaml('# rien\n', 'f.yaml').diagnostics.map((d) => d.rule)).toEqual(['empty-file']);
  });

  it('refuses a scalar root', () => {
    expect(parseYaml('juste un texte\n', 'f.yaml').diagnostics.map((d) => [d.rule, d.message])).toEqual([
      ['yaml-root', 'Le fichier doit décrire une fiche sous forme de champs « clé: valeur », pas une valeur isolée.'],
    ]);
  });

  it('accepts CRLF line endings with the same positions', () => {
    const crlf = parseYaml(text.replace(/\n/g, '\r\n'), 'f.yaml');
    expect(crlf.data).toEqual(parsed.data);
    expect(crlf.locate('/liste/1/autre')).toEqual({ line: 6, column: 12 });
  });

  it('keeps a moderate number of aliases', () => {
    expect(parseYaml('a: &x 1\nb: *x\nc: [*x, *x]\n', 'f.yaml').data).toEqual({ a: 1, b: 1, c: [1, 1] });
  });

  it.each([
    {
      name: 'alias without anchor',
      text: 'code: K1704\nintitule: *a\n',
      at: [2, 11],
      message: "L'alias *a renvoie à une ancre &a qui n'est pas définie avant lui.",
    },
    {
      name: 'alias before its anchor',
      text: 'a: *b\nc: &b 1\n',
      at: [1, 4],
      message: "L'alias *b renvoie à une ancre &b qui n'est pas définie avant lui.",
    },
    {
      name: 'alias inside its own anchor',
      text: 'a: &x\n  b: *x\n',
      at: [2, 6],
      message: "L'alias *x est placé à l'intérieur de la valeur qu'il recopie : la fiche serait infinie.",
    },
    {
      name: 'key that is a list',
      text: '? [a, b]\n: 1\n',
      at: [1, 3],
      message: 'Une clé doit être un simple nom, pas une liste ni un ensemble de champs.',
    },
    {
      name: 'NUL character',
      text: 'a: 1\nb: x\u0000y\n',
      at: [2, 5],
      message: "Caractère de contrôle invisible (U+0000) : il n'a pas sa place dans un fichier texte.",
    },
  ])('explains a $name', ({ text: source, at, message }) => {
    const result = parseYaml(source, 'f.yaml');
    expect(result.data).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([[...at, message]]);
  });

  it('reads old Mac line endings (lone CR) as line breaks', () => {
    const result = parseYaml('a: 1\rb: 2\r', 'f.yaml');
    expect(result.data).toEqual({ a: 1, b: 2 });
    expect(result.locate('/b')).toEqual({ line: 2, column: 4 });
  });
});
