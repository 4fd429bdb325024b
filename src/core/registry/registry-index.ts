/**
 * What records say of one another, read both ways: a link one record publishes is shown on both. Lineage
 * (« remplace », « remplacée par ») and block equivalences are often published by one side only; the
 * certifiers of the whole registry are gathered by SIRET. Built once per build from every record's
 * RegistryFacts, in time linear in the registry.
 */
import type { BlockFacts, EquivalenceFacts, RegistryFacts } from './registry-facts.ts';

/** A lineage link as the index knows it: which records publish it. */
export interface LineageLink {
  id: string;
  /** `this`: only this record lists the link; `other`: only the other one does; `both`. */
  statedBy: 'this' | 'other' | 'both';
}

/** An old record and the record that replaces it, both published here. */
export interface LineagePair {
  old: string;
  new: string;
}

/** An equivalence seen from one record: its blocks, the other record's equivalent blocks, and who publishes it. */
export interface Equivalence extends EquivalenceFacts {
  statedBy: 'this' | 'other' | 'both';
}

/** A certifier of the registry, by SIRET: its most published name and state, and the records it awards. */
export interface Certifier {
  siret: string;
  name: string;
  state: string | undefined;
  /** Every name the records give it, most frequent first, when there are several. */
  otherNames: string[];
  records: string[];
}

export interface RegistryIndex {
  facts(id: string): RegistryFacts | undefined;
  replaces(id: string): LineageLink[];
  replacedBy(id: string): LineageLink[];
  /** Every pair whose two records are here, ordered by old record then new. */
  lineagePairs(): LineagePair[];
  equivalences(id: string): Equivalence[];
  /** The block of a record by its code, when the record is here and publishes that code. */
  block(id: string, code: string): BlockFacts | undefined;
  certifiers(): Certifier[];
  certifier(siret: string): Certifier | undefined;
}

export function indexRegistry(all: readonly RegistryFacts[]): RegistryIndex {
  const byId = new Map(all.map((f) => [f.id, f]));
  const replaces = linksBothWays(
    all,
    (f) => f.replaces,
    (f) => f.replacedBy,
  );
  const replacedBy = linksBothWays(
    all,
    (f) => f.replacedBy,
    (f) => f.replaces,
  );
  const equivalences = equivalencesBothWays(all);
  const blocks = new Map(all.map((f) => [f.id, new Map(f.blocks.flatMap((b) => (b.code ? [[b.code, b] as const] : [])))]));
  const certifiers = gatherCertifiers(all);
  const pairs = new Map<string, LineagePair>();
  for (const f of all) {
    for (const link of replacedBy.get(f.id) ?? []) if (byId.has(link.id)) pairs.set(`${f.id}>${link.id}`, { old: f.id, new: link.id });
  }
  const pairList = [...pairs.values()].sort((a, b) => compareIds(a.old, b.old) || compareIds(a.new, b.new));
  return {
    facts: (id) => byId.get(id),
    replaces: (id) => replaces.get(id) ?? [],
    replacedBy: (id) => replacedBy.get(id) ?? [],
    lineagePairs: () => pairList,
    equivalences: (id) => equivalences.get(id) ?? [],
    block: (id, code) => blocks.get(id)?.get(code),
    certifiers: () => [...certifiers.values()],
    certifier: (siret) => certifiers.get(siret),
  };
}

/** RNCP before RS, then by number: RNCP9 before RNCP10. */
export function compareIds(a: string, b: string): number {
  const [, pa = '', na = '0'] = /^([A-Z]+)(\d+)$/.exec(a) ?? [];
  const [, pb = '', nb = '0'] = /^([A-Z]+)(\d+)$/.exec(b) ?? [];
  return pa.localeCompare(pb) || Number(na) - Number(nb) || a.localeCompare(b);
}

/**
 * The links of each record: those it lists (`own`) in its order, then those only other records list
 * (`mirror` of theirs naming it), by number.
 */
