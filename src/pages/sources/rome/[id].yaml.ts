/** The YAML source of one ROME sheet, byte for byte as in content/. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRoute, InferGetStaticPropsType } from 'astro';
import { getCollection } from 'astro:content';

export async function getStaticPaths() {
  const entries = await getCollection('rome');
  return entries.map((entry) => ({ params: { id: entry.id }, props: { file: entry.data.file } }));
}

// entry.data.file is relative to the project root, and Astro runs from it: process.cwd() stays right
// once this module is bundled elsewhere, unlike a path computed from import.meta.url.
export const GET: APIRoute<InferGetStaticPropsType<typeof getStaticPaths>> = ({ props }) =>
  new Response(new Uint8Array(readFileSync(join(process.cwd(), props.file))), { headers: { 'Content-Type': 'text/yaml; charset=utf-8' } });
