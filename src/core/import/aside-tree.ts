/**
 * The new content tree, built beside the current one and swapped in only when complete: until the swap, an
 * import that is killed, runs out of disk or fails leaves content/ as it was, byte for byte. Unchanged files
 * are hard links to the current ones (never written in place), so building the tree costs little.
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** The work folder beside content/ (same file system, so that renames are atomic). */
export function workFolderOf(contentDir: string): string {
  return join(dirname(contentDir), '.certidocs-import');
}

/**
 * Puts things back after an import that was stopped: if it stopped between the two renames of the swap,
 * the previous content/ is restored; any half-built tree is removed. Returns what it did, in French, or undefined.
 */
export function recoverInterruptedImport(contentDir: string): string | undefined {
  const work = workFolderOf(contentDir);
  if (!existsSync(work)) return undefined;
  const previous = join(work, 'previous');
  let note = "Un import précédent s'était arrêté avant la fin : son arbre incomplet a été supprimé.";
  if (!existsSync(contentDir) && existsSync(previous)) {
    renameSync(previous, contentDir);
    note = "Un import précédent s'était arrêté pendant l'échange des dossiers : content/ a été remis tel qu'il était.";
  }
  rmSync(work, { recursive: true, force: true });
  return note;
}

export class AsideTree {
  private readonly contentDir: string;
  private readonly work: string;
  private readonly next: string;

  private constructor(contentDir: string) {
    this.contentDir = contentDir;
    this.work = workFolderOf(contentDir);
    this.next = join(this.work, 'next');
  }

  /** Starts a new tree that holds, for now, the same files as content/. */
  static begin(contentDir: string): AsideTree {
    const tree = new AsideTree(contentDir);
    rmSync(tree.work, { recursive: true, force: true });
    mkdirSync(tree.next, { recursive: true });
    if (existsSync(contentDir)) tree.mirror(contentDir);
    return tree;
  }

  private mirror(dir: string): void {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const from = join(dir, entry.name);
      const to = join(this.next, relative(this.contentDir, from));
      if (entry.isDirectory()) {
        mkdirSync(to, { recursive: true });
        this.mirror(from);
      } else if (entry.isFile()) {
        try {
          linkSync(from, to);
        } catch {
          copyFileSync(from, to);
        }
      }
    }
  }

  /** Writes a file of the new tree, given by its path relative to content/. */
  write(path: string, text: string): void {
    const target = join(this.next, path);
    mkdirSync(dirname(target), { recursive: true });
    // The file may be a link to the current one: unlink first, so that content/ is never written through it.
    if (existsSync(target)) unlinkSync(target);
    writeFileSync(target, text);
  }

  /** Swaps the new tree in: two renames on one file system; recoverInterruptedImport() covers a stop between them. */
  commit(): void {
    const previous = join(this.work, 'previous');
    if (existsSync(this.contentDir)) renameSync(this.contentDir, previous);
    renameSync(this.next, this.contentDir);
    rmSync(this.work, { recursive: true, force: true });
  }

  /** Drops the new tree; content/ is untouched. */
  discard(): void {
    rmSync(this.work, { recursive: true, force: true });
  }
}
