/** Runs the bench's commands under GNU time (`/usr/bin/time`): wall and CPU seconds, peak RSS. */
import { spawnSync } from 'node:child_process';

/** One timed command: wall seconds, CPU seconds (user + system) and peak resident set size. */
export interface Phase {
  wall_s: number;
  cpu_s: number;
  peak_rss_mb: number;
}

export interface TimedRun {
  phase: Phase;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node ...args` in cwd under GNU time and returns its phase, exit status and output. */
export function timedRun(cwd: string, args: string[], env: Record<string, string> = {}): TimedRun {
  const result = spawnSync('/usr/bin/time', ['-f', 'BENCH %e %U %S %M', process.execPath, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  const line = /BENCH ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(result.stderr);
  if (!line) throw new Error(`${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return {
    phase: {
      wall_s: Number(line[1]),
      cpu_s: Math.round((Number(line[2]) + Number(line[3])) * 100) / 100,
      peak_rss_mb: Math.round(Number(line[4]) / 1024),
    },
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr.replace(/^BENCH .*\n?/m, ''),
  };
}

/** Runs `node ...args` under GNU time; fails loudly with its output if it fails. */
export function timed(cwd: string, args: string[], env: Record<string, string> = {}): Phase {
  const run = timedRun(cwd, args, env);
  if (run.status !== 0) throw new Error(`${args.join(' ')} failed:\n${run.stdout}\n${run.stderr}`);
  return run.phase;
}

/** Sums phases: wall and CPU seconds add up, the peak RSS is the highest. */
export function sumPhases(phases: Phase[]): Phase {
  return {
    wall_s: Math.round(phases.reduce((s, p) => s + p.wall_s, 0) * 100) / 100,
    cpu_s: Math.round(phases.reduce((s, p) => s + p.cpu_s, 0) * 100) / 100,
    peak_rss_mb: Math.max(0, ...phases.map((p) => p.peak_rss_mb)),
  };
}
