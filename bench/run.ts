/**
 * `npm run bench -- --records N [--rs M] [--git] [--profile DIR] [--json FILE] [--keep]`: times certidocs'
 * pipeline as a publisher runs it and, in the same run, the framework floor.
 *
 * bench/flow-xml.ts writes the official RNCP and RS exports of N RNCP and M RS records (M = 0 by default);
 * `npm run import` reads them into the bench project's empty content tree (import_rncp, import_rs), then
 * validate, build (src/cli/build.ts, Pagefind off) and index (src/cli/search-index.ts: Pagefind over the site's search scope, bundle by bundle). The floor
 * (bench/floor-site.ts) builds one trivial page per imported record with Astro's glob() loader and indexes it.
 * Both run under the same NODE_OPTIONS heap limit, chosen here and reported. Wall and CPU seconds and peak RSS
 * come from GNU time. `--only import` times the import alone, with a re-import and the write floor.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultHeapMb } from '../src/cli/build.ts';
import { FLOW_DATE } from './flow-xml.ts';
import { countFiles, importFile, STRIP_TYPES, timeImport, writeFlow } from './import-phase.ts';
import type { ImportResult, ImportRun } from './import-phase.ts';
import { summarizeDist } from './dist-summary.ts';
import type { DistSummary } from './dist-summary.ts';
import { writeFloorSite } from './floor-site.ts';
import { benchMarkdown, importMarkdown } from './report.ts';
import { checkTargets } from './targets.ts';
import type { TargetCheck } from './targets.ts';
import { sumPhases, timed } from './timed.ts';
import type { Phase } from './timed.ts';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const NODE_MODULES = join(PROJECT_ROOT, 'node_modules');
const ASTRO = join(NODE_MODULES, 'astro/bin/astro.mjs');
const PAGEFIND = join(NODE_MODULES, 'pagefind/lib/runner/bin.cjs');
const PROJECT_FILES = ['src', 'public', 'schemas', 'astro.config.mjs', 'package.json', 'tsconfig.json'];

export interface Machine {
  cores: number;
  memory_gb: number;
  node: string;
}

function machine(): Machine {
  return { cores: cpus().length, memory_gb: Math.round(totalmem() / 2 ** 30), node: process.versions.node };
}

/** The heap limit every timed command runs under, so that no ratio depends on one pipeline having a larger heap. */
export interface HeapSetting {
  max_old_space_size_mb: number;
  /** NODE_OPTIONS as the bench sets it for every phase. */
  node_options: string;
}

/**
 * The limit NODE_OPTIONS already sets, or the one `npm run build` gives Astro by default (three quarters of the
 * memory): certidocs' build then runs as a publisher's does, and the floor gets the same limit.
 */
export function chooseHeap(nodeOptions = process.env.NODE_OPTIONS ?? ''): HeapSetting {
  const pattern = /--max-old-space-size[= ](\d+)/;
  const chosen = pattern.exec(nodeOptions);
  const mb = chosen ? Number(chosen[1]) : defaultHeapMb();
  const others = nodeOptions.replace(new RegExp(pattern, 'g'), '').trim();
  return { max_old_space_size_mb: mb, node_options: [others, `--max-old-space-size=${mb}`].filter(Boolean).join(' ') };
}

export interface BenchResult {
  records: { rncp: number; rs: number };
  machine: Machine;
  heap: HeapSetting;
  export_mb: { rncp: number; rs: number };
  /** Files the import wrote, by content folder. */
  imported_files: Record<string, number>;
  import_runs: { rncp: ImportRun; rs?: ImportRun };
  /**
   * generate_flow (writing the exports: in no total), import_rncp, import_rs (when M > 0), validate, build,
   * index, floor_build, floor_index, editor_build (an editor's first build, with incremental builds, from no
   * cache: in no total) and rebuild_one (building again after one record changed: in no total).
   */
  phases: Record<string, Phase>;
  totals: { validate_build_index: Phase; import_validate_build_index: Phase; floor_build_index: Phase };
  /** certidocs (validate + build + index) / floor (build + index), wall seconds. */
  ratio_to_floor: number;
  pages: number;
  pages_per_s: number;
  dist: DistSummary;
  targets: TargetCheck[];
  /** With `--profile`: where the build's and the index's .cpuprofile files are. */
  profile_dir?: string;
}

