/**
 * The fast reader must never disagree with the exact one (`yaml`, with positions): whenever
 * it answers, the exact reader finds no problem and the same data. Random YAML built from the pieces
 * that make the two libraries differ (number and boolean spellings, indicators, quotes, comments,
 * indentation, aliases, flow collections) checks it; real and generated records check that it does
 * answer for ordinary files, or the speed-up would be lost without a test failing.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeFlowExports } from '../../bench/flow-xml.ts';
import { readPlainYaml } from '../../src/core/files/fast-yaml.ts';
import { importExport } from '../../src/core/import/import-export.ts';
import { parseYaml } from '../../src/core/files/yaml-source.ts';
import { PROJECT_ROOT } from '../helpers/content-tree.ts';

const SCALE = Math.max(1, Number(process.env.FUZZ_RUNS ?? 1) || 1);

/** Asserts the two readers agree on a text the fast one accepts; returns whether it accepted. */
function agree(text: string): boolean {
  const fast = readPlainYaml(text);
  if (fast === undefined) return false;
  const exact = parseYaml(text, 'f.yaml');
  expect(exact.diagnostics, text).toEqual([]);
  expect(fast, text).toStrictEqual(exact.data);
  return true;
}

// One-line scalars whose reading differs between YAML versions or libraries: the fast reader takes them.
const ORDINARY = [
  'texte',
  'Texte avec des mots, et (des) [crochets]',
  'a:b',
  'a#b',
  'R&D',
  'a * b',
  'Quoi ?',
  '55 %',
  'œ’é',
  'a\\b',
  'a  b',
  '1',
  '-1',
  '+1',
  '01',
  '0o17',
  '0O17',
  '017',
  '0x1F',
  '0b101',
  '1_000',
  '1.5',
  '.5',
  '1.',
  '1e3',
  '1E-3',
  '.inf',
  '-.Inf',
  '.NaN',
  '.nan',
  'nan',
  'inf',
  'true',
  'True',
  'TRUE',
  'tRue',
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  'null',
  'Null',
  'NULL',
  '~',
  '',
  '2024-01-01',
  '2024-01-01T10:00:00Z',
  '12:30',
  '1:20:30',
  '"quoted"',
  "'single'",
  '"a\\tb"',
  '"a\\u00e9"',
  '"a\\xff"',
  "'it''s'",
  '"\\""',
  '"a: b"',
  '[]',
  '{}',
  '-a',
  '?a',
  ':a',
  '--- a',
  '...',
];
// Scalars with an indicator, an escape or a break: most must go the exact way, and the two must still agree.
const TRICKY = [
  'a: b',
  'a #b',
  '#',
  '-',
  '- a',
  '"unterminated',
  '[a, b]',
  '{a: 1}',
  '&anchor v',
  '*alias',
  '!tag v',
  '!!str 1',
  '!!int "3"',
  '|',
  '|\n  bloc',
  '>\n  plié\n  ici',
  '? k',
  '%x',
  '@x',
  '`x',
  "'",
  ' espace',
  'x: [',
  '<<',
  '=',
  'a\tb',
  '"a\\qb"',
  '"deux\n  lignes"',
  'deux\n  lignes',
];
const SCALAR = fc.oneof({ arbitrary: fc.constantFrom(...ORDINARY), weight: 15 }, { arbitrary: fc.constantFrom(...TRICKY), weight: 1 });
// Keys spelled like a boolean, a null or a number, with their case mixed: YAML 1.2's core schema reads
// some as that value (`True` is the boolean, whose property name is "true"; `NULL` is null, named ""),
// the others, and every other spelling here, as the text written.
const SCALAR_LIKE_KEYS = [
  'true',
  'True',
  'TRUE',
  'tRue',
  'false',
  'False',
  'FALSE',
  'fAlse',
  'null',
  'Null',
  'NULL',
  'nULL',
  'yes',
  'Off',
  '_1',
  'e1',
  'E3',
  'inf',
  'Inf',
  'nan',
  'NaN',
  'Infinity',
  'x1F',
  'o17',
  '0',
  '-1',
  '+1',
  '017',
  '0o17',
  '0O17',
  '0x1F',
  '0X1F',
  '0xG',
  '1_000',
  '1.5',
  '-.5',
  '1.',
  '1e3',
  '+1E-3',
  '.inf',
  '-.Inf',
  '+.INF',
  '.nan',
  '.NaN',
  '.NAN',
  '.Nan',
];
const KEY = fc.oneof(
  { arbitrary: fc.constantFrom('a', 'intitule', 'code_rome', 'b2', '_x'), weight: 15 },
  { arbitrary: fc.constantFrom(...SCALAR_LIKE_KEYS), weight: 3 },
  {
    arbitrary: fc.constantFrom(
      '1',
      'true',
      'null',
      '~',
      '"quoted key"',
      "'k'",
      '<<',
      '? a',
      '[k]',
      '{k: v}',
      'a b',
      'a:b',
      '-k',
      'k#',
      '&a k',
      '*a',
    ),
    weight: 1,
  },
);

