/** The canonical form of content files: key order from the schema, styles, comments, and data kept. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isScalar, parse, parseDocument, visit } from 'yaml';
import type { YAMLSeq } from 'yaml';
import { canonicalize } from '../../src/core/format/canonical.ts';
import { KIND_INFO, kindForFolder } from '../../src/core/kinds/record-kinds.ts';
import type { RecordKind } from '../../src/core/kinds/record-kinds.ts';
import { loadSchemaFiles } from '../../src/core/schemas/schema-store.ts';
import { parseYaml } from '../../src/core/files/yaml-source.ts';
import { FIXTURES, PROJECT_ROOT } from '../helpers/content-tree.ts';

const schemas = loadSchemaFiles(join(PROJECT_ROOT, 'schemas'));
const MODELINE = '# yaml-language-server: $schema=../../schemas/rome.schema.json';

function canonical(text: string, kind: RecordKind = 'rome'): string {
  const result = canonicalize(text, KIND_INFO[kind], schemas, 'content/rome/x.yaml');
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n'));
  return result.text;
}

const lines = (...text: string[]) => `${text.join('\n')}\n`;

interface Case {
  name: string;
  input: string;
  expected: string;
  kind?: RecordKind;
}

const cases: Case[] = [
  {
    name: 'top-level keys in schema order',
    input: lines('sources: []', 'intitule: Métier', 'code: A1001'),
    expected: lines('code: A1001', 'intitule: Métier', 'sources: []'),
  },
  {
    name: 'nested keys in schema order',
    input: lines('libelle_source:', '  source: essai', '  version: "3"', '  referentiel: ROME'),
    expected: lines('libelle_source:', '  referentiel: ROME', '  version: "3"', '  source: essai'),
  },
  {
    name: 'keys of list items in schema order, items in their order',
    input: lines('sources:', '  - intitule: Deuxième', '    id: b', '  - remarque: R', '    intitule: Première', '    id: a'),
    expected: lines('sources:', '  - id: b', '    intitule: Deuxième', '  - id: a', '    intitule: Première', '    remarque: R'),
  },
  {
    name: 'keys under $ref and if/then/else branches',
    input: lines(
      'marche_du_travail:',
      '  difficulte_recrutement:',
      '    source: essai',
      '    valeur:',
      '      mention: Aucune donnée',
      '      aucune_donnee: true',
      '  edition: 2025',
      '  repartitions:',
      '    experience:',
      '      lignes:',
      '        - offres_emploi: 30',
      "          libelle: Moins d'un an",
      '      titre: Par expérience',
      '    diplome:',
      '      titre: Par diplôme',
    ),
    expected: lines(
      'marche_du_travail:',
      '  edition: 2025',
      '  difficulte_recrutement:',
      '    valeur:',
      '      aucune_donnee: true',
      '      mention: Aucune donnée',
      '    source: essai',
      '  repartitions:',
      '    diplome:',
      '      titre: Par diplôme',
      '    experience:',
      '      titre: Par expérience',
      '      lignes:',
      "        - libelle: Moins d'un an",
      '          offres_emploi: 30',
    ),
  },
  {
    name: 'certification keys, including an optional field declared earlier in the schema',
    kind: 'certification',
    input: lines(
      'enregistrement:',
      '  source: essai',
      '  date_fin: "2029-11-27"',
      'niveau:',
      '  source: essai',
      '  code: NIV7',
      'numero_fiche: RNCP10001',
    ),
    expected: lines(
      'numero_fiche: RNCP10001',
      'niveau:',
      '  code: NIV7',
      '  source: essai',
      'enregistrement:',
      '  date_fin: "2029-11-27"',
      '  source: essai',
    ),
  },
  {
    name: 'unknown keys after the known ones, in their relative order, their content untouched',
    input: lines('zeta: 1', 'code: A1001', 'alpha:', '  z: 1', '  a: 2', 'intitule: Métier'),
    expected: lines('code: A1001', 'intitule: Métier', 'zeta: 1', 'alpha:', '  z: 1', '  a: 2'),
  },
  {
    name: 'strings that would read as another type stay quoted, in double quotes',
    input: lines(
      'a: "3"',
      "b: '2024'",
      'c: "4.0"',
      'd: "true"',
      'e: "null"',
      'f: "~"',
      'g: "1e3"',
      'h: "0x1F"',
      "i: '2029-11-28'",
      'j: "yes"',
      'k: "off"',
      'l: ""',
    ),
    expected: lines(
      'a: "3"',
      'b: "2024"',
      'c: "4.0"',
      'd: "true"',
      'e: "null"',
      'f: "~"',
      'g: "1e3"',
      'h: "0x1F"',
      'i: "2029-11-28"',
      'j: "yes"',
      'k: "off"',
      'l: ""',
    ),
  },
  {
    name: 'strings plain wherever YAML allows it',
    input: lines(
      "a: 'Bac + 2'",
      'b: "2025-T1"',
      'c: "Ministères « techniques » (agriculture, etc…)"',
      'd: "institution financière publique[1] ; 55 % des offres"',
      'e: "l\'« Analyse du marché »"',
      'f: "A1001"',
    ),
    expected: lines(
      'a: Bac + 2',
      'b: 2025-T1',
      'c: Ministères « techniques » (agriculture, etc…)',
      'd: institution financière publique[1] ; 55 % des offres',
      "e: l'« Analyse du marché »",
      'f: A1001',
    ),
  },
  {
    name: 'strings YAML cannot write plain are double-quoted',
    input: lines(
      "a: 'Prérequis : niveau 6'",
      "b: '>= Bac + 5'",
      "c: '- tiret'",
      "d: 'avant # après'",
      "e: ' espace'",
      'f: \'dit "oui" : non\'',
      "g: '@valeur'",
    ),
    expected: lines(
      'a: "Prérequis : niveau 6"',
      'b: ">= Bac + 5"',
      'c: "- tiret"',
      'd: "avant # après"',
      'e: " espace"',
      'f: "dit \\"oui\\" : non"',
      'g: "@valeur"',
    ),
  },
  {
    name: 'numbers in decimal, booleans and null in lower case, type tags dropped',
    input: lines('a: 40.10', 'b: 0x1F', 'c: 1e3', 'd: True', 'e: ~', 'f:', 'g: !!str 3', 'h: -0.5', 'i: 12'),
    expected: lines('a: 40.1', 'b: 31', 'c: 1000', 'd: true', 'e: null', 'f: null', 'g: "3"', 'h: -0.5', 'i: 12'),
  },
  {
    name: 'flow collections become block',
    input: lines(
      'code: A1001',
      'libelle_source: { source: essai, referentiel: ROME, version: "3" }',
      'notes_editoriales: [Une, "Deux, trois"]',
      'sources: [{ intitule: Essai, id: essai }]',
    ),
    expected: lines(
      'code: A1001',
      'libelle_source:',
      '  referentiel: ROME',
      '  version: "3"',
      '  source: essai',
      'notes_editoriales:',
      '  - Une',
      '  - Deux, trois',
      'sources:',
      '  - id: essai',
      '    intitule: Essai',
    ),
  },
  {
    name: 'any indentation becomes 2 spaces, list dashes under their key',
    input: lines('libelle_source:', '      referentiel: ROME', 'sources:', '- id: essai', '  intitule: Essai'),
    expected: lines('libelle_source:', '  referentiel: ROME', 'sources:', '  - id: essai', '    intitule: Essai'),
  },
  {
    name: 'a long paragraph stays on one line, a folded one is joined',
    input: lines(`a: ${'mot '.repeat(60).trim()}`, 'b: "un texte', '  replié sur', '  trois lignes"'),
    expected: lines(`a: ${'mot '.repeat(60).trim()}`, 'b: un texte replié sur trois lignes'),
  },
  {
    name: 'a multi-line text becomes a literal block',
    input: lines('a: "première ligne\\nseconde ligne"'),
    expected: lines('a: |-', '  première ligne', '  seconde ligne'),
  },
  {
    name: 'the modeline stays on the first line when the first key moves',
    input: lines(MODELINE, 'intitule: Métier', 'code: A1001'),
    expected: lines(MODELINE, 'code: A1001', 'intitule: Métier'),
  },
  {
    name: 'a blank line after the modeline is dropped',
    input: lines(MODELINE, '', 'code: A1001'),
    expected: lines(MODELINE, 'code: A1001'),
  },
  {
    name: 'comments move with their key and stay after their value',
    input: lines(
      MODELINE,
      '# Relu le 2025-01-02',
      'sources:',
      '  # La seule source',
      '  - intitule: Essai # intitulé publié',
      '    id: essai',
      '# Le code ROME',
      'code: A1001 # en majuscules',
      'libelle_source:',
      '  # version publiée',
      '  version: "3"',
      '  referentiel: ROME',
      '# fin du fichier',
    ),
    expected: lines(
      MODELINE,
      '# Relu le 2025-01-02',
      '# Le code ROME',
      'code: A1001 # en majuscules',
      'libelle_source:',
      '  referentiel: ROME',
      '  # version publiée',
      '  version: "3"',
      'sources:',
      '  # La seule source',
      '  - id: essai',
      '    intitule: Essai # intitulé publié',
      '',
      '# fin du fichier',
    ),
  },
  {
    name: 'blank lines between entries are dropped',
    input: lines('code: A1001', '', '', 'intitule: Métier', '', 'sources:', '', '  - id: essai'),
    expected: lines('code: A1001', 'intitule: Métier', 'sources:', '  - id: essai'),
  },
  {
    name: 'CRLF and lone CR line ends become LF',
    input: 'code: A1001\r\nintitule: Métier\rsources: []\r\n',
    expected: lines('code: A1001', 'intitule: Métier', 'sources: []'),
  },
  {
    name: 'a missing final newline is added',
    input: 'code: A1001\nintitule: Métier',
    expected: lines('code: A1001', 'intitule: Métier'),
  },
  {
    name: 'extra final newlines and trailing spaces are removed',
    input: 'code: A1001   \nintitule: Métier\n\n\n',
    expected: lines('code: A1001', 'intitule: Métier'),
  },
  {
    name: 'document markers are removed',
    input: lines('---', 'code: A1001', '...'),
    expected: lines('code: A1001'),
  },
  {
    name: 'anchors and aliases are written out in full',
    input: lines('sources:', '  - &essai', '    id: essai', '    intitule: Essai', 'copie: *essai', 'code: &code A1001'),
    expected: lines('code: A1001', 'sources:', '  - id: essai', '    intitule: Essai', 'copie:', '  id: essai', '  intitule: Essai'),
  },
];

describe('canonicalize', () => {
  it.each(cases)('$name', ({ input, expected, kind }) => {
    const output = canonical(input, kind);
    expect(output).toBe(expected);
    expect(parse(output)).toStrictEqual(parse(input.replace(/\r\n?/g, '\n')));
  });

  it.each(cases)('is idempotent: $name', ({ expected, kind }) => {
    expect(canonical(expected, kind)).toBe(expected);
  });

  it.each([
    ['a syntax error', 'code: A1001\nintitule: [\n'],
    ['a duplicate key', 'code: A1001\ncode: A1002\n'],
    ['a list at the root', '- code: A1001\n'],
    ['an empty file', ''],
  ])("returns the validator's diagnostics for %s and no text", (_, input) => {
    const result = canonicalize(input, KIND_INFO.rome, schemas, 'content/rome/a1001.yaml');
    expect(result.ok).toBe(false);
    expect(result).toEqual({ ok: false, diagnostics: parseYaml(input, 'content/rome/a1001.yaml').diagnostics });
  });
});

/** Every content file of the project and of the test fixture tree, by path. */
const contentFiles = [join(PROJECT_ROOT, 'content'), join(FIXTURES, 'base/content')].flatMap((dir) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => {
      const path = join(dir, name);
      return {
        path: path.slice(PROJECT_ROOT.length),
        kind: kindForFolder(name.split('/')[0])!.kind,
        text: readFileSync(path, 'utf8'),
      };
    }),
);

