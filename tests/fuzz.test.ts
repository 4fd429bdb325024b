/**
 * Property-based fuzzing of the validator (fast-check): whatever the input — random text, random
 * bytes, or a valid record with a random mutation — validation never throws and every diagnostic
 * is well-formed (file, 1-based line and column inside the file, French message and hint, rule,
 * JSON pointer). Mutations the schema must reject give at least one error in the mutated file.
 *
 * One temporary tree (project content + test fixtures) is built once; each run overwrites a single
 * file and restores it afterwards, so runs stay fast and independent.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FormatsPlugin } from 'ajv-formats';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYamlData, stringify as stringifyYaml } from 'yaml';
import { kindForFolder, RECORD_KINDS, SHARED_SCHEMA_FILES } from '../src/core/kinds/record-kinds.ts';
import type { RecordKind } from '../src/core/kinds/record-kinds.ts';
import type { Diagnostic } from '../src/core/validation/diagnostic.ts';
import { createContentValidator, validateContent } from '../src/core/validation/validate-content.ts';
import type { ContentValidator } from '../src/core/validation/validate-content.ts';
import { parseYaml } from '../src/core/files/yaml-source.ts';
import { FIXTURES, PROJECT_ROOT, makeTree, removeTrees } from './helpers/content-tree.ts';

const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as FormatsPlugin;

/** FUZZ_RUNS=10 npx vitest run tests/fuzz.test.ts multiplies every run count, for a deeper search. */
const SCALE = Math.max(1, Number(process.env.FUZZ_RUNS ?? 1) || 1);
const runs = (n: number) => ({ numRuns: n * SCALE });
/** Per-test time limit, scaled with the run count. */
const TIMEOUT = 30_000 * SCALE;

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

type Kind = RecordKind;

/** Number of lines of a text, counting every kind of line break an editor may show (YAML itself breaks on LF, CRLF and CR). */
function lineCount(text: string): number {
  return Math.max(text.split('\n').length, text.split(/\r\n|\r|\n|\u2028|\u2029|\u0085/).length);
}

/**
 * A rough sign that a sentence is not French: English words and no French one. (French has no
 * reliable positive marker in short messages such as « Indentation incorrecte. ».)
 */
function looksEnglish(text: string): boolean {
  const english = /\b(the|must|should|is|are|not|of|expected|unexpected|missing|invalid|allowed|line|at|be|have|has|with|only)\b/i;
  const french = /[àâçéèêëîïôûùüÿœ«»]|\b(le|la|les|un|une|des|du|de|est|doit|pas|ce|cette|ou|et|dans|en|au|aux|sur)\b/i;
  return english.test(text) && !french.test(text);
}

/**
 * Problems with one diagnostic, as readable strings (empty when well-formed).
 * `texts` gives the text of every file a diagnostic may name.
 */
function diagnosticProblems(d: Diagnostic, texts: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  const text = texts.get(d.file);
  if (text === undefined) problems.push(`file ${JSON.stringify(d.file)} is not a content file of the tree`);
  if (d.severity !== 'error' && d.severity !== 'warning') problems.push(`severity ${JSON.stringify(d.severity)}`);
  if (!Number.isInteger(d.line) || d.line < 1) problems.push(`line ${d.line} < 1`);
  if (!Number.isInteger(d.column) || d.column < 1) problems.push(`column ${d.column} < 1`);
  if (text !== undefined && d.line > lineCount(text) + 1) problems.push(`line ${d.line} beyond the ${lineCount(text)} lines of the file`);
  if (text !== undefined && d.line >= 1 && d.line <= lineCount(text)) {
    // The column points inside its line, or just past its end (an unclosed quote at the end of a line).
    const lineText = text.split(/\r\n|\r|\n/)[d.line - 1] ?? '';
    if (d.column > lineText.length + 1) problems.push(`column ${d.column} beyond the ${lineText.length} characters of line ${d.line}`);
  }
  if (typeof d.pointer !== 'string' || (d.pointer !== '' && !d.pointer.startsWith('/')))
    problems.push(`pointer ${JSON.stringify(d.pointer)}`);
  if (typeof d.rule !== 'string' || d.rule.trim() === '') problems.push('empty rule');
  // Rule "internal" is how the pipeline reports an exception it caught: a crash in disguise.
  if (d.rule === 'internal') problems.push('internal error (the validator crashed and caught it)');
  for (const [name, value] of [
    ['message', d.message],
    ['hint', d.hint],
  ] as const) {
    if (typeof value !== 'string' || value.trim() === '') {
      problems.push(`empty ${name}`);
      continue;
    }
    if (looksEnglish(value)) problems.push(`${name} does not look French: ${JSON.stringify(value)}`);
    for (const leak of ['undefined', '[object Object]', 'NaN']) {
      if (value.includes(leak) && !(text ?? '').includes(leak))
        problems.push(`${name} leaks ${JSON.stringify(leak)}: ${JSON.stringify(value)}`);
    }
  }
  return problems;
}

