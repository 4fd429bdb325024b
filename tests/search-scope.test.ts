/**
 * Pagefind reads only the pages INDEXED_PAGES names: every page that offers itself to search (a
 * `data-pagefind-body`) must be among them, or it would silently drop out of the index.
 */
import { readFileSync } from 'node:fs';
import { join, matchesGlob } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { INDEXED_PAGES } from '../src/integrations/search-scope.ts';
import { filesUnder } from './helpers/built-site.ts';

const dist = inject('siteDist');
const pages = filesUnder(dist)
  .filter((path) => path.endsWith('.html'))
  .map((path) => ({ path, searchable: readFileSync(join(dist, path), 'utf8').includes('data-pagefind-body') }));

describe('the search scope', () => {
  it('takes every page that offers itself to search', () => {
    const searchable = pages.filter((page) => page.searchable).map((page) => page.path);
    expect(searchable).toEqual(
      expect.arrayContaining([
        'certifications/rncp39853/index.html',
        'rome/k1704/index.html',
        'a-propos/index.html',
        'reference/index.html',
      ]),
    );
    expect(searchable.filter((path) => !matchesGlob(path, INDEXED_PAGES))).toEqual([]);
  });

  it('leaves out history pages, lists and the home page', () => {
    const read = pages.filter((page) => matchesGlob(page.path, INDEXED_PAGES)).map((page) => page.path);
    for (const path of [
      'certifications/rncp39853/historique/index.html',
      'historique/index.html',
      'index.html',
      'certifications/index.html',
      'rome/index.html',
    ]) {
      expect(read).not.toContain(path);
    }
  });
});
