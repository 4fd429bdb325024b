/**
 * `npm run bench -- --records N [--json FILE]`: times certidocs' pipeline (validate, Astro build,
 * Pagefind) on a generated tree of N certifications and, in the same run, the framework floor: a bare
 * Astro site rendering one page per record from the same YAML with the built-in glob() loader and a
 * trivial template, indexed by Pagefind. Wall and CPU seconds and peak RSS come from GNU time.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { INDEXED_PAGES } from '../src/integrations/search-scope.ts';
import { generateTree } from './generate.ts';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const NODE_MODULES = join(PROJECT_ROOT, 'node_modules');
const ASTRO = join(NODE_MODULES, 'astro/bin/astro.mjs');
const PAGEFIND = join(NODE_MODULES, 'pagefind/lib/runner/bin.cjs');
const STRIP_TYPES = ['--experimental-strip-types', '--disable-warning=ExperimentalWarning'];

export interface Phase {
  wall_s: number;
  cpu_s: number;
  peak_rss_mb: number;
}

/** Runs a command under GNU time; fails loudly with its output if it fails. */
function timed(cwd: string, args: string[], env: Record<string, string> = {}): Phase {
  const result = spawnSync('/usr/bin/time', ['-f', 'BENCH %e %U %S %M', process.execPath, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  const line = /BENCH ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(result.stderr);
  if (result.status !== 0 || !line) throw new Error(`${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return { wall_s: Number(line[1]), cpu_s: Number(line[2]) + Number(line[3]), peak_rss_mb: Math.round(Number(line[4]) / 1024) };
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
}

export interface BenchOptions {
  /** Keep the work folder. */
  keep?: boolean;
  /** Commit the generated tree to a git repository first: the build then renders every record's history. */
  git?: boolean;
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
    const total = phases.validate.wall_s + phases.build.wall_s + phases.index.wall_s;
    const floorTotal = phases.floor_build.wall_s + phases.floor_index.wall_s;
    return {
      records,
      machine: { cores: cpus().length, memory_gb: Math.round(totalmem() / 2 ** 30), node: process.versions.node },
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
    };
  } finally {
    if (!options.keep) rmSync(work, { recursive: true, force: true });
  }
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
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      records: { type: 'string', default: '1000' },
      json: { type: 'string' },
      keep: { type: 'boolean' },
      git: { type: 'boolean' },
    },
  });
  const result = runBench(Number(values.records), { keep: values.keep ?? false, git: values.git ?? false });
  console.log(markdownTable(result));
  if (values.json) writeFileSync(values.json, `${JSON.stringify(result, null, 2)}\n`);
}
