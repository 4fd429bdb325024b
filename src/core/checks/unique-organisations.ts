import { quote } from '../text/french.ts';
import type { Check } from './check.ts';

/** An item's fields in a fixed order, so that two equal items written in different orders compare equal. */
function keyOf(item: object): string {
  return JSON.stringify(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : 1)));
}

const LISTS = [
  { field: 'certificateurs', label: 'certificateur' },
  { field: 'partenaires', label: 'partenaire' },
] as const;

/**
 * A certifier or a partner is listed once: an item equal to an earlier one is reported at its place. In linear
 * time, unlike the schemas' uniqueItems, which compares every pair: a real record lists about 470 partners.
 */
export const uniqueOrganisations: Check = {
  rule: 'unique-organisation',
  description: 'Dans une certification, un même certificateur ou partenaire (mêmes valeurs) n’est listé qu’une fois.',
  run(records, report) {
    for (const record of [...records.certification, ...records.rs]) {
      for (const { field, label } of LISTS) {
        const seen = new Map<string, number>();
        (record.data[field] ?? []).forEach((item, index) => {
          const key = keyOf(item);
          const first = seen.get(key);
          if (first === undefined) {
            seen.set(key, index);
            return;
          }
          report({
            severity: 'error',
            record,
            pointer: `/${field}/${index}`,
            message: `Le ${label} ${quote(item.nom ?? item.siret ?? String(index + 1))} est déjà listé (élément ${first + 1} de la liste).`,
            hint: 'Supprimez le doublon : chaque organisme figure une seule fois.',
          });
        });
      }
    }
  },
};
