/**
 * What Astro's data store keeps of each record: what lists, links between records and the open-data
 * catalogue need. A record page reads the whole record from its published JSON (site/open-data.ts):
 * keeping 25,000 whole records in the store made Astro bundle half a gigabyte into the build.
 */
import type { RecordKind } from '../core/kinds/record-kinds.ts';
import type { RegistryFacts } from '../core/registry/registry-facts.ts';

/** An indicator table's identifier and title, for download links. */
export interface TableLink {
  id: string;
  title: string;
}

/** What every kind's outline holds: the record's identifier and title, and its tables. */
interface CommonOutline {
  id: string;
  title: string;
  tables: TableLink[];
}

/** An RNCP or RS record: what the readers' registry needs of it (validity, lineage, blocks, certifiers, facets). */
export interface RegistryOutline extends CommonOutline {
  facts: RegistryFacts;
}

export interface RomeOutline extends CommonOutline {
  /** Whether the sheet publishes labour-market figures. */
  hasMarket: boolean;
}

/** Each kind's outline: a kind without one does not compile. */
export interface OutlineMap {
  certification: RegistryOutline;
  rome: RomeOutline;
  rs: RegistryOutline;
}

/** What the loader stores for each record: its outline, its file, and what readers should know about it. */
export type RecordEntry<K extends RecordKind = RecordKind> = {
  outline: OutlineMap[K];
  /** Project-relative path of the YAML source. */
  file: string;
  notes: ReaderNote[];
};

/** A data-quality remark the validator made about a record, shown to readers as a note. */
export type ReaderNote = {
  /** JSON pointer of the figure concerned, so a page can place the note beside it. */
  pointer: string;
  message: string;
};
