/** The schemas are the single source of truth: check they say everything editors and tools need. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECORD_KINDS, SHARED_SCHEMA_FILES } from '../src/core/kinds/record-kinds.ts';
import { OWNER_KEYWORD } from '../src/core/schemas/ownership.ts';
import { loadSchemaFiles, resolveRef } from '../src/core/schemas/schema-store.ts';
import type { JsonSchema } from '../src/core/schemas/schema-store.ts';
import { generateTypes } from '../scripts/generate-types.ts';
import { PROJECT_ROOT } from './helpers/content-tree.ts';

const schemaDir = join(PROJECT_ROOT, 'schemas');
const files = loadSchemaFiles(schemaDir);

/** Keywords of JSON Schema draft-07 (validation and annotations) that the project allows. */
const DRAFT_07 = new Set([
  '$schema',
  '$ref',
  '$comment',
  'title',
  'description',
  'examples',
  'default',
  'definitions',
  'type',
  'enum',
  'const',
  'properties',
  'additionalProperties',
  'required',
  'items',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  'if',
  'then',
  'else',
  'minProperties',
  'maxProperties',
  'propertyNames',
  'dependencies',
  'contains',
  'multipleOf',
  'additionalItems',
  'patternProperties',
  // Who owns a top-level field (src/core/schemas/ownership.ts): an annotation draft-07 tools ignore.
  OWNER_KEYWORD,
]);

interface Visit {
  file: string;
  path: string;
  schema: JsonSchema;
}

/** Every schema object in every file, with where it is. */
function allSchemas(): Visit[] {
  const visits: Visit[] = [];
  const walk = (file: string, path: string, schema: JsonSchema) => {
    visits.push({ file, path, schema });
    for (const [keyword, value] of Object.entries(schema)) {
      if (keyword === 'properties' || keyword === 'definitions') {
        for (const [name, child] of Object.entries(value as Record<string, JsonSchema>)) walk(file, `${path}/${keyword}/${name}`, child);
      } else if (keyword === 'anyOf' || keyword === 'oneOf' || keyword === 'allOf') {
        (value as JsonSchema[]).forEach((child, i) => walk(file, `${path}/${keyword}/${i}`, child));
      } else if (['items', 'if', 'then', 'else', 'not'].includes(keyword) && typeof value === 'object') {
        walk(file, `${path}/${keyword}`, value as JsonSchema);
      }
    }
  };
  for (const [file, schema] of files) walk(file, '#', schema);
  return visits;
}

describe('schemas', () => {
  it('has one schema file per record kind plus the shared definitions, and nothing else', () => {
    expect(readdirSync(schemaDir).sort()).toEqual([...SHARED_SCHEMA_FILES, ...RECORD_KINDS.map((k) => k.schemaFile)].sort());
    for (const schema of files.values()) expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  it("uses draft-07 keywords only, so that VS Code's YAML extension understands them", () => {
    const unknown = allSchemas().flatMap(({ file, path, schema }) =>
      Object.keys(schema)
        .filter((k) => !DRAFT_07.has(k))
        .map((k) => `${file}${path}: ${k}`),
    );
    expect(unknown).toEqual([]);
  });

  it('gives every property and definition a title and a description in French', () => {
    const missing = allSchemas()
      .filter(({ path }) => /\/(properties|definitions)\/[^/]+$/.test(path))
      .filter(({ schema }) => !(typeof schema.title === 'string' && typeof schema.description === 'string') && !schema.$ref)
      .map(({ file, path }) => `${file}${path}`);
    expect(missing).toEqual([]);
    // A property that only points to a definition takes the definition's title and description.
    const refsWithoutOwnText = allSchemas()
      .filter(({ path, schema }) => /\/properties\/[^/]+$/.test(path) && schema.$ref)
      .filter(({ file, schema }) => {
        const own = typeof schema.title === 'string' && typeof schema.description === 'string';
        const target = resolveRef(files, { schema, file }).schema;
        const inherited = Object.keys(schema).length === 1 && typeof target.title === 'string' && typeof target.description === 'string';
        return !own && !inherited;
      })
      .map(({ file, path }) => `${file}${path}`);
    expect(refsWithoutOwnText).toEqual([]);
    const english = allSchemas().filter(({ schema }) =>
      /\b(the|must|should|value of)\b/i.test(`${schema.title ?? ''} ${schema.description ?? ''}`),
    );
    expect(english.map(({ file, path }) => `${file}${path}`)).toEqual([]);
  });

  it('closes every object: unknown keys are errors', () => {
    const open = allSchemas()
      .filter(({ schema }) => schema.properties && schema.additionalProperties !== false)
      .filter(({ path }) => !/\/if$/.test(path))
      .map(({ file, path }) => `${file}${path}`);
    expect(open).toEqual([]);
  });

  it('only requires properties it declares (ajv strictRequired is off for anyOf branches)', () => {
    const undeclared = allSchemas().flatMap(({ file, path, schema }) => {
      const declared = new Set(Object.keys((schema.properties as object | undefined) ?? {}));
      if (declared.size === 0) return [];
      const branches = ((schema.anyOf as JsonSchema[] | undefined) ?? []).flatMap((b) => (b.required as string[] | undefined) ?? []);
      return [...((schema.required as string[] | undefined) ?? []), ...branches]
        .filter((n) => !declared.has(n))
        .map((n) => `${file}${path}: ${n}`);
    });
    expect(undeclared).toEqual([]);
  });

  it('resolves every $ref', () => {
    const broken = allSchemas()
      .filter(({ schema }) => typeof schema.$ref === 'string')
      .filter(
        ({ file, schema }) =>
          resolveRef(files, { schema, file }).schema.$ref !== undefined || resolveRef(files, { schema, file }).schema === schema,
      )
      .map(({ file, path, schema }) => `${file}${path} → ${String(schema.$ref)}`);
    expect(broken).toEqual([]);
  });

  it('keeps percentages in percent units between 0 and 100', () => {
    const percent = (files.get('definitions.schema.json')!.definitions as Record<string, JsonSchema>).pourcentage;
    expect(percent).toMatchObject({ type: 'number', minimum: 0, maximum: 100 });
  });

  it('names the matching official RNCP field in the descriptions of the certification', () => {
    const text = JSON.stringify(files.get('certification.schema.json'));
    for (const field of [
      'NUMERO_FICHE',
      'INTITULE',
      'DATE_FIN_ENREGISTREMENT',
      'PREREQUIS_ENTREE_FORMATION',
      'OBJECTIFS_CONTEXTE',
      'TYPE_EMPLOI_ACCESSIBLES',
      'SECTEURS_ACTIVITE',
      'BLOCS_COMPETENCES',
      'CODES_ROME',
      'SI_JURY_VAE',
      'TAUX_INSERTION_GLOBAL_6MOIS',
    ]) {
      expect(text).toContain(field);
    }
  });

  it('generated types are up to date with the schemas', async () => {
    const committed = readFileSync(join(PROJECT_ROOT, 'src/core/schemas/types.generated.ts'), 'utf8');
    expect(await generateTypes(schemaDir)).toBe(committed);
  });
});

describe('content files', () => {
  for (const info of RECORD_KINDS) {
    const dir = join(PROJECT_ROOT, 'content', info.folder);
    for (const name of readdirSync(dir)) {
      it(`${info.folder}/${name} starts with the modeline of its schema`, () => {
        const firstLine = readFileSync(join(dir, name), 'utf8').split('\n', 1)[0];
        expect(firstLine).toBe(`# yaml-language-server: $schema=../../schemas/${info.schemaFile}`);
      });
    }
  }
});
