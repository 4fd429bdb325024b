/**
 * A record kind is a descriptor and a schema: a throwaway kind, described by nothing else, is read,
 * validated, listed, formatted, scaffolded and diffed by the core like the kinds certidocs ships.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diffRecords } from '../src/core/diff/semantic-diff.ts';
import { workingTreeVersion } from '../src/core/diff/content-versions.ts';
import { listContentFiles } from '../src/core/files/content-files.ts';
import { canonicalize } from '../src/core/format/canonical.ts';
import { scaffoldRecord } from '../src/core/format/scaffold.ts';
import { RECORD_KINDS } from '../src/core/kinds/record-kinds.ts';
import type { RecordKindInfo } from '../src/core/kinds/record-kinds.ts';
import { recordsOfKind } from '../src/core/kinds/records.ts';
import { idPattern, loadSchemaFiles } from '../src/core/schemas/schema-store.ts';
import { validateContent } from '../src/core/validation/validate-content.ts';
import { makeTree, removeTrees } from './helpers/content-tree.ts';

afterAll(removeTrees);

/** The throwaway kind: its descriptor is all the code it gets (cast, since it is not one of RecordKind's names). */
const ESSAI = {
  kind: 'essai',
  folder: 'essais',
  schemaFile: 'essai.schema.json',
  typeName: 'Essai',
  idField: 'code',
  titleField: 'intitule',
  exampleId: 'ES12',
  urlSegment: 'essais',
  labels: {
    singular: "fiche d'essai",
    plural: "fiches d'essai",
    withArticle: "la fiche d'essai",
    list: "Fiches d'essai",
    sheet: "fiche d'essai",
    kicker: "Fiche d'essai",
  },
} as unknown as RecordKindInfo;

const KINDS = [...RECORD_KINDS, ESSAI];

/** Its schema, sharing the project's definitions like the real ones. */
const SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: "Fiche d'essai",
  description: 'Un type de fiche jetable, pour les tests.',
  type: 'object',
  additionalProperties: false,
  required: ['code', 'intitule', 'sources'],
  properties: {
    code: { title: 'Code', description: '« ES » suivi de chiffres.', type: 'string', pattern: '^ES[0-9]+$', examples: ['ES12'] },
    intitule: { title: 'Intitulé', description: "Intitulé de l'essai.", $ref: 'definitions.schema.json#/definitions/texte' },
    note: { title: 'Note', description: 'Une note sur 20.', type: 'number', minimum: 0, maximum: 20 },
    source: { title: 'Source', description: 'Source de la note.', $ref: 'definitions.schema.json#/definitions/id_source' },
    sources: { title: 'Sources', description: 'Sources de la fiche.', $ref: 'definitions.schema.json#/definitions/sources' },
  },
};

const MODELINE = '# yaml-language-server: $schema=../../schemas/essai.schema.json';
const ES1 = `${MODELINE}\ncode: ES1\nintitule: Premier essai\nnote: 12.5\nsource: essai\nsources:\n  - id: essai\n    intitule: Source d'essai\n`;

function tree(files: Record<string, string>): string {
  return makeTree({ files: { 'schemas/essai.schema.json': `${JSON.stringify(SCHEMA, null, 2)}\n`, ...files } });
}

describe('a record kind made of a descriptor and a schema', () => {
  it('is listed: its folder gives its files their kind', () => {
    const root = tree({ 'content/essais/es1.yaml': ES1 });
    const essais = listContentFiles(root, join(root, 'content'), KINDS).filter((f) => f.kind === ESSAI);
    expect(essais.map((f) => f.file)).toEqual(['content/essais/es1.yaml']);
  });

  it('is validated: a valid record is loaded beside the others, a bad one is reported at its line and column', () => {
    const root = tree({
      'content/essais/es1.yaml': ES1,
      'content/essais/es2.yaml': `${MODELINE}\ncode: ES2\nintitule: Deuxième essai\nnote: 25\nsource: essai\nsources:\n  - id: essai\n    intitule: Source\n`,
    });
    const result = validateContent({ root, kinds: KINDS });
    expect(recordsOfKind(result.records, 'essai').map((r) => [r.id, r.file])).toEqual([['ES1', 'content/essais/es1.yaml']]);
    expect(result.records.certification.map((r) => r.id)).toEqual(['RNCP10001']);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({ file: 'content/essais/es2.yaml', line: 4, column: 7, pointer: '/note', rule: 'schema/maximum' }),
    ]);
    // The cross-record checks see it too: its file must be named after its record.
    const misnamed = validateContent({ root: tree({ 'content/essais/autre.yaml': ES1 }), kinds: KINDS });
    expect(misnamed.diagnostics.map((d) => [d.file, d.rule, d.severity])).toEqual([['content/essais/autre.yaml', 'unique-id', 'error']]);
  });

  it('without its descriptor, its folder is an unknown one', () => {
    const root = tree({ 'content/essais/es1.yaml': ES1 });
    const result = validateContent({ root });
    expect(result.diagnostics.map((d) => [d.file, d.rule])).toEqual([['content/essais/es1.yaml', 'file-kind']]);
  });

  it('is formatted: keys in its schema order, the canonical form stable', () => {
    const schemas = loadSchemaFiles(join(tree({}), 'schemas'), KINDS);
    const messy = `${MODELINE}\nsources:\n    - intitule: "Source d'essai"\n      id: essai\nsource: essai\nnote: 12.50\nintitule: 'Premier essai'\ncode: ES1\n`;
    const result = canonicalize(messy, ESSAI, schemas, 'content/essais/es1.yaml');
    expect(result).toEqual({ ok: true, text: ES1 });
  });

  it('gets a skeleton from its schema whose identifier follows its pattern', () => {
    const schemas = loadSchemaFiles(join(tree({}), 'schemas'), KINDS);
    expect(idPattern(schemas, ESSAI).test(ESSAI.exampleId)).toBe(true);
    const skeleton = scaffoldRecord(ESSAI, 'ES3', schemas, MODELINE);
    expect(skeleton.split('\n')[0]).toBe(MODELINE);
    expect(skeleton).toContain('code: ES3');
    const root = tree({ 'content/essais/es3.yaml': skeleton });
    const missing = validateContent({ root, kinds: KINDS }).diagnostics.filter((d) => d.file === 'content/essais/es3.yaml');
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.every((d) => d.severity === 'error' && d.rule.startsWith('schema/'))).toBe(true);
  });

  it('is diffed: a changed value is named by its schema title, in French', () => {
    const root = tree({ 'content/essais/es1.yaml': ES1 });
    const schemas = loadSchemaFiles(join(root, 'schemas'), KINDS);
    const before = workingTreeVersion(root, KINDS);
    const file = join(root, 'content/essais/es1.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('note: 12.5', 'note: 14'));
    const changes = diffRecords(before, workingTreeVersion(root, KINDS), [], schemas, KINDS);
    expect(changes).toEqual([
      expect.objectContaining({
        kind: 'changed',
        recordKind: 'essai',
        id: 'ES1',
        title: 'Premier essai',
        changes: [expect.objectContaining({ op: 'set', path: ['note'], pointer: '/note', shown: { before: '12,5', after: '14' } })],
      }),
    ]);
  });
});
