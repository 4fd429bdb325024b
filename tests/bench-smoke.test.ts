/** CI runs the benchmark at a small N as a smoke test: the whole pipeline and the floor run, the report has its fields. No timing assertion. */
import { describe, expect, it } from 'vitest';
import { benchMarkdown, importMarkdown } from '../bench/report.ts';
import { runBench, runImportBench } from '../bench/run.ts';

describe('npm run bench (smoke, 40 RNCP + 10 RS records)', () => {
  it('imports the flow, validates, builds, indexes, times the floor and a rebuild, and sums up dist/', () => {
    const result = runBench(40, { rs: 10 });
    expect(result.records).toEqual({ rncp: 40, rs: 10 });
    // Every generated record is imported, with the ROME sheets it cites, and none is refused.
    expect(result.imported_files).toMatchObject({ certifications: 40, rs: 10 });
    expect(result.imported_files.rome).toBeGreaterThan(0);
    expect(result.import_runs.rncp.rejected + (result.import_runs.rs?.rejected ?? 0)).toBe(0);
    for (const phase of [
      'import_rncp',
      'import_rs',
      'validate',
      'build',
      'index',
      'floor_build',
      'floor_index',
      'editor_build',
      'rebuild_one',
    ]) {
      expect(result.phases[phase]?.wall_s, phase).toBeGreaterThan(0);
      expect(result.phases[phase]?.cpu_s, phase).toBeGreaterThan(0);
      expect(result.phases[phase]?.peak_rss_mb, phase).toBeGreaterThan(0);
    }
    const { validate_build_index, import_validate_build_index, floor_build_index } = result.totals;
    expect(import_validate_build_index.wall_s).toBeGreaterThan(validate_build_index.wall_s);
    expect(result.ratio_to_floor).toBeCloseTo(validate_build_index.wall_s / floor_build_index.wall_s, 1);
    // Both pipelines ran under the heap limit the bench chose.
    expect(result.heap.node_options).toContain(`--max-old-space-size=${result.heap.max_old_space_size_mb}`);
    // One page per record at least, plus the ROME sheets, lists and certifiers.
    expect(result.pages).toBeGreaterThan(50);
    expect(result.pages_per_s).toBeGreaterThan(0);
    expect(result.dist.files).toBeGreaterThan(result.pages);
    expect(result.dist.search_index.files).toBeGreaterThan(0);
    expect(result.dist.contributors.length).toBe(15);
    expect(result.dist.contributors.map((c) => c.label)).toContain('certifications/<id>/index.html');
    // A record page carries its own record only: a few hundred kilobytes at most.
    expect(result.dist.largest_page.bytes).toBeLessThan(500_000);
    // No target is for this size: each is stated, none judged.
    expect(result.targets.length).toBeGreaterThan(0);
    expect(result.targets.every((t) => t.met === undefined)).toBe(true);
    const report = benchMarkdown(result);
    for (const row of [
      '| import_rs |',
      '| floor_build |',
      '| rebuild_one |',
      '| validate + build + index |',
      '`certifications/<id>/index.html`',
    ]) {
      expect(report).toContain(row);
    }
  }, 240_000);

  it('times the import alone (--only import): RNCP, RS, a re-import that changes nothing', () => {
    const result = runImportBench(20, { rs: 5 });
    for (const phase of ['generate_flow', 'import_rncp', 'import_rs', 'reimport_rncp', 'validate_imported', 'write_floor']) {
      expect(result.phases[phase]?.wall_s, phase).toBeGreaterThan(0);
      expect(result.phases[phase]?.peak_rss_mb, phase).toBeGreaterThan(0);
    }
    // Every generated record is imported, the importer knows every element, and the imported tree validates.
    expect(result.files.certifications).toBe(20);
    expect(result.files.rs).toBe(5);
    expect(result.runs.rncp.rejected + (result.runs.rs?.rejected ?? 0)).toBe(0);
    expect([...result.runs.rncp.unknown_elements, ...(result.runs.rs?.unknown_elements ?? [])]).toEqual([]);
    expect(result.reimport_changed_files).toBe(0);
    expect(result.validate_status).toBe(0);
    expect(importMarkdown(result)).toContain('| import_rncp |');
  }, 120_000);
});
