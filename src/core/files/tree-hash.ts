/** A stable fingerprint of a folder's files, for checking a deployed site against a commit. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** SHA-256 over every file under dir, in path order: each relative path, a NUL, its length, a NUL, its bytes. */
export function hashTree(dir: string): string {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(path);
    }
  };
  walk(dir);
  const hash = createHash('sha256');
  for (const path of files.map((f) => relative(dir, f).split(sep).join('/')).sort()) {
    const bytes = readFileSync(join(dir, path));
    hash.update(`${path}\0${bytes.length}\0`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}
