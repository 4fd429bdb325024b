/** A worker thread of a large import: runs one share (import-shard.ts) and posts its result or its failure. */
import { parentPort, workerData } from 'node:worker_threads';
import { runShard } from './import-shard.ts';
import type { ShardOptions } from './import-shard.ts';
import { describeFailure } from './import-failure.ts';

runShard(workerData as ShardOptions).then(
  (result) => parentPort!.postMessage({ ok: true, result }),
  (error: unknown) => parentPort!.postMessage({ ok: false, failure: describeFailure(error) }),
);
