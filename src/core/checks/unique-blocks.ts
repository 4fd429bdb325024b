import { quote } from '../text/french.ts';
import type { Check } from './check.ts';

/** Within a certification, block numbers and codes are unique, and codes belong to that certification. */
export const uniqueBlocks: Check = {
  rule: 'unique-block',
  description: 'Dans une certification, chaque bloc a un numéro et un code uniques, et son code commence par le numéro de la fiche.',
  run(records, report) {
    for (const record of records.certification) {
      const numbers = new Map<number, number>();
      const codes = new Map<string, number>();
      (record.data.blocs ?? []).forEach((bloc, index) => {
        const seenNumber = bloc.numero === undefined ? undefined : numbers.get(bloc.numero);
        if (seenNumber !== undefined) {
          report({
            severity: 'error',
            record,
            pointer: `/blocs/${index}/numero`,
            message: `Le numéro de bloc ${bloc.numero} est déjà utilisé par le bloc ${seenNumber + 1} de la liste.`,
            hint: "Numérotez les blocs 1, 2, 3… dans l'ordre de la source.",
          });
        } else if (bloc.numero !== undefined) {
          numbers.set(bloc.numero, index);
        }
        if (bloc.code === undefined) return;
        const seenCode = codes.get(bloc.code);
        if (seenCode !== undefined) {
          report({
            severity: 'error',
            record,
            pointer: `/blocs/${index}/code`,
            message: `Le code de bloc ${quote(bloc.code)} est déjà utilisé par le bloc ${seenCode + 1} de la liste.`,
            hint: "Chaque bloc a son propre code officiel : corrigez-le d'après la source.",
          });
        } else {
          codes.set(bloc.code, index);
        }
        if (bloc.code.startsWith('RNCP') && !bloc.code.startsWith(`${record.id}BC`)) {
          report({
            severity: 'error',
            record,
            pointer: `/blocs/${index}/code`,
            message: `Le code de bloc ${quote(bloc.code)} n'appartient pas à la fiche ${record.id}.`,
            hint: `Les codes de blocs de cette fiche commencent par ${quote(`${record.id}BC`)}.`,
          });
        }
      });
    }
  },
};
