/**
 * The built pages the search index reads: the record pages, the certifiers' pages (« who awards it ») and
 * the pages that explain the site and its data (à propos, field reference, open data). Lists, history
 * pages and open-data files are never indexed, so Pagefind does not even open them: at registry scale
 * they are most of the site.
 */
import { closeSync, existsSync, openSync, readdirSync, readSync } from 'node:fs';
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
  const buffer = Buffer.alloc(READ_BYTES);
  return candidates.filter((path) => existsSync(join(site, path)) && carriesMark(join(site, path), buffer));
}

/** Read this much of a page at a time: the mark is on <main>, within the first few kilobytes of a page. */
const READ_BYTES = 64 * 1024;
const MARK = Buffer.from(SEARCHABLE_MARK);

/**
 * Whether a file holds the mark, read a piece at a time into `buffer` until it is found: 30,000 pages are
 * more than a gigabyte, and the build indexes them in the process that rendered them.
 */
function carriesMark(file: string, buffer: Buffer): boolean {
  const fd = openSync(file, 'r');
  try {
    // Each read keeps the previous read's last bytes, so that a mark cut between two reads is still found.
    let kept = 0;
    for (;;) {
      const read = readSync(fd, buffer, kept, buffer.length - kept, null);
      if (read === 0) return false;
      const end = kept + read;
      if (buffer.subarray(0, end).includes(MARK)) return true;
      kept = Math.min(MARK.length - 1, end);
      buffer.copy(buffer, 0, end - kept, end);
    }
  } finally {
    closeSync(fd);
  }
}
