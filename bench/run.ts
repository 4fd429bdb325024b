/**
 * `npm run bench -- --records N [--json FILE]`: times certidocs' pipeline (validate, Astro build,
 * Pagefind) on a generated tree of N certifications and, in the same run, the framework floor: a bare
 * Astro site rendering one page per record from the same YAML with the built-in glob() loader and a
 * trivial template, indexed by Pagefind. Wall and CPU seconds and peak RSS come from GNU time.
 *
 * `--flow` also times the import of the official flow (bench/flow-xml.ts writes N RNCP and M RS records as the
 * two export files; `npm run import` reads them into an empty content tree), and `--only import` times that
 * phase alone, without generating the YAML tree or building: `--records 25638 --only import` is the registry's
 * 30,475 records (M defaults to the registry's share of RS records, 4,837 per 25,638 RNCP; `--rs M` sets it).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { INDEXED_PAGES } from '../src/integrations/search-scope.ts';
import { exportFileName, REGISTRY } from './flow-xml.ts';
import { generateTree } from './generate.ts';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const NODE_MODULES = join(PROJECT_ROOT, 'node_modules');
const ASTRO = join(NODE_MODULES, 'astro/bin/astro.mjs');
const PAGEFIND = join(NODE_MODULES, 'pagefind/lib/runner/bin.cjs');
const IMPORTER = join(PROJECT_ROOT, 'src/cli/import.ts');
const VALIDATOR = join(PROJECT_ROOT, 'src/cli/validate.ts');
const STRIP_TYPES = ['--experimental-strip-types', '--disable-warning=ExperimentalWarning'];

export interface Phase {
  wall_s: number;
  cpu_s: number;
  peak_rss_mb: number;
}

interface TimedRun {
  phase: Phase;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command under GNU time and returns its phase, exit status and output. */
