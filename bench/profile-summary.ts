/**
 * `node bench/profile-summary.ts DIR [--top N]`: where the time of a profiled bench run goes. Reads every
 * .cpuprofile under DIR (`npm run bench -- --profile DIR` writes them, one per Node process) and prints the
 * functions with the most self time and the self time by source: node_modules/<package>, src/<file>, Node's
 * own modules, the build's bundled chunks, and V8's (garbage collector), (program) and (idle).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** The parts of V8's .cpuprofile format the summary reads. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  ms: number;
}

export interface ProfileSummary {
  profiles: number;
  /** Time sampled on the CPU, waiting and idle time left out. */
  busy_ms: number;
  /** Time processes spent blocked in spawnSync, waiting for a child. */
  waiting_ms: number;
  idle_ms: number;
  functions: SelfTime[];
  sources: SelfTime[];
}

const WAITING = '(waiting for a child process)';

/** A script URL, short: from node_modules/ or src/ on, Node's module name, or a bundled chunk's name. */
export function shortPath(url: string): string {
  if (url.startsWith('node:')) return url;
  const path = url.replace(/^file:\/\//, '').split(/[?#]/)[0];
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) return path.slice(modules + 1);
  const src = path.indexOf('/src/');
  if (src >= 0) return path.slice(src + 1);
  // Astro's build renders pages from chunks it bundled from src/ (dist-staging/.prerender/chunks/…).
  return `(bundled) ${/(?:\.prerender\/)?(?:chunks\/)?[^/]*$/.exec(path)?.[0] ?? path}`;
}

/**
 * The source a frame belongs to: node_modules/<package>, src/<file>, node:<module>, a bundled chunk, or V8's
 * (garbage collector), (program), (idle). A process blocked in spawnSync is waiting for its child (build.ts for
 * Astro, Pagefind's wrapper for its binary), whose own profile or CPU time says what it did.
 */
export function sourceOf(url: string, functionName = ''): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url === 'node:internal/child_process' && functionName === 'spawnSync') return WAITING;
  const path = shortPath(url);
  if (path.startsWith('node:internal/')) return path.split('/').slice(0, 2).join('/');
  if (path.startsWith('node:')) return path;
  if (path.startsWith('node_modules/')) {
    const parts = path.split('/');
    return parts.slice(0, parts[1].startsWith('@') ? 3 : 2).join('/');
  }
  return path;
}

/** Self time of each node, in microseconds: each sample lasts until the next one (the last until endTime). */
function selfTimes(profile: CpuProfile): Map<number, number> {
  const out = new Map<number, number>();
  let time = profile.startTime;
  const stamps = profile.timeDeltas.map((delta) => (time += delta));
  profile.samples.forEach((id, i) => {
    const duration = (i + 1 < stamps.length ? stamps[i + 1] : profile.endTime) - stamps[i];
    out.set(id, (out.get(id) ?? 0) + Math.max(0, duration));
  });
  return out;
}

const ranked = (totals: Map<string, number>, top: number): SelfTime[] =>
  [...totals]
    .map(([name, us]) => ({ name, ms: Math.round(us / 100) / 10 }))
    .sort((a, b) => b.ms - a.ms || a.name.localeCompare(b.name))
    .slice(0, top);

/** Adds up the self time of several profiles by function (name and location) and by source. */
export function summarizeProfiles(profiles: CpuProfile[], top = 25): ProfileSummary {
  const functions = new Map<string, number>();
  const sources = new Map<string, number>();
  const off = { waiting: 0, idle: 0 };
  for (const profile of profiles) {
    const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
    for (const [id, us] of selfTimes(profile)) {
      const frame = nodes.get(id);
      if (!frame) continue;
      const source = sourceOf(frame.url, frame.functionName);
      if (source === WAITING || source === '(idle)') {
        off[source === WAITING ? 'waiting' : 'idle'] += us;
        continue;
      }
      const fn = frame.functionName || '(anonymous)';
      const name =
        frame.url === '' ? (fn.startsWith('(') ? fn : `${fn} (native)`) : `${fn} ${shortPath(frame.url)}:${frame.lineNumber + 1}`;
      functions.set(name, (functions.get(name) ?? 0) + us);
      sources.set(source, (sources.get(source) ?? 0) + us);
    }
  }
  const busy = [...sources.values()].reduce((a, b) => a + b, 0);
  return {
    profiles: profiles.length,
    busy_ms: Math.round(busy / 1000),
    waiting_ms: Math.round(off.waiting / 1000),
    idle_ms: Math.round(off.idle / 1000),
    functions: ranked(functions, top),
    sources: ranked(sources, top),
  };
}

/** Every .cpuprofile under dir, read. */
export function readProfiles(dir: string): CpuProfile[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.cpuprofile'))
    .map((e) => JSON.parse(readFileSync(join(e.parentPath, e.name), 'utf8')) as CpuProfile);
}

/** The summary as two Markdown tables. */
export function profileMarkdown(summary: ProfileSummary): string {
  const share = (ms: number) => `${((ms / Math.max(1, summary.busy_ms)) * 100).toFixed(1)} %`;
  const table = (title: string, rows: SelfTime[]) => [
    `| ${title} | self (ms) | share |`,
    '| --- | --- | --- |',
    ...rows.map((r) => `| \`${r.name}\` | ${r.ms} | ${share(r.ms)} |`),
  ];
  return [
    `${summary.profiles} profiles: ${summary.busy_ms} ms on the CPU (the shares below), besides ${summary.waiting_ms} ms waiting for a child process and ${summary.idle_ms} ms idle.`,
    '',
    ...table('source', summary.sources),
    '',
    ...table('function', summary.functions),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
  if (positionals.length !== 1 || !Number.isInteger(Number(values.top))) {
    console.error('usage: node bench/profile-summary.ts DIR [--top N]');
    process.exit(2);
  }
  const profiles = readProfiles(positionals[0]);
  if (profiles.length === 0) {
    console.error(`${positionals[0]}: no .cpuprofile file`);
    process.exit(1);
  }
  console.log(profileMarkdown(summarizeProfiles(profiles, Number(values.top))));
}
