/** CI runs the benchmark at a small N as a smoke test: both pipelines build, the report has its fields. No timing assertion. */
import { describe, expect, it } from 'vitest';
import { markdownTable, runBench } from '../bench/run.ts';

describe('npm run bench (smoke, N = 200)', () => {
  it('times certidocs and the framework floor on the same generated records', () => {
    const result = runBench(200);
    expect(result.records).toBe(200);
    // One page per certification and per ROME sheet at least, plus lists and history pages.
    expect(result.pages).toBeGreaterThan(200 + 530);
    for (const phase of ['validate', 'build', 'index', 'floor_build', 'floor_index']) {
      expect(result.phases[phase]?.wall_s, phase).toBeGreaterThan(0);
      expect(result.phases[phase]?.peak_rss_mb, phase).toBeGreaterThan(0);
    }
    expect(result.ratio_to_floor).toBeGreaterThan(0);
    expect(result.search_index_mb).toBeGreaterThan(0);
    expect(result.rebuild_one_s).toBeGreaterThan(0);
    // A certification page carries its own record only: a few tens of kilobytes, whatever N.
    expect(result.page_weights.certification_page_max_kb).toBeGreaterThan(5);
    expect(result.page_weights.largest_page.kb).toBeLessThan(200);
    expect(markdownTable(result)).toContain('| floor_build |');
  }, 240_000);
});
