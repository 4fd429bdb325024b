/**
 * Writes the site's search index with Pagefind, bundle by bundle (search-bundles.ts): each bundle is
 * its own Pagefind process, ended before the next starts, so that the peak memory is one bundle's.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SEARCH_BUNDLE_PAGES, sizeOf } from '../size-settings.ts';
import { BUNDLE_LIST, bundleList, globOfPaths, planSearchBundles, SEARCH_DIR } from './search-bundles.ts';
import type { SearchBundle } from './search-bundles.ts';
import { listIndexedPages } from './search-scope.ts';

/** What indexing found and wrote. */
export interface SearchIndexSummary {
  pages: number;
  bundles: number;
}

/** The environment variable that sets the pages per bundle, for a deployment that wants smaller or larger ones. */
export const BUNDLE_PAGES_VARIABLE = SEARCH_BUNDLE_PAGES.variable;

/** The pages per bundle a variable asks for, or the default; a value that is not a positive integer is an error, said in French. */
export function bundlePagesOf(value: string | undefined): number {
  return sizeOf(SEARCH_BUNDLE_PAGES, value);
}

/** Indexes the built site in `site` (its `pagefind/` replaced), in bundles of at most `bundlePages` pages. */
export async function writeSearchIndex(site: string, bundlePages: number): Promise<SearchIndexSummary> {
  const bundles = planSearchBundles(listIndexedPages(site), bundlePages);
  rmSync(join(site, SEARCH_DIR), { recursive: true, force: true });
  for (const bundle of bundles) await writeBundle(site, bundle);
  for (const bundle of bundles.slice(1)) removeInterface(join(site, bundle.dir));
  writeFileSync(join(site, SEARCH_DIR, BUNDLE_LIST), `${JSON.stringify(bundleList(bundles))}\n`);
  return { pages: bundles.reduce((sum, bundle) => sum + bundle.pages.length, 0), bundles: bundles.length };
}

/**
 * One bundle, by Pagefind's command line in a process of its own, awaited to its exit: its memory is
 * back to the system before the next bundle starts, and a parent measuring its children (GNU time, in
 * the bench) counts it. The paths go in a configuration file: a bundle's glob is longer than a command
 * line's argument may be.
 */
async function writeBundle(site: string, bundle: SearchBundle): Promise<void> {
  const output = join(site, bundle.dir);
  const config = mkdtempSync(join(tmpdir(), 'certidocs-pagefind-'));
  try {
    // An empty alternative would match nothing either, but Pagefind refuses an empty glob.
    const glob = bundle.pages.length > 0 ? globOfPaths(bundle.pages) : 'aucune-page';
    writeFileSync(join(config, 'pagefind.json'), JSON.stringify({ site, glob, output_path: output, force_language: 'fr', quiet: true }));
    const { status, stderr } = await run(process.execPath, [PAGEFIND_CLI], config);
    if (status !== 0) throw new Error(`Pagefind s'est arrêté (code ${status}) sur ${bundle.dir} : ${stderr.trim().slice(-2_000)}`);
  } finally {
    rmSync(config, { recursive: true, force: true });
  }
  const entry = JSON.parse(readFileSync(join(output, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  const indexed = Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
  if (indexed !== bundle.pages.length) {
    throw new Error(
      `Pagefind a indexé ${indexed} pages sur ${bundle.pages.length} dans ${bundle.dir} : une page a échappé au motif des chemins.`,
    );
  }
}

/** Pagefind's command line (its npm wrapper, which finds the binary for this platform). */
const PAGEFIND_CLI = fileURLToPath(new URL('runner/bin.cjs', import.meta.resolve('pagefind')));

function run(command: string, args: string[], cwd: string): Promise<{ status: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', fail);
    child.on('close', (status) => done({ status, stderr }));
  });
}

/**
 * A merged bundle is searched with the first bundle's WebAssembly and shown by its interface: only its
 * entry, metadata, word and filter chunks and fragments are read. Its copies of the scripts, styles
 * and WebAssembly go.
 */
function removeInterface(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory() || name === 'pagefind-entry.json' || name.endsWith('.pf_meta')) continue;
    rmSync(path);
  }
}
