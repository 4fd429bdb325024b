/**
 * One share of an import: the records of an export whose numbers fall in a shard, read, cleaned, merged and
 * written into the new tree; the rest of the export is only parsed. Several shares run side by side in worker
 * threads (import-worker.ts) on a large export; a small one is a single share run in the caller's thread. What
 * a share returns is plain data, merged by import-export.ts into one report.
 */
import { join } from 'node:path';
import { loadSchemaFiles } from '../schemas/schema-store.ts';
import { createValidators } from '../schemas/validator.ts';
import type { RecordChange } from '../diff/semantic-diff.ts';
import { findKind } from '../kinds/record-kinds.ts';
import type { DroppedValue } from './flow-mapping.ts';
import { FlowRecords } from './flow-records.ts';
import type { Shard } from './flow-records.ts';
import type { Registry } from './flow-sources.ts';
import { AsideTree } from './aside-tree.ts';
import type { ImportReport } from './import-report.ts';
import type { LabelVote } from './rome-labels.ts';
import { RecordWriter } from './record-writer.ts';

export interface ShardOptions {
  root: string;
  contentDir: string;
  file: string;
  dryRun: boolean;
  only?: string[] | undefined;
  exportDate?: string | undefined;
  shard?: Shard | undefined;
}

export interface ShardResult {
  registry: Registry | undefined;
  exportDate: string | undefined;
  source: Record<string, unknown> | undefined;
  read: number;
  counts: { added: number; changed: number; unchanged: number };
  written: number;
  seen: string[];
  dropped: DroppedValue[];
  rejected: ImportReport['rejected'];
  notImported: ImportReport['notImported'];
  staleCorrections: ImportReport['staleCorrections'];
  unknownElements: [string, number][];
  romeVotes: [string, [string, LabelVote][]][];
  changes: RecordChange[];
}

/** Imports the records of one shard of the export (all of them without a shard); throws as importExport does. */
export async function runShard(options: ShardOptions): Promise<ShardResult> {
  const { root, contentDir } = options;
  const schemas = loadSchemaFiles(join(root, 'schemas'));
  const validators = createValidators(schemas);
  const romeKind = findKind('rome')!;
  const tree = options.dryRun ? undefined : AsideTree.attach(contentDir);
  let writer: RecordWriter | undefined;
  const sheetLookup = new RecordWriter({ root, contentDir, schemas, validators, flowSourceId: '', tree: undefined });
  const flow = new FlowRecords(options.file, schemas, validators, {
    exportDate: options.exportDate,
    only: options.only ? new Set(options.only) : undefined,
    hasRomeSheet: (code) => sheetLookup.exists(sheetLookup.pathOf(romeKind, code)),
    shard: options.shard,
  });
  const counts = { added: 0, changed: 0, unchanged: 0 };
  try {
    for await (const record of flow.records()) {
      const { kind, info } = flow.facts!;
      writer ??= new RecordWriter({ root, contentDir, schemas, validators, flowSourceId: info.sourceId, tree });
      const outcome = await writer.writeRecord(kind, writer.pathOf(kind, record.id), record.data);
      if (outcome) counts[outcome]++;
    }
  } finally {
    await tree?.settle();
  }
  const facts = flow.facts;
  return {
    registry: facts?.info.registry,
    exportDate: facts?.exportDate,
    source: facts?.source,
    read: flow.read,
    counts,
    written: writer?.written ?? 0,
    seen: [...flow.seen],
    dropped: flow.dropped,
    rejected: flow.rejected,
    notImported: writer?.notImported ?? [],
    staleCorrections: writer?.staleCorrections ?? [],
    unknownElements: [...flow.unknownElements],
    romeVotes: flow.romeLabels.toJSON(),
    changes: writer?.changes ?? [],
  };
}
