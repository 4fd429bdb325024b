import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { calendarFeeds, calendarResponse } from '../../../site/calendars.ts';

/** One calendar per RNCP or RS record (lower-case number) that publishes an end date or a last award date. */
export const getStaticPaths = (async () => {
  const { records, stamp } = await calendarFeeds();
  return [...records].map(([id, feed]) => ({ params: { id: id.toLowerCase() }, props: { feed, stamp } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<InferGetStaticPropsType<typeof getStaticPaths>> = ({ props, site }) =>
  calendarResponse(props.feed, props.stamp, site);
