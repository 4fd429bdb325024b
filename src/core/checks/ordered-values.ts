import { formatEuros } from '../text/french.ts';
import type { Check } from './check.ts';

/** Yearly figures appear once per year, and salary ranges run from their lower to their upper bound. */
export const orderedValues: Check = {
  rule: 'ordered-values',
  description: "Une année de promotion n'apparaît qu'une fois, et chaque fourchette de salaire va de sa borne basse à sa borne haute.",
  run(records, report) {
    for (const record of records.certification) {
      const years = new Map<number, number>();
      (record.data.statistiques_promotions ?? []).forEach((entry, index) => {
        const first = years.get(entry.annee);
        if (first === undefined) {
          years.set(entry.annee, index);
          return;
        }
        report({
          severity: 'error',
          record,
          pointer: `/statistiques_promotions/${index}/annee`,
          message: `L'année ${entry.annee} figure déjà dans l'élément ${first + 1} de « statistiques_promotions ».`,
          hint: "Regroupez les chiffres d'une même année dans un seul élément.",
        });
      });
    }
    for (const record of records.rome) {
      const market = record.data.marche_du_travail;
      if ('aucune_donnee' in market) continue;
      const ranges = [
        { pointer: '/marche_du_travail/salaires_offres/fourchette_principale', range: market.salaires_offres.fourchette_principale },
        ...market.salaires_offres.tranches.map((range, i) => ({ pointer: `/marche_du_travail/salaires_offres/tranches/${i}`, range })),
      ];
      for (const { pointer, range } of ranges) {
        if (range.min === undefined || range.max === undefined || range.min <= range.max) continue;
        report({
          severity: 'error',
          record,
          pointer: `${pointer}/max`,
          message: `La borne haute (${formatEuros(range.max)}) est inférieure à la borne basse (${formatEuros(range.min)}).`,
          hint: 'Vérifiez les bornes dans la source : elles ont sans doute été inversées.',
        });
      }
    }
  },
};
