/**
 * Two clean builds of the same commit give byte-identical dist/ folders, so does an incremental rebuild after a
 * commit and a clean build of that commit, and /build.json says what they came from.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashTree } from '../src/core/files/tree-hash.ts';
import { build, copyProject, removeProject } from './helpers/astro-project.ts';

const roots: string[] = [];
const COMMIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
  GIT_AUTHOR_DATE: '2026-01-15T10:00:00+01:00',
  GIT_COMMITTER_DATE: '2026-01-15T10:00:00+01:00',
};

/** A copy of the project committed with fixed names and dates: the same commit hash every time. */
function committedCopy(): string {
  const root = copyProject();
  roots.push(root);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, env: COMMIT_ENV, stdio: 'pipe' }).toString().trim();
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'Contenu de test');
  return root;
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

let first: string;
let second: string;

beforeAll(() => {
  first = committedCopy();
  second = committedCopy();
  for (const root of [first, second]) {
    const result = build(root);
    if (result.status !== 0) throw new Error(result.output);
  }
}, 240_000);

afterAll(() => roots.forEach(removeProject));

describe('reproducible builds', () => {
  it('gives byte-identical dist/ for the same commit', () => {
    const names = files(join(first, 'dist'));
    expect(files(join(second, 'dist'))).toEqual(names);
    const different = names.filter((name) => !readFileSync(join(first, 'dist', name)).equals(readFileSync(join(second, 'dist', name))));
    expect(different).toEqual([]);
    expect(hashTree(join(first, 'dist'))).toBe(hashTree(join(second, 'dist')));
  });

  it('rebuilds incrementally to the same dist/ as a clean build, the pages of a changed record and of those linking to it rendered again', () => {
    const incremental = { CERTIDOCS_INCREMENTAL: 'on' };
    const gitIn = (root: string, ...args: string[]) => execFileSync('git', args, { cwd: root, env: COMMIT_ENV, stdio: 'pipe' });
    for (const root of [first, second]) gitIn(root, 'checkout', '-q', '--', 'content');
    // second builds once with incremental builds on, which fills its cache.
    const primed = build(second, incremental);
    expect(primed.status, primed.output).toBe(0);
    // The same edit committed in both copies (same date, same hash): RS6604's page names the record it replaces, RS5000.
    const title = 'intitule: Exploiter la blockchain dans le développement d’applications';
    for (const root of [first, second]) {
      const path = join(root, 'content/rs/rs5000.yaml');
      writeFileSync(path, readFileSync(path, 'utf8').replace(title, 'intitule: Exploiter la blockchain (intitulé revu)'));
      gitIn(root, 'commit', '-q', '-am', 'Intitulé de RS5000 revu');
    }
    // first from scratch, second from its cache.
    rmSync(join(first, '.cache'), { recursive: true, force: true });
    const clean = build(first);
    const rebuilt = build(second, incremental);
    expect(clean.status, clean.output).toBe(0);
    expect(rebuilt.status, rebuilt.output).toBe(0);
    const reused = (output: string) => [...output.matchAll(/├─ (\S+) \((?:cached|restored)\)/g)].map((m) => m[1]);
    expect(reused(clean.output)).toEqual([]);
    // Most record pages are copied; RS5000's and RS6604's are not, nor the lists that show RS5000's title.
    expect(reused(rebuilt.output)).toEqual(
      expect.arrayContaining(['/certifications/rncp39853/index.html', '/rome/k1704/index.html', '/rs/rs6547/index.html']),
    );
    for (const changed of ['/rs/rs5000/index.html', '/rs/rs6604/index.html', '/certifications/index.html']) {
      expect(reused(rebuilt.output)).not.toContain(changed);
    }
    expect(readFileSync(join(second, 'dist/rs/rs6604/index.html'), 'utf8')).toContain('Exploiter la blockchain (intitulé revu)');
    const names = files(join(first, 'dist'));
    expect(files(join(second, 'dist'))).toEqual(names);
    expect(names.filter((name) => !readFileSync(join(first, 'dist', name)).equals(readFileSync(join(second, 'dist', name))))).toEqual([]);
  }, 240_000);

  it('writes /build.json with the commit, hashes of content/ and schemas/, and tool versions', () => {
    const info = JSON.parse(readFileSync(join(first, 'dist/build.json'), 'utf8'));
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: first }).toString().trim();
    expect(info).toEqual({
      commit: head,
      commit_date: '2026-01-15T10:00:00+01:00',
      reference_date: '2026-01-15',
      content_sha256: hashTree(join(first, 'content')),
      schemas_sha256: hashTree(join(first, 'schemas')),
      tools: expect.objectContaining({
        node: process.versions.node,
        astro: expect.stringMatching(/^\d+\.\d+\.\d+/),
        pagefind: expect.any(String),
      }),
    });
  });

  it('changes the content hash when one content byte changes', () => {
    const before = hashTree(join(first, 'content'));
    const path = join(first, 'content/rome/k1404.yaml');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace('code: K1404', 'code: K1404 '));
    expect(hashTree(join(first, 'content'))).not.toBe(before);
  });
});
