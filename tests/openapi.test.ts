/**
 * The built /api/v1/openapi.json: valid OpenAPI 3.1 for a real validator (swagger-parser, which also
 * resolves its references to the published schemas), and true of the site: every file the build
 * publishes under /api/v1/, /calendriers/ and /badges/ is one of its paths, every path has files, and each file
 * validates against the schema its response names (draft-07 schemas with ajv's draft-07 validator,
 * the document's own schemas with its 2020-12 one).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, posix, relative, sep } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Ajv } from 'ajv';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { addFormats, publishedSchemas } from './helpers/published-schemas.ts';

type Data = Record<string, any>;

const OPENAPI = 'api/v1/openapi.json';

let dist: string;
let api: Data;
let draft07: Ajv;
let own: Ajv2020;

beforeAll(() => {
  dist = inject('siteDist');
  api = JSON.parse(readFileSync(join(dist, OPENAPI), 'utf8')) as Data;
  draft07 = publishedSchemas(dist);
  own = new Ajv2020({ allErrors: true, strict: true });
  addFormats(own);
  // The description's own schemas, under its components, reached by their "#/components/…" references.
  own.addKeyword('components');
  own.addSchema({ $id: 'openapi', components: api.components });
});

/** Every file the build publishes under the API's folders, as an address below the server ("/api/v1/dumps/rs.ndjson.gz"). */
function publishedFiles(): string[] {
  return ['api/v1', 'calendriers', 'badges'].flatMap((folder) =>
    readdirSync(join(dist, folder), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => `/${relative(dist, join(e.parentPath, e.name)).split(sep).join('/')}`),
  );
}

/** A path template as a pattern: "/badges/{id}.svg" matches "/badges/rs5000.svg", giving { id: "rs5000" }. */
function matcher(template: string): (path: string) => Record<string, string> | undefined {
  const names: string[] = [];
  const source = template
    .split(/(\{[a-z]+\})/)
    .map((part) => {
      const name = /^\{([a-z]+)\}$/.exec(part)?.[1];
      if (!name) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      names.push(name);
      return '([^/]+)';
    })
    .join('');
  const pattern = new RegExp(`^${source}$`);
  return (path) => {
    const match = pattern.exec(path);
    return match ? Object.fromEntries(names.map((name, i) => [name, match[i + 1] as string])) : undefined;
  };
}

/** Errors of `value` against a schema of the description; an unknown form fails, so the test grows with the description. */
function errorsOf(schema: Data, value: unknown, where: string): unknown[] {
  if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#/')) {
    const validate = own.getSchema(`openapi${schema.$ref}`);
    if (!validate) throw new Error(`${where}: ${schema.$ref} does not resolve`);
    return validate(value) ? [] : (validate.errors ?? []);
  }
  if (typeof schema.$ref === 'string') {
    // Relative to the description's address, as OpenAPI 3.1 resolves it: "../../schemas/rs.schema.json" from api/v1/.
    const target = posix.normalize(posix.join(posix.dirname(OPENAPI), schema.$ref));
    expect(target, where).toMatch(/^schemas\/[a-z-]+\.schema\.json$/);
    const validate = draft07.getSchema(posix.basename(target));
    if (!validate) throw new Error(`${where}: no published schema ${target}`);
    return validate(value) ? [] : (validate.errors ?? []);
  }
  if (schema.type === 'array' && schema.items) {
    if (!Array.isArray(value)) return [`${where}: not an array`];
    return value.flatMap((item, i) => errorsOf(schema.items as Data, item, `${where}[${i}]`));
  }
  if (schema.type === 'string' && Object.keys(schema).every((key) => ['type', 'description', 'pattern'].includes(key))) {
    if (typeof value !== 'string') return [`${where}: not a string`];
    return typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)
      ? [`${where}: does not match ${schema.pattern}`]
      : [];
  }
  throw new Error(`${where}: the test does not know how to check ${JSON.stringify(schema)}`);
}

