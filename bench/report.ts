/** The bench's Markdown reports: what `npm run bench` prints at the end, in the form bench/README.md records. */
import type { ImportRun } from './import-phase.ts';
import type { BenchResult, ImportBenchResult, HeapSetting, Machine } from './run.ts';
import type { TargetCheck } from './targets.ts';
import type { Phase } from './timed.ts';

const thousands = (n: number) => n.toLocaleString('en-US');
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

function machineLine(m: Machine, heap: HeapSetting): string {
  return `${m.cores} cores, ${m.memory_gb} GB, Node ${m.node}; every phase under NODE_OPTIONS="${heap.node_options}" (heap limit ${thousands(heap.max_old_space_size_mb)} MB).`;
}

function phaseTable(phases: Record<string, Phase>): string[] {
  return [
    '| phase | wall (s) | CPU (s) | peak RSS (MB) |',
    '| --- | --- | --- | --- |',
    ...Object.entries(phases).map(([name, p]) => `| ${name} | ${p.wall_s} | ${p.cpu_s.toFixed(2)} | ${thousands(p.peak_rss_mb)} |`),
  ];
}

function targetTable(targets: TargetCheck[]): string[] {
  const verdict = (t: TargetCheck) => (t.met === undefined ? `not judged: the target is for ${t.size}` : t.met ? 'met' : '**NOT met**');
  return [
    '| target | for | this run | |',
    '| --- | --- | --- | --- |',
    ...targets.map((t) => `| ${t.target} | ${t.size} | ${t.measured} | ${verdict(t)} |`),
  ];
}

const describeRun = (name: string, r: ImportRun) =>
  `${name}: ${Object.entries(r.counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}; ${r.dropped} values left out, ${r.rejected} records refused, ${r.not_imported} not merged, ${
    r.rome_label_conflicts
  } ROME label conflicts${r.unknown_elements.length > 0 ? `; unknown elements: ${r.unknown_elements.join(', ')}` : ''}.`;

const describeFiles = (files: Record<string, number>) =>
  Object.entries(files)
    .map(([k, v]) => `${k} ${thousands(v)}`)
    .join(', ');

/** The whole run: machine, phases, totals against targets, ratio to the floor, rebuild, dist/. */
export function benchMarkdown(r: BenchResult): string {
  const { validate_build_index: vbi, import_validate_build_index: ivbi, floor_build_index: floor } = r.totals;
  const records = r.records.rncp + r.records.rs;
  return [
    `N = ${thousands(records)} records (${thousands(r.records.rncp)} RNCP, ${r.export_mb.rncp} MB + ${thousands(r.records.rs)} RS, ${r.export_mb.rs} MB of XML); ${thousands(r.pages)} HTML pages`,
    '',
    machineLine(r.machine, r.heap),
    ...(r.profile_dir ? ['', `Profiled (build and index run slower): \`node bench/profile-summary.ts ${r.profile_dir}\`.`] : []),
    '',
    ...phaseTable(r.phases),
    '',
    `generate_flow writes the exports, editor_build is an editor's first build (incremental builds on, no cache; the build above is the deployment's, with them off) and rebuild_one builds again after one title changed: none is in a total. Build: ${thousands(r.pages_per_s)} pages/s.`,
    '',
    '| total | wall (s) | CPU (s) | peak RSS (MB) |',
    '| --- | --- | --- | --- |',
    `| validate + build + index | ${vbi.wall_s} | ${vbi.cpu_s.toFixed(2)} | ${thousands(vbi.peak_rss_mb)} |`,
    `| import + validate + build + index | ${ivbi.wall_s} | ${ivbi.cpu_s.toFixed(2)} | ${thousands(ivbi.peak_rss_mb)} |`,
    `| floor: build + index | ${floor.wall_s} | ${floor.cpu_s.toFixed(2)} | ${thousands(floor.peak_rss_mb)} |`,
    '',
    `Ratio to the floor (validate + build + index / floor build + index): **${r.ratio_to_floor}**. Rebuild after one record changed: ${r.phases.rebuild_one.wall_s} s.`,
    '',
    ...targetTable(r.targets),
    '',
    `Imported: ${describeFiles(r.imported_files)}.`,
    describeRun('RNCP import', r.import_runs.rncp),
    ...(r.import_runs.rs ? [describeRun('RS import', r.import_runs.rs)] : []),
    '',
    `dist/: ${mb(r.dist.bytes)} MB in ${thousands(r.dist.files)} files; search index ${mb(r.dist.search_index.bytes)} MB in ${thousands(r.dist.search_index.files)} files; largest page ${r.dist.largest_page.path} (${Math.round(r.dist.largest_page.bytes / 1000)} KB).`,
    '',
    '| route shape | files | MB |',
    '| --- | --- | --- |',
    ...r.dist.contributors.map((c) => `| \`${c.label}\` | ${thousands(c.files)} | ${mb(c.bytes)} |`),
  ].join('\n');
}

/** `--only import`: the import phase's table and summary. */
export function importMarkdown(r: ImportBenchResult): string {
  const total = r.rncp_records + r.rs_records;
  const files = Object.values(r.files).reduce((a, b) => a + b, 0);
  return [
    `Import of ${thousands(total)} records (${thousands(r.rncp_records)} RNCP, ${r.export_mb.rncp} MB + ${thousands(r.rs_records)} RS, ${r.export_mb.rs} MB)`,
    '',
    machineLine(r.machine, r.heap),
    '',
    ...phaseTable(r.phases),
    '',
    `Import (RNCP then RS): ${r.import_wall_s} s, peak RSS ${r.import_peak_rss_mb} MB.`,
    '',
    ...targetTable(r.targets),
    '',
    `Floor (creating the ${thousands(files)} imported files with the same bytes): ${r.phases.write_floor.wall_s} s; the import takes ${(r.import_wall_s / r.phases.write_floor.wall_s).toFixed(2)} times as long.`,
    `Re-import of the RNCP export: ${r.reimport_changed_files} files changed (0 expected).`,
    `Content after import: ${describeFiles(r.files)}; validate ${r.validate_status === 0 ? 'passes' : `exits ${r.validate_status}`}.`,
    describeRun('RNCP import', r.runs.rncp),
    ...(r.runs.rs ? [describeRun('RS import', r.runs.rs)] : []),
    describeRun('RNCP re-import', r.runs.reimport_rncp),
  ].join('\n');
}
