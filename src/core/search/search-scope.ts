/**
 * The built pages the search index reads: the record pages, the certifiers' pages (« who awards it ») and
 * the pages that explain the site and its data (à propos, field reference, open data). Lists, history
 * pages and open-data files are never indexed, so Pagefind does not even open them: at registry scale
 * they are most of the site.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RECORD_KINDS } from '../kinds/record-kinds.ts';

/** Folders whose pages, one level down, may be indexed: `<folder>/<id>/index.html`. */
const INDEXED_FOLDERS = [...RECORD_KINDS.map((kind) => kind.urlSegment), 'certificateurs'];

/** Pages of their own that explain the site: `<page>/index.html`. */
const INDEXED_SINGLE_PAGES = ['a-propos', 'reference', 'donnees'];

/** The attribute a page carries on the part readers search (Base.astro's `<main>`); lists have none. */
export const SEARCHABLE_MARK = 'data-pagefind-body';

/**
 * The pages of the scope that offer themselves to search, as paths relative to the site, in no
 * particular order. A page of the scope without the mark (a facet list under certifications/, a
 * certifiers' index page) is left out, as Pagefind would leave it.
 */
export function listIndexedPages(site: string): string[] {
  const candidates = INDEXED_SINGLE_PAGES.map((page) => `${page}/index.html`);
  for (const folder of INDEXED_FOLDERS) {
    if (!existsSync(join(site, folder))) continue;
    for (const entry of readdirSync(join(site, folder), { withFileTypes: true })) {
      if (entry.isDirectory()) candidates.push(`${folder}/${entry.name}/index.html`);
    }
  }
  return candidates.filter((path) => {
    const file = join(site, path);
    return existsSync(file) && readFileSync(file, 'utf8').includes(SEARCHABLE_MARK);
  });
}
