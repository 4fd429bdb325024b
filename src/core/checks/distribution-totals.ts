import { formatPercent, quote } from '../text/french.ts';
import type { LoadedRecord } from '../kinds/records.ts';
import type { Check, Finding } from './check.ts';

/**
 * Published shares that should make 100 % are summed; a gap larger than the rounding of the
 * published figures is a data-quality warning (kept as published, shown to readers).
 */
export const distributionTotals: Check = {
  rule: 'distribution-total',
  description:
    'Les répartitions publiées totalisent 100 % aux arrondis près ; sinon un avertissement donne le total réel, affiché aux lecteurs.',
  run(records, report) {
    for (const record of records.rome) {
      const market = record.data.marche_du_travail;
      if ('aucune_donnee' in market) continue;
      const base = '/marche_du_travail';
      checkColumn(
        record,
        market.salaires_offres.tranches.map((t) => t.part_offres),
        `${base}/salaires_offres/tranches`,
        'Tranches de salaire',
        report,
      );
      for (const [name, table] of Object.entries(market.repartitions)) {
        for (const [column, label] of [
          ['demandeurs_emploi', "Demandeurs d'emploi"],
          ['offres_emploi', "Offres d'emploi"],
        ] as const) {
          const values = table.lignes.map((row) => row[column]);
          checkColumn(
            record,
            values,
            `${base}/repartitions/${name}/lignes`,
            `Colonne ${quote(label)} du tableau ${quote(table.titre)}`,
            report,
          );
        }
      }
    }
  },
};

function checkColumn(record: LoadedRecord, values: unknown[], pointer: string, subject: string, report: (finding: Finding) => void): void {
  if (!values.every((v): v is number => typeof v === 'number')) return;
  const decimals = Math.max(...values.map(decimalPlaces));
  const scale = 10 ** decimals;
  const scaledTotal = values.reduce((sum, v) => sum + Math.round(v * scale), 0);
  const total = scaledTotal / scale;
  // Each published figure may be off by half a unit of its last digit.
  const tolerance = (values.length * 0.5) / scale;
  if (Math.abs(total - 100) <= tolerance) return;
  report({
    severity: 'warning',
    record,
    pointer,
    target: 'key',
    message: `${subject} : total ${formatPercent(total)} au lieu de ${formatPercent(100)}.`,
    hint: "Si la source publie bien ces chiffres, gardez-les tels quels : l'écart sera signalé aux lecteurs. Sinon, corrigez la valeur mal recopiée.",
  });
}

function decimalPlaces(value: number): number {
  const text = String(value);
  const dot = text.indexOf('.');
  return dot === -1 ? 0 : text.length - dot - 1;
}
