/**
 * Who owns each field of a record: the official flow (the import rewrites it) or the editor (the import keeps
 * it). Each kind's schema states it once, with the annotation "x-proprietaire" on every top-level property.
 */
import type { RecordKindInfo } from '../kinds/record-kinds.ts';
import { kindRoot } from './schema-store.ts';
import type { JsonSchema, SchemaFiles } from './schema-store.ts';

/** The annotation keyword; draft-07 ignores unknown keywords, and the validator declares it. */
export const OWNER_KEYWORD = 'x-proprietaire';

export type Owner = 'flux' | 'editeur';

/** The owner of every top-level property of a kind, in the schema's order. */
export function ownersOf(files: SchemaFiles, kind: RecordKindInfo): Map<string, Owner> {
  const properties = (kindRoot(files, kind).schema.properties ?? {}) as Record<string, JsonSchema>;
  const owners = new Map<string, Owner>();
  for (const [name, schema] of Object.entries(properties)) {
    const owner = schema[OWNER_KEYWORD];
    if (owner !== 'flux' && owner !== 'editeur') {
      throw new Error(`${kind.schemaFile}: property ${name} has no "${OWNER_KEYWORD}" of "flux" or "editeur"`);
    }
    owners.set(name, owner);
  }
  return owners;
}

/** The names of the properties the flow owns. */
export function flowFields(files: SchemaFiles, kind: RecordKindInfo): Set<string> {
  return new Set([...ownersOf(files, kind)].filter(([, owner]) => owner === 'flux').map(([name]) => name));
}