export interface BenchOptions {
  /** RS records in the flow (0 by default). */
  rs?: number;
  /** Keep the work folder. */
  keep?: boolean;
  /** Commit the imported tree to a git repository first: the build then renders every record's history. */
  git?: boolean;
  /** Profile the build and index phases into this folder (its build/ and index/ subfolders). */
  profile?: string | undefined;
}

function commitAll(dir: string): void {
  const git = (...args: string[]) => {
    const result = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed:\n${result.stderr}`);
  };
  git('init', '--quiet');
  git('add', '--all');
  const identity = ['-c', 'user.name=certidocs bench', '-c', 'user.email=bench@certidocs.invalid'];
  git(...identity, 'commit', '--quiet', '--no-verify', '--message', 'Import du registre');
}

/** An editor's pull request: one certification's title changed since the last build. */
function editOneRecord(content: string): void {
  const file = join(content, 'certifications/rncp10000.yaml');
  const text = readFileSync(file, 'utf8');
  const edited = text.replace(/^intitule: (.*)$/m, 'intitule: $1 (modifié)');
  if (edited === text) throw new Error(`${file}: no title to edit`);
  writeFileSync(file, edited);
}

/** Runs the whole pipeline and the floor on `rncp` + `rs` records; the work folder is removed unless kept. */
export function runBench(rncp: number, options: BenchOptions = {}): BenchResult {
  const rs = options.rs ?? 0;
  const work = mkdtempSync(join(tmpdir(), 'certidocs-bench-'));
  try {
    const project = join(work, 'certidocs');
    for (const path of PROJECT_FILES) cpSync(join(PROJECT_ROOT, path), join(project, path), { recursive: true });
    symlinkSync(NODE_MODULES, join(project, 'node_modules'), 'dir');
    const content = join(project, 'content');
    mkdirSync(content);
    const heap = chooseHeap();
    // Statuses, badges and calendars as of the exports' day, as a publisher's build dates them by its commit.
    const env = { NODE_OPTIONS: heap.node_options, SOURCE_DATE_EPOCH: String(Date.parse(`${FLOW_DATE}T00:00:00Z`) / 1000) };

    const flow = writeFlow(join(work, 'exports'), rncp, rs, env);
    const importRncp = importFile(project, flow.rncp, env);
    const importRs = rs > 0 ? importFile(project, flow.rs, env) : undefined;
    if (options.git) commitAll(project);
    const floor = join(work, 'floor');
    writeFloorSite(floor, content, NODE_MODULES);

    const profiled = (phase: string) =>
      options.profile
        ? { ...env, NODE_OPTIONS: `${heap.node_options} --cpu-prof --cpu-prof-dir=${join(resolve(options.profile), phase)}` }
        : env;
    const build = [...STRIP_TYPES, 'src/cli/build.ts'];
    const phases: Record<string, Phase> = {
      generate_flow: flow.generate_flow,
      import_rncp: importRncp.phase,
      ...(importRs ? { import_rs: importRs.phase } : {}),
      validate: timed(project, [...STRIP_TYPES, 'src/cli/validate.ts', '--root', project], env),
      // The publisher's build, as the deployment runs it: no incremental cache to keep.
      build: timed(project, build, { ...profiled('build'), CERTIDOCS_PAGEFIND: 'off', CERTIDOCS_INCREMENTAL: 'off' }),
      index: timed(project, [...STRIP_TYPES, 'src/cli/search-index.ts', '--dir', 'dist'], profiled('index')),
      floor_build: timed(floor, [ASTRO, 'build'], env),
      floor_index: timed(floor, [PAGEFIND, '--site', 'dist', '--force-language', 'fr'], env),
    };
    const dist = summarizeDist(join(project, 'dist'));
    // An editor's first build from scratch (incremental builds on, the default), then after one change.
    rmSync(join(project, '.cache'), { recursive: true, force: true });
    phases.editor_build = timed(project, build, { ...env, CERTIDOCS_PAGEFIND: 'off' });
    editOneRecord(content);
    phases.rebuild_one = timed(project, build, { ...env, CERTIDOCS_PAGEFIND: 'off' });

    const imports = [phases.import_rncp, ...(phases.import_rs ? [phases.import_rs] : [])];
    const certidocs = [phases.validate, phases.build, phases.index];
    const totals = {
      validate_build_index: sumPhases(certidocs),
      import_validate_build_index: sumPhases([...imports, ...certidocs]),
      floor_build_index: sumPhases([phases.floor_build, phases.floor_index]),
    };
    const ratio_to_floor = Math.round((totals.validate_build_index.wall_s / totals.floor_build_index.wall_s) * 100) / 100;
    const records = { rncp, rs };
    return {
      records,
      machine: machine(),
      heap,
      export_mb: flow.export_mb,
      imported_files: countFiles(content),
      import_runs: { rncp: importRncp.run, ...(importRs ? { rs: importRs.run } : {}) },
      phases,
      totals,
      ratio_to_floor,
      pages: dist.html_pages,
      pages_per_s: Math.round(dist.html_pages / phases.build.wall_s),
      dist,
      targets: checkTargets(records, { totals, ratio_to_floor }),
      ...(options.profile ? { profile_dir: resolve(options.profile) } : {}),
    };
  } finally {
    if (options.keep) console.error(`work folder kept: ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

export interface ImportBenchResult extends ImportResult {
  machine: Machine;
  heap: HeapSetting;
  targets: TargetCheck[];
}

/** `--only import`: the import phase alone, in a work folder removed unless kept. */
export function runImportBench(rncp: number, options: { rs?: number; keep?: boolean; seed?: number } = {}): ImportBenchResult {
  const rs = options.rs ?? 0;
  const work = mkdtempSync(join(tmpdir(), 'certidocs-bench-import-'));
  try {
    const heap = chooseHeap();
    const result = timeImport(work, rncp, rs, { NODE_OPTIONS: heap.node_options }, options.seed);
    const imports = { wall_s: result.import_wall_s, peak_rss_mb: result.import_peak_rss_mb };
    return { machine: machine(), heap, ...result, targets: checkTargets({ rncp, rs }, { imports }) };
  } finally {
    if (options.keep) console.error(`work folder kept: ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

const USAGE = 'usage: npm run bench -- --records N [--rs M] [--git] [--profile DIR] [--only import] [--json FILE] [--keep]';

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      records: { type: 'string', default: '1000' },
      rs: { type: 'string', default: '0' },
      json: { type: 'string' },
      keep: { type: 'boolean', default: false },
      git: { type: 'boolean', default: false },
      only: { type: 'string' },
      profile: { type: 'string' },
    },
  });
  const records = Number(values.records);
  const rs = Number(values.rs);
  if (!Number.isInteger(records) || records < 1 || !Number.isInteger(rs) || rs < 0) {
    console.error(USAGE);
    process.exit(2);
  }
  if (values.only !== undefined && values.only !== 'import') {
    console.error(`--only: unknown phase « ${values.only} » (known: import)`);
    process.exit(2);
  }
  if (values.only === 'import') {
    const result = runImportBench(records, { rs, keep: values.keep });
    console.log(importMarkdown(result));
    if (values.json) writeFileSync(values.json, `${JSON.stringify(result, null, 2)}\n`);
  } else {
    const result = runBench(records, { rs, keep: values.keep, git: values.git, profile: values.profile });
    console.log(benchMarkdown(result));
    if (values.json) writeFileSync(values.json, `${JSON.stringify(result, null, 2)}\n`);
  }
}
