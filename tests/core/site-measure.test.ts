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
    ['certifications/rncp39853/index.html', 'certifications/<id>/index.html'],
    ['rs/rs5000/historique/index.html', 'rs/<id>/historique/index.html'],
    ['certifications/2/index.html', 'certifications/<id>/index.html'],
    ['badges/rncp39853.svg', 'badges/<id>.svg'],
    ['pagefind/fragment/fr_3c1a9e2.pf_fragment', 'pagefind/fragment/<id>.pf_fragment'],
    ['index.html', 'index.html'],
    ['recherche/index.html', 'recherche/index.html'],
  ])('%s → %s', (path, route) => {
    expect(routeOf(path)).toBe(route);
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
