import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lastChangeDate } from '../../src/core/history/git.ts';
import { makeRepo, removeRepos } from '../helpers/git-repo.ts';

afterAll(removeRepos);

const commitDate = (root: string, ref: string) =>
  execFileSync('git', ['log', '-1', '--format=%cI', ref], { cwd: root, encoding: 'utf8' }).trim();

describe('lastChangeDate', () => {
  it.each([[undefined], ['site/certidocs']])(
    'gives each file the date of the last commit that changed it (project folder %s)',
    (folder) => {
      const repo = makeRepo(folder);
      const first = commitDate(repo.root, 'HEAD');
      repo.edit('content/rome/k1404.yaml', 'code: K1404', 'code: K1404 ');
      repo.commit('Deuxième version');
      // A committer date of its own, so that the two commits cannot share one by chance.
      execFileSync('git', ['commit', '--amend', '--no-edit', '-q'], {
        cwd: repo.root,
        env: { ...process.env, GIT_COMMITTER_DATE: '2030-01-02T03:04:05+00:00' },
      });
      const second = commitDate(repo.root, 'HEAD');
      expect(second).not.toBe(first);
      expect(lastChangeDate(repo.root, 'content/rome/k1404.yaml')).toBe(second);
      expect(lastChangeDate(repo.root, 'content/rome/k1704.yaml')).toBe(first);
      expect(lastChangeDate(repo.root, 'content/rome/absent.yaml')).toBeUndefined();
    },
  );

  it('is undefined outside a repository', () => {
    const dir = mkdtempSync(join(tmpdir(), 'certidocs-nogit-'));
    try {
      expect(lastChangeDate(dir, 'content/rome/k1404.yaml')).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
