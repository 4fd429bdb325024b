/** Lists stay bounded as the registry grows: 120 certifications give three list pages, never one long page. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, copyProject, removeProject } from './helpers/astro-project.ts';

const COUNT = 120;
/** The RNCP and RS certifications of content/ come on top of the 120 copies. */
const bundled = (folder: string) =>
  readdirSync(new URL(`../content/${folder}/`, import.meta.url)).filter((name) => name.endsWith('.yaml')).length;
const BUNDLED = bundled('certifications') + bundled('rs');
let root: string;

beforeAll(() => {
  root = copyProject();
  const original = readFileSync(join(root, 'content/certifications/rncp39853.yaml'), 'utf8');
  for (let i = 1; i <= COUNT; i++) {
    const numero = `RNCP${90000 + i}`;
    writeFileSync(join(root, `content/certifications/${numero.toLowerCase()}.yaml`), original.replaceAll('RNCP39853', numero));
  }
  const result = build(root);
  if (result.status !== 0) throw new Error(result.output);
}, 180_000);

afterAll(() => removeProject(root));

const cards = (path: string) => (readFileSync(join(root, 'dist', path, 'index.html'), 'utf8').match(/<li class="card">/g) ?? []).length;

describe('paginated lists', () => {
  it('splits the certification list into pages of 50', () => {
    expect(BUNDLED + COUNT).toBeGreaterThan(100);
    expect(BUNDLED + COUNT).toBeLessThanOrEqual(150);
    expect([cards('certifications'), cards('certifications/2'), cards('certifications/3')]).toEqual([50, 50, BUNDLED + COUNT - 100]);
    expect(existsSync(join(root, 'dist/certifications/4/index.html'))).toBe(false);
  });

  it('paginates each filter too', () => {
    // The copies of the seed publish no level; neither does the seed itself.
    expect([cards('certifications/niveau/non-publie'), cards('certifications/niveau/non-publie/3')]).toEqual([50, COUNT + 1 - 100]);
  });

  it('keeps the home page to a bounded selection', () => {
    // At most 12 cards for each of the three kinds (certifications, ROME sheets, RS), whatever their number.
    expect(cards('.')).toBeLessThanOrEqual(36);
  });

  it('links pages to each other', () => {
    const second = readFileSync(join(root, 'dist/certifications/2/index.html'), 'utf8');
    expect(second).toContain('href="/certifications/" rel="prev"');
    expect(second).toContain('href="/certifications/3/" rel="next"');
  });
});
