/** Open data: one certification exactly as in content/, so it validates against /schemas/certification.schema.json. */
import type { APIRoute, InferGetStaticPropsType } from 'astro';
import { getCollection } from 'astro:content';

export async function getStaticPaths() {
  const entries = await getCollection('certifications');
  return entries.map((entry) => ({ params: { id: entry.id }, props: { record: entry.data.record } }));
}

export const GET: APIRoute<InferGetStaticPropsType<typeof getStaticPaths>> = ({ props }) =>
  new Response(`${JSON.stringify(props.record, null, 2)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