type Node = { scalar: string } | { map: [string, Node][] } | { list: Node[] };

const node: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ scalar: SCALAR }),
    fc.record({ map: fc.array(fc.tuple(KEY, tie('node')), { minLength: 1, maxLength: 4 }) }),
    fc.record({ list: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
  ),
})).node;

/** Block YAML text of a node, with an indentation step and optional comments. */
function render(value: Node, indent: string, step: string, comment: boolean): string[] {
  if ('scalar' in value) return [value.scalar];
  if ('map' in value) {
    return value.map.flatMap(([key, child]) => {
      const lines = render(child, indent + step, step, comment);
      const head = `${indent}${key}:`;
      if ('scalar' in child) return [`${head} ${lines[0]}${comment ? ' # note' : ''}`, ...lines.slice(1).map((l) => indent + step + l)];
      return [head, ...lines];
    });
  }
  return value.list.flatMap((child) => {
    const lines = render(child, indent + step, step, comment);
    if ('scalar' in child) return [`${indent}- ${lines[0]}`, ...lines.slice(1)];
    // A mapping item either starts on the dash's line ("- key: value", as npm run format writes it) or below it.
    if ('map' in child && comment) return [`${indent}- ${lines[0].trimStart()}`, ...lines.slice(1)];
    return [`${indent}-`, ...lines];
  });
}

