import type { APIRoute } from 'astro';
import { calendarFeeds, calendarResponse } from '../../site/calendars.ts';

/** The deadlines of the whole registry from a year before the build's commit date (see src/site/calendars.ts). */
export const GET: APIRoute = async ({ site }) => {
  const { registry, stamp } = await calendarFeeds();
  return calendarResponse(registry, stamp, site);
};
