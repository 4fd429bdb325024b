/** Builds one self-contained schema from the per-kind files (shared definitions inlined). */
import { RECORD_KINDS, SHARED_SCHEMA_FILES } from '../kinds/record-kinds.ts';
import type { JsonSchema, SchemaFiles } from './schema-store.ts';

/**
 * All record kinds in one schema: every definition of every file under "#/definitions",
 * each kind's root as "#/definitions/<kind>", and every "$ref" made local.
 */
export function bundleSchemas(files: SchemaFiles): JsonSchema {
  const definitions: Record<string, JsonSchema> = {};
  const add = (name: string, schema: JsonSchema, file: string) => {
    if (definitions[name]) throw new Error(`definition "${name}" of ${file} is defined twice`);
    definitions[name] = schema;
  };
  for (const file of SHARED_SCHEMA_FILES) {
    for (const [name, schema] of Object.entries((files.get(file)?.definitions ?? {}) as Record<string, JsonSchema>)) add(name, schema, file);
  }
  for (const info of RECORD_KINDS) {
    const { definitions: local = {}, $schema: _ignored, ...root } = files.get(info.schemaFile) as JsonSchema;
    for (const [name, schema] of Object.entries(local as Record<string, JsonSchema>)) add(name, schema, info.schemaFile);
    add(info.kind, root, info.schemaFile);
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    definitions: localizeRefs(definitions) as Record<string, JsonSchema>,
  };
}

function localizeRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(localizeRefs);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] = key === '$ref' && typeof child === 'string' ? '#' + (child.split('#')[1] ?? '') : localizeRefs(child);
  }
  return out;
}
