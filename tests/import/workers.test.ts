/**
 * A large export is imported by worker threads, each on a share of the records: the result must not depend on
 * it. The bundled exports imported by two workers and in one thread give the same files, byte for byte, and the
 * same report; an export that cannot be read is refused the same way, with content/ untouched.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FlowError } from '../../src/core/import/flow-reader.ts';
import { importExport } from '../../src/core/import/import-export.ts';
import { inShard } from '../../src/core/import/flow-records.ts';
import { removeTrees } from '../helpers/content-tree.ts';
import { SAMPLES, hashTree, makeProject, officialName, writeFile } from './import-fixtures.ts';

afterAll(removeTrees);

describe('an import by worker threads', () => {
  it('shares the records between the shards, each number in exactly one', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `RNCP${30000 + i}`);
    const counts = [0, 1, 2].map((index) => ids.filter((id) => inShard(id, { index, count: 3 })).length);
    expect(counts.reduce((a, b) => a + b)).toBe(ids.length);
    expect(Math.min(...counts)).toBeGreaterThan(40);
  });

  it.each(['RNCP', 'RS'] as const)('gives the same files and report as one thread for the %s export', async (registry) => {
    const single = makeProject('project');
    const shared = makeProject('project');
    // An edited record, so that the merge and the semantic diff are exercised too.
    for (const project of [single, shared]) {
      const path = join(project.content, registry === 'RNCP' ? 'certifications/rncp34762.yaml' : 'rs/rs6547.yaml');
      writeFileSync(path, readFileSync(path, 'utf8').replace(/^intitule: .*$/m, 'intitule: Intitulé modifié à la main'));
    }
    const one = await importExport({ root: single.root, file: SAMPLES[registry], workers: 0 });
    const two = await importExport({ root: shared.root, file: SAMPLES[registry], workers: 2 });
    expect(one.counts.changed).toBeGreaterThan(0);
    expect(two).toEqual(one);
    expect(hashTree(shared.content)).toEqual(hashTree(single.content));
  });

  it('refuses a truncated export with a FlowError from the worker that met it, content/ untouched', async () => {
    const project = makeProject('project');
    const before = hashTree(project.content);
    const text = readFileSync(SAMPLES.RNCP, 'utf8');
    const file = writeFile(project.exports, officialName('RNCP'), text.slice(0, Math.floor(text.length / 2)));
    const failure = await importExport({ root: project.root, file, workers: 2 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(FlowError);
    expect((failure as FlowError).describe()).toContain('tronqué');
    expect(hashTree(project.content)).toEqual(before);
    expect(hashTree(project.work)).toEqual({});
  });
});
