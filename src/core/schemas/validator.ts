/** The one factory for the JSON Schema validator: every face (CLI, Astro, tests) validates through it. */
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FormatsPlugin } from 'ajv-formats';
import { RECORD_KINDS } from '../kinds/record-kinds.ts';
import type { RecordKind, RecordKindInfo, RecordKindMap } from '../kinds/record-kinds.ts';
import type { SchemaFiles } from './schema-store.ts';
import { OWNER_KEYWORD } from './ownership.ts';

// ajv-formats is CommonJS; Node and Vite expose its export differently.
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as FormatsPlugin;

/** One validator per kind; each, when it accepts data, tells the compiler that the data is that kind's record. */
export type SchemaValidators = { [K in RecordKind]: ValidateFunction<RecordKindMap[K]> };

/**
 * Compiles one validator per record kind: draft-07, all errors, strict, with date and URI formats.
 * strictRequired is off because "anyOf: [{required: [min]}, {required: [max]}]" is legitimate;
 * the schema tests check instead that every required name is a declared property.
 */
export function createValidators(files: SchemaFiles, kinds: readonly RecordKindInfo[] = RECORD_KINDS): SchemaValidators {
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false });
  addFormats(ajv, ['date', 'uri']);
  // Who owns a property, the official flow or the editor: an annotation that the import and the reference read.
  ajv.addKeyword({ keyword: OWNER_KEYWORD, schemaType: 'string' });
  for (const [name, schema] of files) ajv.addSchema(schema, name);
  const validators: Partial<Record<RecordKind, ValidateFunction>> = {};
  for (const info of kinds) {
    const validate = ajv.getSchema(info.schemaFile);
    if (!validate) throw new Error(`schema ${info.schemaFile} did not compile`);
    validators[info.kind] = validate;
  }
  // The schemas are the records' types (the types are generated from them): what ajv accepts is a record.
  return validators as SchemaValidators;
}

/** Runs a validator and returns its errors (an empty list when the data is valid). */
export function validateWith(validate: ValidateFunction, data: unknown): ErrorObject[] {
  return validate(data) ? [] : [...(validate.errors ?? [])];
}
