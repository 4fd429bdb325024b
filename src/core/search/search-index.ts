/**
 * Writes the site's search index with Pagefind, bundle by bundle (search-bundles.ts): each bundle is
 * its own Pagefind process, closed before the next starts, so that the peak memory is one bundle's.
 */
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { BUNDLE_LIST, bundleList, DEFAULT_BUNDLE_PAGES, globOfPaths, planSearchBundles, SEARCH_DIR } from './search-bundles.ts';
import type { SearchBundle } from './search-bundles.ts';
import { listIndexedPages } from './search-scope.ts';

/** What indexing found and wrote. */
export interface SearchIndexSummary {
  pages: number;
  bundles: number;
}

/** The environment variable that sets the pages per bundle (the tests set a few, to search across bundles). */
export const BUNDLE_PAGES_VARIABLE = 'CERTIDOCS_SEARCH_BUNDLE_PAGES';

/** The pages per bundle a variable asks for, or the default; a value that is not a positive integer is an error, said in French. */
export function bundlePagesOf(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_BUNDLE_PAGES;
  if (!/^[1-9]\d*$/.test(value)) {
    throw new Error(
      `${BUNDLE_PAGES_VARIABLE} vaut « ${value} » : attendu un nombre entier de pages par lot, par exemple ${DEFAULT_BUNDLE_PAGES}.`,
    );
  }
  return Number(value);
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

async function writeBundle(site: string, bundle: SearchBundle): Promise<void> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'fr' });
  try {
    if (!index) throw new Error(`Pagefind n'a pas démarré : ${errors.join(' ; ')}`);
    if (bundle.pages.length > 0) {
      const added = await index.addDirectory({ path: site, glob: globOfPaths(bundle.pages) });
      if (added.errors.length > 0) throw new Error(`Indexation impossible (${bundle.dir}) : ${added.errors.join(' ; ')}`);
      if (added.page_count !== bundle.pages.length) {
        throw new Error(
          `Pagefind a indexé ${added.page_count} pages sur ${bundle.pages.length} dans ${bundle.dir} : une page a échappé au motif des chemins.`,
        );
      }
    }
    const written = await index.writeFiles({ outputPath: join(site, bundle.dir) });
    if (written.errors.length > 0) throw new Error(`Index non écrit (${bundle.dir}) : ${written.errors.join(' ; ')}`);
  } finally {
    // A new process for each bundle: Pagefind's memory goes back to the system between them.
    await pagefind.close();
  }
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
