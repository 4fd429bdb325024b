/**
 * The search index reads the pages listIndexedPages finds: every page that offers itself to search (a
 * `data-pagefind-body`) must be among them, or it would silently drop out of the index.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { listIndexedPages, SEARCHABLE_MARK } from '../src/core/search/search-scope.ts';
import { filesUnder } from './helpers/built-site.ts';

const dist = inject('siteDist');
const pages = filesUnder(dist)
  .filter((path) => path.endsWith('.html'))
  .map((path) => ({ path, searchable: readFileSync(join(dist, path), 'utf8').includes(SEARCHABLE_MARK) }));
const indexed = listIndexedPages(dist);

describe('the search scope', () => {
  it('takes every page that offers itself to search', () => {
    const searchable = pages.filter((page) => page.searchable).map((page) => page.path);
    expect(searchable).toEqual(
      expect.arrayContaining([
        'certifications/rncp39853/index.html',
        'rome/k1704/index.html',
        'rs/rs5000/index.html',
        'a-propos/index.html',
        'reference/index.html',
      ]),
    );
    expect(indexed.toSorted()).toEqual(searchable.toSorted());
  });

  it('leaves out history pages, lists and the home page', () => {
    for (const path of [
      'certifications/rncp39853/historique/index.html',
      'historique/index.html',
      'index.html',
      'certifications/index.html',
      'certifications/niveau/index.html',
      'rome/index.html',
    ]) {
      expect(indexed).not.toContain(path);
    }
  });
});
