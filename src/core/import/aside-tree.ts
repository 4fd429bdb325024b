/**
 * The new content tree, built beside the current one and swapped in only when complete: until the swap, an
 * import that is killed, runs out of disk or fails leaves content/ as it was, byte for byte. The import writes
 * the files it changes; the others become hard links to the current ones at commit (never written in place),
 * so building the tree costs little. Several threads may write into one tree, each its own files. Files are
 * written in the background, a few at a time: creating a file is slow on some disks, and the import goes on
 * reading and converting meanwhile.
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync, writeFile } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

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

/** Files being written at once: enough to keep the disk busy while the import converts the next records. */
const WRITES_IN_FLIGHT = 8;

export class AsideTree {
  private readonly contentDir: string;
  private readonly work: string;
  private readonly next: string;
  private readonly writing = new Set<Promise<void>>();
  private readonly folders = new Set<string>();
  private readonly listings = new Map<string, Set<string>>();
  private failure: NodeJS.ErrnoException | undefined;

  private constructor(contentDir: string) {
    this.contentDir = contentDir;
    this.work = workFolderOf(contentDir);
    this.next = join(this.work, 'next');
  }

  /** Starts a new, empty tree beside content/; the files the import does not write are linked in at commit. */
  static begin(contentDir: string): AsideTree {
    const tree = new AsideTree(contentDir);
    rmSync(tree.work, { recursive: true, force: true });
    mkdirSync(tree.next, { recursive: true });
    return tree;
  }

  /** The tree another thread began, to write some of its files. */
  static attach(contentDir: string): AsideTree {
    return new AsideTree(contentDir);
  }

  /** Links into the new tree every file of content/ it was not given (copies across file systems). */
  private completeWith(dir: string): void {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const from = join(dir, entry.name);
      const to = join(this.next, relative(this.contentDir, from));
      if (entry.isDirectory()) {
        mkdirSync(to, { recursive: true });
        this.completeWith(from);
      } else if (entry.isFile() && !this.written(to)) {
        try {
          linkSync(from, to);
        } catch {
          copyFileSync(from, to);
        }
      }
    }
  }

  /** Whether the new tree has that file (one listing per folder). */
  private written(path: string): boolean {
    const folder = dirname(path);
    let names = this.listings.get(folder);
    if (!names) this.listings.set(folder, (names = new Set(existsSync(folder) ? readdirSync(folder) : [])));
    return names.has(basename(path));
  }

  /**
   * Writes a file of the new tree, given by its path relative to content/; resolves once it is under way
   * (after an earlier write when too many are), and rejects with the first write that failed.
   */
  async write(path: string, text: string): Promise<void> {
    if (this.failure) throw this.failure;
    const target = join(this.next, path);
    const folder = dirname(target);
    if (!this.folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      this.folders.add(folder);
    }
    const written: Promise<void> = new Promise<void>((resolve) =>
      writeFile(target, text, (error) => {
        if (error) this.failure ??= error;
        resolve();
      }),
    ).then(() => {
      this.writing.delete(written);
    });
    this.writing.add(written);
    if (this.writing.size >= WRITES_IN_FLIGHT) await Promise.race(this.writing);
    if (this.failure) throw this.failure;
  }

  /** Waits for every write, and rejects with the first that failed. */
  async settle(): Promise<void> {
    await Promise.all(this.writing);
    if (this.failure) throw this.failure;
  }

  /** Swaps the new tree in once it is written: two renames on one file system; recoverInterruptedImport() covers a stop between them. */
  async commit(): Promise<void> {
    await this.settle();
    if (existsSync(this.contentDir)) this.completeWith(this.contentDir);
    const previous = join(this.work, 'previous');
    if (existsSync(this.contentDir)) renameSync(this.contentDir, previous);
    renameSync(this.next, this.contentDir);
    rmSync(this.work, { recursive: true, force: true });
  }

  /** Drops the new tree, once no write is left to land in it; content/ is untouched. */
  async discard(): Promise<void> {
    await Promise.all(this.writing);
    rmSync(this.work, { recursive: true, force: true });
  }
}
