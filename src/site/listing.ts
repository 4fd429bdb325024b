/** Summaries for list pages: small objects, so a list page never carries whole records. */
import type { RecordKind } from '../core/kinds/record-kinds.ts';
import { LEVEL_LABELS, REGISTRY_KINDS } from '../core/registry/registry-facts.ts';
import type { Registry, RegistryFacts } from '../core/registry/registry-facts.ts';
import { compareIds } from '../core/registry/registry-index.ts';
import { validityOf } from '../core/registry/validity.ts';
import type { Validity } from '../core/registry/validity.ts';

export const PAGE_SIZE = 50;

/** An RNCP or RS record as a list shows it. */
export interface RegistrySummary {
  kind: Extract<RecordKind, 'certification' | 'rs'>;
  numero: string;
  title: string;
  registry: Registry;
  /** "NIV7", or "non-publie" when no source gives the level (always for RS records). */
  level: string;
  /** Its validity at the reference date (the build's commit date); undefined without one. */
  validity: Validity | undefined;
  romeCodes: string[];
  certifiers: string[];
  /** Whether the latest export of the official flow no longer holds the record. */
  absentFromExport: boolean;
  /** The record's registry facts, for facets. */
  facts: RegistryFacts;
}

/** A level's name in lists, « Niveau non publié » when no source gives it. */
export function levelLabel(level: string): string {
  return LEVEL_LABELS[level] ?? 'Niveau non publié';
}

/** A record as shown in lists, with its validity at the reference date (the build's commit date). */
export function summarize(facts: RegistryFacts, referenceDate: string | undefined): RegistrySummary {
  return {
    kind: REGISTRY_KINDS[facts.registry],
    numero: facts.id,
    title: facts.title,
    registry: facts.registry,
    level: facts.level ?? 'non-publie',
    validity: referenceDate ? validityOf(facts.validity, referenceDate) : undefined,
    romeCodes: facts.romeCodes,
    certifiers: facts.certifiers.map((c) => c.name),
    absentFromExport: facts.absentFromExport,
    facts,
  };
}

/** RNCP before RS, each by number. */
export function byNumero(a: { numero: string }, b: { numero: string }): number {
  return compareIds(a.numero, b.numero);
}