function expectWellFormed(diagnostics: Diagnostic[], texts: ReadonlyMap<string, string>): void {
  const bad = diagnostics
    .map((d) => ({ d, problems: diagnosticProblems(d, texts) }))
    .filter((b) => b.problems.length > 0)
    .map((b) => `${b.problems.join('; ')}\n    in ${JSON.stringify(b.d)}`);
  expect(bad, 'malformed diagnostics').toEqual([]);
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(dir, join(prefix, e.name)) : [join(prefix, e.name).split('\\').join('/')],
  );
}

// ---------------------------------------------------------------------------------------------
// The shared tree
// ---------------------------------------------------------------------------------------------

interface BaseRecord {
  /** Project-relative path inside the tree ("content/rome/k1704.yaml"). */
  file: string;
  kind: Kind;
  text: string;
  modeline: string;
  data: Record<string, unknown>;
}

let root: string;
let validator: ContentValidator;
/** Original text of every file of the tree, by project-relative path. */
let originals: Map<string, string>;
let records: BaseRecord[];
let ajvValidators: Record<Kind, ValidateFunction>;
/** Every property name any schema declares: a key outside this set is unknown everywhere. */
let knownNames: Set<string>;

/** Writes one file of the tree for the duration of `body`, then restores the tree exactly. */
function withFile<T>(file: string, content: string | Uint8Array, body: () => T): T {
  writeFileSync(join(root, file), content);
  try {
    return body();
  } finally {
    const original = originals.get(file);
    if (original === undefined) rmSync(join(root, file), { force: true });
    else writeFileSync(join(root, file), original);
  }
}

beforeAll(() => {
  const fixtureContent = join(FIXTURES, 'base/content');
  const fixtureFiles = Object.fromEntries(
    listFiles(fixtureContent).map((f) => [`content/${f}`, readFileSync(join(fixtureContent, f), 'utf8')]),
  );
  // The real content plus the test fixtures: both sets of valid records side by side.
  root = makeTree({ base: 'project', files: fixtureFiles });
  validator = createContentValidator({ root });
  originals = new Map(listFiles(join(root, 'content')).map((f) => [`content/${f}`, readFileSync(join(root, 'content', f), 'utf8')]));

  records = [...originals]
    .filter(([file]) => /\.ya?ml$/.test(file))
    .map(([file, text]) => ({
      file,
      kind: kindForFolder(file.split('/')[1] ?? '')!.kind,
      text,
      modeline: text.split('\n', 1)[0],
      data: parseYamlData(text) as Record<string, unknown>,
    }));

  const ajv = new Ajv({ allErrors: false, strict: true, strictRequired: false });

  // The ownership annotation of the kind schemas (x-proprietaire), which strict mode must be told about.

  ajv.addKeyword({ keyword: 'x-proprietaire', schemaType: 'string' });
  addFormats(ajv, ['date', 'uri']);
  knownNames = new Set();
  for (const name of [...SHARED_SCHEMA_FILES, ...RECORD_KINDS.map((k) => k.schemaFile)]) {
    const schema = JSON.parse(readFileSync(join(root, 'schemas', name), 'utf8')) as unknown;
    ajv.addSchema(schema as object, name);
    collectPropertyNames(schema, knownNames);
  }
  ajvValidators = Object.fromEntries(RECORD_KINDS.map((k) => [k.kind, ajv.getSchema(k.schemaFile)!])) as Record<Kind, ValidateFunction>;
});

