import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { calendarFeeds, calendarResponse } from '../../../site/calendars.ts';

/** One calendar per NSF code (in lower case) whose records have a deadline in the gathered feeds' span. */
export const getStaticPaths = (async () => {
  const { nsf, stamp } = await calendarFeeds();
  return [...nsf].map(([code, feed]) => ({ params: { code }, props: { feed, stamp } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<InferGetStaticPropsType<typeof getStaticPaths>> = ({ props, site }) =>
  calendarResponse(props.feed, props.stamp, site);
