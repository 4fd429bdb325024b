/**
 * Skeletons of new records, derived from the schemas: every required field, empty where the editor
 * must fill it in, each introduced by its description, so the validator then lists what is missing.
 */
import { Document, isMap, isSeq } from 'yaml';
import type { Node } from 'yaml';
import type { RecordKindInfo } from '../kinds/record-kinds.ts';
import { describeSchema, kindRoot, resolveRef } from '../schemas/schema-store.ts';
import type { JsonSchema, SchemaAt, SchemaFiles } from '../schemas/schema-store.ts';

/** The YAML text of a new record of this kind, its identifier filled in. */
export function scaffoldRecord(kind: RecordKindInfo, id: string, files: SchemaFiles, modeline: string): string {
  const root = kindRoot(files, kind);
  const doc = new Document(skeleton(files, root));
  const map = doc.contents;
  if (isMap(map)) {
    map.set(kind.idField, id);
    annotate(files, root, map as Node);
  }
  doc.commentBefore = modeline.replace(/^#\s?/, ' ');
  return doc.toString({ lineWidth: 0 });
}

/** Plain data for a schema: required fields only, null where a value must be written. */
function skeleton(files: SchemaFiles, at: SchemaAt): unknown {
  const resolved = resolveRef(files, at);
  const schema = resolved.schema;
  // A conditional offers a "no data" form: start from it, it is explicit and valid.
  if (schema.if && schema.then) return skeleton(files, { schema: schema.then as JsonSchema, file: resolved.file });
  // Alternatives (a route: true/false, or the flow's container): start from the first, the simplest.
  if (Array.isArray(schema.anyOf)) return skeleton(files, { schema: schema.anyOf[0] as JsonSchema, file: resolved.file });
  if ('const' in schema) return schema.const;
  if (schema.type === 'boolean') return false;
  if (schema.type === 'object' || schema.properties) {
    const out: Record<string, unknown> = {};
    const required = new Set((schema.required as string[] | undefined) ?? []);
    for (const [name, child] of Object.entries((schema.properties as Record<string, JsonSchema> | undefined) ?? {})) {
      if (required.has(name)) out[name] = skeleton(files, { schema: child, file: resolved.file });
    }
    return out;
  }
  if (schema.type === 'array') {
    const items = schema.items as JsonSchema | undefined;
    return Number(schema.minItems ?? 0) > 0 && items ? [skeleton(files, { schema: items, file: resolved.file })] : [];
  }
  return null;
}

/** Puts each field's description above it, so the editor knows what to write. */
function annotate(files: SchemaFiles, at: SchemaAt, node: Node): void {
  const resolved = resolveRef(files, at);
  const schema =
    resolved.schema.if && resolved.schema.then
      ? resolveRef(files, { schema: resolved.schema.then as JsonSchema, file: resolved.file })
      : resolved;
  if (isMap(node)) {
    const properties = (schema.schema.properties as Record<string, JsonSchema> | undefined) ?? {};
    for (const pair of node.items) {
      const name = String((pair.key as { value?: unknown }).value);
      const child = properties[name];
      if (!child) continue;
      const childAt = { schema: child, file: schema.file };
      const { description } = describeSchema(files, childAt);
      if (description) (pair.key as Node).commentBefore = ` ${description}`;
      if (pair.value) annotate(files, childAt, pair.value as Node);
    }
  } else if (isSeq(node)) {
    const items = schema.schema.items as JsonSchema | undefined;
    if (items) for (const item of node.items) annotate(files, { schema: items, file: schema.file }, item as Node);
  }
}
