/**
 * One fixture per kind of bad input (tests/fixtures/invalid/), dropped into the small valid tree:
 * each must give exactly the expected errors, at the right file, line and column.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateContent } from '../src/core/validation/validate-content.ts';
import { FIXTURES, makeTree, removeTrees } from './helpers/content-tree.ts';

afterAll(removeTrees);

const ROME = 'content/rome/a1001.yaml';
const CERT = 'content/certifications/rncp10001.yaml';

interface Expected {
  file: string;
  line: number;
  column: number;
  rule: string;
  message: string;
}

const cases: { fixture: string; target: string; errors: Expected[] }[] = [
  {
    fixture: 'yaml-syntax-error.yaml',
    target: ROME,
    errors: [
      {
        file: ROME,
        line: 3,
        column: 26,
        rule: 'yaml-syntax',
        message: "Caractère manquant : un guillemet ou un crochet n'est pas refermé.",
      },
    ],
  },
  {
    fixture: 'duplicate-key.yaml',
    target: ROME,
    errors: [
      {
        file: ROME,
        line: 10,
        column: 1,
        rule: 'yaml-syntax',
        message: 'Champ en double : ce champ est déjà présent plus haut au même niveau.',
      },
    ],
  },
  {
    fixture: 'tab-indentation.yaml',
    target: ROME,
    errors: [{ file: ROME, line: 6, column: 1, rule: 'yaml-syntax', message: 'Tabulation utilisée pour indenter.' }],
  },
  {
    fixture: 'empty-file.yaml',
    target: ROME,
    errors: [{ file: ROME, line: 1, column: 1, rule: 'empty-file', message: 'Le fichier est vide.' }],
  },
  {
    fixture: 'root-not-mapping.yaml',
    target: ROME,
    errors: [
      {
        file: ROME,
        line: 2,
        column: 1,
        rule: 'yaml-root',
        message: 'Le fichier doit décrire une fiche sous forme de champs « clé: valeur », pas une liste.',
      },
    ],
  },
  {
    fixture: 'invalid-utf8.yaml',
    target: ROME,
    errors: [
      { file: ROME, line: 3, column: 12, rule: 'encoding', message: "Le fichier n'est pas en UTF-8 : octet invalide (position 86)." },
    ],
  },
  {
    fixture: 'wrong-type.yaml',
    target: ROME,
    errors: [
      { file: ROME, line: 3, column: 11, rule: 'schema/type', message: 'Intitulé (« intitule ») doit être un texte, pas le nombre 42.' },
    ],
  },
  {
    fixture: 'no-data-not-true.yaml',
    target: ROME,
    errors: [
      {
        file: ROME,
        line: 9,
        column: 18,
        rule: 'schema/const',
        message: "Aucune donnée (« aucune_donnee ») vaut le texte « oui », qui n'est pas une valeur permise.",
      },
    ],
  },
  {
    fixture: 'missing-required-field.yaml',
    target: ROME,
    errors: [
      {
        file: ROME,
        line: 2,
        column: 1,
        rule: 'schema/required',
        message: 'Champ obligatoire manquant : « intitule » (Intitulé) dans la fiche.',
      },
    ],
  },
  {
    fixture: 'unknown-key.yaml',
    target: ROME,
    errors: [
      {
        file: ROME,
        line: 12,
        column: 5,
        rule: 'schema/additionalProperties',
        message: "Champ inconnu : « intitulé » dans l'élément 1 de « sources ».",
      },
      {
        file: ROME,
        line: 12,
        column: 5,
        rule: 'schema/required',
        message: "Champ obligatoire manquant : « intitule » (Intitulé) dans l'élément 1 de « sources ».",
      },
    ],
  },
  {
    fixture: 'malformed-rome-code.yaml',
    target: ROME,
    errors: [
      { file: ROME, line: 2, column: 7, rule: 'schema/pattern', message: "Code ROME (« code ») : « A1O01 » n'a pas le format attendu." },
    ],
  },
  {
    fixture: 'alias-bomb.yaml',
    target: ROME,
    errors: [
      {
        file: ROME,
        line: 10,
        column: 25,
        rule: 'yaml-alias',
        message: "Trop d'alias YAML (*nom) : plus de 100 recopies, ce qui ressemble à une « bombe » d'alias.",
      },
    ],
  },
  {
    fixture: 'percentage-out-of-range.yaml',
    target: CERT,
    errors: [
      {
        file: CERT,
        line: 40,
        column: 28,
        rule: 'schema/maximum',
        message: "Taux d'insertion à 6 mois (« taux_insertion_6_mois ») vaut 140, hors des limites permises (de 0 à 100).",
      },
    ],
  },
  {
    fixture: 'percentage-as-text.yaml',
    target: CERT,
    errors: [
      {
        file: CERT,
        line: 40,
        column: 28,
        rule: 'schema/type',
        message: "Taux d'insertion à 6 mois (« taux_insertion_6_mois ») doit être un nombre, pas le texte « 90 % ».",
      },
    ],
  },
  {
    fixture: 'malformed-rncp-code.yaml',
    target: CERT,
    errors: [
      {
        file: CERT,
        line: 2,
        column: 15,
        rule: 'schema/pattern',
        message: "Numéro de fiche (« numero_fiche ») : « RNC10001 » n'a pas le format attendu.",
      },
    ],
  },
  {
    fixture: 'impossible-date.yaml',
    target: CERT,
    errors: [
      {
        file: CERT,
        line: 6,
        column: 13,
        rule: 'schema/format',
        message: "Date de fin d'enregistrement (« date_fin ») : « 2029-02-30 » n'est pas une date qui existe au format AAAA-MM-JJ.",
      },
    ],
  },
  {
    fixture: 'unknown-rome-reference.yaml',
    target: CERT,
    errors: [
      {
        file: CERT,
        line: 30,
        column: 5,
        rule: 'rome-reference',
        message: 'Le code ROME « B2020 » ne correspond à aucune fiche de content/rome/.',
      },
    ],
  },
  {
    fixture: 'duplicate-block-code.yaml',
    target: CERT,
    errors: [
      {
        file: CERT,
        line: 25,
        column: 11,
        rule: 'unique-block',
        message: 'Le code de bloc « RNCP10001BC01 » est déjà utilisé par le bloc 1 de la liste.',
      },
    ],
  },
  {
    fixture: 'unknown-source.yaml',
    target: CERT,
    errors: [
      {
        file: CERT,
        line: 43,
        column: 13,
        rule: 'source-reference',
        message: "La source « esai » n'est pas déclarée dans la liste « sources » de ce fichier.",
      },
    ],
  },
  {
    fixture: 'registration-dates.yaml',
    target: CERT,
    errors: [
      {
        file: CERT,
        line: 6,
        column: 13,
        rule: 'registration-dates',
        message: '« date_fin » (2029-11-27) devrait être après le 2030-01-01 (« date_effet »).',
      },
    ],
  },
  {
    fixture: 'rome-sheet-in-certifications.yaml',
    target: 'content/certifications/b3003.yaml',
    errors: [
      {
        file: 'content/certifications/b3003.yaml',
        line: 2,
        column: 1,
        rule: 'file-kind',
        message:
          "Ce fichier ressemble à une fiche métier ROME (B3003), pas à une fiche de certification : il n'est pas dans le bon dossier content/certifications/.",
      },
    ],
  },
  {
    fixture: 'rs-record-in-certifications.yaml',
    target: 'content/certifications/rs5000.yaml',
    errors: [
      {
        file: 'content/certifications/rs5000.yaml',
        line: 2,
        column: 1,
        rule: 'file-kind',
        message:
          "Ce fichier ressemble à une fiche du Répertoire spécifique (RS5000), pas à une fiche de certification : il n'est pas dans le bon dossier content/certifications/.",
      },
    ],
  },
];

describe('invalid fixtures', () => {
  it.each(cases)('$fixture gives exactly its errors', ({ fixture, target, errors }) => {
    const root = makeTree({ files: { [target]: readFileSync(join(FIXTURES, 'invalid', fixture)) } });
    const result = validateContent({ root });
    const found = result.diagnostics
      .filter((d) => d.severity === 'error')
      .map(({ file, line, column, rule, message }) => ({ file, line, column, rule, message }));
    expect(found).toEqual(errors);
    for (const d of result.diagnostics) expect(d.hint.length).toBeGreaterThan(10);
  });

  it.each([
    ['rome-sheet-in-certifications.yaml', 'content/certifications/b3003.yaml', 'content/rome/b3003.yaml'],
    ['rs-record-in-certifications.yaml', 'content/certifications/rs5000.yaml', 'content/rs/rs5000.yaml'],
  ])('%s in the wrong folder gets that one message, saying where it belongs', (fixture, target, belongs) => {
    const root = makeTree({ files: { [target]: readFileSync(join(FIXTURES, 'invalid', fixture)) } });
    const own = validateContent({ root }).diagnostics.filter((d) => d.file === target);
    expect(own).toHaveLength(1);
    expect(own[0].hint).toContain(`Déplacez-le dans ${belongs}`);
  });

  it('covers every fixture file', async () => {
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(join(FIXTURES, 'invalid')).sort()).toEqual(cases.map((c) => c.fixture).sort());
  });
});