describe('the fast YAML reader', () => {
  it('agrees with the exact reader on random YAML whenever it answers', () => {
    let answered = 0;
    const numRuns = 3000 * SCALE;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(KEY, node), { minLength: 1, maxLength: 5 }),
        fc.constantFrom('  ', '    ', ' '),
        fc.boolean(),
        fc.constantFrom('', '# yaml-language-server: $schema=x.json\n', '---\n'),
        (entries, step, comment, header) => {
          if (agree(header + render({ map: entries }, '', step, comment).join('\n') + '\n')) answered++;
        },
      ),
      { numRuns },
    );
    // Most random documents are odd on purpose (other indentation steps, "---", indicators), but
    // the reader must still take a good share of them or the property would hold vacuously. It takes
    // about 5.5 % of them (165 of 3,000, give or take 13 from one seed to the next): at least 3.3 %.
    expect(answered).toBeGreaterThan(numRuns / 30);
  });

  it.each([
    ['a flow collection as a key', '[k]: v\n'],
    ['an anchor and its alias', 'a: &x 1\nb: *x\n'],
    ['an explicit key', '? a\n: b\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a tab', 'a:\tb\n'],
    ['a lone carriage return', 'a: 1\rb: 2\n'],
    ['a tag', 'a: !!int "3"\n'],
    ['a list at the root', '- a\n'],
    ['an empty file', ''],
    ['a control character', 'a: b\u0007c\n'],
    ['a quoted text over two lines', 'a: "un\n  deux"\n'],
    ['a block scalar', 'a: |\n  texte\n'],
    ['a plain text over two lines', 'a: un\n  deux\n'],
    ['a key out of line with its siblings', 'a:\n  b: 1\n   c: 2\n'],
    ['a null key', 'null: a\n'],
    ['a capitalised boolean key', 'True: 1\n'],
    ['a boolean key in a list item', 'a:\n  - False: x\n'],
    ['an upper-case null key in a nested mapping', 'a:\n  NULL: y\n'],
    ['two spellings of one boolean key (duplicates to YAML)', 'True: 1\ntrue: 2\n'],
    ['two spellings of null as keys (duplicates to YAML)', 'Null: 1\n~: 2\n'],
    ['a key and the boolean spelled like it (one property to JavaScript)', 'TRUE: 1\n"true": 2\n'],
  ])('leaves %s to the exact reader', (_, text) => {
    expect(readPlainYaml(text)).toBeUndefined();
  });

  // Texts that mix lists and mappings at one level, or on which an earlier fast reader (js-yaml) disagreed.
  it.each([
    'null: texte\n',
    'a:\n  -\n      - \n    - texte\n',
    'a:\n  -\n    - \n  -\n    - texte\n',
    'a:\n  - "unterminated\n  - texte\n  - texte\n"quoted key": texte\n',
    'a:\n  - - \n  - texte\n',
    'a:\n  - x\n  b: 1\n',
    'a:\n  b: 1\n  - x\n',
    'a:\n  - b: 1\n    - x\n',
  ])('does not disagree on %j', (text) => {
    agree(text);
  });

  // Each key YAML resolves to a boolean, null or a number, with the data the exact reader makes of it:
  // the fast reader must not answer (it would keep the key as written). Those that do not start with a
  // letter or "_" never pass its line pattern; the others are caught by resolving the key.
  it.each<[string, Record<string, unknown>]>([
    ['true', { true: 'v' }],
    ['True', { true: 'v' }],
    ['TRUE', { true: 'v' }],
    ['false', { false: 'v' }],
    ['False', { false: 'v' }],
    ['FALSE', { false: 'v' }],
    ['null', { '': 'v' }],
    ['Null', { '': 'v' }],
    ['NULL', { '': 'v' }],
    ['~', { '': 'v' }],
    ['0', { '0': 'v' }],
    ['-1', { '-1': 'v' }],
    ['+1', { '1': 'v' }],
    ['017', { '17': 'v' }],
    ['0o17', { '15': 'v' }],
    ['0x1F', { '31': 'v' }],
    ['1.5', { '1.5': 'v' }],
    ['1.', { '1': 'v' }],
    ['-.5', { '-0.5': 'v' }],
    ['1e3', { '1000': 'v' }],
    ['+1E-3', { '0.001': 'v' }],
    ['.inf', { Infinity: 'v' }],
    ['-.Inf', { '-Infinity': 'v' }],
    ['.NaN', { NaN: 'v' }],
  ])('leaves the key %s, which YAML does not read as that text, to the exact reader', (key, data) => {
    const text = `${key}: v\n`;
    expect(parseYaml(text, 'f.yaml').data).toStrictEqual(data);
    expect(readPlainYaml(text)).toBeUndefined();
    expect(readPlainYaml(`a:\n  - ${key}: v\n`)).toBeUndefined();
  });

  // Keys that look like a boolean, null or a number but that YAML 1.2 reads as the text written: the
  // fast reader keeps answering for them, with the exact reader's data.
  it.each([
    'tRue',
    'fAlse',
    'nULL',
    'yes',
    'No',
    'on',
    'Off',
    'y',
    '_1',
    'e1',
    'E3',
    'inf',
    'Inf',
    'nan',
    'NaN',
    'Infinity',
    'x1F',
    'o17',
    'True_',
  ])('reads the key %s, which YAML reads as that text, like the exact reader', (key) => {
    for (const text of [`${key}: v\n`, `a:\n  - ${key}: v\n`]) {
      expect(agree(text), text).toBe(true);
    }
    expect(readPlainYaml(`${key}: v\n`)).toStrictEqual({ [key]: 'v' });
  });

  it('reads scalars with the YAML 1.2 core rules of the exact reader', () => {
    const text = 'a: 1_000\nb: 0o17\nc: 017\nd: yes\ne: ~\nf: 2024-01-01\ng: .5\nh: 0x1F\ni: "1"\nj:\nk: []\nl: {}\n';
    expect(agree(text)).toBe(true);
    expect(readPlainYaml(text)).toStrictEqual({
      a: '1_000',
      b: 15,
      c: 17,
      d: 'yes',
      e: null,
      f: '2024-01-01',
      g: 0.5,
      h: 31,
      i: '1',
      j: null,
      k: [],
      l: {},
    });
  });

  it('answers for every record of the project and for records imported from a generated registry flow', async () => {
    const generated = mkdtempSync(join(tmpdir(), 'certidocs-fast-yaml-'));
    try {
      cpSync(join(PROJECT_ROOT, 'schemas'), join(generated, 'schemas'), { recursive: true });
      mkdirSync(join(generated, 'content'));
      const flow = writeFlowExports(join(generated, 'exports'), { rncp: 60, rs: 20, seed: 7 });
      await importExport({ root: generated, file: flow.rncp.path });
      await importExport({ root: generated, file: flow.rs.path });
      const trees: [string, string[]][] = [
        [PROJECT_ROOT, ['certifications', 'rome']],
        [generated, ['certifications', 'rs', 'rome']],
      ];
      for (const [root, dirs] of trees) {
        for (const dir of dirs) {
          for (const name of readdirSync(join(root, 'content', dir))) {
            const file = join(root, 'content', dir, name);
            expect(agree(readFileSync(file, 'utf8')), file).toBe(true);
          }
        }
      }
    } finally {
      rmSync(generated, { recursive: true, force: true });
    }
  });
});
