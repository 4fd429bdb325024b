import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { getCollection } from 'astro:content';
import { headCommitDate } from '../../../core/history/git.ts';
import { historyAvailable, recordHistory } from '../../../core/history/history.ts';
import { atomResponse, recordFeed } from '../../../site/feed.ts';

// Builds run from the project root: the repository whose history the feed tells.
const root = process.cwd();

/** One Atom feed per certification, only when the build has the full git history. */
export const getStaticPaths = (async () =>
  historyAvailable(root)
    ? (await getCollection('certifications')).map((entry) => ({ params: { id: entry.id }, props: { entry } }))
    : []) satisfies GetStaticPaths;

export const GET: APIRoute<InferGetStaticPropsType<typeof getStaticPaths>> = ({ props, site }) => {
  const c = props.entry.data.outline;
  return atomResponse(
    recordFeed(site, 'certification', c.numero, c.title, recordHistory(root, props.entry.data.file), headCommitDate(root)),
  );
};
