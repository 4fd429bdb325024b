/** The field reference of each record kind, read from the JSON Schemas (the single source of truth). */
import { OWNER_KEYWORD } from '../core/schemas/ownership.ts';
import type { Owner } from '../core/schemas/ownership.ts';
import { allowedProperties, childSchema, describeSchema, resolveRef } from '../core/schemas/schema-store.ts';
import type { JsonSchema, SchemaAt, SchemaFiles } from '../core/schemas/schema-store.ts';

export interface FieldRow {
  /** "blocs[].intitule": the field's place in a record. */
  path: string;
  depth: number;
  title: string;
  description: string;
  type: string;
  required: boolean;
  /** Constraints in French: pattern, allowed values, bounds, format, list sizes. */
  constraints: string[];
  /** The matching field of France Compétences' RNCP flow, when the description names one. */
  rncpField: string | undefined;
  /**
   * Who fills a top-level field (the schema's "x-proprietaire"): the official flow, which each import
   * rewrites, or the editorial team, whose values imports keep. Undefined below the top level.
   */
  owner: Owner | undefined;
}

/** « Renseigné par : … » on the reference page. */
export const OWNER_LABELS: Record<Owner, string> = {
  flux: 'flux officiel',
  editeur: 'équipe éditoriale',
};

const TYPE_NAMES: Record<string, string> = {
  string: 'texte',
  number: 'nombre',
  integer: 'entier',
  boolean: 'oui/non',
  object: 'ensemble de champs',
  array: 'liste',
};

/** Every field of a record kind, depth first, in the schema's order. */
export function fieldReference(files: SchemaFiles, rootFile: string): FieldRow[] {
  const rows: FieldRow[] = [];
  const walk = (at: SchemaAt, path: string, depth: number) => {
    const resolved = branchesOf(files, at);
    const required = new Set(resolved.flatMap((r) => (r.schema.required as string[] | undefined) ?? []));
    for (const name of allowedProperties(files, at)) {
      const child = childSchema(files, at, name);
      if (!child) continue;
      const childPath = path ? `${path}.${name}` : name;
      rows.push(row(files, child, childPath, depth, required.has(name), depth === 0 ? ownerOf(child) : undefined));
      const target = resolveRef(files, child);
      const items = target.schema.items as JsonSchema | undefined;
      if (target.schema.type === 'array' && items && resolveRef(files, { schema: items, file: target.file }).schema.properties) {
        walk({ schema: items, file: target.file }, `${childPath}[]`, depth + 1);
      } else if (branchesOf(files, child).some((b) => b.schema.properties)) {
        walk(child, childPath, depth + 1);
      }
    }
  };
  walk({ schema: files.get(rootFile) as JsonSchema, file: rootFile }, '', 0);
  return rows;
}

/** A schema and, for an if/then/else, both of its branches. */
function branchesOf(files: SchemaFiles, at: SchemaAt): SchemaAt[] {
  const resolved = resolveRef(files, at);
  const out = [resolved];
  for (const key of ['then', 'else']) {
    const branch = resolved.schema[key] as JsonSchema | undefined;
    if (branch) out.push(...branchesOf(files, { schema: branch, file: resolved.file }));
  }
  return out;
}

/** The owner a top-level property declares, as written at its place (beside its "$ref"). */
function ownerOf(at: SchemaAt): Owner | undefined {
  const owner = at.schema[OWNER_KEYWORD];
  return owner === 'flux' || owner === 'editeur' ? owner : undefined;
}

/**
 * The French name of the field a JSON pointer designates, from the schema's titles: "/intitule" →
 * "Intitulé", "/blocs/0/intitule" → "Blocs de compétences n° 1 › Intitulé". A segment the schema does
 * not know is given as written.
 */
export function fieldTitleAt(files: SchemaFiles, rootFile: string, pointer: string): string {
  const parts: string[] = [];
  let at: SchemaAt | undefined = { schema: files.get(rootFile) as JsonSchema, file: rootFile };
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const child: SchemaAt | undefined = at ? childSchema(files, at, segment) : undefined;
    if (/^\d+$/.test(segment) && parts.length > 0) parts[parts.length - 1] += ` n° ${Number(segment) + 1}`;
    else parts.push((child && describeSchema(files, child).title) || segment);
    at = child;
  }
  return parts.join(' › ');
}

function row(files: SchemaFiles, at: SchemaAt, path: string, depth: number, required: boolean, owner: Owner | undefined): FieldRow {
  const { title = path, description = '' } = describeSchema(files, at);
  const variants = branchesOf(files, at).map((b) => b.schema);
  // A field given by its list of values alone has the type of those values.
  const enumTypes = (values: unknown[]) => values.map((v) => (typeof v === 'number' || typeof v === 'boolean' ? typeof v : 'string'));
  const types = [
    ...new Set(
      variants.flatMap((s) =>
        s.type ? [String(s.type)] : 'const' in s ? ['valeur fixe'] : Array.isArray(s.enum) ? enumTypes(s.enum) : [],
      ),
    ),
  ];
  const constraints: string[] = [];
  for (const s of variants) {
    if (typeof s.pattern === 'string' && s.pattern !== '\\S') constraints.push(`forme : ${s.pattern}`);
    if (Array.isArray(s.enum)) constraints.push(`valeurs : ${s.enum.join(', ')}`);
    if ('const' in s) constraints.push(`valeur : ${JSON.stringify(s.const)}`);
    if (typeof s.minimum === 'number' && typeof s.maximum === 'number') constraints.push(`de ${s.minimum} à ${s.maximum}`);
    else if (typeof s.minimum === 'number') constraints.push(`au moins ${s.minimum}`);
    if (s.format === 'date') constraints.push('date AAAA-MM-JJ');
    if (s.format === 'uri') constraints.push('adresse web');
    if (typeof s.minItems === 'number' && s.minItems > 0) constraints.push(`au moins ${s.minItems} élément${s.minItems > 1 ? 's' : ''}`);
    if (typeof s.maxItems === 'number') constraints.push(`au plus ${s.maxItems} éléments`);
    if (s.uniqueItems === true) constraints.push('sans doublon');
  }
  return {
    path,
    depth,
    title,
    description,
    type: types.map((t) => TYPE_NAMES[t] ?? t).join(' ou '),
    required,
    constraints: [...new Set(constraints)],
    rncpField: /champ RNCP(?: le plus proche)? : ([A-Z][A-Z0-9_/]*[A-Z0-9])/.exec(description)?.[1],
    owner,
  };
}
