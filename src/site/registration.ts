/** Registration status, always relative to a reference date given by the caller (the build's commit date). */

export type RegistrationStatus = 'active' | 'expiree';

/** Active until the end date inclusive; unknown (undefined) when the source gives no end date. */
export function registrationStatus(endDate: string | undefined, referenceDate: string): RegistrationStatus | undefined {
  if (endDate === undefined) return undefined;
  return endDate >= referenceDate.slice(0, 10) ? 'active' : 'expiree';
}

export const STATUS_LABELS: Record<RegistrationStatus, string> = {
  active: 'Enregistrée',
  expiree: 'Enregistrement expiré',
};
