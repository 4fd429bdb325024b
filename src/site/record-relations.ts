/**
 * What a record's page shows of the other records: its lineage both ways, with the page of what changed
 * when both records are here, and the equivalences of its blocks, both ways, each a link to the other
 * record's block. Small objects computed from the registry index, so a page carries its own links only.
 */
import type { RegistryView } from './registry.ts';
import { REGISTRY_KINDS } from '../core/registry/registry-facts.ts';
import { validityOf, VALIDITY_LABELS } from '../core/registry/validity.ts';
import { officialRegistryUrl, recordPath, withBase } from './urls.ts';

/** Another record as a link: its page here, else its page on the official registry. */
export interface RelatedRecord {
  id: string;
  href: string | undefined;
  /** Its title and status, when it is here. */
  title?: string;
  status?: string;
  /** Only the other record publishes the link. */
  statedByOther: boolean;
  /** The page of what changed between the two, when both are here. */
  changes?: string;
}

/** The page comparing a record with its successor: /filiations/rs5000-rs6604/. */
export function successionPath(oldId: string, newId: string): string {
  return withBase(`filiations/${oldId.toLowerCase()}-${newId.toLowerCase()}/`);
}

/** A record's page here, or its official page. */
export function relatedLink(view: RegistryView, id: string): { href: string | undefined; here: boolean } {
  const facts = view.index.facts(id);
  if (!facts) return { href: officialRegistryUrl(id), here: false };
  return { href: recordPath(REGISTRY_KINDS[facts.registry], id), here: true };
}

function related(view: RegistryView, self: string, id: string, statedBy: string, direction: 'old' | 'new'): RelatedRecord {
  const facts = view.index.facts(id);
  const { href } = relatedLink(view, id);
  const status = facts && view.reference ? validityOf(facts.validity, view.reference).status : undefined;
  return {
    id,
    href,
    ...(facts ? { title: facts.title } : {}),
    ...(status ? { status: VALIDITY_LABELS[status] } : {}),
    statedByOther: statedBy === 'other',
    ...(facts && view.index.facts(self) ? { changes: direction === 'old' ? successionPath(id, self) : successionPath(self, id) } : {}),
  };
}

/** The records a record replaces and those that replace it, as either side publishes them. */
export function lineageOf(view: RegistryView, id: string): { replaces: RelatedRecord[]; replacedBy: RelatedRecord[] } {
  return {
    replaces: view.index.replaces(id).map((link) => related(view, id, link.id, link.statedBy, 'old')),
    replacedBy: view.index.replacedBy(id).map((link) => related(view, id, link.id, link.statedBy, 'new')),
  };
}

/** A block of another record: its code, and a deep link to it when its record is here (else to that record). */
export interface LinkedBlock {
  code: string;
  href: string | undefined;
  /** « Bloc 3 : intitulé », when its record is here. */
  title?: string;
}

/** One equivalence seen from a record: its blocks, the other record and that record's equivalent blocks. */
export interface EquivalenceView {
  blocks: string[];
  record: { id: string; href: string | undefined; title?: string };
  equivalents: LinkedBlock[];
  statedByOther: boolean;
}

/** A record's equivalences, both ways: its own in the flow's order, then those only the other records publish. */
export function equivalencesOf(view: RegistryView, id: string): EquivalenceView[] {
  return view.index.equivalences(id).map((e) => {
    const other = view.index.facts(e.record);
    const { href } = relatedLink(view, e.record);
    return {
      blocks: e.blocks,
      record: { id: e.record, href, ...(other ? { title: other.title } : {}) },
      equivalents: e.equivalents.map((code) => {
        const block = view.index.block(e.record, code);
        // A block of a record here links to it; else to the other record's page, here or official.
        return block && href ? { code, href: `${href}#bloc-${block.rank}`, title: `Bloc ${block.rank} : ${block.title}` } : { code, href };
      }),
      statedByOther: e.statedBy === 'other',
    };
  });
}