afterAll(removeTrees);

function collectPropertyNames(schema: unknown, into: Set<string>): void {
  if (Array.isArray(schema)) for (const s of schema) collectPropertyNames(s, into);
  else if (schema && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties' && value && typeof value === 'object') for (const name of Object.keys(value)) into.add(name);
      if (key === 'required' && Array.isArray(value)) for (const name of value) into.add(String(name));
      collectPropertyNames(value, into);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 1. Random text → parseYaml
// ---------------------------------------------------------------------------------------------

const YAML_TOKENS = [
  ':',
  ': ',
  '- ',
  '-',
  '&a ',
  '*a',
  '&b ',
  '*b',
  '[',
  ']',
  '{',
  '}',
  ',',
  '"',
  "'",
  '\\',
  '\t',
  '  ',
  '    ',
  '---',
  '...',
  '\r\n',
  '\r',
  '\n',
  '\uFEFF',
  '#',
  '# yaml-language-server: $schema=../../schemas/rome.schema.json',
  '? ',
  '|',
  '>',
  '|-',
  '>+',
  '!!str ',
  '!!int ',
  '!tag ',
  '%YAML 1.2',
  '%TAG ! tag:x,2000:',
  '<<: *a',
  '@',
  '`',
  'code: K1704',
  'intitule: Métier',
  'aucune_donnee: true',
  '~',
  'null',
  'true',
  '0x1F',
  '1e400',
  '-.inf',
  '.nan',
  '\u0000',
  '\u0085',
  '\u2028',
  '\u00a0',
  '\uD800',
  '\uDFFF',
  '😀',
  'é',
  'x'.repeat(1100),
];

/** A random character, including lone surrogates and control characters. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const textPiece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...YAML_TOKENS) },
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: anyCodeUnit, maxLength: 4 }) },
);
/** Lines made of YAML-ish pieces, joined with a random line break. */
const yamlishText = fc
  .tuple(
    fc.array(
      fc.array(textPiece, { maxLength: 8 }).map((pieces) => pieces.join('')),
      { maxLength: 25 },
    ),
    fc.constantFrom('\n', '\r\n', '\r', '\n\n'),
    fc.boolean(),
  )
  .map(([lines, eol, bom]) => (bom ? '\uFEFF' : '') + lines.join(eol));

/** Well-formed records cut or spliced at random: mostly-valid YAML with one defect. */
function splicedRecord(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.nat(), fc.nat(), fc.constantFrom(...YAML_TOKENS, ''), fc.constantFrom('cut', 'insert', 'replace'))
    .map(([a, b, token, how]) => {
      const text = records[a % records.length].text;
      const at = b % (text.length + 1);
      if (how === 'cut') return text.slice(0, at);
      if (how === 'insert') return text.slice(0, at) + token + text.slice(at);
      return text.slice(0, at) + token + text.slice(at + token.length + 1);
    });
}

describe('parseYaml on random text', () => {
  it(
    'never throws, and every diagnostic is located inside the text and explained in French',
    () => {
      const anyText = fc.oneof(
        yamlishText,
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.string({ unit: anyCodeUnit, maxLength: 100 }),
        splicedRecord(),
      );
      fc.assert(
        fc.property(anyText, (text) => {
          const file = 'content/rome/a1001.yaml';
          const parsed = parseYaml(text, file);
          expectWellFormed(parsed.diagnostics, new Map([[file, text]]));
          for (const d of parsed.diagnostics) expect(d.file).toBe(file);
          // Mapping pointers back to positions never throws either, for existing or invented paths.
          for (const pointer of ['', '/code', '/a/b/0', '/sources/0/id', '/~0~1/%', '/0', '/__proto__/x']) {
            for (const target of ['key', 'value'] as const) {
              const at = parsed.locate(pointer, target);
              expect(at.line).toBeGreaterThanOrEqual(1);
              expect(at.column).toBeGreaterThanOrEqual(1);
              expect(at.line).toBeLessThanOrEqual(lineCount(text) + 1);
            }
          }
          // A file that yields data yields a mapping, and a file that does not yields a reason.
          if (parsed.data === undefined) expect(parsed.diagnostics.filter((d) => d.severity === 'error').length).toBeGreaterThan(0);
          else expect(typeof parsed.data === 'object' && parsed.data !== null && !Array.isArray(parsed.data)).toBe(true);
        }),
        runs(400),
      );
    },
    TIMEOUT,
  );
});

describe('parseYaml on aliases', () => {
  // An alias whose anchor is never defined is a plain mistake (a typo in the name, a deleted
  // anchor): it must not be reported as an alias "bomb" of more than 100 copies.
  it(
    'reports an alias to a missing anchor as such, not as an alias bomb',
    () => {
      const anchorName = fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/);
      fc.assert(
        fc.property(anchorName, fc.constantFrom('intitule', 'libelle_source', 'sources'), fc.boolean(), (name, key, anchorLater) => {
          // Either no anchor at all, or one defined only after the alias that uses it.
          const text = `code: K1704\n${key}: *${name}\n${anchorLater ? `notes_editoriales: &${name} texte\n` : ''}`;
          const parsed = parseYaml(text, 'content/rome/k1704.yaml');
          expect(parsed.data).toBeUndefined();
          expect(parsed.diagnostics.filter((d) => d.severity === 'error').length).toBeGreaterThan(0);
          expectWellFormed(parsed.diagnostics, new Map([['content/rome/k1704.yaml', text]]));
          const bomb = parsed.diagnostics.filter((d) => d.rule === 'yaml-alias' || d.message.includes("Trop d'alias"));
          expect(bomb, `alias *${name} without an anchor before it, reported as an alias bomb`).toEqual([]);
        }),
        runs(50),
      );
    },
    TIMEOUT,
  );
});

