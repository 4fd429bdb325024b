/**
 * The fast way to read a record. Content files are written the plain way (`npm run format` makes
 * them so): one "key: value" or "- value" per line, one-line scalars, aligned blocks. For such a
 * file this reader builds the data in one pass over its lines, about ten times quicker than the
 * `yaml` library's position-keeping parser, resolving scalars with the YAML 1.2 core schema rules
 * `yaml` applies. For anything else (anchors, tags, flow or block scalars, escapes, multi-line text,
 * odd indentation, duplicate keys…) it answers undefined and the caller takes the exact path, which
 * also produces every diagnostic. A differential property test holds it to the exact reader's data.
 */

/** Control characters (the exact reader reports them), a tab, a byte-order mark inside the text. */
const ODD_CHARACTER = /[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F\uFEFF]/;
const LONE_CARRIAGE_RETURN = /\r(?!\n)/;

/** indentation, "- ", then a key and the rest of the line, or the rest of the line (a list item's value). */
const LINE = /^( *)(?:(-)(?: +|$))?(?:([A-Za-z_][A-Za-z0-9_]*):(?: +|$))?(.*)$/;
/** A key JavaScript objects treat specially. */
const PROTO_KEY = '__proto__';
const DOUBLE_QUOTED = /^"([^"\\]*)"[ ]*(?:#.*)?$/;
const SINGLE_QUOTED = /^'((?:[^']|'')*)'[ ]*(?:#.*)?$/;
const EMPTY_COLLECTION = /^(\[\]|\{\})[ ]*(?:#.*)?$/;
/** What a plain scalar may not start with: an indicator, or a space. */
const PLAIN_START = /^(?:[-?:](?:[\s,[\]{}]|$)|[,[\]{}#&*!|>'"%@`\s])/;

// The scalar rules of YAML 1.2's core schema, as the `yaml` library applies them (its schema/core).
const NULL = /^(?:~|[Nn]ull|NULL)$/;
const BOOLEAN = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INTEGER = /^(?:0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+)$/;
const FLOAT = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))$/;
const SPECIAL_FLOAT = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

/** Marks a value this reader leaves to the exact one. */
const NOT_PLAIN = Symbol('not plain');

/** A plain scalar's value under the core schema. */
function resolvePlain(text: string): unknown {
  if (NULL.test(text)) return null;
  if (BOOLEAN.test(text)) return text[0] === 't' || text[0] === 'T';
  if (INTEGER.test(text))
    return text.startsWith('0o') ? parseInt(text.slice(2), 8) : text.startsWith('0x') ? parseInt(text.slice(2), 16) : parseInt(text, 10);
  if (FLOAT.test(text)) return parseFloat(text);
  if (SPECIAL_FLOAT.test(text)) return /nan$/i.test(text) ? NaN : text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  return text;
}

/**
 * Whether `yaml` gives a plain key back as the property name written. A key the core schema resolves
 * to something other than a string does not come back as written: `True` and `FALSE` become the
 * booleans, whose names are "true" and "false", and `null`, `~` become null, whose name is "";
 * numbers (`0x1F`, `1e3`, `.inf`…) become their decimal spelling, and distinct spellings of one value
 * are duplicate keys to it. LINE only admits identifiers, so only the boolean and null spellings
 * reach this today, but this check does not rely on it. Such keys, even `true`, which happens to come
 * back as written, are left to the exact reader; so is `__proto__`, which an object literal would not keep.
 */
function keyAsWritten(key: string): boolean {
  return key !== PROTO_KEY && resolvePlain(key) === key;
}

/** The value written on the rest of a line, or NOT_PLAIN. */
function scalar(rest: string): unknown {
  const first = rest[0];
  if (first === '"') {
    // Escapes are left to the exact reader.
    const match = DOUBLE_QUOTED.exec(rest);
    return match ? match[1] : NOT_PLAIN;
  }
  if (first === "'") {
    const match = SINGLE_QUOTED.exec(rest);
    return match ? match[1].replaceAll("''", "'") : NOT_PLAIN;
  }
  if (first === '[' || first === '{') {
    const match = EMPTY_COLLECTION.exec(rest);
    return match ? (match[1] === '[]' ? [] : {}) : NOT_PLAIN;
  }
  if (PLAIN_START.test(rest)) return NOT_PLAIN;
  const comment = rest.indexOf(' #');
  const plain = (comment === -1 ? rest : rest.slice(0, comment)).trimEnd();
  // ": " or a final ":" would start a mapping where a value was expected: a syntax error.
  if (plain.includes(': ') || plain.endsWith(':')) return NOT_PLAIN;
  return resolvePlain(plain);
}

interface Block {
  column: number;
  value: Record<string, unknown> | unknown[];
}

/** Where the block opened by a value-less line goes: under a key, or as a list item. */
type Slot = { map: Record<string, unknown>; key: string } | { list: unknown[] };

/**
 * The data of a plain block-YAML mapping, or undefined when the text is not written the plain way:
 * the caller then reads it with `parseYaml`, which says what is wrong if anything is.
 */
export function readPlainYaml(text: string): Record<string, unknown> | undefined {
  if (ODD_CHARACTER.test(text) || (text.includes('\r') && LONE_CARRIAGE_RETURN.test(text))) return undefined;
  const root: Record<string, unknown> = {};
  // The open blocks, innermost last; the root mapping opens at column 0 with the first line.
  const open: Block[] = [];
  let slot: Slot | undefined;
  let child = 0;
  let childRequired = false;
  for (const line of text.split(/\r?\n/)) {
    const content = line.trimStart();
    if (content === '' || content.startsWith('#')) continue;
    const match = LINE.exec(line);
    if (!match) return undefined;
    const [, indentation, dash, key, rest] = match;
    const column = indentation.length;
    if (key === undefined && !dash) return undefined;
    if (key !== undefined && !keyAsWritten(key)) return undefined;
    const hasValue = rest !== '' && !rest.startsWith('#');
    const value = hasValue ? scalar(rest) : null;
    if (value === NOT_PLAIN) return undefined;

    while (open.length > 0 && open[open.length - 1].column > column) open.pop();
    if (column === child) {
      // The first line of a block: a list when it is an item, a mapping otherwise.
      const block = dash ? [] : open.length === 0 ? root : {};
      if (slot && 'map' in slot) slot.map[slot.key] = block;
      else if (slot) slot.list.push(block);
      open.push({ column, value: block });
    } else if (childRequired || open[open.length - 1]?.column !== column) {
      return undefined;
    }
    const block = open[open.length - 1].value;
    if (Array.isArray(block) !== Boolean(dash)) return undefined;

    let map: Record<string, unknown>;
    if (dash) {
      const list = block as unknown[];
      if (key === undefined) {
        if (hasValue) list.push(value);
        slot = { list };
        childRequired = !hasValue;
        child = hasValue ? -1 : column + 2;
        continue;
      }
      // "- key: value" starts a mapping inside the list, aligned on its first key.
      map = {};
      list.push(map);
      open.push({ column: line.indexOf(key, column + 1), value: map });
    } else {
      map = block as Record<string, unknown>;
    }
    if (Object.hasOwn(map, key!)) return undefined;
    map[key!] = value;
    slot = { map, key: key! };
    childRequired = false;
    child = hasValue ? -1 : open[open.length - 1].column + 2;
  }
  return open.length > 0 && !childRequired && open[0].value === root ? root : undefined;
}
