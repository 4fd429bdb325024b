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

/** One-line strings that the stringifier's indicator rules leave plain (no indicator first, no ": ", " #", no final space…). */
const PLAIN_SHAPE = /^[\p{L}\p{N}(][^\x00-\x1f\x7f-\x9f:#\u{D800}-\u{DFFF}]*(?<![ \t])$/u;

/** The tags the canonical stringifier tests a plain string against (YAML 1.2 core and 1.1 compat): a match gets quotes. */
const schema = new Document(null, { compat: 'yaml-1.1' }).schema;
const IMPLICIT_TAGS = [...schema.tags, ...(schema.compat ?? [])].filter(
  (tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test instanceof RegExp,
);

/** Data this writer leaves to canonicalize(). */
class Unsupported extends Error {}

/** Short values met again and again (names, labels): their quoted form, computed once. Long texts are not kept. */
const quoted = new Map<string, string>();
const QUOTED_MAX_LENGTH = 160;
const QUOTED_MAX_ENTRIES = 20_000;

/** A one-line string as the yaml stringifier writes it with the canonical options (plain or double-quoted). */
function scalarString(value: string): string {
  if (PLAIN_SHAPE.test(value) && !IMPLICIT_TAGS.some((tag) => tag.test!.test(value))) return value;
  let text = quoted.get(value);
  if (text === undefined) {
    text = new Document(value, { compat: 'yaml-1.1' })
      .toString({ lineWidth: 0, minContentWidth: 0, singleQuote: false })
      .replace(/\n$/, '');
    // Alone in a document, a string such as "..." becomes a block; in a record it would not: left to the serializer.
    if (text.includes('\n')) throw new Unsupported();
    if (value.length <= QUOTED_MAX_LENGTH) {
      if (quoted.size >= QUOTED_MAX_ENTRIES) quoted.clear();
      quoted.set(value, text);
    }
  }
  return text;
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

/** Walking the schemas is the costly part: each place's property order and children, computed once. */
const orders = new WeakMap<object, string[]>();
const children = new WeakMap<object, Map<string, SchemaAt | undefined>>();

function propertyOrder(schemas: SchemaFiles, at: SchemaAt): string[] {
  let order = orders.get(at.schema);
  if (!order) orders.set(at.schema, (order = allowedProperties(schemas, at)));
  return order;
}

function child(schemas: SchemaFiles, at: SchemaAt | undefined, segment: string): SchemaAt | undefined {
  if (!at) return undefined;
  let known = children.get(at.schema);
  if (!known) children.set(at.schema, (known = new Map()));
  // Every item of a list has the same schema here (no tuple schemas): one entry for all positions.
  const key = /^\d+$/.test(segment) ? '#item' : segment;
  if (!known.has(key)) known.set(key, childSchema(schemas, at, segment));
  return known.get(key);
}

function orderedKeys(map: Record<string, unknown>, at: SchemaAt | undefined, schemas: SchemaFiles): string[] {
  const order = at ? propertyOrder(schemas, at) : [];
  const rank = (name: string) => {
    const index = order.indexOf(name);
    return index === -1 ? order.length : index;
  };
  return Object.keys(map)
    .filter((key) => map[key] !== undefined)
    .sort((a, b) => rank(a) - rank(b));
}

/** Lines of a mapping's entries at an indentation. */
function mappingLines(map: Record<string, unknown>, at: SchemaAt | undefined, schemas: SchemaFiles, indent: string, out: string[]): void {
  for (const key of orderedKeys(map, at, schemas)) {
    if (!/^[a-z_][a-z0-9_]*$/.test(key)) throw new Unsupported();
    out.push(...entry(`${indent}${key}:`, map[key], child(schemas, at, key), schemas, indent));
  }
}

/** The lines of `head` followed by a value: inline for a scalar or an empty collection, below it otherwise. */
function entry(head: string, value: unknown, at: SchemaAt | undefined, schemas: SchemaFiles, indent: string): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${head} []`];
    const out = [head];
    value.forEach((item, index) => out.push(...listItem(item, child(schemas, at, String(index)), schemas, `${indent}  `)));
    return out;
  }
  if (isMapping(value)) {
    if (orderedKeys(value, at, schemas).length === 0) return [`${head} {}`];
    const out = [head];
    mappingLines(value, at, schemas, `${indent}  `, out);
    return out;
  }
  return [`${head} ${scalar(value)}`];
}

/** A list item: "- value", a mapping's first entry on the dash's line and the others under it. */
function listItem(item: unknown, at: SchemaAt | undefined, schemas: SchemaFiles, indent: string): string[] {
  if (isMapping(item) && orderedKeys(item, at, schemas).length > 0) {
    const lines: string[] = [];
    mappingLines(item, at, schemas, `${indent}  `, lines);
    lines[0] = `${indent}- ${lines[0].slice(indent.length + 2)}`;
    return lines;
  }
  if (Array.isArray(item)) throw new Unsupported();
  if (isMapping(item)) return [`${indent}- {}`];
  return [`${indent}- ${scalar(item)}`];
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
