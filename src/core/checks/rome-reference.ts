import { quote } from '../text/french.ts';
import { suggest } from '../text/suggest.ts';
import type { Check } from './check.ts';

/** Every ROME code a certification cites has its sheet in content/rome/. */
export const romeReference: Check = {
  rule: 'rome-reference',
  description: 'Chaque code ROME cité par une certification a sa fiche dans content/rome/.',
  run(records, report, context) {
    const known = new Set(records.rome.map((r) => r.id));
    for (const id of context.invalidIds.get('rome') ?? []) known.add(id);
    for (const record of records.certification) {
      (record.data.codes_rome ?? []).forEach((code, index) => {
        if (known.has(code)) return;
        const guess = suggest(code, [...known]);
        report({
          severity: 'error',
          record,
          pointer: `/codes_rome/${index}`,
          message: `Le code ROME ${quote(code)} ne correspond à aucune fiche de content/rome/.`,
          hint: guess
            ? `Vouliez-vous dire ${quote(guess)} ? Sinon, créez content/rome/${code.toLowerCase()}.yaml.`
            : `Créez content/rome/${code.toLowerCase()}.yaml pour cette fiche, ou corrigez le code.`,
        });
      });
    }
  },
};
