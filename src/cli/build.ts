/**
 * `npm run build`: builds the site into a staging folder and swaps it in only when the build
 * succeeded, so a failed validation or build never leaves a partial or mixed dist/ to deploy.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sizeSettingErrors } from '../core/size-settings.ts';

/**
 * Node's default heap (about 4 GB) is close to what a registry-sized build needs: near the limit the
 * garbage collector runs all the time and the build slows down, then fails. Builds get three quarters
 * of the machine's memory instead (in MB), unless NODE_OPTIONS already chose.
 */
export function defaultHeapMb(): number {
  return Math.floor((totalmem() / 2 ** 20) * 0.75);
}

function heapArguments(): string[] {
  if ((process.env.NODE_OPTIONS ?? '').includes('--max-old-space-size')) return [];
  return [`--max-old-space-size=${defaultHeapMb()}`];
}

/** Runs the build in root; returns Astro's exit code, 0 once dist/ holds the new site, 2 before starting it when a size setting is wrong. */
export function main(root: string, out: (text: string) => void, err: (text: string) => void): number {
  const wrong = sizeSettingErrors(process.env);
  if (wrong.length > 0) {
    err(`${wrong.map((message) => `${message}\n  → Corrigez cette variable d'environnement ou retirez-la.`).join('\n')}\n`);
    return 2;
  }
  const dist = join(root, 'dist');
  const cache = join(root, '.cache');
  const staging = join(cache, 'dist-staging');
  mkdirSync(cache, { recursive: true });
  rmSync(staging, { recursive: true, force: true });
  const astro = join(root, 'node_modules/astro/bin/astro.mjs');
  const result = spawnSync(process.execPath, [...heapArguments(), astro, 'build', '--outDir', staging], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    err(`La construction a échoué : dist/ n'a pas été modifié${existsSync(dist) ? ' et garde le site précédent' : ''}.\n`);
    return result.status ?? 1;
  }
  // Two renames within one folder tree: dist/ is either the old site or the new one, never a mix.
  const previous = join(cache, `${PREVIOUS_PREFIX}${Date.now()}-${process.pid}`);
  if (existsSync(dist)) renameSync(dist, previous);
  renameSync(staging, dist);
  for (const name of readdirSync(cache)) if (name.startsWith(PREVIOUS_PREFIX)) removeInBackground(join(cache, name));
  out('Site construit dans dist/.\n');
  return 0;
}

/** The previous sites being deleted: .cache/dist-previous-<time>-<pid>, one per build, so that deletions never meet. */
const PREVIOUS_PREFIX = 'dist-previous-';

/**
 * Deletes a folder from a detached process that outlives the build: at registry scale the previous site's files
 * took seconds to delete, which neither the editor nor the next step of a pipeline need wait for.
 */
function removeInBackground(folder: string): void {
  const script = 'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true })';
  spawn(process.execPath, ['-e', script, folder], { detached: true, stdio: 'ignore' }).unref();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = main(
    resolve(process.cwd()),
    (t) => process.stdout.write(t),
    (t) => process.stderr.write(t),
  );
}
