import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { KIND_INFO } from '../../../core/kinds/record-kinds.ts';
import { builtCommit, hasHistory, hasOwnHistory, historyOf } from '../../../site/build-facts.ts';
import { allRecords } from '../../../site/collections.ts';
import { atomResponse, recordFeed } from '../../../site/feed.ts';

/** One Atom feed per record that has a history (/historique/<kind>/<id>.xml), only when the build has the full git history. */
export const getStaticPaths = (async () =>
  hasHistory()
    ? (await allRecords())
        .filter((record) => hasOwnHistory(record.file))
        .map((record) => ({ params: { kind: KIND_INFO[record.kind].urlSegment, id: record.slug }, props: { record } }))
    : []) satisfies GetStaticPaths;

export const GET: APIRoute<InferGetStaticPropsType<typeof getStaticPaths>> = ({ props, site }) => {
  const { record } = props;
  return atomResponse(recordFeed(site, record.kind, record.id, record.title, historyOf(record.file), builtCommit()?.date));
};
