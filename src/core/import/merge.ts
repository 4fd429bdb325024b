/**
 * An imported record merged with the file already in content/: the flow's fields come from the export, the
 * editor's (notes, corrections, added sources, labour-market figures…) stay as the file has them. Which is
 * which is the schema's "x-proprietaire" annotation. Corrections marked as such keep their corrected value.
 */
import { isDeepStrictEqual } from 'node:util';
import { fromPointer } from '../files/json-pointer.ts';
import type { Owner } from '../schemas/ownership.ts';

type Data = Record<string, unknown>;

/** A correction whose published value is no longer what the flow publishes: an editor should look again. */
export interface StaleCorrection {
  pointer: string;
  /** What the correction says the flow published. */
  noted: unknown;
  /** What the flow publishes now (undefined: nothing). */
  published: unknown;
}

export interface Merged {
  data: Data;
  staleCorrections: StaleCorrection[];
}

/** Merges in the schema's property order; `existing` is undefined for a new record. */
export function mergeRecord(imported: Data, existing: Data | undefined, owners: Map<string, Owner>, flowSourceId: string): Merged {
  const data: Data = {};
  for (const [name, owner] of owners) {
    if (name === 'sources') data.sources = mergeSources(imported.sources as Data[], existing?.sources as Data[] | undefined, flowSourceId);
    else if (owner === 'flux') {
      if (imported[name] !== undefined) data[name] = imported[name];
    } else if (existing) {
      if (existing[name] !== undefined) data[name] = existing[name];
      // A new record takes the import's starting value of an editor's field (a ROME sheet's « no data yet »).
    } else if (imported[name] !== undefined) data[name] = imported[name];
  }
  const staleCorrections: StaleCorrection[] = [];
  for (const correction of (existing?.corrections as Data[] | undefined) ?? []) {
    const pointer = String(correction.champ);
    const segments = fromPointer(pointer);
    const published = valueAt(data, segments);
    const corrected = valueAt(existing!, segments);
    if (!isDeepStrictEqual(published, correction.valeur_publiee))
      staleCorrections.push({ pointer, noted: correction.valeur_publiee, published });
    if (corrected !== undefined) setAt(data, segments, structuredClone(corrected));
  }
  return { data, staleCorrections };
}

/** The file's sources with the flow's entry replaced (in place) or added first. */
function mergeSources(imported: Data[], existing: Data[] | undefined, flowSourceId: string): Data[] {
  const flowEntry = imported.find((source) => source.id === flowSourceId)!;
  if (!existing) return [flowEntry];
  const index = existing.findIndex((source) => source.id === flowSourceId);
  if (index === -1) return [flowEntry, ...existing];
  return existing.map((source, i) => (i === index ? flowEntry : source));
}

/**
 * The record without the export date of the flow's source entry: two versions equal under it are the same version,
 * and the file keeps the date of the export it first came from (a daily import rewrites only what changed).
 */
export function withoutImportDate(data: Data, flowSourceId: string): Data {
  const sources = (data.sources as Data[] | undefined)?.map((source) => {
    if (source.id !== flowSourceId) return source;
    const { date_export: _date, ...rest } = source;
    return rest;
  });
  return { ...data, sources };
}

function valueAt(data: unknown, segments: string[]): unknown {
  let current = data;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Data)[segment];
  }
  return current;
}

function setAt(data: Data, segments: string[], value: unknown): void {
  let current: Data = data;
  for (const segment of segments.slice(0, -1)) {
    if (current[segment] === null || typeof current[segment] !== 'object') current[segment] = /^\d+$/.test(segment) ? [] : {};
    current = current[segment] as Data;
  }
  current[segments[segments.length - 1]] = value;
}