// ---------------------------------------------------------------------------------------------
// 2. Random bytes → validateContent
// ---------------------------------------------------------------------------------------------

const BYTE_TARGETS = [
  'content/rome/a1001.yaml',
  'content/certifications/rncp10001.yaml',
  'content/rome/k1704.yaml',
  'content/rome/z9999.yaml',
  'content/certifications/nouvelle.yml',
];

const encoder = new TextEncoder();

function randomBytes(): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    fc.uint8Array({ maxLength: 300 }),
    yamlishText.map((t) => encoder.encode(t)),
    // A valid record, cut anywhere (possibly inside a multi-byte character) or with bytes spliced in.
    fc.tuple(fc.nat(), fc.nat(), fc.uint8Array({ maxLength: 4 }), fc.boolean()).map(([r, at, bytes, bom]) => {
      const whole = encoder.encode(records[r % records.length].text);
      const i = at % (whole.length + 1);
      const spliced = new Uint8Array([...(bom ? [0xef, 0xbb, 0xbf] : []), ...whole.subarray(0, i), ...bytes, ...whole.subarray(i)]);
      return bytes.length === 0 ? spliced.subarray(0, (bom ? 3 : 0) + i) : spliced;
    }),
  );
}

/** Texts of the tree's files as the validator sees them (bytes decoded leniently). */
function textsWith(file: string, content: string | Uint8Array): Map<string, string> {
  const texts = new Map(originals);
  texts.set(file, typeof content === 'string' ? content : new TextDecoder('utf-8').decode(content));
  return texts;
}

