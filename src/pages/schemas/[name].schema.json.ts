/**
 * The JSON Schemas, byte for byte as in schemas/. They sit side by side at /schemas/, so their
 * relative "$ref"s ("definitions.schema.json#/…") resolve as they do on disk.
 */
import { readFileSync } from 'node:fs';
import type { APIRoute } from 'astro';
import { RECORD_KINDS, SHARED_SCHEMA_FILES } from '../../core/kinds/record-kinds.ts';
import { projectPath } from '../../site/build-facts.ts';

const SUFFIX = '.schema.json';

export function getStaticPaths() {
  return [...SHARED_SCHEMA_FILES, ...RECORD_KINDS.map((k) => k.schemaFile)].map((file) => ({ params: { name: file.slice(0, -SUFFIX.length) } }));
}

export const GET: APIRoute = ({ params }) =>
  new Response(new Uint8Array(readFileSync(projectPath('schemas', `${params.name}${SUFFIX}`))), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
