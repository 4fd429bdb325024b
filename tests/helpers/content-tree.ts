/** Temporary project trees for tests: the project's schemas, a content folder, and edits on top. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES = join(PROJECT_ROOT, 'tests/fixtures');

const created: string[] = [];

export interface TreeOptions {
  /** Content to start from: the small test fixture tree, or the project's real content/. */
  base?: 'fixture' | 'project';
  /** Files to write, by project-relative path. */
  files?: Record<string, string | Uint8Array>;
  /** Project-relative paths to delete after copying the base. */
  remove?: string[];
}

/** Creates a project tree in a temporary folder and returns its root. */
export function makeTree(options: TreeOptions = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'certidocs-test-'));
  created.push(root);
  cpSync(join(PROJECT_ROOT, 'schemas'), join(root, 'schemas'), { recursive: true });
  const base = options.base === 'project' ? join(PROJECT_ROOT, 'content') : join(FIXTURES, 'base/content');
  cpSync(base, join(root, 'content'), { recursive: true });
  for (const path of options.remove ?? []) rmSync(join(root, path));
  for (const [path, data] of Object.entries(options.files ?? {})) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), data);
  }
  return root;
}

/** Reads a file of the project or of a tree. */
export function readText(root: string, path: string): string {
  return readFileSync(join(root, path), 'utf8');
}

/** Removes every tree made so far (call from afterAll). */
export function removeTrees(): void {
  for (const root of created.splice(0)) rmSync(root, { recursive: true, force: true });
}
