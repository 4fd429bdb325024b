import { quote } from '../text/french.ts';
import { RECORD_KINDS } from '../kinds/record-kinds.ts';
import type { LoadedRecord } from '../kinds/records.ts';
import type { Check } from './check.ts';

/** No two files describe the same record, and each file is named after its record. */
export const uniqueIds: Check = {
  rule: 'unique-id',
  description: 'Deux fichiers ne décrivent jamais la même fiche, et chaque fichier porte le nom de sa fiche.',
  run(records, report) {
    for (const info of RECORD_KINDS) {
      const firstFile = new Map<string, string>();
      for (const record of records[info.kind] as LoadedRecord[]) {
        const pointer = `/${info.idField}`;
        const expected = `${record.id.toLowerCase()}.yaml`;
        const actual = record.file.split('/').pop() ?? '';
        if (actual.replace(/\.yml$/, '.yaml') !== expected) {
          report({
            severity: 'error',
            record,
            pointer,
            message: `Le fichier ${quote(actual)} décrit la fiche ${record.id} : son nom doit être ${quote(expected)}.`,
            hint: `Renommez le fichier en ${expected}, ou corrigez ${quote(info.idField)} s'il est faux.`,
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