describe('validateContent on random bytes', () => {
  it(
    'never throws, and every diagnostic names a file of the tree with a 1-based position',
    () => {
      fc.assert(
        fc.property(fc.constantFrom(...BYTE_TARGETS), randomBytes(), (file, bytes) => {
          const result = withFile(file, bytes, () => validator.validate());
          const texts = textsWith(file, bytes);
          expectWellFormed(result.diagnostics, texts);
          expect(result.files).toContain(file);
          // Whatever the bytes say, the file itself is reported on unless it is a valid record.
          const own = result.diagnostics.filter((d) => d.file === file && d.severity === 'error');
          const loaded = [...result.records.certification, ...result.records.rome].some((r) => r.file === file);
          if (!loaded) expect(own.length).toBeGreaterThan(0);
        }),
        runs(150),
      );
    },
    TIMEOUT,
  );

  it(
    'validateContent itself (compiling the schemas each time) gives the same result',
    () => {
      fc.assert(
        fc.property(fc.constantFrom(...BYTE_TARGETS), randomBytes(), (file, bytes) => {
          const [once, reused] = withFile(file, bytes, () => [validateContent({ root }), validator.validate()]);
          expect(once.diagnostics).toEqual(reused.diagnostics);
          expectWellFormed(once.diagnostics, textsWith(file, bytes));
        }),
        runs(15),
      );
    },
    TIMEOUT,
  );
});

// ---------------------------------------------------------------------------------------------
// 3. Valid records, mutated near the schema
// ---------------------------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

interface Mutation {
  op: string;
  pick: number;
  pick2: number;
  value: Json;
  name: string;
  typo: number;
  numberKind: number;
}

interface Mutated {
  record: BaseRecord;
  description: string;
  data: Record<string, unknown>;
  /** The mutation breaks the schema in a way no reading of it can excuse. */
  obviouslyInvalid: boolean;
}

/** Top-level keys each schema requires, read from the schema itself. */
const requiredTop = (schemaFile: string): string[] =>
  (JSON.parse(readFileSync(join(PROJECT_ROOT, 'schemas', schemaFile), 'utf8')) as { required: string[] }).required;
const REQUIRED_TOP = Object.fromEntries(RECORD_KINDS.map((k) => [k.kind, requiredTop(k.schemaFile)])) as Record<Kind, string[]>;

function typeOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

function isMapping(v: unknown): v is Record<string, Json> {
  return typeOf(v) === 'object';
}

/** Every node of the document with its path, the root first. */
function nodes(value: unknown, path: Path = []): { path: Path; value: unknown }[] {
  const here = [{ path, value }];
  if (Array.isArray(value)) return here.concat(value.flatMap((v, i) => nodes(v, [...path, i])));
  if (isMapping(value)) return here.concat(Object.entries(value).flatMap(([k, v]) => nodes(v, [...path, k])));
  return here;
}

function at(data: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, segment) => (node as Record<string | number, unknown>)[segment], data);
}

/** Sets an own property, even "__proto__", keeping it enumerable like a parsed YAML key. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Renames a key without moving it to the end of the mapping. */
function renameKey(map: Record<string, unknown>, from: string, to: string): void {
  const entries = Object.entries(map).map(([k, v]) => [k === from ? to : k, v] as const);
  for (const k of Object.keys(map)) delete map[k];
  for (const [k, v] of entries) setOwn(map, k, v);
}

function typo(name: string, how: number, letter: string): string {
  const i = how % Math.max(name.length, 1);
  switch (how % 7) {
    case 0:
      return name.slice(0, i) + name.slice(i + 1); // dropped letter
    case 1:
      return name.slice(0, i) + name[i] + name.slice(i); // doubled letter
    case 2:
      return i + 1 < name.length ? name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2) : name + letter; // swapped letters
    case 3:
      return name.slice(0, i) + letter + name.slice(i + 1); // wrong letter
    case 4:
      return name.toUpperCase();
    case 5:
      return name.replace('e', 'é').replace('_', '-');
    default:
      return name + 's';
  }
}

