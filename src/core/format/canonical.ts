/**
 * The canonical form of a content file: one serializer decides key order, indentation, quoting and line
 * breaks, so that every file reads the same way and a changed fact is a one-line diff.
 *
 * The rules, all applied through the `yaml` package's own stringifier:
 * - keys in the order the schema declares its properties (through $ref and if/then/else), unknown keys after
 *   the known ones in their original relative order; list items keep their order;
 * - block style everywhere (only empty collections stay `[]` and `{}`), 2-space indentation, list dashes
 *   indented under their key;
 * - strings plain when YAML 1.2 and YAML 1.1 readers would both read them back as the same string, otherwise
 *   in double quotes ("3", "2024", "2029-11-28", "yes"); multi-line strings as literal blocks (`|`);
 * - numbers in plain decimal (40.10 → 40.1, 0x1F → 31), `true`, `false` and `null` in lower case; tags that
 *   only repeat the value's type (`!!str`) dropped; anchors and aliases written out in full;
 * - no line folding, however long the text; no blank line between entries; no `---` or `...` markers;
 *   LF line ends and exactly one final newline;
 * - comments kept: the comment lines at the top of the file (the schema modeline first) stay at the top,
 *   a comment above a key moves with its key, a comment after a value stays on its line, and the comment
 *   at the end of the file follows one blank line.
 */
import { isDeepStrictEqual } from 'node:util';
import { isMap, isScalar, isSeq, parseDocument, visit } from 'yaml';
import type { Document, Node, ToStringOptions, YAMLMap } from 'yaml';
import type { Diagnostic } from '../validation/diagnostic.ts';
import type { RecordKindInfo } from '../kinds/record-kinds.ts';
import { allowedProperties, childSchema, kindRoot } from '../schemas/schema-store.ts';
import type { SchemaAt, SchemaFiles } from '../schemas/schema-store.ts';
import { parseYaml } from '../files/yaml-source.ts';

export type CanonicalResult = { ok: true; text: string } | { ok: false; diagnostics: Diagnostic[] };

/** How the document is written once its nodes are normalised. */
const OUTPUT: ToStringOptions = {
  indent: 2,
  indentSeq: true,
  // 0 turns folding off: a long paragraph stays on one line.
  lineWidth: 0,
  minContentWidth: 0,
  defaultStringType: 'PLAIN',
  defaultKeyType: 'PLAIN',
  // Quoting, when needed, always uses double quotes.
  singleQuote: false,
  trueStr: 'true',
  falseStr: 'false',
  nullStr: 'null',
};

/** Tags the YAML core schema gives implicitly: writing them out adds nothing once the value has its type. */
const IMPLICIT_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((name) => `tag:yaml.org,2002:${name}`));

/**
 * Returns the canonical text of a content file of the given kind, or the file's YAML diagnostics
 * (the same as the validator's) when it cannot be read as one record: such a file is never rewritten.
 */
export function canonicalize(text: string, kind: RecordKindInfo, schemas: SchemaFiles, file = ''): CanonicalResult {
  // YAML reads CRLF and a lone CR as LF everywhere, even inside quoted text: replacing them keeps the data.
  const source = text.replace(/\r\n?/g, '\n');
  const original = parseYaml(source, file);
  if (original.diagnostics.length > 0) return { ok: false, diagnostics: original.diagnostics };

  // "compat" makes the stringifier quote strings a YAML 1.1 reader would take for a date, a boolean ("yes")…
  const doc = parseDocument(source, { compat: 'yaml-1.1' });
  expandAliases(doc);
  normaliseNodes(doc);
  orderRoot(doc, doc.contents as YAMLMap, kindRoot(schemas, kind), schemas);
  if (doc.directives) {
    doc.directives.docStart = null;
    doc.directives.docEnd = false;
  }
  const canonical = doc.toString(OUTPUT);

  // The canonical form only changes how the data is written, never the data: a defect if it ever did.
  if (!isDeepStrictEqual(parseYaml(canonical, file).data, original.data)) {
    throw new Error(`la forme canonique de ${file || 'ce fichier'} changerait ses données`);
  }
  return { ok: true, text: canonical };
}

