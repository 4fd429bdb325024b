/** CI runs the benchmark at a small N as a smoke test: both pipelines build, the report has its fields. No timing assertion. */
import { describe, expect, it } from 'vitest';
import { importMarkdown, markdownTable, registryShareOfRs, runBench, runImportBench } from '../bench/run.ts';

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

  it('times the import of the flow export alone (--only import): RNCP, RS, a re-import that changes nothing', () => {
    const result = runImportBench(50);
    expect(result.rs_records).toBe(registryShareOfRs(50));
    for (const phase of ['generate_flow', 'import_rncp', 'import_rs', 'reimport_rncp', 'validate_imported']) {
      expect(result.phases[phase]?.wall_s, phase).toBeGreaterThan(0);
      expect(result.phases[phase]?.peak_rss_mb, phase).toBeGreaterThan(0);
    }
    // Every generated record is imported, the importer knows every element, and the imported tree validates.
    expect(result.files.certifications).toBe(50);
    expect(result.files.rs).toBe(result.rs_records);
    expect(result.runs.rncp.rejected + result.runs.rs.rejected).toBe(0);
    expect([...result.runs.rncp.unknown_elements, ...result.runs.rs.unknown_elements]).toEqual([]);
    expect(result.reimport_changed_files).toBe(0);
    expect(result.validate_status).toBe(0);
    expect(importMarkdown(result)).toContain('| import_rncp |');
  }, 120_000);
});
