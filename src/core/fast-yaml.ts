/**
 * The fast way to read a record: js-yaml, about four times quicker than the `yaml` library's
 * position-keeping parser, restricted to what both read the same way. It answers only for plain
 * block YAML (mappings, lists, plain and quoted scalars, comments) and resolves scalars with the
 * exact YAML 1.2 core schema rules of `yaml`; for anything else it answers undefined and the caller
 * takes the slow, exact path, which also produces every diagnostic. A differential test holds the
 * two readers to the same data.
 */
import jsYaml from 'js-yaml';

const { FAILSAFE_SCHEMA, Type, load } = jsYaml;

const LONE_CARRIAGE_RETURN = /\r(?!\n)/;

/** indentation, "- ", then a key and the rest of the line, or the rest of the line (a list item's value). */
const LINE = /^( *)(?:(-)(?: +|$))?(?:([A-Za-z_][A-Za-z0-9_]*):(?: +|$))?(.*)$/;
const NULL_KEY = /^(?:null|Null|NULL)$/;
/** A quoted scalar that ends on its line, or an empty list or mapping, then maybe a comment. */
const QUOTED_OR_EMPTY = /^(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|\[\]|\{\})[ ]*(?:#.*)?$/;
/** What a plain scalar may not start with: an indicator, or a space. */
const PLAIN_START = /^(?:[-?:](?:[\s,[\]{}]|$)|[,[\]{}#&*!|>'"%@`\s])/;

/** Whether the rest of a line is one value written on one line (a comment may follow). */
function isOneLineValue(rest: string): boolean {
  if (rest === '' || rest.startsWith('#')) return true;
  if (rest[0] === '"' || rest[0] === "'" || rest[0] === '[' || rest[0] === '{') return QUOTED_OR_EMPTY.test(rest);
  // A ": " inside a plain value needs no test: both readers refuse it.
  return !PLAIN_START.test(rest);
}

/**
 * Whether the text is written the plain way, line by line: a mapping at the root; every line a
 * comment, "key:", "key: value", "- value", "- key: value" or a "-" whose content follows, indented;
 * one-line scalars only; children indented under their parent and siblings aligned. Conservative:
 * anything else (anchors, tags, flow or block scalars, multi-line text, odd indentation…) goes the
 * exact way, even when valid.
 */
function isPlainLayout(text: string): boolean {
  // Control characters need no test here: js-yaml refuses them, and the exact reader says where they are.
  if (text.includes('\t') || text.includes('\uFEFF') || (text.includes('\r') && LONE_CARRIAGE_RETURN.test(text))) return false;
  // Columns of the open blocks, innermost last.
  const open: number[] = [];
  let child = 0;
  let childRequired = false;
  for (const line of text.split(/\r?\n/)) {
    const content = line.trimStart();
    if (content === '' || content.startsWith('#')) continue;
    const match = LINE.exec(line);
    if (!match) return false;
    const [, indentation, dash, key, rest] = match;
    const column = indentation.length;
    if (key === undefined && !dash) return false;
    if (key !== undefined && NULL_KEY.test(key)) return false;
    if (!isOneLineValue(rest)) return false;
    const hasValue = rest !== '' && !rest.startsWith('#');
    while (open.length > 0 && open[open.length - 1] > column) open.pop();
    if (column === child) open.push(column);
    else if (childRequired || open[open.length - 1] !== column) return false;
    // The column of this line's key (after "- ", if any) and of the block a value-less line opens.
    const keyColumn = dash && key !== undefined ? line.indexOf(key, column + 1) : column;
    if (dash && key !== undefined) open.push(keyColumn);
    childRequired = dash !== undefined && key === undefined && !hasValue;
    child = hasValue ? -1 : childRequired ? column + 2 : key !== undefined ? keyColumn + 2 : -1;
  }
  return open.length > 0;
}

// The scalar rules of YAML 1.2's core schema, as the `yaml` library applies them (its schema/core).
const nullType = new Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (text: string) => /^(?:~|[Nn]ull|NULL)?$/.test(text),
  construct: () => null,
});
const boolType = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (text: string) => /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(text),
  construct: (text: string) => text[0] === 't' || text[0] === 'T',
});
const intType = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (text: string) => /^(?:0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+)$/.test(text),
  construct: (text: string) => (text.startsWith('0o') ? parseInt(text.slice(2), 8) : text.startsWith('0x') ? parseInt(text.slice(2), 16) : parseInt(text, 10)),
});
const floatType = new Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (text: string) =>
    /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))$/.test(text),
  construct: (text: string) => {
    if (/nan$/i.test(text)) return NaN;
    if (/inf$/i.test(text)) return text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    return parseFloat(text);
  },
});
const CORE_SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [nullType, boolType, intType, floatType] });

/**
 * The data of a plain block-YAML mapping, or undefined when the text is not plain block YAML, is not
 * one mapping, or does not parse: the caller then reads it with `parseYaml`, which says why.
 */
export function readPlainYaml(text: string): Record<string, unknown> | undefined {
  if (!isPlainLayout(text)) return undefined;
  let data: unknown;
  try {
    data = load(text, { schema: CORE_SCHEMA });
  } catch {
    return undefined;
  }
  return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
}
