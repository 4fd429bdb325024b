/** Registration status, always relative to a reference date given by the caller (the build's commit date). */

export type RegistrationStatus = 'active' | 'expiree';

/** Active until the end date inclusive. */
export function registrationStatus(endDate: string, referenceDate: string): RegistrationStatus {
  return endDate >= referenceDate.slice(0, 10) ? 'active' : 'expiree';
}

export const STATUS_LABELS: Record<RegistrationStatus, string> = {
  active: 'Enregistrée',
  expiree: 'Enregistrement expiré',
};
