import { quote } from '../text/french.ts';
import { fileNameForId, idFromFileName } from '../kinds/record-kinds.ts';
import { recordsOfKind } from '../kinds/records.ts';
import type { Check } from './check.ts';

/**
 * No two files describe the same record, and each file is named after its record: another record's
 * name is an error; the right name in another case or with ".yml" is a warning, since only its form is off.
 */
export const uniqueIds: Check = {
  rule: 'unique-id',
  description: 'Deux fichiers ne décrivent jamais la même fiche, et chaque fichier porte le nom de sa fiche.',
  run(records, report, context) {
    for (const info of context.kinds) {
      const firstFile = new Map<string, string>();
      for (const record of recordsOfKind(records, info.kind)) {
        const pointer = `/${info.idField}`;
        const expected = fileNameForId(record.id);
        const actual = record.file.split('/').pop() ?? '';
        if (actual !== expected) {
          const sameRecord = idFromFileName(actual) === record.id.toUpperCase();
          report({
            severity: sameRecord ? 'warning' : 'error',
            record,
            pointer,
            message: sameRecord
              ? `Le fichier ${quote(actual)} est bien celui de la fiche ${record.id}, mais son nom s'écrit ${quote(expected)} (minuscules, extension .yaml).`
              : `Le fichier ${quote(actual)} décrit la fiche ${record.id} : son nom doit être ${quote(expected)}.`,
            hint: sameRecord
              ? `Renommez le fichier en ${expected} : les adresses du site et les outils le cherchent sous ce nom.`
              : `Renommez le fichier en ${expected}, ou corrigez ${quote(info.idField)} s'il est faux.`,
          });
        }
        const other = firstFile.get(record.id);
        if (other) {
          report({
            severity: 'error',
            record,
            pointer,
            message: `La fiche ${record.id} est déjà décrite dans ${other}.`,
            hint: "Une fiche = un fichier : fusionnez les deux fichiers ou corrigez l'identifiant.",
          });
        } else {
          firstFile.set(record.id, record.file);
        }
      }
    }
  },
};