function mutate(record: BaseRecord, m: Mutation): Mutated {
  const data = structuredClone(record.data);
  const all = nodes(data);
  const maps = all.filter((n) => isMapping(n.value) && Object.keys(n.value as object).length > 0);
  const lists = all.filter((n) => Array.isArray(n.value) && (n.value as unknown[]).length > 0);
  const numbers = all.filter((n) => typeof n.value === 'number');
  const done = (description: string, obviouslyInvalid = false): Mutated => ({ record, description, data, obviouslyInvalid });
  const pickKey = (n: { value: unknown }, pick: number) => {
    const keys = Object.keys(n.value as object);
    return keys[pick % keys.length];
  };
  const where = (path: Path) => '/' + path.join('/');

  switch (m.op) {
    case 'delete-key': {
      const node = maps[m.pick % maps.length];
      const key = pickKey(node, m.pick2);
      delete (node.value as Record<string, unknown>)[key];
      const required = node.path.length === 0 && REQUIRED_TOP[record.kind].includes(key);
      return done(`delete ${where([...node.path, key])}`, required);
    }
    case 'delete-required-top-key': {
      const key = REQUIRED_TOP[record.kind][m.pick % REQUIRED_TOP[record.kind].length];
      delete data[key];
      return done(`delete required /${key}`, true);
    }
    case 'rename-key': {
      const node = maps[m.pick % maps.length];
      const key = pickKey(node, m.pick2);
      const renamed = typo(key, m.typo, m.name.charAt(0) || 'x');
      if (renamed === key || Object.hasOwn(node.value as object, renamed)) return done('no-op rename');
      renameKey(node.value as Record<string, unknown>, key, renamed);
      // Every mapping of every record is closed: a name no schema knows is always an error.
      return done(`rename ${where([...node.path, key])} → ${JSON.stringify(renamed)}`, !knownNames.has(renamed));
    }
    case 'replace-value': {
      const candidates = all.filter((n) => n.path.length > 0 && typeOf(n.value) !== typeOf(m.value));
      const node = candidates[m.pick % candidates.length];
      const parent = at(data, node.path.slice(0, -1)) as Record<string | number, unknown>;
      parent[node.path[node.path.length - 1]] = m.value;
      // Top-level fields each have a single JSON type, so a value of another type is always wrong.
      return done(`replace ${where(node.path)} (${typeOf(node.value)}) by ${JSON.stringify(m.value)}`, node.path.length === 1);
    }
    case 'duplicate-item': {
      const node = lists[m.pick % lists.length];
      const list = node.value as unknown[];
      const i = m.pick2 % list.length;
      list.splice(i + 1, 0, structuredClone(list[i]));
      return done(`duplicate ${where([...node.path, i])}`);
    }
    case 'swap-items': {
      const node = lists[m.pick % lists.length];
      const list = node.value as unknown[];
      const i = m.pick2 % list.length;
      const j = m.typo % list.length;
      [list[i], list[j]] = [list[j], list[i]];
      return done(`swap ${where([...node.path, i])} and ${j}`);
    }
    case 'change-number': {
      if (numbers.length === 0) return done('no number to change');
      const node = numbers[m.pick % numbers.length];
      const n = node.value as number;
      const variants: [Json, boolean][] = [
        [-(Math.abs(n) + 1), true], // every number in the schemas is at least 0
        [-0.5, true],
        [n + 0.5, false],
        [n + 101, false],
        [1e12, false],
        [String(n), true], // a number written as text is never accepted
        [`${n} %`, true],
        [`${n},5`, true],
        [`${Math.floor(Math.abs(n))} 230`, true], // thousands separator
      ];
      const [value, obvious] = variants[m.numberKind % variants.length];
      const parent = at(data, node.path.slice(0, -1)) as Record<string | number, unknown>;
      parent[node.path[node.path.length - 1]] = value;
      return done(`change ${where(node.path)} from ${n} to ${JSON.stringify(value)}`, obvious);
    }
    case 'insert-unknown-key': {
      const mappings = all.filter((n) => isMapping(n.value));
      const node = mappings[m.pick % mappings.length];
      if (Object.hasOwn(node.value as object, m.name)) return done('no-op insert');
      setOwn(node.value as Record<string, unknown>, m.name, m.value);
      return done(`insert ${JSON.stringify(m.name)}: ${JSON.stringify(m.value)} in ${where(node.path)}`, !knownNames.has(m.name));
    }
    default:
      throw new Error(`unknown mutation ${m.op}`);
  }
}

const OPS = [
  'delete-key',
  'delete-required-top-key',
  'rename-key',
  'replace-value',
  'duplicate-item',
  'swap-items',
  'change-number',
  'insert-unknown-key',
];

