/** All git access of certidocs: dates of commits, read once per question, never the wall clock; files and renames at a commit. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs git in a folder; undefined when git or the repository is unavailable (archive, shallow clone). */
function git(cwd: string, args: string[]): string | undefined {
  try {
    // Whole-history logs of a large registry run to tens of megabytes.
    const out = execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 512 * 1024 * 1024,
    }).trim();
    return out === '' ? undefined : out;
  } catch {
    return undefined;
  }
}

const headDates = new Map<string, string | undefined>();

/**
 * Committer date (ISO 8601) of HEAD: "today" for anything the build derives from dates. Asked once
 * per root: HEAD does not move during a build, and every record's feed asks (a git process per
 * feed was most of a 5,000-record build with history).
 */
export function headCommitDate(root: string): string | undefined {
  if (!headDates.has(root)) headDates.set(root, git(root, ['log', '-1', '--format=%cI']));
  return headDates.get(root);
}

/** Full hash of HEAD. */
export function headCommit(root: string): string | undefined {
  return git(root, ['rev-parse', 'HEAD']);
}

const lastChanges = new Map<string, Map<string, string>>();

/**
 * Committer date (ISO 8601) of the last commit that changed a file. One `git log` pass over the
 * whole history answers every file of a build: a git process per page cost seconds at 1,000 records.
 */
export function lastChangeDate(root: string, file: string): string | undefined {
  let dates = lastChanges.get(root);
  if (dates === undefined) {
    dates = new Map();
    // Paths are relative to the repository's top; the project may sit in a subfolder of it.
    const prefix = git(root, ['rev-parse', '--show-prefix']) ?? '';
    // Newest commit first: the first date seen for a path is its last change.
    let date = '';
    for (const line of (git(root, ['log', '--format=%x1e%cI', '--name-only', '--no-renames']) ?? '').split('\n')) {
      if (line.startsWith('\x1e')) date = line.slice(1);
      else if (line !== '' && line.startsWith(prefix) && !dates.has(line.slice(prefix.length))) dates.set(line.slice(prefix.length), date);
    }
    lastChanges.set(root, dates);
  }
  return dates.get(file);
}

/** A git command that could not run or failed (no git, no repository, damaged repository). */
export class GitError extends Error {}

/** A reference (branch, tag, commit, HEAD~1…) that names no commit of the repository. */
export class UnknownRefError extends GitError {
  readonly ref: string;
  constructor(ref: string) {
    super(`unknown git reference: ${ref}`);
    this.ref = ref;
  }
}

interface RunOptions {
  input?: Uint8Array;
  env?: NodeJS.ProcessEnv;
}

