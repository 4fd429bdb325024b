/** A throwaway copy of the whole site (sources, schemas, content) for build and dev-server tests. */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from './content-tree.ts';

const ASTRO = join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs');
/** Variables vitest sets for its own Vite (import.meta.env), which would leak into the child's build. */
const VITEST_VARIABLES = new Set(['NODE_ENV', 'TEST', 'BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR']);

/** The environment of a plain shell: vitest's own variables change how Vite behaves in the child. */
const env = Object.fromEntries(
  // A copy built once has no cache to reuse: no incremental build (astro.config.mjs), unless a test asks for one.
  Object.entries({ ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0', CERTIDOCS_INCREMENTAL: 'off' }).filter(
    ([name]) => !name.startsWith('VITEST') && !VITEST_VARIABLES.has(name),
  ),
);

/** Copies the project (node_modules linked) into a temporary folder and returns its root. */
export function copyProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'certidocs-site-'));
  for (const path of ['src', 'schemas', 'content', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
    cpSync(join(PROJECT_ROOT, path), join(root, path), { recursive: true, force: true, errorOnExist: false });
  }
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

export function removeProject(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

/** Runs `astro build` in a project copy, with extra environment variables if given (SITE_URL, BASE_PATH). */
export function build(root: string, extraEnv: Record<string, string> = {}): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [ASTRO, 'build'], {
    cwd: root,
    env: { ...env, ...extraEnv },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface DevServer {
  url: string;
  /** Everything the server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `astro dev` on a free loopback port and waits until it answers. */
export async function startDev(root: string): Promise<DevServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [ASTRO, 'dev', '--host', '127.0.0.1', '--port', String(port)], { cwd: root, env });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`astro dev did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Polls until a condition holds (the dev server reacts to file events asynchronously). */
export async function waitFor(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
