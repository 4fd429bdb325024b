/**
 * Mistakes an editor could make by hand in the real content files are caught at the right place.
 * Expected positions are computed from the edited text itself, not from the validator.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { validateContent } from '../src/core/validation/validate-content.ts';
import { PROJECT_ROOT, makeTree, readText, removeTrees } from './helpers/content-tree.ts';

afterAll(removeTrees);

const CERT = 'content/certifications/rncp39853.yaml';
const K1704 = 'content/rome/k1704.yaml';
const K1404 = 'content/rome/k1404.yaml';

interface Edit {
  name: string;
  file: string;
  /** A line of the real file, found exactly once. */
  find: string;
  replace: string;
  /** Text on the edited line where the error must point. */
  at: string;
  rule: string;
  /** A fragment of the expected message. */
  says: string;
}

const edits: Edit[] = [
  {
    name: 'percentage out of range',
    file: K1704,
    find: '        part_offres: 44.29',
    replace: '        part_offres: 144.29',
    at: '144.29',
    rule: 'schema/maximum',
    says: 'de 0 à 100',
  },
  {
    name: 'percentage typed with its sign',
    file: CERT,
    find: '    taux_insertion_6_mois: 94',
    replace: '    taux_insertion_6_mois: 94 %',
    at: '94 %',
    rule: 'schema/type',
    says: 'doit être un nombre',
  },
  {
    name: 'unknown ROME code',
    file: CERT,
    find: '  - K1405',
    replace: '  - K1450',
    at: 'K1450',
    rule: 'rome-reference',
    says: '« K1450 »',
  },
  {
    name: 'malformed ROME code',
    file: K1404,
    find: 'code: K1404',
    replace: 'code: k1404',
    at: 'k1404',
    rule: 'schema/pattern',
    says: "n'a pas le format attendu",
  },
  {
    name: 'impossible date',
    file: CERT,
    find: '  date_fin: "2029-11-28"',
    replace: '  date_fin: "2029-02-30"',
    at: '"2029-02-30"',
    rule: 'schema/format',
    says: 'date qui existe',
  },
  {
    name: 'accent in a key',
    file: K1704,
    find: 'intitule: Management de la sécurité publique',
    replace: 'intitulé: Management de la sécurité publique',
    at: 'intitulé',
    rule: 'schema/additionalProperties',
    says: 'Champ inconnu : « intitulé »',
  },
  {
    name: 'duplicate block number',
    file: CERT,
    find: '  - numero: 2',
    replace: '  - numero: 1',
    at: '1',
    rule: 'unique-block',
    says: 'déjà utilisé',
  },
  {
    name: 'tab indentation',
    file: K1404,
    find: '  version: "3"',
    replace: '\tversion: "3"',
    at: '\t',
    rule: 'yaml-syntax',
    says: 'Tabulation',
  },
  {
    name: 'unknown source',
    file: K1704,
    find: '    source: acoss-msa',
    replace: '    source: acoss',
    at: 'acoss',
    rule: 'source-reference',
    says: '« acoss »',
  },
  {
    name: 'duplicate key',
    file: K1704,
    find: '    precision: Inscrits en fin de trimestre en catégories ABC',
    replace: '    precision: Inscrits en fin de trimestre en catégories ABC\n    valeur: 4621',
    at: 'valeur',
    rule: 'yaml-syntax',
    says: 'Champ en double',
  },
  {
    name: 'access route that is neither open/closed nor a set of fields',
    file: CERT,
    find: '  vae: true',
    replace: '  vae: "peut-être"',
    at: '"peut-être"',
    rule: 'schema/anyOf',
    says: 'doit être true ou false, ou un ensemble de champs (« ouverte », « composition_jury », « date_derniere_modification ») ; pas le texte « peut-être »',
  },
];

describe('mistakes in the real content files', () => {
  it('the real content has no error', () => {
    expect(validateContent({ root: PROJECT_ROOT }).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it.each(edits)('$name in $file', ({ file, find, replace, at, rule, says }) => {
    const original = readText(PROJECT_ROOT, file);
    const lines = original.split('\n');
    const index = lines.indexOf(find);
    expect(index, 'the line to edit exists').toBeGreaterThan(-1);
    expect(lines.lastIndexOf(find)).toBe(index);
    const editedLines = replace.split('\n');
    // The error is on the last line of the replacement when it adds lines (duplicate key), else on the line itself.
    const errorLine = editedLines.length > 1 ? index + editedLines.length : index + 1;
    const lineText = editedLines[editedLines.length - 1];
    const column = lineText.lastIndexOf(at) + 1;

    const root = makeTree({ base: 'project', files: { [file]: original.replace(`${find}\n`, `${replace}\n`) } });
    const errors = validateContent({ root }).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => ({ file: d.file, line: d.line, column: d.column, rule: d.rule }))).toContainEqual({
      file,
      line: errorLine,
      column,
      rule,
    });
    expect(errors.find((d) => d.rule === rule)?.message).toContain(says);
  });
});

describe('new files dropped next to the real ones', () => {
  const newSheet = [
    '# yaml-language-server: $schema=../../schemas/rome.schema.json',
    'code: K1406',
    'libelle_source:',
    '  referentiel: ROME',
    '  version: "3"',
    '  source: page',
    'marche_du_travail:',
    '  aucune_donnee: true',
    'sources:',
    '  - id: page',
    '    intitule: Une page',
    '',
  ].join('\n');

  it('validates a new ROME sheet and points at what it lacks', () => {
    const root = makeTree({ base: 'project', files: { 'content/rome/k1406.yaml': newSheet } });
    const errors = validateContent({ root }).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.file, d.line, d.column, d.rule])).toEqual([['content/rome/k1406.yaml', 2, 1, 'schema/required']]);
  });

  it('checks that the new file is named after its record', () => {
    const root = makeTree({
      base: 'project',
      files: { 'content/rome/nouvelle.yaml': newSheet.replace('code: K1406\n', 'code: K1406\nintitule: Nouveau\n') },
    });
    const errors = validateContent({ root }).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.file, d.line, d.column, d.rule])).toEqual([['content/rome/nouvelle.yaml', 2, 7, 'unique-id']]);
  });

  it('refuses a file outside the record folders', () => {
    const root = makeTree({ base: 'project', files: { 'content/k1406.yaml': newSheet } });
    const errors = validateContent({ root }).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.file, d.rule])).toEqual([['content/k1406.yaml', 'file-kind']]);
  });

  it('warns about a new file without its modeline', () => {
    const withoutModeline = newSheet.replace(/^#.*\n/, '').replace('code: K1406\n', 'code: K1406\nintitule: Nouveau\n');
    const root = makeTree({ base: 'project', files: { 'content/rome/k1406.yaml': withoutModeline } });
    const diagnostics = validateContent({ root }).diagnostics.filter((d) => d.file === 'content/rome/k1406.yaml');
    expect(diagnostics.map((d) => [d.severity, d.line, d.rule, d.hint])).toEqual([
      ['warning', 1, 'modeline', 'Mettez en première ligne : # yaml-language-server: $schema=../../schemas/rome.schema.json'],
    ]);
  });
});
