/** Record histories from git: edits, renames, additions, deletions, unreadable versions, and builds without full history. */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordChangeLines as changeLines } from '../../src/core/diff/diff-format.ts';
import { changeSummary, historyAvailable, latestChanges, recordHistory } from '../../src/core/history/history.ts';
import type { HistoryEntry } from '../../src/core/history/history.ts';
import { FIXTURES, PROJECT_ROOT } from '../helpers/content-tree.ts';
import { makeRepo, removeRepos } from '../helpers/git-repo.ts';
import type { GitRepo } from '../helpers/git-repo.ts';

const CERTIFICATION = 'content/certifications/rncp39853.yaml';
const K1704 = 'content/rome/k1704.yaml';
const K1404 = 'content/rome/k1404.yaml';
const K1414 = 'content/rome/k1414.yaml';
const K1405 = 'content/rome/k1405.yaml';
const K1406 = 'content/rome/k1406.yaml';

/** A ROME sheet unlike the others, so that git sees it added rather than copied or renamed. */
const K1406_TEXT = readFileSync(join(FIXTURES, 'extra/k1406.yaml'), 'utf8');

const folders: string[] = [];
afterAll(() => {
  removeRepos();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** Stages everything and commits with a fixed author date; returns the commit's hash. */
function commitAt(repo: GitRepo, message: string, date: string): string {
  repo.git('add', '--all', '.');
  repo.git('commit', '--quiet', '--no-verify', '--date', date, '--message', message);
  return repo.git('rev-parse', 'HEAD');
}

/** A repository whose first commit (all the records) is dated 15 January 2026. */
function datedRepo(folder?: string): { repo: GitRepo; first: string } {
  const repo = makeRepo(folder);
  repo.git('commit', '--quiet', '--amend', '--no-edit', '--no-verify', '--date', '2026-01-15T10:00:00+01:00');
  return { repo, first: repo.git('rev-parse', 'HEAD') };
}

const summary = (entry: HistoryEntry) => ({
  commit: entry.commit,
  date: entry.date,
  message: entry.message,
  file: entry.file,
  kind: entry.changes?.kind,
});

describe('the history of a record', () => {
  let repo: GitRepo;
  let first: string;
  let edit: string;
  let layout: string;
  let moves: string;
  beforeAll(() => {
    ({ repo, first } = datedRepo());
    repo.edit(K1704, 'part_offres: 44.29', 'part_offres: 45.1');
    edit = commitAt(repo, 'Salaires de K1704 mis à jour', '2026-02-01T09:30:00+01:00');
    repo.edit(K1704, 'code: K1704', '# Fiche relue\ncode: K1704');
    layout = commitAt(repo, 'Commentaire dans K1704', '2026-02-02T09:30:00+01:00');
    repo.git('mv', K1404, K1414);
    repo.edit(K1414, 'code: K1404', 'code: K1414');
    repo.write(K1406, K1406_TEXT);
    repo.git('rm', '--quiet', K1405);
    moves = commitAt(repo, 'K1404 devient K1414 ; K1406 ajoutée ; K1405 retirée', '2026-03-01T08:00:00+01:00');
  });

  it('lists every commit that changed the file, newest first, with date, author and message', () => {
    const history = recordHistory(repo.root, K1704);
    expect(history.map(summary)).toEqual([
      { commit: layout, date: '2026-02-02T09:30:00+01:00', message: 'Commentaire dans K1704', file: K1704, kind: undefined },
      { commit: edit, date: '2026-02-01T09:30:00+01:00', message: 'Salaires de K1704 mis à jour', file: K1704, kind: 'changed' },
      { commit: first, date: '2026-01-15T10:00:00+01:00', message: 'Fiches de départ', file: K1704, kind: 'added' },
    ]);
    expect(history.every((entry) => entry.author === 'Test certidocs')).toBe(true);
  });

  it('gives each commit its semantic diff of the record, worded as npm run diff words it', () => {
    const [formatted, edited, added] = recordHistory(repo.root, K1704);
    expect(changeLines(edited.changes!)).toEqual([
      'salaires (T1 2025) › 1\u202f830–3\u202f049\u202f€ › part des offres : 44,29\u202f% → 45,1\u202f%',
    ]);
    expect(changeSummary(edited.changes)).toBe('1 changement');
    expect(added.changes).toMatchObject({ kind: 'added', id: 'K1704', title: 'Management de la sécurité publique', changes: [] });
    expect(changeSummary(added.changes)).toBe('fiche ajoutée');
    // The file changed, its data did not.
    expect(formatted.changes).toBeUndefined();
    expect(changeSummary(formatted.changes)).toBe('mise en forme du fichier, données inchangées');
  });

  it('follows a record across a rename', () => {
    const history = recordHistory(repo.root, K1414);
    expect(history.map(summary)).toEqual([
      {
        commit: moves,
        date: '2026-03-01T08:00:00+01:00',
        message: 'K1404 devient K1414 ; K1406 ajoutée ; K1405 retirée',
        file: K1414,
        kind: 'renamed',
      },
      { commit: first, date: '2026-01-15T10:00:00+01:00', message: 'Fiches de départ', file: K1404, kind: 'added' },
    ]);
    expect(history[0].changes).toMatchObject({ id: 'K1414', file: K1414, previousFile: K1404 });
    expect(changeLines(history[0].changes!)).toEqual(['code ROME : « K1404 » → « K1414 »']);
    expect(changeSummary(history[0].changes)).toBe('fichier renommé, 1 changement');
  });

  it('starts the history of a record added later at the commit that added it', () => {
    expect(recordHistory(repo.root, K1406).map(summary)).toEqual([
      {
        commit: moves,
        date: '2026-03-01T08:00:00+01:00',
        message: 'K1404 devient K1414 ; K1406 ajoutée ; K1405 retirée',
        file: K1406,
        kind: 'added',
      },
    ]);
  });

  it('ends the history of a deleted record with its removal', () => {
    const history = recordHistory(repo.root, K1405);
    expect(history.map(summary)).toEqual([
      {
        commit: moves,
        date: '2026-03-01T08:00:00+01:00',
        message: 'K1404 devient K1414 ; K1406 ajoutée ; K1405 retirée',
        file: K1405,
        kind: 'removed',
      },
      { commit: first, date: '2026-01-15T10:00:00+01:00', message: 'Fiches de départ', file: K1405, kind: 'added' },
    ]);
    expect(changeSummary(history[0].changes)).toBe('fiche supprimée');
  });

  it('is computed once and kept in memory', () => {
    expect(recordHistory(repo.root, K1704)).toBe(recordHistory(repo.root, K1704));
  });

  it('merges the histories of several records, newest first, up to a limit', () => {
    const records = [
      { kind: 'certification' as const, file: CERTIFICATION },
      { kind: 'rome' as const, file: K1414 },
      { kind: 'rome' as const, file: K1704 },
      { kind: 'rome' as const, file: K1406 },
    ];
    const latest = latestChanges(repo.root, records, 5);
    expect(latest.map(({ record, entry }) => [record.file, entry.commit])).toEqual([
      // Same commit: by file.
      [K1406, moves],
      [K1414, moves],
      [K1704, layout],
      [K1704, edit],
      // Same commit, the first: by file again; the limit cuts the list.
      [CERTIFICATION, first],
    ]);
  });
});

describe('a version that is not readable YAML', () => {
  it('is said to be unreadable instead of compared field by field', () => {
    const { repo } = datedRepo();
    repo.edit(K1704, 'code: K1704', 'code: [K1704');
    commitAt(repo, 'Fichier cassé', '2026-02-01T09:30:00+01:00');
    const [broken] = recordHistory(repo.root, K1704);
    expect(broken.changes?.unreadable?.after).toMatch(/^ligne \d+, colonne \d+ : /);
    expect(changeLines(broken.changes!)).toEqual([
      expect.stringMatching(/^nouvelle version illisible, pas de comparaison champ par champ : ligne \d+/),
    ]);
    expect(changeSummary(broken.changes)).toBe('version illisible, pas de comparaison champ par champ');
  });
});

describe('a project in a folder of its repository', () => {
  it('gives paths relative to the project', () => {
    const { repo, first } = datedRepo('site');
    repo.edit(K1704, 'part_offres: 44.29', 'part_offres: 45.1');
    const edit = commitAt(repo, 'Salaires', '2026-02-01T09:30:00+01:00');
    expect(historyAvailable(repo.root)).toBe(true);
    expect(recordHistory(repo.root, K1704).map((entry) => [entry.commit, entry.file, entry.changes?.kind])).toEqual([
      [edit, K1704, 'changed'],
      [first, K1704, 'added'],
    ]);
  });
});

describe('a build without the full git history', () => {
  it('has no history in a shallow clone', () => {
    const { repo } = datedRepo();
    repo.edit(K1704, 'part_offres: 44.29', 'part_offres: 45.1');
    commitAt(repo, 'Salaires', '2026-02-01T09:30:00+01:00');
    const clone = mkdtempSync(join(tmpdir(), 'certidocs-shallow-'));
    folders.push(clone);
    execFileSync('git', ['clone', '--quiet', '--depth', '1', `file://${repo.root}`, clone], { stdio: 'ignore' });
    expect(historyAvailable(clone)).toBe(false);
    expect(recordHistory(clone, K1704)).toEqual([]);
  });

  it('has no history without .git (an archive)', () => {
    const archive = mkdtempSync(join(tmpdir(), 'certidocs-archive-'));
    folders.push(archive);
    cpSync(join(PROJECT_ROOT, 'schemas'), join(archive, 'schemas'), { recursive: true });
    cpSync(join(PROJECT_ROOT, 'content'), join(archive, 'content'), { recursive: true });
    expect(historyAvailable(archive)).toBe(false);
    expect(recordHistory(archive, K1704)).toEqual([]);
    expect(latestChanges(archive, [{ kind: 'rome', file: K1704 }], 50)).toEqual([]);
  });
});
