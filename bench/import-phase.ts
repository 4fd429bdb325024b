/**
 * The import of the official flow, timed: bench/flow-xml.ts writes the RNCP and RS exports, `npm run import`
 * (src/cli/import.ts) reads them into a content tree. The whole bench imports into the project it then builds;
 * `--only import` also re-imports the RNCP export (which should change nothing) and measures the write floor.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportFileName } from './flow-xml.ts';
import { timed, timedRun } from './timed.ts';
import type { Phase } from './timed.ts';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const IMPORTER = join(PROJECT_ROOT, 'src/cli/import.ts');
const VALIDATOR = join(PROJECT_ROOT, 'src/cli/validate.ts');
const FLOW_XML = join(PROJECT_ROOT, 'bench/flow-xml.ts');
export const STRIP_TYPES = ['--experimental-strip-types', '--disable-warning=ExperimentalWarning'];

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

/** The two export files, as a publisher downloads them. */
export interface FlowFiles {
  rncp: string;
  rs: string;
  /** Their sizes in MB. */
  export_mb: { rncp: number; rs: number };
  /** Writing both files (not part of any total). */
  generate_flow: Phase;
}

/** Writes the RNCP and RS exports of rncp and rs records into dir, under GNU time. */
export function writeFlow(dir: string, rncp: number, rs: number, env: Record<string, string>, seed = 1): FlowFiles {
  const args = [...STRIP_TYPES, FLOW_XML, '--rncp', String(rncp), '--rs', String(rs), '--out', dir, '--seed', String(seed)];
  const generate_flow = timed(PROJECT_ROOT, args, env);
  const files = { rncp: join(dir, exportFileName('RNCP')), rs: join(dir, exportFileName('RS')) };
  const mb = (path: string) => Math.round(statSync(path).size / 1e5) / 10;
  return { ...files, export_mb: { rncp: mb(files.rncp), rs: mb(files.rs) }, generate_flow };
}

/** Imports one export file into root's content/, under GNU time; fails loudly if the importer does. */
export function importFile(root: string, file: string, env: Record<string, string>): { phase: Phase; run: ImportRun } {
  const result = timedRun(root, [...STRIP_TYPES, IMPORTER, file, '--root', root, '--format', 'json'], env);
  if (result.status !== 0) {
    throw new Error(`import of ${file} failed (exit ${result.status}):\n${result.stderr}\n${result.stdout.slice(0, 20000)}`);
  }
  return { phase: result.phase, run: importRun(result.stdout) };
}

/** Files under a content tree, by folder (certifications, rs, rome). */
export function countFiles(content: string): Record<string, number> {
  const files: Record<string, number> = {};
  for (const entry of readdirSync(content, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const folder = relative(content, entry.parentPath).split(/[\\/]/)[0];
    files[folder] = (files[folder] ?? 0) + 1;
  }
  return files;
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
  runs: { rncp: ImportRun; rs?: ImportRun; reimport_rncp: ImportRun };
  /**
   * generate_flow (writing both files, for the record: not the import), import_rncp, import_rs (when there are
   * RS records), reimport_rncp, validate_imported, and write_floor (creating the imported files again, nothing
   * else: the import's floor).
   */
  phases: Record<string, Phase>;
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

/**
 * `--only import`, in `work` (created): writes the exports, then, under GNU time, imports the RNCP file and the
 * RS file into an empty content tree that holds only the project's schemas, imports the RNCP file again (which
 * should change nothing), validates the imported tree and measures the write floor.
 */
export function timeImport(work: string, rncp: number, rs: number, env: Record<string, string>, seed = 1): ImportResult {
  const root = join(work, 'import');
  mkdirSync(join(root, 'content'), { recursive: true });
  cpSync(join(PROJECT_ROOT, 'schemas'), join(root, 'schemas'), { recursive: true });
  const flow = writeFlow(join(work, 'exports'), rncp, rs, env, seed);
  const first = importFile(root, flow.rncp, env);
  const second = rs > 0 ? importFile(root, flow.rs, env) : undefined;
  const content = join(root, 'content');
  const before = digests(content);
  const again = importFile(root, flow.rncp, env);
  const after = digests(content);
  let changed = 0;
  for (const [path, digest] of after) if (before.get(path) !== digest) changed++;
  for (const path of before.keys()) if (!after.has(path)) changed++;
  const validation = timedRun(root, [...STRIP_TYPES, VALIDATOR, '--root', root], env);
  const write_floor = timed(root, ['-e', WRITE_FLOOR, content, join(work, 'floor')], env);
  const imports = [first.phase, ...(second ? [second.phase] : [])];
  return {
    rncp_records: rncp,
    rs_records: rs,
    export_mb: flow.export_mb,
    import_wall_s: Math.round(imports.reduce((s, p) => s + p.wall_s, 0) * 100) / 100,
    import_peak_rss_mb: Math.max(...imports.map((p) => p.peak_rss_mb)),
    reimport_changed_files: changed,
    files: countFiles(content),
    validate_status: validation.status,
    runs: { rncp: first.run, ...(second ? { rs: second.run } : {}), reimport_rncp: again.run },
    phases: {
      generate_flow: flow.generate_flow,
      import_rncp: first.phase,
      ...(second ? { import_rs: second.phase } : {}),
      reimport_rncp: again.phase,
      validate_imported: validation.phase,
      write_floor,
    },
  };
}
