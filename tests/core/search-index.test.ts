/** core/search: the search index planned in bundles, and written by Pagefind bundle by bundle. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleList, DEFAULT_BUNDLE_PAGES, planSearchBundles } from '../../src/core/search/search-bundles.ts';
import { BUNDLE_PAGES_VARIABLE, bundlePagesOf, writeSearchIndex } from '../../src/core/search/search-index.ts';
import { listIndexedPages } from '../../src/core/search/search-scope.ts';

const root = mkdtempSync(join(tmpdir(), 'certidocs-search-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('planSearchBundles', () => {
  const pages = ['rs/rs10/index.html', 'certifications/rncp10/index.html', 'certifications/rncp9/index.html', 'a-propos/index.html'];

  it('deals the pages, in path order with numbers as numbers, into as few bundles as hold at most the given size', () => {
    expect(planSearchBundles(pages, 3)).toEqual([
      { dir: 'pagefind', pages: ['a-propos/index.html', 'certifications/rncp10/index.html'] },
      { dir: 'pagefind/parts/1', pages: ['certifications/rncp9/index.html', 'rs/rs10/index.html'] },
    ]);
    // Each bundle a sample of the whole: 10 pages in bundles of at most 4 make three of 4, 3 and 3.
    const ten = Array.from({ length: 10 }, (_, i) => `rome/k${1000 + i}/index.html`);
    expect(planSearchBundles(ten, 4).map((bundle) => bundle.pages.length)).toEqual([4, 3, 3]);
    expect(planSearchBundles(ten, 4)[1]!.pages).toEqual(['rome/k1001/index.html', 'rome/k1004/index.html', 'rome/k1007/index.html']);
    expect(planSearchBundles(pages, 4)).toHaveLength(1);
    expect(planSearchBundles(pages, 1).map((bundle) => bundle.dir)).toEqual([
      'pagefind',
      'pagefind/parts/1',
      'pagefind/parts/2',
      'pagefind/parts/3',
    ]);
  });

  it('gives the same bundles whatever order the pages come in', () => {
    expect(planSearchBundles(pages.toReversed(), 2)).toEqual(planSearchBundles(pages, 2));
  });

  it('keeps one bundle for a site with nothing to index, and refuses a size that is not a positive integer', () => {
    expect(planSearchBundles([], 10)).toEqual([{ dir: 'pagefind', pages: [] }]);
    expect(() => planSearchBundles(pages, 0)).toThrow(RangeError);
    expect(() => planSearchBundles(pages, 2.5)).toThrow(RangeError);
  });

  it('lists every bundle but the first for the search page', () => {
    expect(bundleList(planSearchBundles(pages, 2))).toEqual({ merge: ['parts/1/'] });
    expect(bundleList(planSearchBundles(pages, 4))).toEqual({ merge: [] });
  });
});

describe('bundlePagesOf', () => {
  it('reads a positive integer, defaults when unset, and says in French what is wrong otherwise', () => {
    expect(bundlePagesOf(undefined)).toBe(DEFAULT_BUNDLE_PAGES);
    expect(bundlePagesOf('')).toBe(DEFAULT_BUNDLE_PAGES);
    expect(bundlePagesOf('250')).toBe(250);
    for (const bad of ['0', '-3', '2.5', 'beaucoup', '1e3']) {
      expect(() => bundlePagesOf(bad)).toThrow(`${BUNDLE_PAGES_VARIABLE} vaut « ${bad} » : attendu un nombre entier de pages par lot`);
    }
  });
});

/** A built site: searchable pages (Base.astro's mark on <main>) and pages of the scope that are not. */
function writeSite(site: string): string[] {
  const page = (path: string, searchable: boolean, title: string) => {
    mkdirSync(join(site, path, '..'), { recursive: true });
    const main = searchable ? '<main data-pagefind-body>' : '<main>';
    writeFileSync(
      join(site, path),
      `<!doctype html><html lang="fr"><head><title>${title}</title></head><body>${main}<h1>${title}</h1><p>Sécurité ${title}</p></main></body></html>`,
    );
  };
  const searchable = [
    ...Array.from({ length: 7 }, (_, i) => `certifications/rncp${i + 1}/index.html`),
    'rome/k1704/index.html',
    // A folder name with the glob's metacharacters must still be indexed exactly.
    'certificateurs/a,b{c}[d]*/index.html',
    'a-propos/index.html',
  ];
  for (const path of searchable) page(path, true, path.split('/')[1] ?? path);
  page('certifications/niveau/index.html', false, 'Par niveau');
  page('certificateurs/index.html', false, 'Certificateurs');
  page('index.html', true, 'Accueil');
  return searchable;
}

