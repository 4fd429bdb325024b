import type { APIRoute } from 'astro';
import { builtCommit, hasHistory, hasOwnHistory, latestChangesOf } from '../../site/build-facts.ts';
import { allRecords } from '../../site/collections.ts';
import { atomResponse, changesFeed, changesPagePath, LATEST_CHANGES } from '../../site/feed.ts';

/** The latest changes across records; no file at all when the build has no full git history. */
export const GET: APIRoute = async ({ site }) => {
  if (!hasHistory()) return new Response(null);
  const changes = latestChangesOf(await allRecords(), LATEST_CHANGES);
  return atomResponse(changesFeed(site, changes, (record) => changesPagePath(record, hasOwnHistory(record.file)), builtCommit()?.date));
};
