/** bench/dist-summary.ts: dist/ grouped by route, on a hand-made folder. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { summarizeDist } from '../bench/dist-summary.ts';

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
        { label: 'certifications/<id>/index.html', files: 2, bytes: 800 },
        { label: 'pagefind/fragment/*', files: 2, bytes: 150 },
        { label: 'certifications/niveau/…/index.html', files: 2, bytes: 100 },
      ],
      search_index: { bytes: 155, files: 3 },
      largest_page: { path: 'certifications/rncp10001/index.html', bytes: 500 },
    });
  });
});
