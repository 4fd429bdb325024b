/**
 * The import's direct writer (canonical-data.ts) and the canonical serializer behind `npm run format`
 * (canonical.ts) must write the same bytes for the same data: on every record of the project and on
 * generated records full of strings that YAML readers could take for something else.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { canonicalize } from '../../src/core/format/canonical.ts';
import { canonicalFromData } from '../../src/core/format/canonical-data.ts';
import { KIND_INFO, RECORD_KINDS } from '../../src/core/kinds/record-kinds.ts';
import type { RecordKindInfo } from '../../src/core/kinds/record-kinds.ts';
import { loadSchemaFiles } from '../../src/core/schemas/schema-store.ts';
import { PROJECT_ROOT } from '../helpers/content-tree.ts';

const schemas = loadSchemaFiles(join(PROJECT_ROOT, 'schemas'));
const HEADER = '# yaml-language-server: $schema=../../schemas/rs.schema.json';

function bySerializer(data: Record<string, unknown>, kind: RecordKindInfo = KIND_INFO.rs, header = HEADER): string {
  const result = canonicalize(`${header}\n${stringify(data, { lineWidth: 0 })}`, kind, schemas);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.text;
}

describe('the direct canonical writer', () => {
  const files = RECORD_KINDS.flatMap((kind) =>
    readdirSync(join(PROJECT_ROOT, 'content', kind.folder)).map((name) => ({
      kind,
      path: join(PROJECT_ROOT, 'content', kind.folder, name),
    })),
  );

  it.each(files.map((f) => [f.path.slice(PROJECT_ROOT.length + 1), f] as const))(
    'writes %s as the serializer does',
    (_, { kind, path }) => {
      const text = readFileSync(path, 'utf8');
      const header = text.split('\n')[0];
      const data = parse(text) as Record<string, unknown>;
      const direct = canonicalFromData(data, kind, schemas, header);
      expect(direct).toBeDefined();
      expect(direct).toBe(bySerializer(data, kind, header));
    },
  );

  // Strings a YAML 1.1 or 1.2 reader could read as a number, a date, a boolean, null, a key or a comment.
  const tricky = fc.oneof(
    fc.constantFrom(
      'yes',
      'No',
      'on',
      'OFF',
      'y',
      'n',
      'null',
      '~',
      'true',
      '.inf',
      '.NaN',
      '0x1F',
      '0o17',
      '1_000',
      '1:20',
      '12e3',
      'E1103',
      'K1704',
      '2024-01-02',
      '2024-01-02T10:00:00Z',
      '-',
      '- x',
      '? x',
      'a: b',
      'a #b',
      '#x',
      ' lead',
      'trail ',
      '---',
      '...',
      '"q"',
      "'q'",
      '@x',
      '`x`',
      '%x',
      '&a',
      '*a',
      '!t',
      '|',
      '>',
      '[x]',
      '{x}',
      'a,b',
      'é',
      '',
      '\u00a0x',
      'x\u2028y',
      '\u0007',
      'x\u0085y',
      'a\ud800b',
      'x\u2029',
      '« guillemets »',
      '• puce',
      '--- x',
      '... x',
      'a\\u0041',
      'tab\there',
    ),
    fc.string({
      unit: fc.constantFrom(
        'a',
        'É',
        '1',
        '0',
        ' ',
        ':',
        '#',
        '-',
        '.',
        ',',
        '"',
        "'",
        '\\',
        '[',
        '{',
        '&',
        '*',
        '!',
        '|',
        '>',
        '%',
        '@',
        '`',
        '\t',
        'e',
        'x',
      ),
      maxLength: 12,
    }),
  );

  it('agrees with the serializer on generated records', () => {
    fc.assert(
      fc.property(
        fc.record({
          numero_fiche: tricky,
          intitule: tricky,
          actif: fc.boolean(),
          certificateurs: fc.array(fc.record({ siret: tricky, nom: tricky, etat: tricky }, { requiredKeys: ['nom'] }), { maxLength: 3 }),
          enregistrement: fc.record({ duree_annees: fc.integer({ min: 0, max: 99 }), date_fin: tricky, source: tricky }),
          statistiques_promotions: fc.array(
            fc.record({
              annee: fc.integer({ min: 1900, max: 2100 }),
              taux_insertion_6_mois: fc.double({ min: 0, max: 100, noNaN: true }),
              source: tricky,
            }),
            { maxLength: 2 },
          ),
          liens_description: fc.array(tricky, { maxLength: 3 }),
          notes_editoriales: fc.array(tricky, { maxLength: 2 }),
        }),
        (data) => {
          const direct = canonicalFromData(data, KIND_INFO.rs, schemas, HEADER);
          // Multi-line text is left to the serializer; everything else must come out identical.
          if (direct !== undefined) expect(direct).toBe(bySerializer(data));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('leaves multi-line text to the serializer', () => {
    expect(canonicalFromData({ numero_fiche: 'RS1', intitule: 'a\nb' }, KIND_INFO.rs, schemas, HEADER)).toBeUndefined();
  });
});
