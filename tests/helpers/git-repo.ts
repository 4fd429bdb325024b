/** Temporary git repositories holding a copy of the project's schemas and content, with helpers to edit and commit. */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from './content-tree.ts';

const created: string[] = [];

/** The environment without the variables that would point git at another repository (as inside a git hook). */
const gitEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^GIT_/.test(name)));

export interface GitRepo {
  /** The project root (the repository's top folder, or a folder inside it). */
  root: string;
  /** Runs git in the project root and returns its trimmed output. */
  git(...args: string[]): string;
  /** Reads a project-relative file. */
  read(path: string): string;
  /** Writes a project-relative file, creating its folder. */
  write(path: string, text: string): void;
  /** Deletes a project-relative file from disk (git is not told). */
  remove(path: string): void;
  /** Replaces text that must occur exactly once in a file. */
  edit(path: string, search: string, replacement: string): void;
  /** Stages everything and commits; returns the new commit's hash. */
  commit(message: string): string;
}

/**
 * Creates a repository whose first commit holds the project's schemas/ and content/, placed in
 * `folder` inside the repository when given (a project that is not at the repository's top).
 */
export function makeRepo(folder?: string): GitRepo {
  const top = mkdtempSync(join(tmpdir(), 'certidocs-git-'));
  created.push(top);
  const root = folder === undefined ? top : join(top, folder);
  cpSync(join(PROJECT_ROOT, 'schemas'), join(root, 'schemas'), { recursive: true });
  cpSync(join(PROJECT_ROOT, 'content'), join(root, 'content'), { recursive: true });
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: root, env: gitEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  git('init', '--quiet', '--initial-branch=main');
  git('config', 'user.name', 'Test certidocs');
  git('config', 'user.email', 'tests@certidocs.invalid');
  git('config', 'commit.gpgsign', 'false');
  const repo: GitRepo = {
    root,
    git,
    read: (path) => readFileSync(join(root, path), 'utf8'),
    write(path, text) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    },
    remove: (path) => rmSync(join(root, path)),
    edit(path, search, replacement) {
      const text = repo.read(path);
      const count = text.split(search).length - 1;
      if (count !== 1) throw new Error(`${path}: expected one occurrence of ${JSON.stringify(search)}, found ${count}`);
      repo.write(
        path,
        text.replace(search, () => replacement),
      );
    },
    commit(message) {
      git('add', '--all', '.');
      git('commit', '--quiet', '--no-verify', '--message', message);
      return git('rev-parse', 'HEAD');
    },
  };
  repo.commit('Fiches de départ');
  return repo;
}

/** Removes every repository made so far (call from afterAll). */
export function removeRepos(): void {
  for (const top of created.splice(0)) rmSync(top, { recursive: true, force: true });
}