/** A published file's body as its media type reads it. */
function bodyOf(file: string, mediaType: string): unknown {
  // A compressed dump is checked as the text it holds.
  if (mediaType === 'application/gzip') return gunzipSync(readFileSync(join(dist, file))).toString('utf8');
  const text = readFileSync(join(dist, file), 'utf8');
  if (mediaType === 'application/json') return JSON.parse(text);
  if (mediaType === 'application/yaml') return parse(text);
  return text;
}

describe('OpenAPI description of the static API', () => {
  it('is valid OpenAPI 3.1, references included, for swagger-parser', async () => {
    expect(api.openapi).toBe('3.1.0');
    expect(api.info.version).toBe('1');
    // validate() resolves the relative references against the file: dist/schemas/, as a client does against the site.
    await expect(SwaggerParser.validate(join(dist, OPENAPI))).resolves.toBeDefined();
    // The validator does reject what is wrong: the same document without its version.
    const broken = JSON.parse(JSON.stringify(api)) as Data;
    delete broken.info.version;
    await expect(SwaggerParser.validate(broken as never, { resolve: { external: false } })).rejects.toThrow(/version/);
  });

  it('names every file published under /api/v1/, /calendriers/ and /badges/, and each of its paths has files', () => {
    const templates = Object.keys(api.paths as Data).map((template) => ({ template, match: matcher(template) }));
    const matched = new Map(templates.map((t) => [t.template, 0]));
    for (const file of publishedFiles()) {
      if (file === `/${OPENAPI}`) continue;
      const paths = templates.filter((t) => t.match(file));
      expect(
        paths.map((t) => t.template),
        file,
      ).toHaveLength(1);
      matched.set(paths[0]!.template, matched.get(paths[0]!.template)! + 1);
    }
    expect([...matched].filter(([, count]) => count === 0).map(([template]) => template)).toEqual([]);
  });

  it('gives every published file a body that its schema, and its path parameters, accept', () => {
    // The checks below can fail: an empty record is no RS record, a number is no CSV.
    expect(errorsOf({ $ref: '../../schemas/rs.schema.json' }, {}, 'control')).not.toEqual([]);
    expect(errorsOf({ type: 'string' }, 1, 'control')).not.toEqual([]);
    let checked = 0;
    for (const [template, item] of Object.entries(api.paths as Record<string, Data>)) {
      const match = matcher(template);
      const operation = item.get as Data;
      const contents = Object.entries(operation.responses['200'].content as Record<string, Data>);
      expect(contents, template).toHaveLength(1);
      const [mediaType, content] = contents[0]!;
      for (const file of publishedFiles()) {
        const parameters = match(file);
        if (!parameters) continue;
        for (const parameter of (operation.parameters ?? []) as Data[]) {
          const validate = own.compile(parameter.schema as object);
          expect(validate(parameters[parameter.name]), `${file}: ${parameter.name}`).toBe(true);
        }
        const body = bodyOf(file, mediaType);
        expect(errorsOf(content.schema as Data, body, file), file).toEqual([]);
        if (content['x-itemSchema']) {
          const lines = (body as string).split('\n');
          expect(lines.pop(), `${file} ends with a line break`).toBe('');
          lines.forEach((line, i) => expect(errorsOf(content['x-itemSchema'] as Data, JSON.parse(line), `${file}:${i + 1}`)).toEqual([]));
        }
        if (content['x-colonnes']) {
          const header = (body as string).slice(0, (body as string).indexOf('\r\n'));
          expect(header, file).toBe(`\uFEFF${(content['x-colonnes'] as Data[]).map((c) => c.nom).join(';')}`);
        }
        checked++;
      }
    }
    // Each file once: every one but the description itself.
    expect(checked).toBe(publishedFiles().length - 1);
  });

  it('describes each path in French, with a unique operation id, under the site address', () => {
    expect(api.servers[0].url).toMatch(/^https?:\/\/[^/]+(\/.*[^/])?$/);
    const ids = Object.values(api.paths as Record<string, Data>).map((item) => item.get.operationId as string);
    expect(new Set(ids).size).toBe(ids.length);
    for (const item of Object.values(api.paths as Record<string, Data>)) {
      expect(item.get.summary).toMatch(/^[A-ZÉ]/);
      expect(item.get.description).toMatch(/\b(la|les|le|une|de|du|des)\b/);
    }
  });
});
