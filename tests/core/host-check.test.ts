import { describe, expect, it } from 'vitest';
import { checkHost, exceeded } from '../../src/core/hosting/host-check.ts';
import { findHost, HOSTS } from '../../src/core/hosting/host-limits.ts';
import type { Host } from '../../src/core/hosting/host-limits.ts';
import type { SiteFile } from '../../src/core/hosting/site-measure.ts';

const host = (id: string): Host => {
  const found = findHost(id);
  if (!found) throw new Error(`no host ${id}`);
  return found;
};

/** n files named after a pattern, of the same size. */
const many = (n: number, path: (i: number) => string, bytes = 0): SiteFile[] =>
  Array.from({ length: n }, (_, i) => ({ path: path(i), bytes }));

describe('the hosts', () => {
  it('have distinct ids and every limit says where it is documented', () => {
    expect(new Set(HOSTS.map((h) => h.id)).size).toBe(HOSTS.length);
    for (const { limits } of HOSTS) {
      expect(limits.length).toBeGreaterThan(0);
      for (const limit of limits) expect(limit.source).toMatch(/^https:\/\/[a-z.]+\.com\//);
    }
  });

  it('holds the documented figures', () => {
    const figures = Object.fromEntries(HOSTS.map((h) => [h.id, h.limits.map((limit) => `${limit.measure} ${limit.max}`)]));
    expect(figures).toEqual({
      'github-pages': ['tarBytes 1073741824'],
      'gitlab-pages': ['siteBytes 1073741824', 'entries 200000'],
      'cloudflare-pages': ['files 20000', 'fileBytes 26214400'],
      'cloudflare-pages-paid': ['files 100000', 'fileBytes 26214400'],
      netlify: ['folderFiles 54000'],
    });
  });
});

describe('checkHost', () => {
  it('reports every limit within bounds with its value and no contributor', () => {
    const check = checkHost({ files: [{ path: 'index.html', bytes: 1000 }], folders: [] }, host('gitlab-pages'));
    expect(exceeded(check)).toEqual([]);
    expect(check.results.map(({ value, over, contributors }) => ({ value, over, contributors }))).toEqual([
      { value: 1000, over: 0, contributors: [] },
      { value: 1, over: 0, contributors: [] },
    ]);
  });

  it('says by how much the uncompressed size is over, and which routes weigh most', () => {
    const files = [
      ...many(3, (i) => `certifications/rncp${i}/index.html`, 400_000_000),
      { path: 'api/v1/dumps/certifications.json', bytes: 300_000_000 },
      { path: 'index.html', bytes: 10 },
    ];
    const [size, entries] = checkHost({ files, folders: [] }, host('gitlab-pages')).results;
    expect(size.value).toBe(1_500_000_010);
    expect(size.over).toBe(1_500_000_010 - 1024 ** 3);
    expect(size.contributors).toEqual([
      { label: 'certifications/<id>/index.html', files: 3, bytes: 1_200_000_000 },
      { label: 'api/v1/dumps/*', files: 1, bytes: 300_000_000 },
      { label: 'index.html', files: 1, bytes: 10 },
    ]);
    expect(entries.over).toBe(0);
  });

  it('counts folders as entries on GitLab Pages', () => {
    const folders = many(100_000, (i) => `f${i}`).map((file) => file.path);
    const files = many(100_001, (i) => `f${i % 100_000}/index.html`);
    const [, entries] = checkHost({ files, folders }, host('gitlab-pages')).results;
    expect(entries.value).toBe(200_001);
    expect(entries.over).toBe(1);
  });

  it('ranks contributors by files for a file count, five at most', () => {
    const files = [
      ...many(15_000, (i) => `certifications/rncp${i}/index.html`, 10),
      ...many(4_000, (i) => `badges/rncp${i}.svg`, 1),
      ...many(1_001, (i) => `pagefind/fragment/fr_${i}.pf_fragment`, 1),
      ...['a', 'b', 'c', 'd'].map((name) => ({ path: `${name}.css`, bytes: 5_000_000 })),
    ];
    const [count, size] = checkHost({ files, folders: [] }, host('cloudflare-pages')).results;
    expect(count.value).toBe(20_005);
    expect(count.over).toBe(5);
    expect(count.contributors.map((c) => `${c.label} ${c.files}`)).toEqual([
      'certifications/<id>/index.html 15000',
      'badges/<id>.svg 4000',
      'pagefind/fragment/* 1001',
      'a.css 1',
      'b.css 1',
    ]);
    expect(size.over).toBe(0);
  });

  it('lists only the files over a per-file limit, largest first', () => {
    const limit = 25 * 1024 ** 2;
    const files = [
      { path: 'small.json', bytes: limit },
      { path: 'api/v1/dumps/rs.json', bytes: limit + 1 },
      { path: 'api/v1/dumps/certifications.json', bytes: 369_000_000 },
    ];
    const [, size] = checkHost({ files, folders: [] }, host('cloudflare-pages-paid')).results;
    expect(size.value).toBe(369_000_000);
    expect(size.over).toBe(369_000_000 - limit);
    expect(size.contributors.map((c) => c.label)).toEqual(['api/v1/dumps/certifications.json', 'api/v1/dumps/rs.json']);
  });

  it('finds the folders with too many files for Netlify', () => {
    const files = [...many(54_001, (i) => `pagefind/fragment/fr_${i}.pf_fragment`, 2), ...many(54_000, (i) => `badges/rs${i}.svg`, 1)];
    const [folder] = checkHost({ files, folders: ['badges', 'pagefind', 'pagefind/fragment'] }, host('netlify')).results;
    expect(folder.value).toBe(54_001);
    expect(folder.over).toBe(1);
    expect(folder.contributors).toEqual([{ label: 'pagefind/fragment', files: 54_001, bytes: 108_002 }]);
  });
});