/** Runs git with an argument array (never a shell) and returns its raw output; throws GitError on failure. */
function run(cwd: string, args: string[], options: RunOptions = {}): Buffer {
  const result = spawnSync('git', args, {
    cwd,
    env: options.env ?? process.env,
    ...(options.input ? { input: options.input } : {}),
    stdio: [options.input ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (result.error) throw new GitError(`git ${args[0]}: ${result.error.message}`);
  if (result.status !== 0) throw new GitError(`git ${args[0]}: ${result.stderr.toString('utf8').trim() || `exit status ${result.status}`}`);
  return result.stdout;
}

/** The full hash of the commit a reference names; UnknownRefError when it names none. */
export function resolveCommit(root: string, ref: string): string {
  const result = spawnSync('git', ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.error) throw new GitError(`git rev-parse: ${result.error.message}`);
  // With --verify --quiet, git exits 1 for a name it cannot resolve and 128 for anything else (no repository).
  if (result.status === 1) throw new UnknownRefError(ref);
  if (result.status !== 0) throw new GitError(`git rev-parse: ${result.stderr.trim() || `exit status ${result.status}`}`);
  return result.stdout.trim();
}

/**
 * Every regular file under a folder at a commit, with its bytes, keyed by path relative to root
 * (one `ls-tree` and one batched `cat-file`, however many files there are).
 */
export function readTreeAt(root: string, commit: string, dir: string): Map<string, Uint8Array> {
  const entries: { oid: string; path: string }[] = [];
  for (const line of run(root, ['ls-tree', '-r', '-z', commit, '--', dir]).toString('utf8').split('\0')) {
    const match = /^(100644|100755) blob ([0-9a-f]+)\t(.+)$/s.exec(line);
    if (match) entries.push({ oid: match[2], path: match[3] });
  }
  const blobs = readBlobs(
    root,
    entries.map((e) => e.oid),
  );
  return new Map(entries.map((e) => [e.path, blobs.get(e.oid)!]));
}

/** The bytes of git objects by hash, read by one `cat-file --batch` process. */
export function readBlobs(root: string, oids: string[]): Map<string, Uint8Array> {
  const blobs = new Map<string, Uint8Array>();
  if (oids.length === 0) return blobs;
  const out = run(root, ['cat-file', '--batch'], { input: Buffer.from(oids.map((oid) => `${oid}\n`).join('')) });
  let offset = 0;
  for (const oid of oids) {
    // Each object comes as "<oid> blob <size>\n<bytes>\n".
    const headerEnd = out.indexOf(0x0a, offset);
    const size = Number(out.subarray(offset, headerEnd).toString('utf8').split(' ')[2]);
    blobs.set(oid, out.subarray(headerEnd + 1, headerEnd + 1 + size));
    offset = headerEnd + 1 + size + 1;
  }
  return blobs;
}

/** A file git sees as moved: its path before and after. */
export interface Rename {
  from: string;
  to: string;
}

/**
 * Files under a folder that git sees as renamed between two commits, or between a commit and the
 * working tree when `to` is undefined (untracked files included), with paths relative to root.
 */
export function renamesBetween(root: string, from: string, to: string | undefined, dir: string): Rename[] {
  const args = ['diff', '-M', '--name-status', '-z', '--relative', '--no-ext-diff'];
  if (to !== undefined) return parseNameStatus(run(root, [...args, from, to, '--', dir]));
  // Untracked files only take part in rename detection once in an index: mark them "intent to add"
  // in a throwaway index, so the repository's own index is never touched.
  const indexDir = mkdtempSync(join(tmpdir(), 'certidocs-index-'));
  try {
    const env = { ...process.env, GIT_INDEX_FILE: join(indexDir, 'index') };
    run(root, ['read-tree', from], { env });
    if (existsSync(join(root, dir))) run(root, ['add', '--intent-to-add', '--', dir], { env });
    return parseNameStatus(run(root, [...args, from, '--', dir], { env }));
  } finally {
    rmSync(indexDir, { recursive: true, force: true });
  }
}

/** Reads `--name-status -z` output: "R097\0old\0new\0M\0path\0…". */
function parseNameStatus(out: Buffer): Rename[] {
  const fields = out.toString('utf8').split('\0');
  const renames: Rename[] = [];
  for (let i = 0; i < fields.length && fields[i] !== '';) {
    if (fields[i].startsWith('R')) {
      renames.push({ from: fields[i + 1], to: fields[i + 2] });
      i += 3;
    } else {
      i += 2;
    }
  }
  return renames;
}

/** Whether the repository around a folder is a shallow clone; undefined when there is no repository. */
export function isShallowRepository(root: string): boolean | undefined {
  const answer = git(root, ['rev-parse', '--is-shallow-repository']);
  return answer === undefined ? undefined : answer === 'true';
}

/** A file one commit changed, as `git log --raw` reports it. */
export interface FileChange {
  commit: string;
  author: string;
  /** Author date, ISO 8601. */
  date: string;
  /** Subject line of the commit message. */
  message: string;
  /** What the commit did to the file: A added, M modified, D deleted, R renamed, T type changed. */
  status: string;
  /** The file's path after the commit (the deleted path for a deletion), relative to root. */
  path: string;
  /** The file's path before the commit, for renames. */
  previousPath?: string;
  /** Hashes of the file's contents before and after the commit; undefined where there is none (addition, deletion). */
  before?: string;
  after?: string;
}

const NO_OBJECT = /^0+$/;

/**
 * Every change to the files under a folder, newest commit first, in one `git log` pass: renames
 * detected, merge commits left out (the commits they bring in carry the changes). Throws GitError
 * when git cannot answer.
 */
export function logChanges(root: string, dir: string): FileChange[] {
  // Each commit: "\x1e<hash>\x1f<author>\x1f<date>\x1f<subject>\0\n", then for each file
  // ":<mode> <mode> <old> <new> <status>\0<path>\0[<new path>\0]".
  const out = run(root, [
    'log',
    '--no-merges',
    '-M',
    '--raw',
    '-z',
    '--no-abbrev',
    '--relative',
    '--format=%x1e%H%x1f%an%x1f%aI%x1f%s',
    '--',
    dir,
  ]);
  const changes: FileChange[] = [];
  for (const chunk of out.toString('utf8').split('\x1e').slice(1)) {
    const fields = chunk.split('\0');
    const [commit = '', author = '', date = '', message = ''] = (fields[0] ?? '').split('\x1f');
    for (let i = 1; i < fields.length;) {
      const meta = fields[i].trim();
      if (!meta.startsWith(':')) {
        i++;
        continue;
      }
      const [, , oldOid = '', newOid = '', code = ''] = meta.split(' ');
      const moved = code.startsWith('R') || code.startsWith('C');
      const path = moved ? fields[i + 2] : fields[i + 1];
      changes.push({
        commit,
        author,
        date,
        message,
        status: code.charAt(0),
        path,
        ...(moved ? { previousPath: fields[i + 1] } : {}),
        ...(NO_OBJECT.test(oldOid) ? {} : { before: oldOid }),
        ...(NO_OBJECT.test(newOid) ? {} : { after: newOid }),
      });
      i += moved ? 3 : 2;
    }
  }
  return changes;
}
