/**
 * The records of every kind as pages list them, from Astro's collections (one per kind, named after
 * it): for the pages that are the same for every kind (history, feeds, the API index).
 */
import { getCollection } from 'astro:content';
import { RECORD_KINDS } from '../core/kinds/record-kinds.ts';
import type { RecordKind } from '../core/kinds/record-kinds.ts';
import type { RecordEntry } from './outline.ts';
import { recordPath } from './urls.ts';

/** A record of any kind, with what shared pages need of it. */
export interface ListedRecord<K extends RecordKind = RecordKind> {
  kind: K;
  /** The collection entry's id: the record's id in lower case, as in its addresses. */
  slug: string;
  /** The record's identifier as published (RNCP39853, K1704, RS5000). */
  id: string;
  title: string;
  /** Project-relative path of its YAML file. */
  file: string;
  /** Its page's address. */
  page: string;
  entry: RecordEntry<K>;
}

/** Every record of one kind, in collection order. */
export async function recordsOf<K extends RecordKind>(kind: K): Promise<ListedRecord<K>[]> {
  const entries = (await getCollection(kind)) as { id: string; data: RecordEntry<K> }[];
  return entries.map(({ id, data }) => ({
    kind,
    slug: id,
    id: data.outline.id,
    title: data.outline.title,
    file: data.file,
    page: recordPath(kind, data.outline.id),
    entry: data,
  }));
}

/** Every record of every kind, kind by kind in the descriptors' order. */
export async function allRecords(): Promise<ListedRecord[]> {
  return (await Promise.all(RECORD_KINDS.map((info) => recordsOf(info.kind)))).flat();
}
