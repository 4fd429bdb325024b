import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSchemaFiles } from '../../src/core/schemas/schema-store.ts';
import { fieldReference, fieldTitleAt } from '../../src/site/schema-reference.ts';
import { PROJECT_ROOT } from '../helpers/content-tree.ts';

const files = loadSchemaFiles(join(PROJECT_ROOT, 'schemas'));

describe('field reference from the schemas', () => {
  const certification = fieldReference(files, 'certification.schema.json');
  const rome = fieldReference(files, 'rome.schema.json');
  const byPath = (rows: typeof rome, path: string) => rows.find((r) => r.path === path);

  it('lists every top-level property of each schema, in the schema order', () => {
    for (const [rows, file] of [
      [certification, 'certification.schema.json'],
      [rome, 'rome.schema.json'],
    ] as const) {
      const declared = Object.keys((files.get(file) as { properties: object }).properties);
      expect(rows.filter((r) => r.depth === 0).map((r) => r.path)).toEqual(declared);
    }
  });

  it('descends into objects, list items and conditional branches', () => {
    expect(byPath(certification, 'blocs[].intitule')).toMatchObject({ depth: 1, required: true, rncpField: 'BLOC_COMPETENCES/LIBELLE' });
    expect(byPath(certification, 'enregistrement.date_fin')).toMatchObject({ required: false, rncpField: 'DATE_FIN_ENREGISTREMENT' });
    expect(byPath(certification, 'enregistrement.source')).toMatchObject({ required: true });
    expect(byPath(rome, 'marche_du_travail.salaires_offres.tranches[].part_offres')).toMatchObject({ depth: 3, type: 'nombre' });
    expect(byPath(rome, 'marche_du_travail.aucune_donnee')).toBeDefined();
  });

  it('states types and constraints in French', () => {
    expect(byPath(certification, 'numero_fiche')).toMatchObject({ type: 'texte', required: true, rncpField: 'NUMERO_FICHE' });
    expect(byPath(certification, 'numero_fiche')?.constraints).toEqual(['forme : ^RNCP[0-9]{1,6}$']);
    expect(byPath(certification, 'codes_rome')?.constraints).toEqual(['au moins 1 élément', 'au plus 5 éléments', 'sans doublon']);
    expect(byPath(certification, 'statistiques_promotions[].taux_insertion_6_mois')).toMatchObject({
      type: 'ensemble de champs ou nombre',
      rncpField: 'TAUX_INSERTION_GLOBAL_6MOIS',
    });
    expect(byPath(certification, 'niveau.code')?.constraints).toEqual(['valeurs : NIV3, NIV4, NIV5, NIV6, NIV7, NIV8']);
    // A field given by its values alone (an enum without "type") has their type.
    expect(byPath(certification, 'niveau.code')?.type).toBe('texte');
  });

  it("says who fills each top-level field, from the schemas' « x-proprietaire », and nothing below", () => {
    for (const [rows, file] of [
      [certification, 'certification.schema.json'],
      [rome, 'rome.schema.json'],
    ] as const) {
      const properties = (files.get(file) as { properties: Record<string, Record<string, unknown>> }).properties;
      for (const row of rows.filter((r) => r.depth === 0)) expect(row.owner, row.path).toBe(properties[row.path]?.['x-proprietaire']);
      expect(rows.filter((r) => r.depth > 0 && r.owner !== undefined)).toEqual([]);
    }
    expect(byPath(certification, 'intitule')?.owner).toBe('flux');
    expect(byPath(certification, 'corrections')?.owner).toBe('editeur');
    expect(byPath(rome, 'marche_du_travail')?.owner).toBe('editeur');
  });
});

describe('fieldTitleAt', () => {
  it("names the field of a JSON pointer by the schema's French titles, list items by their rank", () => {
    expect(fieldTitleAt(files, 'certification.schema.json', '/intitule')).toBe('Intitulé');
    expect(fieldTitleAt(files, 'certification.schema.json', '/blocs/0/intitule')).toBe('Blocs de compétences n° 1 › Intitulé');
    expect(fieldTitleAt(files, 'certification.schema.json', '/enregistrement/date_fin')).toBe(
      "Enregistrement › Date de fin d'enregistrement",
    );
    expect(fieldTitleAt(files, 'rs.schema.json', '/voies_acces/vae/composition_jury')).toBe(
      "Voies d'accès › Validation des acquis de l'expérience (VAE) › Composition du jury",
    );
  });

  it('gives a segment the schema does not know as written', () => {
    expect(fieldTitleAt(files, 'certification.schema.json', '/inconnu/0/champ')).toBe('inconnu n° 1 › champ');
  });
});
