import { spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listSite, measureSite, routeGroups, routeOf } from '../../src/core/hosting/site-measure.ts';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A site folder with files of the given sizes (bytes of "x"). */
function makeSite(files: Record<string, number>): string {
  const root = mkdtempSync(join(tmpdir(), 'certidocs-site-'));
  roots.push(root);
  for (const [path, size] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), 'x'.repeat(size));
  }
  return root;
}

const LONG = 'x'.repeat(120);

describe('listSite and measureSite', () => {
  const root = makeSite({
    'index.html': 10,
    'a/b.txt': 512,
    'a/c/d.bin': 513,
    'certifications/rncp39853/index.html': 100,
    'certifications/rs5000/index.html': 200,
    [`${LONG}/f`]: 1,
  });
  // The open-data files are hard links into the build's cache: tar --hard-dereference stores each one in full.
  linkSync(join(root, 'certifications/rncp39853/index.html'), join(root, 'certifications/rs5000/copy.html'));

  it('counts every file and folder, and every path of a hard link in full', () => {
    const measure = measureSite(listSite(root));
    expect(measure.files).toBe(7);
    expect(measure.entries).toBe(7 + 6);
    expect(measure.siteBytes).toBe(10 + 512 + 513 + 100 + 200 + 100 + 1);
    expect(measure.largestFile).toEqual({ path: 'a/c/d.bin', bytes: 513 });
    expect(measure.fileBytes).toBe(513);
    expect(measure.fullestFolder).toEqual({ path: 'certifications/rs5000', files: 2 });
  });

  it('gives the size of the tar actions/upload-pages-artifact makes, as GNU tar writes it', () => {
    // Same command as actions/upload-pages-artifact's action.yml, written to stdout.
    const tar = spawnSync(
      'tar',
      ['--dereference', '--hard-dereference', '--directory', root, '-cf', '-', '--exclude=.git', '--exclude=.github', '.'],
      {
        maxBuffer: 1 << 24,
      },
    );
    expect(tar.status).toBe(0);
    expect(measureSite(listSite(root)).tarBytes).toBe(tar.stdout.length);
  });
});

describe('the tar size rule', () => {
  // One 512-byte header for ./ and one per member, contents padded to 512, names over 100 bytes in an extra
  // header plus their name blocks, two zero blocks at the end, the total padded to a 10,240-byte record.
  it.each([
    { what: 'nothing', files: [], folders: [], tar: 10_240 },
    { what: 'one byte', files: [{ path: 'a', bytes: 1 }], folders: [], tar: 10_240 },
    { what: 'a file that fills two records exactly', files: [{ path: 'a', bytes: 20_480 - 512 - 512 - 1024 }], folders: [], tar: 20_480 },
    { what: 'one byte more', files: [{ path: 'a', bytes: 20_480 - 512 - 512 - 1024 + 1 }], folders: [], tar: 30_720 },
    { what: 'a folder takes a header', files: [{ path: 'd/a', bytes: 20_480 - 512 - 512 - 512 - 1024 }], folders: ['d'], tar: 20_480 },
    { what: 'a 100-byte name fits its header', files: [{ path: 'n'.repeat(98), bytes: 18_432 }], folders: [], tar: 20_480 },
    { what: 'a 101-byte name takes two more blocks', files: [{ path: 'n'.repeat(99), bytes: 18_432 - 1024 }], folders: [], tar: 20_480 },
    { what: 'and does not fit one block less', files: [{ path: 'n'.repeat(99), bytes: 18_432 - 1024 + 1 }], folders: [], tar: 30_720 },
  ])('$what: $tar bytes', ({ files, folders, tar }) => {
    expect(measureSite({ files, folders }).tarBytes).toBe(tar);
  });
});

describe('routeOf', () => {
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
    ['recherche/index.html', 'recherche/index.html'],
    ['api/v1/index.json', 'api/v1/index.json'],
  ])('%s → %s', (path, shape) => {
    expect(routeOf(path)).toBe(shape);
  });
});

describe('routeGroups', () => {
  const files = [
    { path: 'certifications/rncp1/index.html', bytes: 40 },
    { path: 'certifications/rncp2/index.html', bytes: 50 },
    { path: 'certifications/rncp3/index.html', bytes: 60 },
    { path: 'api/dumps/certifications.json', bytes: 1000 },
    { path: 'index.html', bytes: 5 },
  ];

  it('adds up the files and bytes of each route', () => {
    expect(routeGroups(files, 'bytes')).toEqual([
      { label: 'api/dumps/certifications.json', files: 1, bytes: 1000 },
      { label: 'certifications/<id>/index.html', files: 3, bytes: 150 },
      { label: 'index.html', files: 1, bytes: 5 },
    ]);
  });

  it('ranks by files when asked', () => {
    expect(routeGroups(files, 'files').map((group) => group.label)).toEqual([
      'certifications/<id>/index.html',
      'api/dumps/certifications.json',
      'index.html',
    ]);
  });
});