const keyName = fc.oneof(
  fc.constantFrom(
    'commentaire',
    'note',
    'url',
    'min',
    'code',
    'niveau',
    'Intitule',
    'aucune_donnee',
    '__proto__',
    'constructor',
    '',
    ' ',
    '<<',
    '-',
    'a/b',
    '~0',
    '1',
  ),
  fc.string({ minLength: 1, maxLength: 10 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }),
);

function mutations(): fc.Arbitrary<Mutated> {
  return fc
    .record({
      recordIndex: fc.nat(),
      op: fc.constantFrom(...OPS),
      pick: fc.nat(),
      pick2: fc.nat(),
      value: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
      name: keyName,
      typo: fc.nat(),
      numberKind: fc.nat(),
    })
    .map(({ recordIndex, ...m }) => {
      // Changing a number needs a record that has numbers (the small fixtures may have none).
      const pool = m.op === 'change-number' ? records.filter((r) => nodes(r.data).some((n) => typeof n.value === 'number')) : records;
      const mutated = mutate(pool[recordIndex % pool.length], m);
      // Shown by fast-check when a run fails: the file and the mutation, not the whole document.
      return Object.assign(mutated, { [fc.toStringMethod]: () => `${mutated.record.file}: ${mutated.description}` });
    });
}

/** The record as its author would save it after the edit: the modeline, then the data. */
function render(m: { record: BaseRecord; data: unknown }): string {
  return `${m.record.modeline}\n${stringifyYaml(m.data)}`;
}

describe('validateContent on valid records mutated near the schema', () => {
  it('an unmutated round trip through the yaml package gives no error', () => {
    expect(records.length).toBeGreaterThanOrEqual(5);
    expect(validator.validate().diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const record of records) {
      const text = render({ record, data: record.data });
      const result = withFile(record.file, text, () => validator.validate());
      expect(
        result.diagnostics.filter((d) => d.severity === 'error'),
        record.file,
      ).toEqual([]);
      expectWellFormed(result.diagnostics, textsWith(record.file, text));
    }
  });

  it(
    'never throws, diagnostics are well-formed, and schema violations are reported in the mutated file',
    () => {
      fc.assert(
        fc.property(mutations(), (m) => {
          const text = render(m);
          const result = withFile(m.record.file, text, () => validator.validate());
          expectWellFormed(result.diagnostics, textsWith(m.record.file, text));

          // Independent oracle: the schemas compiled by a separate ajv, on the data as re-read from YAML.
          const reread = parseYamlData(text) as unknown;
          expect(JSON.stringify(reread)).toBe(JSON.stringify(m.data));
          const schemaValid = ajvValidators[m.record.kind](reread);
          const own = result.diagnostics.filter((d) => d.file === m.record.file);
          const ownErrors = own.filter((d) => d.severity === 'error');
          const ownSchemaErrors = ownErrors.filter((d) => d.rule.startsWith('schema/'));

          if (m.obviouslyInvalid) expect(schemaValid, 'the mutation was expected to break the schema').toBe(false);
          if (!schemaValid) {
            expect(ownErrors.length, `no error reported for ${m.description}`).toBeGreaterThan(0);
            expect(result.records[m.record.kind].some((r) => r.file === m.record.file)).toBe(false);
          } else {
            expect(ownSchemaErrors, `schema errors reported for a schema-valid document (${m.description})`).toEqual([]);
          }
          // A schema error points inside the document: its line is one of the lines after the modeline.
          for (const d of ownSchemaErrors) expect(d.line).toBeGreaterThanOrEqual(2);
        }),
        runs(200),
      );
    },
    TIMEOUT,
  );
});

// Guard: the tree must come back intact after every property (so the properties stay independent).
describe('tree restoration', () => {
  it('leaves every file of the tree as it was', () => {
    for (const [file, text] of originals) expect(readFileSync(join(root, file), 'utf8'), file).toBe(text);
    expect(listFiles(join(root, 'content')).length).toBe(originals.size);
  });
});
