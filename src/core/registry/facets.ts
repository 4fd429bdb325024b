/**
 * The ways readers narrow the registry, each described once: the static lists (/certifications/<facet>/<value>/)
 * and the search filters of record pages are both made from this table, so they always agree.
 */
import { ACCESS_ROUTE_LABELS, ACCESS_ROUTES, LEVEL_LABELS } from './registry-facts.ts';
import type { RegistryFacts } from './registry-facts.ts';
import { VALIDITY_LABELS, VALIDITY_STATUSES } from './validity.ts';
import type { ValidityStatus } from './validity.ts';

export type FacetKey = 'repertoire' | 'niveau' | 'statut' | 'voie' | 'nsf' | 'formacode' | 'rome';

/** One value of a facet: its address segment and what readers read. */
export interface FacetValue {
  slug: string;
  label: string;
}

export interface Facet {
  key: FacetKey;
  /** The filter's name in search and lists: « Niveau », « Domaine NSF ». */
  name: string;
  /** Whether its values are few enough to be listed beside every list (else they have their own index page). */
  few: boolean;
  /** The values a record has, given its status at the reference date. */
  valuesOf(facts: RegistryFacts, status: ValidityStatus | undefined): FacetValue[];
  /** The order of values in indexes; by default, by slug. */
  compare?(a: FacetValue, b: FacetValue): number;
}

const rank = (order: readonly string[]) => (a: FacetValue, b: FacetValue) => order.indexOf(a.slug) - order.indexOf(b.slug);

export const FACETS: readonly Facet[] = [
  {
    key: 'repertoire',
    name: 'Répertoire',
    few: true,
    valuesOf: (f) => [{ slug: f.registry.toLowerCase(), label: f.registry }],
    compare: rank(['rncp', 'rs']),
  },
  {
    key: 'niveau',
    name: 'Niveau',
    few: true,
    // An RNCP record whose level no source gives is listed as such; an RS record has no level to give.
    valuesOf: (f) => {
      if (f.level) return [{ slug: f.level.toLowerCase(), label: LEVEL_LABELS[f.level] ?? f.level }];
      return f.registry === 'RNCP' ? [{ slug: 'non-publie', label: 'Niveau non publié' }] : [];
    },
  },
  {
    key: 'statut',
    name: 'Statut',
    few: true,
    valuesOf: (_, status) => (status ? [{ slug: status, label: VALIDITY_LABELS[status] }] : []),
    compare: rank(VALIDITY_STATUSES),
  },
  {
    key: 'voie',
    name: "Voie d'accès",
    few: true,
    valuesOf: (f) => f.routes.map((route) => ({ slug: route.replace(/_/g, '-'), label: ACCESS_ROUTE_LABELS[route] })),
    compare: rank(ACCESS_ROUTES.map(([key]) => key.replace(/_/g, '-'))),
  },
  {
    key: 'nsf',
    name: 'Domaine NSF',
    few: false,
    valuesOf: (f) => f.nsf.map((t) => ({ slug: t.code.toLowerCase(), label: `${t.code} ${t.label}` })),
  },
  {
    key: 'formacode',
    name: 'Formacode',
    few: false,
    valuesOf: (f) => f.formacodes.map((t) => ({ slug: t.code, label: `${t.code} ${t.label}` })),
  },
  {
    key: 'rome',
    name: 'Code ROME',
    few: false,
    valuesOf: (f) => f.romeCodes.map((code) => ({ slug: code.toLowerCase(), label: code })),
  },
];

/** Every value of every facet, with the records that have it, in each facet's order. */
export function facetValues<R extends { facts: RegistryFacts; status: ValidityStatus | undefined }>(
  records: readonly R[],
): Map<FacetKey, { value: FacetValue; records: R[] }[]> {
  const result = new Map<FacetKey, { value: FacetValue; records: R[] }[]>();
  for (const facet of FACETS) {
    const byValue = new Map<string, { value: FacetValue; records: R[] }>();
    for (const record of records) {
      for (const value of facet.valuesOf(record.facts, record.status)) {
        const entry = byValue.get(value.slug) ?? { value, records: [] };
        // Records come one at a time: a value a record repeats is counted once.
        if (entry.records.at(-1) !== record) entry.records.push(record);
        byValue.set(value.slug, entry);
      }
    }
    const compare = facet.compare ?? ((a: FacetValue, b: FacetValue) => a.slug.localeCompare(b.slug));
    result.set(
      facet.key,
      [...byValue.values()].sort((a, b) => compare(a.value, b.value)),
    );
  }
  return result;
}
