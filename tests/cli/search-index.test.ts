/** `node src/cli/search-index.ts`: the bench's index phase; its answers to a missing site and to a bad bundle size. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/search-index.ts';
import { BUNDLE_PAGES_VARIABLE } from '../../src/core/search/search-index.ts';

const root = mkdtempSync(join(tmpdir(), 'certidocs-index-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => {
  delete process.env[BUNDLE_PAGES_VARIABLE];
});

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(
    args,
    (text) => (stdout += text),
    (text) => (stderr += text),
  );
  return { code, stdout, stderr };
}

const site = join(root, 'dist');
for (const id of ['rncp1', 'rncp2', 'rncp3']) {
  mkdirSync(join(site, 'certifications', id), { recursive: true });
  writeFileSync(
    join(site, 'certifications', id, 'index.html'),
    `<html lang="fr"><body><main data-pagefind-body><h1>${id}</h1></main></body></html>`,
  );
}

describe('search-index', () => {
  it('indexes a built site in the bundles the variable asks for, and says so in French', async () => {
    process.env[BUNDLE_PAGES_VARIABLE] = '2';
    expect(await run(['--dir', site])).toEqual({ code: 0, stdout: '3 pages indexées pour la recherche, en 2 lots.\n', stderr: '' });
    expect(JSON.parse(readFileSync(join(site, 'pagefind/bundles.json'), 'utf8'))).toEqual({ merge: ['parts/1/'] });
  });

  it('exits 2 with the fix when there is no built site', async () => {
    const result = await run(['--dir', join(root, 'nowhere')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Dossier du site introuvable');
    expect(result.stderr).toContain("→ Construisez d'abord le site : npm run build");
  });

  it('exits 2 on a bundle size that is not a number of pages, before touching the index', async () => {
    process.env[BUNDLE_PAGES_VARIABLE] = 'mille';
    const result = await run(['--dir', site]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${BUNDLE_PAGES_VARIABLE} vaut « mille » : attendu un nombre entier de pages par lot, par exemple 5000.\n`);
    expect(JSON.parse(readFileSync(join(site, 'pagefind/bundles.json'), 'utf8'))).toEqual({ merge: ['parts/1/'] });
  });

  it('exits 2 with the usage on an unknown option', async () => {
    const result = await run(['--site', site]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Option inconnue : --site');
    expect(result.stderr).toContain('Utilisation : node src/cli/search-index.ts');
  });
});
