/** The benchmark's synthetic tree is valid, deterministic, and shaped like the registry. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateTree } from '../bench/generate.ts';
import { hashTree } from '../src/core/files/tree-hash.ts';
import { validateContent } from '../src/core/validation/validate-content.ts';

const dirs: string[] = [];
function generated(records: number, seed: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'certidocs-bench-'));
  dirs.push(dir);
  generateTree(dir, records, seed);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('bench/generate.ts', () => {
  const tree = generated(40, 7);
  const result = validateContent({ root: tree });

  it('writes files that all validate, with no warning', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.records.certification).toHaveLength(40);
    expect(result.records.rome).toHaveLength(530);
  });

  it('gives realistic shapes: 2–10 blocks, 1–5 ROME codes, 0–4 years, long texts, some market data', () => {
    for (const { data } of result.records.certification) {
      // The generator writes every one of these fields, optional as they are in the schema.
      expect(data.blocs?.length).toBeGreaterThanOrEqual(2);
      expect(data.blocs?.length).toBeLessThanOrEqual(10);
      expect(data.codes_rome?.length).toBeGreaterThanOrEqual(1);
      expect(data.codes_rome?.length).toBeLessThanOrEqual(5);
      expect(data.statistiques_promotions?.length).toBeLessThanOrEqual(4);
      expect(data.objectifs?.length).toBeGreaterThan(400);
    }
    const withMarket = result.records.rome.filter((r) => !('aucune_donnee' in r.data.marche_du_travail));
    expect(withMarket.length).toBe(106);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    expect(hashTree(join(generated(40, 7), 'content'))).toBe(hashTree(join(tree, 'content')));
    expect(hashTree(join(generated(40, 8), 'content'))).not.toBe(hashTree(join(tree, 'content')));
    expect(readdirSync(join(tree, 'content/certifications'))[0]).toBe('rncp10000.yaml');
  });
});
