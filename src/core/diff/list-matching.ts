/** List matching: which old item became which new one, and which of them moved. */
import { canonical, isFields } from './value-shapes.ts';

/**
 * Pairs old and new items (old index → new index): by each identity in turn, then by equal
 * value, then an item left alone at the same position on both sides (an edit in place).
 */
export function matchItems(before: readonly unknown[], after: readonly unknown[], identity: readonly string[][]): Map<number, number> {
  const afterOf = new Map<number, number>();
  const taken = new Set<number>();
  const keyOf = (fields: readonly string[]) => (item: unknown) => {
    if (!isFields(item) || fields.every((f) => item[f] === undefined)) return undefined;
    return canonical(fields.map((f) => item[f] ?? null));
  };
  for (const key of [...identity.map(keyOf), canonical]) {
    const waiting = new Map<string, number[]>();
    before.forEach((item, i) => {
      const k = afterOf.has(i) ? undefined : key(item);
      if (k !== undefined) waiting.set(k, [...(waiting.get(k) ?? []), i]);
    });
    after.forEach((item, j) => {
      const k = taken.has(j) ? undefined : key(item);
      const i = k === undefined ? undefined : waiting.get(k)?.shift();
      if (i === undefined) return;
      afterOf.set(i, j);
      taken.add(j);
    });
  }
  after.forEach((_, j) => {
    if (!taken.has(j) && j < before.length && !afterOf.has(j)) {
      afterOf.set(j, j);
      taken.add(j);
    }
  });
  return afterOf;
}

/**
 * The old indices of the items that moved: all but the largest set that kept its relative order
 * (preferring, among equally large sets, the one where most items kept their exact position).
 */
export function movedItems(afterOf: ReadonlyMap<number, number>): Set<number> {
  const pairs = [...afterOf].sort((a, b) => a[0] - b[0]);
  const best = pairs.map(([i, j]) => ({ length: 1, exact: i === j ? 1 : 0, previous: -1 }));
  for (let k = 0; k < pairs.length; k++) {
    for (let p = 0; p < k; p++) {
      if (pairs[p][1] >= pairs[k][1]) continue;
      const length = best[p].length + 1;
      const exact = best[p].exact + (pairs[k][0] === pairs[k][1] ? 1 : 0);
      if (length > best[k].length || (length === best[k].length && exact > best[k].exact)) best[k] = { length, exact, previous: p };
    }
  }
  const stayed = new Set<number>();
  let end = -1;
  best.forEach((b, k) => {
    if (end === -1 || b.length > best[end].length || (b.length === best[end].length && b.exact > best[end].exact)) end = k;
  });
  for (let k = end; k !== -1; k = best[k].previous) stayed.add(pairs[k][0]);
  return new Set(pairs.map(([i]) => i).filter((i) => !stayed.has(i)));
}