function timedRun(cwd: string, args: string[], env: Record<string, string> = {}): TimedRun {
  const result = spawnSync('/usr/bin/time', ['-f', 'BENCH %e %U %S %M', process.execPath, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  const line = /BENCH ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(result.stderr);
  if (!line) throw new Error(`${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return {
    phase: { wall_s: Number(line[1]), cpu_s: Number(line[2]) + Number(line[3]), peak_rss_mb: Math.round(Number(line[4]) / 1024) },
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr.replace(/^BENCH .*\n?/m, ''),
  };
}

/** Runs a command under GNU time; fails loudly with its output if it fails. */
function timed(cwd: string, args: string[], env: Record<string, string> = {}): Phase {
  const run = timedRun(cwd, args, env);
  if (run.status !== 0) throw new Error(`${args.join(' ')} failed:\n${run.stdout}\n${run.stderr}`);
  return run.phase;
}

function machine(): { cores: number; memory_gb: number; node: string } {
  return { cores: cpus().length, memory_gb: Math.round(totalmem() / 2 ** 30), node: process.versions.node };
}

function sizeMb(dir: string): number {
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return Math.round((bytes / 1e6) * 10) / 10;
}

function htmlPages(dir: string): { path: string; kb: number }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => {
      const path = join(e.parentPath, e.name);
      return { path: relative(dir, path), kb: Math.round(statSync(path).size / 100) / 10 };
    });
}

/** Page weights that must not grow with N: the heaviest page of each kind, and the heaviest of all. */
export interface PageWeights {
  home_kb: number;
  certification_page_max_kb: number;
  rome_page_max_kb: number;
  list_page_max_kb: number;
  largest_page: { path: string; kb: number };
  search_index_largest_file_kb: number;
}

function pageWeights(dist: string): PageWeights {
  const pages = htmlPages(dist);
  const max = (pattern: RegExp) => Math.max(0, ...pages.filter((p) => pattern.test(p.path)).map((p) => p.kb));
  const largest = pages.reduce((a, b) => (b.kb > a.kb ? b : a));
  const index = readdirSync(join(dist, 'pagefind'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return {
    home_kb: max(/^index\.html$/),
    certification_page_max_kb: max(/^certifications\/rncp\d+\/index\.html$/),
    rome_page_max_kb: max(/^rome\/[a-n]\d{4}\/index\.html$/),
    list_page_max_kb: max(
      /^(?:certifications|rome)\/(?:\d+\/)?index\.html$|^certifications\/(?:niveau|statut|rome)\/|^historique\/index\.html$/,
    ),
    largest_page: largest,
    search_index_largest_file_kb: Math.round(Math.max(...index.map((e) => statSync(join(e.parentPath, e.name)).size)) / 100) / 10,
  };
}

/** The bare Astro site the issue calls the framework floor. */
function writeFloor(dir: string, contentDir: string): void {
  mkdirSync(join(dir, 'src/pages'), { recursive: true });
  symlinkSync(NODE_MODULES, join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(
    join(dir, 'astro.config.mjs'),
    "import { defineConfig } from 'astro/config';\nexport default defineConfig({ site: 'https://floor.example.org', cacheDir: './.cache/astro' });\n",
  );
  writeFileSync(
    join(dir, 'src/content.config.ts'),
    `import { defineCollection } from 'astro:content';\nimport { glob } from 'astro/loaders';\nexport const collections = { records: defineCollection({ loader: glob({ pattern: '*.yaml', base: ${JSON.stringify(join(contentDir, 'certifications'))} }) }) };\n`,
  );
  writeFileSync(
    join(dir, 'src/pages/[id].astro'),
    '---\nimport { getCollection } from \'astro:content\';\nexport async function getStaticPaths() {\n  return (await getCollection(\'records\')).map((entry) => ({ params: { id: entry.id }, props: { entry } }));\n}\nconst { entry } = Astro.props;\n---\n<html lang="fr"><head><meta charset="utf-8" /><title>{entry.data.intitule}</title></head><body><h1>{entry.data.intitule}</h1><p>{entry.data.objectifs}</p></body></html>\n',
  );
}

export interface BenchResult {
  records: number;
  machine: { cores: number; memory_gb: number; node: string };
  total_wall_s: number;
  peak_rss_mb: number;
  floor_wall_s: number;
  floor_peak_rss_mb: number;
  ratio_to_floor: number;
  pages: number;
  pages_per_s: number;
  dist_mb: number;
  search_index_mb: number;
  page_weights: PageWeights;
  /** Build again after changing one record (not part of the total). */
  rebuild_one_s: number;
  phases: Record<string, Phase>;
  /** With `flow`: importing the official flow export of N RNCP and M RS records (not part of the total). */
  import?: ImportResult;
}

export interface BenchOptions {
  /** Keep the work folder. */
  keep?: boolean;
  /** Commit the generated tree to a git repository first: the build then renders every record's history. */
  git?: boolean;
  /** Also time the import of the flow export (N RNCP records and `rs` RS records). */
  flow?: boolean;
  /** RS records in the flow export; the registry's share of N by default. */
  rs?: number | undefined;
}

/** Generates N records and times both pipelines; the work folder is removed unless kept. */
export function runBench(records: number, options: BenchOptions = {}): BenchResult {
  const work = mkdtempSync(join(tmpdir(), 'certidocs-bench-'));
  try {
    const project = join(work, 'certidocs');
    mkdirSync(project);
    for (const path of ['src', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json'])
      cpSync(join(PROJECT_ROOT, path), join(project, path), { recursive: true });
    symlinkSync(NODE_MODULES, join(project, 'node_modules'), 'dir');
    generateTree(project, records);
    if (options.git) {
      const git = (...args: string[]) => spawnSync('git', args, { cwd: project, stdio: 'ignore' });
      git('init', '--quiet');
      git('add', '--all');
      git(
        '-c',
        'user.name=certidocs bench',
        '-c',
        'user.email=bench@certidocs.invalid',
        'commit',
        '--quiet',
        '--no-verify',
        '--message',
        'Import du registre',
      );
    }
    const floor = join(work, 'floor');
    writeFloor(floor, join(project, 'content'));

    const phases: Record<string, Phase> = {
      validate: timed(project, [...STRIP_TYPES, 'src/cli/validate.ts', '--root', project]),
      build: timed(project, [...STRIP_TYPES, 'src/cli/build.ts'], { CERTIDOCS_PAGEFIND: 'off' }),
      index: timed(project, [PAGEFIND, '--site', 'dist', '--glob', INDEXED_PAGES, '--force-language', 'fr']),
      floor_build: timed(floor, [ASTRO, 'build']),
      floor_index: timed(floor, [PAGEFIND, '--site', 'dist', '--force-language', 'fr']),
    };
    const dist = join(project, 'dist');
    const page_weights = pageWeights(dist);
    const pages = htmlPages(dist).length;
    const dist_mb = sizeMb(dist);
    const search_index_mb = sizeMb(join(dist, 'pagefind'));
    // An editor's pull request: one record changed since the last build.
    const changed = join(project, 'content/certifications/rncp10000.yaml');
    writeFileSync(changed, readFileSync(changed, 'utf8').replace(/^intitule: (.*)$/m, 'intitule: $1 (modifié)'));
    const rebuild = timed(project, [...STRIP_TYPES, 'src/cli/build.ts'], { CERTIDOCS_PAGEFIND: 'off' });
    const flowImport = options.flow ? timeImport(join(work, 'flow'), records, options.rs ?? registryShareOfRs(records)) : undefined;
    const total = phases.validate.wall_s + phases.build.wall_s + phases.index.wall_s;
    const floorTotal = phases.floor_build.wall_s + phases.floor_index.wall_s;
    return {
      records,
      machine: machine(),
      total_wall_s: Math.round(total * 100) / 100,
      peak_rss_mb: Math.max(phases.validate.peak_rss_mb, phases.build.peak_rss_mb, phases.index.peak_rss_mb),
      floor_wall_s: Math.round(floorTotal * 100) / 100,
      floor_peak_rss_mb: Math.max(phases.floor_build.peak_rss_mb, phases.floor_index.peak_rss_mb),
      ratio_to_floor: Math.round((total / floorTotal) * 100) / 100,
      pages,
      pages_per_s: Math.round(pages / phases.build.wall_s),
      dist_mb,
      search_index_mb,
      page_weights,
      rebuild_one_s: rebuild.wall_s,
      phases,
      ...(flowImport ? { import: flowImport } : {}),
    };
  } finally {
    if (!options.keep) rmSync(work, { recursive: true, force: true });
  }
}

/** RS records for N RNCP records, in the registry's proportion (4,837 per 25,638): 4,837 at N = 25,638. */
export function registryShareOfRs(rncp: number): number {
  return Math.round((rncp * REGISTRY.rs) / REGISTRY.rncp);
}

/** The import target: the registry's 30,475 records in under 30 s, with a peak RSS under 500 MB. */
export const IMPORT_TARGET = { records: REGISTRY.rncp + REGISTRY.rs, wall_s: 30, peak_rss_mb: 500 } as const;

/** What `npm run import -- --format json` reports, as far as the bench reads it. */
interface ImportJson {
  counts?: Record<string, number>;
  dropped?: unknown[];
  rejected?: unknown[];
  notImported?: unknown[];
  romeLabels?: unknown[];
  unknownElements?: { name: string; count: number }[];
}

/** One run of the importer: its counts and the values it left out, from its JSON report. */
export interface ImportRun {
  counts: Record<string, number>;
  dropped: number;
  rejected: number;
  not_imported: number;
  rome_label_conflicts: number;
  unknown_elements: string[];
}

export interface ImportResult {
  rncp_records: number;
  rs_records: number;
  export_mb: { rncp: number; rs: number };
  /** Importing the RNCP export then the RS export (wall seconds, summed). */
  import_wall_s: number;
  /** The higher peak RSS of the two imports. */
  import_peak_rss_mb: number;
  /** Files the second import of the RNCP export changed, added or removed (0 expected). */
  reimport_changed_files: number;
  /** Files in the content tree after the imports, by folder. */
  files: Record<string, number>;
  /** Exit status of `validate` over the imported tree (0: no error). */
  validate_status: number | null;
  runs: { rncp: ImportRun; rs: ImportRun; reimport_rncp: ImportRun };
  /**
   * generate_flow (writing both files, for the record: not the import), import_rncp, import_rs, reimport_rncp,
   * validate_imported, and write_floor (creating the imported files again, nothing else: the import's floor).
   */
  phases: Record<string, Phase>;
}

function importRun(stdout: string): ImportRun {
  let report: ImportJson = {};
  try {
    report = JSON.parse(stdout) as ImportJson;
  } catch {
    // Another format than the JSON report: counts unknown.
  }
  return {
    counts: report.counts ?? {},
    dropped: report.dropped?.length ?? 0,
    rejected: report.rejected?.length ?? 0,
    not_imported: report.notImported?.length ?? 0,
    rome_label_conflicts: report.romeLabels?.length ?? 0,
    unknown_elements: (report.unknownElements ?? []).map((e) => `${e.name} (${e.count})`),
  };
}

/** SHA-1 of every file under dir, by relative path. */
function digests(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.set(relative(dir, path), createHash('sha1').update(readFileSync(path)).digest('hex'));
  }
  return out;
}

/**
 * The import phase, in `work` (created): writes the RNCP and RS exports, then, under GNU time, imports the RNCP
 * file and the RS file into an empty content tree that holds only the project's schemas, imports the RNCP file
 * again (which should change nothing), and validates the imported tree.
 */
export function timeImport(work: string, rncp: number, rs: number, seed = 1): ImportResult {
  const flowDir = join(work, 'exports');
  const root = join(work, 'import');
  mkdirSync(join(root, 'content'), { recursive: true });
  cpSync(join(PROJECT_ROOT, 'schemas'), join(root, 'schemas'), { recursive: true });
  const generate_flow = timed(PROJECT_ROOT, [
    ...STRIP_TYPES,
    join(PROJECT_ROOT, 'bench/flow-xml.ts'),
    '--rncp',
    String(rncp),
    '--rs',
    String(rs),
    '--out',
    flowDir,
    '--seed',
    String(seed),
  ]);
  const exports = { rncp: join(flowDir, exportFileName('RNCP')), rs: join(flowDir, exportFileName('RS')) };
  const importer = (file: string) => {
    const run = timedRun(root, [...STRIP_TYPES, IMPORTER, file, '--root', root, '--format', 'json']);
    if (run.status !== 0) throw new Error(`import of ${file} failed (exit ${run.status}):\n${run.stderr}\n${run.stdout.slice(0, 20000)}`);
    return run;
  };
  const first = importer(exports.rncp);
  const second = importer(exports.rs);
  const content = join(root, 'content');
  const before = digests(content);
  const again = importer(exports.rncp);
  const after = digests(content);
  let changed = 0;
  for (const [path, digest] of after) if (before.get(path) !== digest) changed++;
  for (const path of before.keys()) if (!after.has(path)) changed++;
  const files: Record<string, number> = {};
  for (const path of after.keys()) {
    const folder = path.split(/[\\/]/)[0];
    files[folder] = (files[folder] ?? 0) + 1;
  }
  const validation = timedRun(root, [...STRIP_TYPES, VALIDATOR, '--root', root]);
  const write_floor = timed(root, ['-e', WRITE_FLOOR, content, join(work, 'floor')]);
  return {
    rncp_records: rncp,
    rs_records: rs,
    export_mb: {
      rncp: Math.round(statSync(exports.rncp).size / 1e5) / 10,
      rs: Math.round(statSync(exports.rs).size / 1e5) / 10,
    },
    import_wall_s: Math.round((first.phase.wall_s + second.phase.wall_s) * 100) / 100,
    import_peak_rss_mb: Math.max(first.phase.peak_rss_mb, second.phase.peak_rss_mb),
    reimport_changed_files: changed,
    files,
    validate_status: validation.status,
    runs: { rncp: importRun(first.stdout), rs: importRun(second.stdout), reimport_rncp: importRun(again.stdout) },
    phases: {
      generate_flow,
      import_rncp: first.phase,
      import_rs: second.phase,
      reimport_rncp: again.phase,
      validate_imported: validation.phase,
      write_floor,
    },
  };
}

/**
 * The floor of an import on this machine: creating the files it wrote, with the same bytes, one after the other
 * (each read back from the imported tree first). Creating a file is what costs here (about 0.7 ms of kernel time
 * per file on this VM, even on tmpfs), not writing its bytes.
 */
const WRITE_FLOOR = `
const { mkdirSync, readdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');
const [from, to] = process.argv.slice(1);
for (const entry of readdirSync(from, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue;
  const target = join(to, relative(from, entry.parentPath));
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, entry.name), readFileSync(join(entry.parentPath, entry.name)));
}`;

export interface ImportBenchResult extends ImportResult {
  machine: { cores: number; memory_gb: number; node: string };
}

/** `--only import`: the import phase alone, in a work folder removed unless kept. */
export function runImportBench(rncp: number, options: { rs?: number | undefined; keep?: boolean; seed?: number } = {}): ImportBenchResult {
  const work = mkdtempSync(join(tmpdir(), 'certidocs-bench-import-'));
  try {
    return { machine: machine(), ...timeImport(work, rncp, options.rs ?? registryShareOfRs(rncp), options.seed) };
  } finally {
    if (options.keep) console.error(`work folder kept: ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

const thousands = (n: number) => n.toLocaleString('en-US');

/** The import phase's table and summary. */
export function importMarkdown(result: ImportResult): string {
  const total = result.rncp_records + result.rs_records;
  const rows = Object.entries(result.phases).map(([name, p]) => `| ${name} | ${p.wall_s} | ${p.cpu_s.toFixed(2)} | ${p.peak_rss_mb} |`);
  const met = result.import_wall_s < IMPORT_TARGET.wall_s && result.import_peak_rss_mb < IMPORT_TARGET.peak_rss_mb;
  const run = (name: string, r: ImportRun) =>
    `${name}: ${Object.entries(r.counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(
        ', ',
      )}; ${r.dropped} values left out, ${r.rejected} records refused, ${r.not_imported} not merged, ${r.rome_label_conflicts} ROME label conflicts${
      r.unknown_elements.length > 0 ? `; unknown elements: ${r.unknown_elements.join(', ')}` : ''
    }.`;
  return [
    `Import of ${thousands(total)} records (${thousands(result.rncp_records)} RNCP, ${result.export_mb.rncp} MB + ${thousands(result.rs_records)} RS, ${result.export_mb.rs} MB)`,
    '',
    '| phase | wall (s) | CPU (s) | peak RSS (MB) |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    `Import (RNCP then RS): ${result.import_wall_s} s, peak RSS ${result.import_peak_rss_mb} MB; target at ${thousands(IMPORT_TARGET.records)} records: under ${IMPORT_TARGET.wall_s} s and ${IMPORT_TARGET.peak_rss_mb} MB (${met ? 'within it' : 'NOT within it'}${total === IMPORT_TARGET.records ? '' : ' at this size'}).`,
    `Floor (creating the ${thousands(Object.values(result.files).reduce((a, b) => a + b, 0))} imported files with the same bytes): ${result.phases.write_floor.wall_s} s; the import takes ${(result.import_wall_s / result.phases.write_floor.wall_s).toFixed(2)} times as long.`,
    `Re-import of the RNCP export: ${result.reimport_changed_files} files changed (0 expected).`,
    `Content after import: ${Object.entries(result.files)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; validate ${result.validate_status === 0 ? 'passes' : `exits ${result.validate_status}`}.`,
    run('RNCP import', result.runs.rncp),
    run('RS import', result.runs.rs),
    run('RNCP re-import', result.runs.reimport_rncp),
  ].join('\n');
}

/** The Markdown table printed after a run. */
export function markdownTable(result: BenchResult): string {
  const rows = Object.entries(result.phases).map(([name, p]) => `| ${name} | ${p.wall_s} | ${p.cpu_s.toFixed(2)} | ${p.peak_rss_mb} |`);
  return [
    `N = ${result.records} records (${result.pages} pages), ${result.machine.cores} cores, ${result.machine.memory_gb} GB, Node ${result.machine.node}`,
    '',
    '| phase | wall (s) | CPU (s) | peak RSS (MB) |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    `certidocs ${result.total_wall_s} s vs floor ${result.floor_wall_s} s: ratio ${result.ratio_to_floor}; peak RSS ${result.peak_rss_mb} MB vs ${result.floor_peak_rss_mb} MB;`,
    `${result.pages_per_s} pages/s; dist ${result.dist_mb} MB, search index ${result.search_index_mb} MB (largest file ${result.page_weights.search_index_largest_file_kb} KB).`,
    `Rebuild after changing one record: ${result.rebuild_one_s} s.`,
    `Heaviest pages: home ${result.page_weights.home_kb} KB, certification ${result.page_weights.certification_page_max_kb} KB, ROME ${result.page_weights.rome_page_max_kb} KB, list ${result.page_weights.list_page_max_kb} KB; largest ${result.page_weights.largest_page.path} (${result.page_weights.largest_page.kb} KB).`,
    ...(result.import ? ['', importMarkdown(result.import)] : []),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      records: { type: 'string', default: '1000' },
      json: { type: 'string' },
      keep: { type: 'boolean' },
      git: { type: 'boolean' },
      flow: { type: 'boolean' },
      only: { type: 'string' },
      rs: { type: 'string' },
    },
  });
  const records = Number(values.records);
  const rs = values.rs === undefined ? undefined : Number(values.rs);
  if (!Number.isInteger(records) || records < 1 || (rs !== undefined && (!Number.isInteger(rs) || rs < 0))) {
    console.error('usage: npm run bench -- --records N [--flow] [--only import] [--rs M] [--json FILE] [--keep] [--git]');
    process.exit(2);
  }
  if (values.only !== undefined && values.only !== 'import') {
    console.error(`--only: unknown phase « ${values.only} » (known: import)`);
    process.exit(2);
  }
  const result =
    values.only === 'import'
      ? runImportBench(records, { rs, keep: values.keep ?? false })
      : runBench(records, { keep: values.keep ?? false, git: values.git ?? false, flow: values.flow ?? false, rs });
  console.log('total_wall_s' in result ? markdownTable(result) : importMarkdown(result));
  if (values.json) writeFileSync(values.json, `${JSON.stringify(result, null, 2)}\n`);
}