/** Replaces every alias by a copy of the node it names, carrying the alias's own comments. */
function expandAliases(doc: Document): void {
  visit(doc, {
    Alias(_, alias) {
      // The reader has already rejected aliases without an anchor before them.
      const target = alias.resolve(doc);
      if (!target) return undefined;
      const copy = target.clone() as typeof target;
      copy.commentBefore = alias.commentBefore ?? null;
      copy.comment = alias.comment ?? null;
      return copy;
    },
  });
}

/** Drops everything that is presentation only, so the stringifier's choices apply. */
function normaliseNodes(doc: Document): void {
  const common = (node: Node) => {
    delete node.anchor;
    if (node.tag !== undefined && IMPLICIT_TAGS.has(node.tag)) delete node.tag;
    node.spaceBefore = false;
  };
  visit(doc, {
    Scalar(_, scalar) {
      common(scalar);
      delete scalar.type;
      delete scalar.format;
      delete scalar.minFractionDigits;
      delete scalar.source;
    },
    Map(_, map) {
      common(map);
      // An empty mapping can only be written "{}".
      map.flow = map.items.length === 0;
    },
    Seq(_, seq) {
      common(seq);
      seq.flow = seq.items.length === 0;
    },
  });
}

/** Orders the root mapping; the comment lines at the top of the file stay at the top. */
function orderRoot(doc: Document, root: YAMLMap, schema: SchemaAt, schemas: SchemaFiles): void {
  const header = joinComments(doc.commentBefore, root.commentBefore, firstKey(root)?.commentBefore);
  doc.commentBefore = null;
  root.commentBefore = null;
  const first = firstKey(root);
  if (first) first.commentBefore = null;

  orderMap(root, schema, schemas);

  const newFirst = firstKey(root);
  if (newFirst) newFirst.commentBefore = joinComments(header, newFirst.commentBefore);
  // A comment after the last entry is written after one blank line, where a reader finds it again.
  doc.comment = joinComments(root.comment, doc.comment);
  root.comment = null;
}

/** Sorts a mapping's keys in schema order, then its values, each with the schema at its place. */
function orderMap(map: YAMLMap, at: SchemaAt | undefined, schemas: SchemaFiles): void {
  const order = at ? allowedProperties(schemas, at) : [];
  const rank = (name: string) => {
    const index = order.indexOf(name);
    return index === -1 ? order.length : index;
  };
  // Array sort is stable: unknown keys keep their relative order after the known ones.
  map.items.sort((a, b) => rank(keyName(a.key)) - rank(keyName(b.key)));
  for (const pair of map.items) {
    orderValue(pair.value, at && childSchema(schemas, at, keyName(pair.key)), schemas, 'value');
  }
}

function orderValue(node: unknown, at: SchemaAt | undefined, schemas: SchemaFiles, place: 'value' | 'item'): void {
  if (isMap(node)) {
    if (place === 'value') {
      // Above a mapping's first key, a comment is about that key: it moves with it.
      const first = firstKey(node);
      if (first) first.commentBefore = joinComments(node.commentBefore, first.commentBefore);
      node.commentBefore = null;
      orderMap(node, at, schemas);
    } else {
      // In a list, a comment above the item's first key is written above its dash.
      orderMap(node, at, schemas);
      const first = firstKey(node);
      node.commentBefore = joinComments(node.commentBefore, first?.commentBefore);
      if (first) first.commentBefore = null;
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => orderValue(item, at && childSchema(schemas, at, String(index)), schemas, 'item'));
  }
}

/** The scalar key of a mapping's first entry, the one a comment above the mapping sits on. */
function firstKey(map: YAMLMap): Node | undefined {
  const key = map.items[0]?.key;
  return isScalar(key) ? key : undefined;
}

function keyName(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

/** Joins comment blocks, one per line; null when there is none. */
function joinComments(...parts: (string | null | undefined)[]): string | null {
  const present = parts.filter((part): part is string => typeof part === 'string' && part !== '');
  return present.length > 0 ? present.join('\n') : null;
}
