import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { badgePublished, badgeSvg } from '../../core/registry/badge.ts';
import { cacheKeyOf } from '../../site/page-cache.ts';
import { registryView } from '../../site/registry.ts';

/** One status badge per RNCP or RS record (lower-case number) that has one (badgePublished), at the build's commit date. */
export const getStaticPaths = (async () => {
  const { summaries, reference } = await registryView();
  return summaries
    .filter((summary) => badgePublished(summary.validity, reference))
    .map((summary) => ({ params: { id: summary.numero.toLowerCase() }, props: { summary } }))
    .map((path) => ({ ...path, cacheKey: cacheKeyOf(path.props.summary.numero, path.props.summary.validity) }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<InferGetStaticPropsType<typeof getStaticPaths>> = ({ props }) =>
  new Response(badgeSvg(props.summary.numero, props.summary.validity), { headers: { 'Content-Type': 'image/svg+xml; charset=utf-8' } });
