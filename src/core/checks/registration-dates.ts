import { quote } from '../text/french.ts';
import type { Check } from './check.ts';

/** Registration dates follow each other, and the end date agrees with the stated duration. */
export const registrationDates: Check = {
  rule: 'registration-dates',
  description: "Les dates d'enregistrement se suivent (décision ≤ effet < fin) et la date de fin s'accorde avec la durée annoncée.",
  run(records, report) {
    for (const record of [...records.certification, ...records.rs]) {
      const { date_decision: decision, date_effet: effet, date_fin: fin, duree_annees: years } = record.data.enregistrement;
      const order: [string | undefined, string, string | undefined, string, boolean][] = [
        [decision, 'date_decision', effet, 'date_effet', true],
        [effet, 'date_effet', fin, 'date_fin', false],
        [decision, 'date_decision', fin, 'date_fin', false],
      ];
      for (const [before, beforeName, after, afterName, mayBeEqual] of order) {
        if (!before || !after) continue;
        if (before < after || (mayBeEqual && before === after)) continue;
        report({
          severity: 'error',
          record,
          pointer: `/enregistrement/${afterName}`,
          message: `${quote(afterName)} (${after}) devrait être ${mayBeEqual ? 'au plus tôt le' : 'après le'} ${before} (${quote(beforeName)}).`,
          hint: 'Vérifiez ces dates dans la source : une date a sans doute été mal recopiée (jour et mois inversés ?).',
        });
      }
      // Without an end date there is nothing to compare the duration with.
      if (effet && fin && years !== undefined) {
        const anniversary = addYears(effet, years);
        if (fin !== anniversary && fin !== addDays(anniversary, -1)) {
          report({
            severity: 'warning',
            record,
            pointer: '/enregistrement/date_fin',
            message: `Une durée de ${years} ans à partir du ${effet} mène au ${addDays(anniversary, -1)}, pas au ${fin}.`,
            hint: 'Si la source publie bien ces valeurs, gardez-les ; sinon corrigez la date ou la durée.',
          });
        }
      }
    }
  },
};

function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return toIso(new Date(Date.UTC(y + years, m - 1, d)));
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return toIso(new Date(Date.UTC(y, m - 1, d + days)));
}

function toIso(date: Date): string {
  return date.toISOString().slice(0, 10);
}
