import { describe, expect, it } from 'vitest';
import { editDistance, suggest } from '../../src/core/text/suggest.ts';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', 'abc', 0],
    ['abc', 'abd', 1],
    ['abc', 'acb', 1],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
  ] as const)('%s → %s = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
});

describe('suggest', () => {
  const keys = ['intitule', 'code', 'libelle_source', 'marche_du_travail', 'sources'];
  it.each([
    ['intitulé', 'intitule'],
    ['Intitule', 'intitule'],
    ['intitlue', 'intitule'],
    ['source', 'sources'],
    ['marche_du_travial', 'marche_du_travail'],
    ['salaire', undefined],
    ['x', undefined],
  ])('%s → %s', (name, expected) => {
    expect(suggest(name, keys)).toBe(expected);
  });
});
