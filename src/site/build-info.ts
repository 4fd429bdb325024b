/** Facts about the build that pages share: the commit date stands in for "today". */
import { headCommitDate } from '../core/history/git.ts';

let commitDate: string | undefined | null = null;

/** ISO date of the commit being built, or undefined when built without git history. Builds run from the project root. */
export function buildReferenceDate(): string | undefined {
  if (commitDate === null) commitDate = headCommitDate(process.cwd())?.slice(0, 10);
  return commitDate;
}