/** The same file re-typed carelessly: keys in reverse order, lists of values and of sources in flow style, 4-space indentation. */
function messUp(text: string): string {
  const [modeline, ...rest] = text.split('\n');
  const doc = parseDocument(rest.join('\n'));
  visit(doc, {
    Map(_, map) {
      map.items.reverse();
    },
    Seq(_, seq) {
      seq.flow = seq.items.every(isScalar);
    },
  });
  (doc.get('sources', true) as YAMLSeq).flow = true;
  return `${modeline}\n${doc.toString({ indent: 4, indentSeq: false, lineWidth: 0 })}`;
}

/** A second careless copy: single quotes everywhere, text folded at 60 columns, CRLF line ends, no final newline. */
function reType(text: string): string {
  const doc = parseDocument(text);
  visit(doc, {
    Scalar(_, scalar) {
      if (typeof scalar.value === 'string') scalar.type = 'QUOTE_SINGLE';
    },
  });
  return doc.toString({ indent: 3, lineWidth: 60 }).trimEnd().replace(/\n/g, '\r\n');
}

describe('the committed content files', () => {
  it('are found', () => {
    expect(contentFiles.map((f) => f.path).sort()).toEqual([
      'content/certifications/rncp34762.yaml',
      'content/certifications/rncp35625.yaml',
      'content/certifications/rncp35809.yaml',
      'content/certifications/rncp35959.yaml',
      'content/certifications/rncp36612.yaml',
      'content/certifications/rncp37674.yaml',
      'content/certifications/rncp37873.yaml',
      'content/certifications/rncp39853.yaml',
      'content/certifications/rncp40344.yaml',
      'content/rome/a1500.yaml',
      'content/rome/a1504.yaml',
      'content/rome/d1210.yaml',
      'content/rome/e1103.yaml',
      'content/rome/e1104.yaml',
      'content/rome/e1205.yaml',
      'content/rome/f1201.yaml',
      'content/rome/f1202.yaml',
      'content/rome/k1404.yaml',
      'content/rome/k1405.yaml',
      'content/rome/k1704.yaml',
      'content/rome/l1504.yaml',
      'content/rome/m1202.yaml',
      'content/rome/m1203.yaml',
      'content/rome/m1205.yaml',
      'content/rome/m1402.yaml',
      'content/rome/m1501.yaml',
      'content/rome/m1601.yaml',
      'content/rome/m1604.yaml',
      'content/rome/m1705.yaml',
      'content/rome/m1707.yaml',
      'content/rome/m1805.yaml',
      'content/rs/rs5000.yaml',
      'content/rs/rs5568.yaml',
      'content/rs/rs6547.yaml',
      'content/rs/rs6604.yaml',
      'content/rs/rs7423.yaml',
      'tests/fixtures/base/content/certifications/rncp10001.yaml',
      'tests/fixtures/base/content/rome/a1001.yaml',
      'tests/fixtures/base/content/rome/b2002.yaml',
    ]);
  });

  it.each(contentFiles)('$path is in canonical form', ({ text, kind }) => {
    expect(canonical(text, kind)).toBe(text);
  });

  it.each(contentFiles)('$path: a re-indented, reordered copy canonicalizes back to its exact bytes', ({ text, kind }) => {
    const messy = messUp(text);
    expect(messy).not.toBe(text);
    expect(messy).toMatch(/^ {4}\S/m);
    expect(messy).toMatch(/: \[.+\]$/m);
    expect(parse(messy)).toStrictEqual(parse(text));
    expect(canonical(messy, kind)).toBe(text);
  });

  it.each(contentFiles)('$path: a re-quoted, folded CRLF copy canonicalizes back to its exact bytes', ({ text, kind }) => {
    const messy = reType(text);
    expect(parse(messy)).toStrictEqual(parse(text));
    expect(canonical(messy, kind)).toBe(text);
  });
});
