/** The JSON Schemas as a built site publishes them (dist/schemas/), compiled by ajv the way a reuser would: draft-07, strict. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FormatsPlugin } from 'ajv-formats';
import { RECORD_KINDS, SHARED_SCHEMA_FILES } from '../../src/core/kinds/record-kinds.ts';

// ajv-formats is CommonJS; Node and Vite expose its export differently.
export const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as FormatsPlugin;

/** Every schema file the site publishes. */
export const SCHEMA_FILES = [...SHARED_SCHEMA_FILES, ...RECORD_KINDS.map((k) => k.schemaFile)];

/** An ajv holding every published schema under its file name ("certification.schema.json"). */
export function publishedSchemas(dist: string): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  // The ownership annotation of the kind schemas (x-proprietaire), which strict mode must be told about.
  ajv.addKeyword({ keyword: 'x-proprietaire', schemaType: 'string' });
  addFormats(ajv);
  for (const name of SCHEMA_FILES) ajv.addSchema(JSON.parse(readFileSync(join(dist, 'schemas', name), 'utf8')) as object, name);
  return ajv;
}
