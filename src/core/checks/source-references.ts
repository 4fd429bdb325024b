import { quote } from '../text/french.ts';
import { toPointer } from '../files/json-pointer.ts';
import type { PathSegment } from '../files/json-pointer.ts';
import { recordsOfKind } from '../kinds/records.ts';
import { suggest } from '../text/suggest.ts';
import type { Check } from './check.ts';

/** Every "source" field names a source declared in the same file; declared sources are unique and used. */
export const sourceReferences: Check = {
  rule: 'source-reference',
  description:
    'Chaque champ « source » cite une source déclarée dans la liste « sources » du même fichier ; chaque source déclarée est unique et citée.',
  run(records, report, context) {
    for (const info of context.kinds) {
      for (const record of recordsOfKind(records, info.kind)) {
        const data = record.data as { sources: { id: string }[] };
        const declared = new Map<string, number>();
        data.sources.forEach((source, index) => {
          if (declared.has(source.id)) {
            report({
              severity: 'error',
              record,
              pointer: `/sources/${index}/id`,
              message: `La source ${quote(source.id)} est déclarée deux fois.`,
              hint: 'Gardez une seule déclaration, ou donnez un autre identifiant à la seconde source.',
            });
          } else {
            declared.set(source.id, index);
          }
        });
        const used = new Set<string>();
        for (const [path, id] of sourceFields(record.data, [])) {
          used.add(id);
          if (declared.has(id)) continue;
          const guess = suggest(id, [...declared.keys()]);
          report({
            severity: 'error',
            record,
            pointer: toPointer(path),
            message: `La source ${quote(id)} n'est pas déclarée dans la liste « sources » de ce fichier.`,
            hint: guess
              ? `Vouliez-vous dire ${quote(guess)} ?`
              : `Déclarez-la dans « sources » (id, intitule), ou citez l'une de : ${[...declared.keys()].join(', ')}.`,
          });
        }
        for (const [id, index] of declared) {
          if (used.has(id)) continue;
          report({
            severity: 'warning',
            record,
            pointer: `/sources/${index}/id`,
            message: `La source ${quote(id)} est déclarée mais aucun champ ne la cite.`,
            hint: 'Citez-la dans le champ « source » des chiffres qui en viennent, ou retirez-la.',
          });
        }
      }
    }
  },
};

/** Every "source" string field outside the "sources" list, with its path. */
function* sourceFields(value: unknown, path: PathSegment[]): Generator<[PathSegment[], string]> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* sourceFields(value[i], [...path, i]);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (path.length === 0 && key === 'sources') continue;
      if (key === 'source' && typeof child === 'string') yield [[...path, key], child];
      else yield* sourceFields(child, [...path, key]);
    }
  }
}