function linksBothWays(
  all: readonly RegistryFacts[],
  own: (f: RegistryFacts) => string[],
  mirror: (f: RegistryFacts) => string[],
): Map<string, LineageLink[]> {
  const stated = new Map<string, Set<string>>();
  for (const f of all) {
    for (const id of mirror(f)) {
      if (id === f.id) continue;
      const set = stated.get(id) ?? new Set<string>();
      set.add(f.id);
      stated.set(id, set);
    }
  }
  const result = new Map<string, LineageLink[]>();
  const ids = new Set([...all.map((f) => f.id), ...stated.keys()]);
  const byId = new Map(all.map((f) => [f.id, f]));
  for (const id of ids) {
    const mine = byId.get(id) ? own(byId.get(id) as RegistryFacts).filter((other) => other !== id) : [];
    const theirs = stated.get(id) ?? new Set<string>();
    const links: LineageLink[] = mine.map((other) => ({ id: other, statedBy: theirs.has(other) ? 'both' : 'this' }));
    const extra = [...theirs].filter((other) => !mine.includes(other)).sort(compareIds);
    links.push(...extra.map((other): LineageLink => ({ id: other, statedBy: 'other' })));
    if (links.length > 0) result.set(id, links);
  }
  return result;
}

/** Each record's equivalences: its own in the flow's order, then the reverse of others' that it does not publish. */
function equivalencesBothWays(all: readonly RegistryFacts[]): Map<string, Equivalence[]> {
  const key = (e: EquivalenceFacts) => `${e.record}|${[...e.blocks].sort().join(',')}|${[...e.equivalents].sort().join(',')}`;
  const result = new Map<string, Equivalence[]>();
  const keys = new Map<string, Map<string, Equivalence>>();
  for (const f of all) {
    const own = new Map<string, Equivalence>();
    const list: Equivalence[] = [];
    for (const e of f.equivalences) {
      if (own.has(key(e))) continue;
      const equivalence: Equivalence = { ...e, statedBy: 'this' };
      own.set(key(e), equivalence);
      list.push(equivalence);
    }
    keys.set(f.id, own);
    result.set(f.id, list);
  }
  for (const f of all) {
    for (const e of f.equivalences) {
      if (e.record === f.id) continue;
      const reverse: EquivalenceFacts = { blocks: e.equivalents, record: f.id, equivalents: e.blocks };
      const existing = keys.get(e.record)?.get(key(reverse));
      if (existing) {
        if (existing.statedBy === 'this') existing.statedBy = 'both';
        continue;
      }
      const equivalence: Equivalence = { ...reverse, statedBy: 'other' };
      const own = keys.get(e.record) ?? new Map<string, Equivalence>();
      own.set(key(reverse), equivalence);
      keys.set(e.record, own);
      result.set(e.record, [...(result.get(e.record) ?? []), equivalence]);
    }
  }
  for (const [id, list] of result) if (list.length === 0) result.delete(id);
  return result;
}

function gatherCertifiers(all: readonly RegistryFacts[]): Map<string, Certifier> {
  const seen = new Map<string, { names: Map<string, number>; states: Map<string, number>; records: string[] }>();
  const empty = () => ({ names: new Map<string, number>(), states: new Map<string, number>(), records: [] as string[] });
  for (const f of all) {
    for (const c of f.certifiers) {
      if (!c.siret) continue;
      const entry = seen.get(c.siret) ?? empty();
      count(entry.names, c.name);
      if (c.state) count(entry.states, c.state);
      // A record that names its certifier twice counts once.
      if (entry.records.at(-1) !== f.id) entry.records.push(f.id);
      seen.set(c.siret, entry);
    }
  }
  const certifiers = new Map<string, Certifier>();
  for (const [siret, entry] of [...seen].sort(([a], [b]) => a.localeCompare(b))) {
    const names = ranked(entry.names);
    certifiers.set(siret, {
      siret,
      name: names[0],
      state: ranked(entry.states)[0],
      otherNames: names.slice(1),
      records: entry.records.sort(compareIds),
    });
  }
  return certifiers;
}

function count(counts: Map<string, number>, value: string): void {
  counts.set(value, (counts.get(value) ?? 0) + 1);
}

/** Most frequent first; ties in French alphabetical order, so that the result never depends on file order. */
function ranked(counts: Map<string, number>): string[] {
  return [...counts].sort(([a, na], [b, nb]) => nb - na || a.localeCompare(b, 'fr')).map(([value]) => value);
}
