/** All git access of certidocs: dates of commits, read once per question, never the wall clock. */
import { execFileSync } from 'node:child_process';

/** Runs git in a folder; undefined when git or the repository is unavailable (archive, shallow clone). */
function git(cwd: string, args: string[]): string | undefined {
  try {
    const out = execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return out === '' ? undefined : out;
  } catch {
    return undefined;
  }
}

/** Committer date (ISO 8601) of HEAD: "today" for anything the build derives from dates. */
export function headCommitDate(root: string): string | undefined {
  return git(root, ['log', '-1', '--format=%cI']);
}

/** Full hash of HEAD. */
export function headCommit(root: string): string | undefined {
  return git(root, ['rev-parse', 'HEAD']);
}

/** Committer date (ISO 8601) of the last commit that changed a file. */
export function lastChangeDate(root: string, file: string): string | undefined {
  return git(root, ['log', '-1', '--format=%cI', '--', file]);
}
