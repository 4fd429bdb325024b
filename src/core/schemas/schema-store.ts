/** Loads the JSON Schemas from disk and answers questions about them (titles, nested schemas). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RECORD_KINDS, SHARED_SCHEMA_FILES } from '../kinds/record-kinds.ts';
import type { RecordKindInfo } from '../kinds/record-kinds.ts';

export type JsonSchema = { [keyword: string]: unknown };

/** All schema files of a project, keyed by file name ("rome.schema.json"). */
export type SchemaFiles = Map<string, JsonSchema>;

/** Reads every schema file named in the record kinds, plus the shared definitions. */
export function loadSchemaFiles(schemaDir: string, kinds: readonly RecordKindInfo[] = RECORD_KINDS): SchemaFiles {
  const files: SchemaFiles = new Map();
  for (const name of [...SHARED_SCHEMA_FILES, ...kinds.map((k) => k.schemaFile)]) {
    files.set(name, JSON.parse(readFileSync(join(schemaDir, name), 'utf8')) as JsonSchema);
  }
  return files;
}

/** A schema found while walking: the object itself and the file its local "#/" references resolve in. */
export interface SchemaAt {
  schema: JsonSchema;
  file: string;
}

/** Follows "$ref" (local or "file.schema.json#/pointer") until a schema without one. */
export function resolveRef(files: SchemaFiles, at: SchemaAt): SchemaAt {
  let current = at;
  for (let depth = 0; depth < 32 && typeof current.schema.$ref === 'string'; depth++) {
    const [filePart, fragment = ''] = (current.schema.$ref as string).split('#');
    const file = filePart === '' ? current.file : filePart;
    let target: unknown = files.get(file);
    for (const segment of fragment.split('/').filter(Boolean)) {
      target = (target as JsonSchema | undefined)?.[segment];
    }
    if (!target || typeof target !== 'object') break;
    current = { schema: target as JsonSchema, file };
  }
  return current;
}

/**
 * The schema that applies to a child of an object or array, as written at its place
 * (so the property's own title and description, not only its referenced type's).
 */
export function childSchema(files: SchemaFiles, parent: SchemaAt, segment: string): SchemaAt | undefined {
  for (const branch of branches(files, parent)) {
    const properties = branch.schema.properties as Record<string, JsonSchema> | undefined;
    if (properties && Object.hasOwn(properties, segment)) return { schema: properties[segment], file: branch.file };
    const items = branch.schema.items as JsonSchema | undefined;
    if (items && /^\d+$/.test(segment)) return { schema: items, file: branch.file };
  }
  return undefined;
}

/** The schema at a JSON pointer's segments, starting from a kind's root schema. */
export function schemaAtPath(files: SchemaFiles, rootFile: string, segments: readonly string[]): SchemaAt | undefined {
  let current: SchemaAt | undefined = { schema: files.get(rootFile) as JsonSchema, file: rootFile };
  for (const segment of segments) {
    if (!current) return undefined;
    current = childSchema(files, current, segment);
  }
  return current;
}

/** Title and description of a schema as written at its place, falling back to its referenced type's. */
export function describeSchema(files: SchemaFiles, at: SchemaAt): { title?: string; description?: string; examples?: unknown[] } {
  const resolved = resolveRef(files, at);
  const pick = (key: string) => (at.schema[key] ?? resolved.schema[key]) as never;
  return { title: pick('title'), description: pick('description'), examples: pick('examples') };
}

/** The property names a schema allows, across its conditional branches. */
export function allowedProperties(files: SchemaFiles, at: SchemaAt): string[] {
  const names = new Set<string>();
  for (const branch of branches(files, at)) {
    for (const name of Object.keys((branch.schema.properties as object | undefined) ?? {})) names.add(name);
  }
  return [...names];
}

/** The schema itself (resolved), the resolved "then"/"else" branches of an "if" and the alternatives of an "anyOf". */
function branches(files: SchemaFiles, at: SchemaAt): SchemaAt[] {
  const resolved = resolveRef(files, at);
  const result = [resolved];
  const alternatives = [resolved.schema.then, resolved.schema.else, ...((resolved.schema.anyOf as unknown[] | undefined) ?? [])];
  for (const branch of alternatives as (JsonSchema | undefined)[]) {
    if (branch) result.push(...branches(files, { schema: branch, file: resolved.file }));
  }
  return result;
}

/** The root schema of a kind, as the walkers above start from it. */
export function kindRoot(files: SchemaFiles, kind: RecordKindInfo): SchemaAt {
  const schema = files.get(kind.schemaFile);
  if (!schema) throw new Error(`schema ${kind.schemaFile} is not loaded`);
  return { schema, file: kind.schemaFile };
}

/** The pattern a kind's identifier must match, as its schema states it (the single place it is written). */
export function idPattern(files: SchemaFiles, kind: RecordKindInfo): RegExp {
  const field = childSchema(files, kindRoot(files, kind), kind.idField);
  const pattern = field && resolveRef(files, field).schema.pattern;
  if (typeof pattern !== 'string') throw new Error(`${kind.schemaFile}: ${kind.idField} has no pattern`);
  return new RegExp(pattern);
}
