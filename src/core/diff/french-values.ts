/** Values in French: a changed value as a French reader sees it (« texte », 44,29 %, oui/non). */
import { formatEuros, formatNumber, formatPercent, quote } from '../text/french.ts';
import { childSchema, resolveRef } from '../schemas/schema-store.ts';
import type { JsonSchema, SchemaAt, SchemaFiles } from '../schemas/schema-store.ts';
import { titleLabel } from './record-places.ts';
import { isFields, isNoData } from './value-shapes.ts';

/** Whether the schema at a place is, or falls back to, a given shared definition. */
function resolvesTo(schemas: SchemaFiles, at: SchemaAt, target: unknown): boolean {
  const resolved = resolveRef(schemas, at);
  if (resolved.schema === target) return true;
  return ['then', 'else'].some((key) => {
    const branch = resolved.schema[key] as JsonSchema | undefined;
    return branch !== undefined && resolvesTo(schemas, { schema: branch, file: resolved.file }, target);
  });
}

function sharedDefinition(schemas: SchemaFiles, name: string): unknown {
  return (schemas.get('definitions.schema.json')?.definitions as Record<string, unknown> | undefined)?.[name];
}

function showNumber(schemas: SchemaFiles, value: number, at: SchemaAt | undefined): string {
  if (at && resolvesTo(schemas, at, sharedDefinition(schemas, 'pourcentage'))) return formatPercent(value);
  if (at && resolvesTo(schemas, at, sharedDefinition(schemas, 'montant_euros'))) return formatEuros(value);
  if (at && resolvesTo(schemas, at, sharedDefinition(schemas, 'annee'))) return String(value);
  return formatNumber(value);
}

/** A value as a French reader sees it, on one line: « texte », 44,29 %, oui, « a », « b », champ : valeur ; … */
export function show(schemas: SchemaFiles, value: unknown, at: SchemaAt | undefined): string {
  if (value === null || value === undefined) return 'vide';
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'number') return showNumber(schemas, value, at);
  if (typeof value === 'string') return quote(value.replace(/\r?\n/g, ' ↵ '));
  if (Array.isArray(value)) {
    if (value.length === 0) return 'liste vide';
    const itemAt = at && childSchema(schemas, at, '0');
    return value.map((item) => nested(schemas, item, itemAt)).join(', ');
  }
  if (isNoData(value)) return typeof value.mention === 'string' ? `aucune donnée (${quote(value.mention)})` : 'aucune donnée';
  if (!isFields(value)) return String(value);
  return Object.entries(value)
    .map(([key, field]) => {
      const fieldAt = at && childSchema(schemas, at, key);
      return `${titleLabel(schemas, fieldAt) ?? key} : ${nested(schemas, field, fieldAt)}`;
    })
    .join(' ; ');
}

/** A value inside another: sets of fields in parentheses. */
function nested(schemas: SchemaFiles, value: unknown, at: SchemaAt | undefined): string {
  const text = show(schemas, value, at);
  return isFields(value) && !isNoData(value) ? `(${text})` : text;
}
