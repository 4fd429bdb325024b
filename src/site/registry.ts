/**
 * The readers' registry of one build: every RNCP and RS record's facts, what they say of one another
 * (core/registry/registry-index.ts) and their validity at the build's commit date. Computed once per
 * build and shared by every page that needs it; a page passes on only what concerns its own records.
 */
import { getCollection } from 'astro:content';
import type { RegistryFacts } from '../core/registry/registry-facts.ts';
import { FACETS, facetValues } from '../core/registry/facets.ts';
import type { FacetKey, FacetValue } from '../core/registry/facets.ts';
import { indexRegistry } from '../core/registry/registry-index.ts';
import type { RegistryIndex } from '../core/registry/registry-index.ts';
import { buildReferenceDate } from './build-facts.ts';
import { byNumero, summarize } from './listing.ts';
import type { RegistrySummary } from './listing.ts';
import { withBase } from './urls.ts';

export interface RegistryView {
  /** Every RNCP then RS record's facts. */
  facts: RegistryFacts[];
  index: RegistryIndex;
  /** The build's commit date (AAAA-MM-JJ), which every status is computed at; undefined without git. */
  reference: string | undefined;
  /** Every record's summary, RNCP then RS, by number. */
  summaries: RegistrySummary[];
  /** Every facet's values with their records, each facet in its own order. */
  facets: Map<FacetKey, { value: FacetValue; records: RegistrySummary[] }[]>;
}

let shared: Promise<RegistryView> | undefined;

/** The registry of this build; in `astro dev`, read again each time, since content changes under it. */
export function registryView(): Promise<RegistryView> {
  if (import.meta.env.DEV || !shared) shared = loadRegistry();
  return shared;
}

async function loadRegistry(): Promise<RegistryView> {
  const facts = [...(await getCollection('certification')), ...(await getCollection('rs'))].map((e) => e.data.outline.facts);
  const reference = buildReferenceDate();
  const summaries = facts.map((f) => summarize(f, reference)).sort(byNumero);
  const items = summaries.map((summary) => ({ facts: summary.facts, status: summary.validity?.status, summary }));
  const facets = new Map(
    [...facetValues(items)].map(([key, values]) => [
      key,
      values.map(({ value, records }) => ({ value, records: records.map((r) => r.summary) })),
    ]),
  );
  return { facts, index: indexRegistry(facts), reference, summaries, facets };
}

/** A facet value as lists link to it. */
export interface FacetLink {
  /** "niveau/niv7": the value's list under /certifications/, and the key that marks the current filter. */
  key: string;
  href: string;
  label: string;
  count: number;
}

/** The index of a facet's values: /parcourir/nsf/. */
export function facetIndexPath(facet: FacetKey): string {
  return withBase(`parcourir/${facet}/`);
}

/** A facet value's list of records: /certifications/niveau/niv7/. */
export function facetPath(facet: FacetKey, slug: string): string {
  return withBase(`certifications/${facet}/${slug}/`);
}

/** The filters with few values, as lists show them beside their records. */
export async function fewFilters(): Promise<{ key: FacetKey; name: string; values: FacetLink[] }[]> {
  const { facets } = await registryView();
  return FACETS.filter((facet) => facet.few).map((facet) => ({
    key: facet.key,
    name: facet.name,
    values: (facets.get(facet.key) ?? []).map(({ value, records }) => ({
      key: `${facet.key}/${value.slug}`,
      href: facetPath(facet.key, value.slug),
      label: value.label,
      count: records.length,
    })),
  }));
}
