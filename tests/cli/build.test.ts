/** A failed build never touches dist/; a successful one replaces it whole. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashTree } from '../../src/core/files/tree-hash.ts';
import { copyProject, removeProject } from '../helpers/astro-project.ts';

let root: string;
const run = (extraEnv: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', join(root, 'src/cli/build.ts')], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...extraEnv },
    timeout: 120_000,
  });

beforeAll(() => {
  root = copyProject();
});
afterAll(() => removeProject(root));

describe('npm run build', () => {
  it('builds into dist/ and leaves no staging folder', () => {
    const result = run();
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(existsSync(join(root, 'dist/certifications/rncp39853/index.html'))).toBe(true);
    expect(existsSync(join(root, '.cache/dist-staging'))).toBe(false);
  }, 120_000);

  it('replaces dist/ by the new site and deletes the previous one in the background', async () => {
    writeFileSync(join(root, 'dist/stale.txt'), 'from the previous site');
    const result = run();
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(existsSync(join(root, 'dist/stale.txt'))).toBe(false);
    expect(existsSync(join(root, 'dist/certifications/rncp39853/index.html'))).toBe(true);
    const leftovers = () => readdirSync(join(root, '.cache')).filter((name) => name.startsWith('dist-previous'));
    for (let tries = 0; leftovers().length > 0 && tries < 100; tries++) await new Promise((done) => setTimeout(done, 100));
    expect(leftovers()).toEqual([]);
  }, 120_000);

  it('refuses a size setting that is not a number before starting Astro, in French and without a stack trace', () => {
    const before = hashTree(join(root, 'dist'));
    const result = run({ CERTIDOCS_DUMP_PART_BYTES: '20Mo', CERTIDOCS_SEARCH_BUNDLE_PAGES: '0' });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      [
        'CERTIDOCS_SEARCH_BUNDLE_PAGES vaut « 0 » : attendu un nombre entier de pages par lot, par exemple 5000.',
        "  → Corrigez cette variable d'environnement ou retirez-la.",
        'CERTIDOCS_DUMP_PART_BYTES vaut « 20Mo » : attendu une taille en octets, par exemple 20971520.',
        "  → Corrigez cette variable d'environnement ou retirez-la.",
        '',
      ].join('\n'),
    );
    expect(result.stdout).toBe('');
    expect(hashTree(join(root, 'dist'))).toBe(before);
  });

  it('keeps the previous dist/ untouched when the content is invalid', () => {
    const before = hashTree(join(root, 'dist'));
    const file = join(root, 'content/rome/k1704.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('part_offres: 44.29', 'part_offres: 144.29'));
    const result = run();
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('content/rome/k1704.yaml:28:22 error');
    expect(result.stderr).toContain("La construction a échoué : dist/ n'a pas été modifié et garde le site précédent.");
    expect(hashTree(join(root, 'dist'))).toBe(before);
    expect(existsSync(join(root, '.cache/dist-staging'))).toBe(false);
  }, 120_000);
});
