/** Summaries for list pages: small objects, so a list page never carries whole records. */
import type { CertificationOutline } from './outline.ts';
import { registrationStatus } from './registration.ts';
import type { RegistrationStatus } from './registration.ts';

export const PAGE_SIZE = 50;

export interface CertificationSummary {
  numero: string;
  title: string;
  /** "NIV7", or "non-publie" when no source gives the level. */
  level: string;
  status: RegistrationStatus | undefined;
  endDate: string | undefined;
  romeCodes: string[];
  /** Whether the latest export of the official flow no longer holds the record. */
  absentFromExport: boolean;
}

export const LEVEL_LABELS: Record<string, string> = {
  NIV3: 'Niveau 3',
  NIV4: 'Niveau 4',
  NIV5: 'Niveau 5',
  NIV6: 'Niveau 6',
  NIV7: 'Niveau 7',
  NIV8: 'Niveau 8',
  'non-publie': 'Niveau non publié',
};

/** A certification as shown in lists, with its status at the reference date (the build's commit date). */
export function summarize(outline: CertificationOutline, referenceDate: string | undefined): CertificationSummary {
  return {
    numero: outline.id,
    title: outline.title,
    level: outline.level ?? 'non-publie',
    status: referenceDate ? registrationStatus(outline.endDate, referenceDate) : undefined,
    endDate: outline.endDate,
    romeCodes: outline.romeCodes,
    absentFromExport: outline.absentFromExport,
  };
}

/** Sorted by RNCP number, numerically. */
export function byNumero(a: { numero: string }, b: { numero: string }): number {
  return Number(a.numero.slice(4)) - Number(b.numero.slice(4));
}
