/** One CSV per indicator table of a ROME sheet: /api/v1/rome/k1704/experience.csv. */
import type { APIRoute, InferGetStaticPropsType } from 'astro';
import { getCollection } from 'astro:content';
import { tableToCsv } from '../../../../../site/csv.ts';
import { romeTables } from '../../../../../site/indicator-tables.ts';

export async function getStaticPaths() {
  const entries = await getCollection('rome');
  return entries.flatMap((entry) =>
    romeTables(entry.data.record, entry.data.notes).map((table) => ({ params: { id: entry.id, table: table.id }, props: { table } })),
  );
}

export const GET: APIRoute<InferGetStaticPropsType<typeof getStaticPaths>> = ({ props }) =>
  new Response(tableToCsv(props.table), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