/** The page addresses a bundle's fragments hold, as Pagefind writes them (percent-encoded). */
function fragmentUrls(dir: string): string[] {
  return readdirSync(join(dir, 'fragment')).map((name) => {
    const text = gunzipSync(readFileSync(join(dir, 'fragment', name))).toString('utf8');
    return (JSON.parse(text.slice('pagefind_dcd'.length)) as { url: string }).url;
  });
}

describe('writeSearchIndex', () => {
  const site = join(root, 'site');
  const searchable = writeSite(site);

  it('finds the pages of the scope that offer themselves to search, and those only', () => {
    expect(listIndexedPages(site).toSorted()).toEqual(searchable.toSorted());
  });

  it('finds the mark wherever it falls in a long page, across the pieces it reads', () => {
    const far = join(root, 'far');
    // 64 KiB pieces: the mark at the start, across the first boundary ("<main " then 5 of its bytes before it), far past it, and absent.
    for (const [id, before] of [
      ['debut', 0],
      ['coupure', 64 * 1024 - 11],
      ['loin', 300_000],
    ] as const) {
      mkdirSync(join(far, 'rome', id), { recursive: true });
      writeFileSync(join(far, 'rome', id, 'index.html'), `${'x'.repeat(before)}<main data-pagefind-body>${'y'.repeat(1000)}</main>`);
    }
    mkdirSync(join(far, 'rome/sans'), { recursive: true });
    writeFileSync(join(far, 'rome/sans/index.html'), `${'x'.repeat(200_000)}<main>data-pagefind-bod</main>`);
    expect(listIndexedPages(far).toSorted()).toEqual(['rome/coupure/index.html', 'rome/debut/index.html', 'rome/loin/index.html']);
  });

  it('writes each bundle with exactly its pages, the interface in the first only, and the list of the others', async () => {
    expect(await writeSearchIndex(site, 3)).toEqual({ pages: searchable.length, bundles: 4 });
    const bundles = planSearchBundles(searchable, 3);
    for (const bundle of bundles) {
      const expected = bundle.pages.map((page) => `/${page.replace(/index\.html$/, '')}`);
      expect(
        fragmentUrls(join(site, bundle.dir))
          .map((url) => decodeURIComponent(url))
          .toSorted(),
        bundle.dir,
      ).toEqual(expected.toSorted());
      const entry = JSON.parse(readFileSync(join(site, bundle.dir, 'pagefind-entry.json'), 'utf8'));
      expect(entry.languages.fr.page_count).toBe(bundle.pages.length);
    }
    expect(readdirSync(join(site, 'pagefind'))).toEqual(
      expect.arrayContaining(['pagefind.js', 'pagefind-ui.js', 'wasm.fr.pagefind', 'bundles.json']),
    );
    for (const bundle of bundles.slice(1)) {
      const files = readdirSync(join(site, bundle.dir)).filter((name) => !['fragment', 'index', 'filter'].includes(name));
      expect(
        files.filter((name) => name !== 'pagefind-entry.json' && !name.endsWith('.pf_meta')),
        bundle.dir,
      ).toEqual([]);
    }
    expect(JSON.parse(readFileSync(join(site, 'pagefind/bundles.json'), 'utf8'))).toEqual({ merge: ['parts/1/', 'parts/2/', 'parts/3/'] });
  });

  it('replaces the previous index whole: no bundle of an earlier run is left behind', async () => {
    expect(await writeSearchIndex(site, 20)).toEqual({ pages: searchable.length, bundles: 1 });
    expect(readdirSync(join(site, 'pagefind'))).not.toContain('parts');
    expect(JSON.parse(readFileSync(join(site, 'pagefind/bundles.json'), 'utf8'))).toEqual({ merge: [] });
  });
});
