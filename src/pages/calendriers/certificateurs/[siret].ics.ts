import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { calendarFeeds, calendarResponse } from '../../../site/calendars.ts';

/** One calendar per certifier (by SIRET) whose records have a deadline in the gathered feeds' span. */
export const getStaticPaths = (async () => {
  const { certifiers, stamp } = await calendarFeeds();
  return [...certifiers].map(([siret, feed]) => ({ params: { siret }, props: { feed, stamp } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<InferGetStaticPropsType<typeof getStaticPaths>> = ({ props, site }) =>
  calendarResponse(props.feed, props.stamp, site);
