import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { headCommitDate } from '../../core/history/git.ts';
import { historyAvailable, latestChanges } from '../../core/history/history.ts';
import { atomResponse, changesFeed, LATEST_CHANGES } from '../../site/feed.ts';

// Builds run from the project root: the repository whose history the feed tells.
const root = process.cwd();

/** The latest changes across records; no file at all when the build has no full git history. */
export const GET: APIRoute = async ({ site }) => {
  if (!historyAvailable(root)) return new Response(null);
  const records = [
    ...(await getCollection('certifications')).map((e) => ({
      kind: 'certification' as const,
      id: e.data.outline.numero,
      file: e.data.file,
    })),
    ...(await getCollection('rome')).map((e) => ({ kind: 'rome' as const, id: e.data.outline.code, file: e.data.file })),
  ];
  return atomResponse(changesFeed(site, latestChanges(root, records, LATEST_CHANGES), headCommitDate(root)));
};
