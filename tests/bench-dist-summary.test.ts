/** bench/dist-summary.ts: dist/ grouped by route shape, on a hand-made folder. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { routeShape, summarizeDist } from '../bench/dist-summary.ts';

describe('routeShape', () => {
  it.each([
    ['certifications/rncp10000/index.html', 'certifications/<id>/index.html'],
    ['certifications/rncp10000/historique/index.html', 'certifications/<id>/historique/index.html'],
    ['rs/rs1000/index.html', 'rs/<id>/index.html'],
    ['rome/m1805/index.html', 'rome/<id>/index.html'],
    ['api/v1/certifications/rncp10000/insertion.csv', 'api/v1/certifications/<id>/insertion.csv'],
    ['badges/rs1234.svg', 'badges/<id>.svg'],
    ['filiations/rncp10004-rncp10005/index.html', 'filiations/<id>-<id>/index.html'],
    ['certificateurs/12345678901234/2/index.html', 'certificateurs/<siret>/<n>/index.html'],
    ['calendriers/certificateurs/12345678901234.ics', 'calendriers/certificateurs/<siret>.ics'],
    ['calendriers/nsf/331t.ics', 'calendriers/nsf/<n>.ics'],
    ['certifications/3/index.html', 'certifications/<n>/index.html'],
    ['certifications/niveau/niv5/index.html', 'certifications/niveau/…/index.html'],
    ['certifications/rome/m1805/2/index.html', 'certifications/rome/…/<n>/index.html'],
    ['api/v1/dumps/certifications.json', 'api/v1/dumps/*'],
    ['pagefind/fragment/fr_1a2b3c.pf_fragment', 'pagefind/fragment/*'],
    ['pagefind/pagefind.js', 'pagefind/*'],
    ['_astro/Base.DI3YI0Zn.css', '_astro/*'],
    ['404.html', '404.html'],
  ])('%s → %s', (path, shape) => {
    expect(routeShape(path)).toBe(shape);
  });
});

describe('summarizeDist', () => {
  const dist = mkdtempSync(join(tmpdir(), 'certidocs-dist-summary-'));
  afterAll(() => rmSync(dist, { recursive: true, force: true }));
  const files: Record<string, number> = {
    'index.html': 10,
    'certifications/rncp10000/index.html': 300,
    'certifications/rncp10001/index.html': 500,
    'certifications/niveau/niv5/index.html': 40,
    'certifications/niveau/niv6/index.html': 60,
    'pagefind/fragment/a.pf_fragment': 70,
    'pagefind/fragment/b.pf_fragment': 80,
    'pagefind/pagefind.js': 5,
  };
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dist, path)), { recursive: true });
    writeFileSync(join(dist, path), 'x'.repeat(bytes));
  }

  it('totals bytes and files, counts pages and the search index, and ranks route shapes by bytes', () => {
    expect(summarizeDist(dist, 3)).toEqual({
      bytes: 1065,
      files: 8,
      html_pages: 5,
      contributors: [
        { shape: 'certifications/<id>/index.html', files: 2, bytes: 800 },
        { shape: 'pagefind/fragment/*', files: 2, bytes: 150 },
        { shape: 'certifications/niveau/…/index.html', files: 2, bytes: 100 },
      ],
      search_index: { bytes: 155, files: 3 },
      largest_page: { path: 'certifications/rncp10001/index.html', bytes: 500 },
    });
  });
});
