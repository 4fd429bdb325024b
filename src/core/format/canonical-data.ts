/**
 * The canonical form of a record given as plain data, written directly: the same text as canonicalize()
 * (canonical.ts) produces for that data, without parsing YAML twice, for the import that writes thousands
 * of records. It handles what imported data holds (mappings, lists, numbers, booleans, one-line strings);
 * for anything else it returns undefined and the caller uses canonicalize(). tests/core/canonical-data.test.ts
 * checks that both agree.
 */
import { Document } from 'yaml';
import type { RecordKindInfo } from '../kinds/record-kinds.ts';
import { allowedProperties, childSchema, kindRoot } from '../schemas/schema-store.ts';
import type { SchemaAt, SchemaFiles } from '../schemas/schema-store.ts';

/**
 * The yaml stringifier's rules for a one-line string that is a mapping value or a list item (yaml's
 * plainString and doubleQuotedString, with lineWidth 0 and singleQuote false): plain unless it holds a control
 * character or an unpaired surrogate, starts or ends with an indicator, holds ": " or " #", or reads as another
 * type (a number, a boolean, a date in YAML 1.1…); otherwise double-quoted, with YAML's short escapes.
 */
const FORCED_DOUBLE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
/** Any surrogate, paired or not: a quick test before the exact one, which is slow on long texts. */
const MAYBE_FORCED_DOUBLE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\uD800-\uDFFF]/;
const INDICATORS = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;

/** The tags the stringifier tests a plain string against (YAML 1.2 core and 1.1 compat): a match gets quotes. */
const schema = new Document(null, { compat: 'yaml-1.1' }).schema;
const IMPLICIT_TAGS = [...schema.tags, ...(schema.compat ?? [])].filter(
  (tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test instanceof RegExp,
);

/** YAML's names for the characters JSON writes as \u00XX or \u2028. */
const SHORT_ESCAPES: Record<string, string> = {
  '0000': '\\0',
  '0007': '\\a',
  '000b': '\\v',
  '001b': '\\e',
  '0085': '\\N',
  '00a0': '\\_',
  '2028': '\\L',
  '2029': '\\P',
};

/** Data this writer leaves to canonicalize(). */
class Unsupported extends Error {}

function doubleQuoted(value: string): string {
  return JSON.stringify(value).replace(/\\(?:u([0-9a-f]{4})|.)/g, (escape: string, code: string | undefined) => {
    if (code === undefined) return escape;
    return SHORT_ESCAPES[code] ?? (code.startsWith('00') ? `\\x${code.slice(2)}` : escape);
  });
}

/** A one-line string as the yaml stringifier writes it with the canonical options (plain or double-quoted). */
function scalarString(value: string): string {
  const plain =
    value !== '' &&
    !(MAYBE_FORCED_DOUBLE.test(value) && FORCED_DOUBLE.test(value)) &&
    !INDICATORS.test(value) &&
    !IMPLICIT_TAGS.some((tag) => tag.test!.test(value));
  return plain ? value : doubleQuoted(value);
}

function scalar(value: unknown): string {
  if (typeof value === 'string') {
    if (value.includes('\n') || value.includes('\r')) throw new Unsupported();
    return scalarString(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' && Number.isFinite(value) && !/e/i.test(String(value))) return String(value);
  if (value === null) return 'null';
  throw new Unsupported();
}

const isMapping = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Walking the schemas is the costly part: each place's property ranks and children, computed once. */
const ranks = new WeakMap<object, Map<string, number>>();
const children = new WeakMap<object, Map<string, SchemaAt | undefined>>();
const KEY = /^[a-z_][a-z0-9_]*$/;

function propertyRanks(schemas: SchemaFiles, at: SchemaAt): Map<string, number> {
  let rank = ranks.get(at.schema);
  if (!rank) ranks.set(at.schema, (rank = new Map(allowedProperties(schemas, at).map((name, index) => [name, index]))));
  return rank;
}

function child(schemas: SchemaFiles, at: SchemaAt | undefined, segment: string): SchemaAt | undefined {
  if (!at) return undefined;
  let known = children.get(at.schema);
  if (!known) children.set(at.schema, (known = new Map()));
  if (!known.has(segment)) known.set(segment, childSchema(schemas, at, segment));
  return known.get(segment);
}

/** A list's items share one schema here (no tuple schemas): the first position's. */
const itemSchema = (schemas: SchemaFiles, at: SchemaAt | undefined) => child(schemas, at, '0');

function orderedKeys(map: Record<string, unknown>, at: SchemaAt | undefined, schemas: SchemaFiles): string[] {
  const keys = Object.keys(map).filter((key) => map[key] !== undefined);
  if (!at || keys.length < 2) return keys;
  const rank = propertyRanks(schemas, at);
  const last = rank.size;
  return keys.sort((a, b) => (rank.get(a) ?? last) - (rank.get(b) ?? last));
}

/** Appends the lines of a mapping's entries at an indentation. */
function mappingLines(map: Record<string, unknown>, at: SchemaAt | undefined, schemas: SchemaFiles, indent: string, out: string[]): void {
  for (const key of orderedKeys(map, at, schemas)) {
    if (!KEY.test(key)) throw new Unsupported();
    entry(`${indent}${key}:`, map[key], child(schemas, at, key), schemas, indent, out);
  }
}

/** Appends `head` followed by a value: inline for a scalar or an empty collection, below it otherwise. */
function entry(head: string, value: unknown, at: SchemaAt | undefined, schemas: SchemaFiles, indent: string, out: string[]): void {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push(`${head} []`);
      return;
    }
    out.push(head);
    const items = itemSchema(schemas, at);
    for (const item of value) listItem(item, items, schemas, `${indent}  `, out);
    return;
  }
  if (isMapping(value)) {
    if (orderedKeys(value, at, schemas).length === 0) {
      out.push(`${head} {}`);
      return;
    }
    out.push(head);
    mappingLines(value, at, schemas, `${indent}  `, out);
    return;
  }
  out.push(`${head} ${scalar(value)}`);
}

/** Appends a list item: "- value", a mapping's first entry on the dash's line and the others under it. */
function listItem(item: unknown, at: SchemaAt | undefined, schemas: SchemaFiles, indent: string, out: string[]): void {
  if (isMapping(item) && orderedKeys(item, at, schemas).length > 0) {
    const first = out.length;
    mappingLines(item, at, schemas, `${indent}  `, out);
    out[first] = `${indent}- ${out[first].slice(indent.length + 2)}`;
    return;
  }
  if (Array.isArray(item)) throw new Unsupported();
  out.push(isMapping(item) ? `${indent}- {}` : `${indent}- ${scalar(item)}`);
}

/** The canonical text of a record, with its header comment line, or undefined when the data holds what this writer leaves to canonicalize(). */
export function canonicalFromData(
  data: Record<string, unknown>,
  kind: RecordKindInfo,
  schemas: SchemaFiles,
  header: string,
): string | undefined {
  try {
    const lines = [header];
    mappingLines(data, kindRoot(schemas, kind), schemas, '', lines);
    return `${lines.join('\n')}\n`;
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}
