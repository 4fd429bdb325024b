/**
 * Whether a certification (RNCP or RS) is still valid, always at a reference date the caller gives (the
 * date of the commit being built, never the wall clock): its status, the end of its registration, the
 * last day a certificate may be awarded, and the time left until each.
 */
import { addMonths, daysBetween } from '../text/calendar-date.ts';

/**
 * - `enregistree`: registered, with more than ENDING_SOON_MONTHS left;
 * - `fin-proche`: registered, the registration ends within ENDING_SOON_MONTHS;
 * - `a-valider`: registered, changes to the record await validation (ETAT_FICHE « Modifications à valider… »);
 * - `terminee`: the registration's last day has passed;
 * - `retiree`: the registry has withdrawn the record (ETAT_FICHE « Dépubliée/Archivée »).
 */
export type ValidityStatus = 'enregistree' | 'fin-proche' | 'a-valider' | 'terminee' | 'retiree';

/** Every status, from the most to the least valid: the order of filters and legends. */
export const VALIDITY_STATUSES: readonly ValidityStatus[] = ['enregistree', 'fin-proche', 'a-valider', 'terminee', 'retiree'];

/** « Ending soon » means within this many months of the reference date. */
export const ENDING_SOON_MONTHS = 6;

export const VALIDITY_LABELS: Record<ValidityStatus, string> = {
  enregistree: 'Enregistrée',
  'fin-proche': "Fin d'enregistrement proche",
  'a-valider': 'Modifications à valider',
  terminee: 'Enregistrement terminé',
  retiree: 'Retirée du répertoire',
};

/** What a status means, in a sentence, for legends and the API's documentation. */
export const VALIDITY_DEFINITIONS: Record<ValidityStatus, string> = {
  enregistree: `L'enregistrement dure encore plus de ${ENDING_SOON_MONTHS} mois.`,
  'fin-proche': `L'enregistrement se termine dans les ${ENDING_SOON_MONTHS} mois.`,
  'a-valider': 'La fiche est enregistrée ; des modifications attendent leur validation (état « Modifications à valider »).',
  terminee: "Le dernier jour de l'enregistrement est passé : la certification n'est plus enregistrée.",
  retiree: 'Le répertoire a retiré la fiche (état « Dépubliée/Archivée »).',
};

/** The fields of a record its validity depends on, as RNCP and RS records both publish them. */
export interface ValidityFacts {
  /** ETAT_FICHE as published (« Publiée », « Dépubliée/Archivée », « Modifications à valider »…). */
  etatFiche?: string | undefined;
  /** Last day of the registration (DATE_FIN_ENREGISTREMENT). */
  endDate?: string | undefined;
  /** Last day a certificate may be awarded (DATE_LIMITE_DELIVRANCE). */
  lastAwardDate?: string | undefined;
}

export interface Validity {
  /** Undefined when the record publishes neither an end date nor a state that decides it. */
  status: ValidityStatus | undefined;
  endDate: string | undefined;
  lastAwardDate: string | undefined;
  /** Days from the reference date to the end of the registration (negative once it has passed). */
  daysToEnd: number | undefined;
  /** Days from the reference date to the last award date (negative once it has passed). */
  daysToLastAward: number | undefined;
}

const WITHDRAWN = /d[ée]publi|archiv/i;
const AWAITING = /^modifications? [àa] valider/i;

/** The validity of a record at a reference date (AAAA-MM-JJ, or a longer ISO date whose day is used). */
export function validityOf(facts: ValidityFacts, referenceDate: string): Validity {
  const today = referenceDate.slice(0, 10);
  const { endDate, lastAwardDate, etatFiche = '' } = facts;
  return {
    status: statusOf(etatFiche, endDate, today),
    endDate,
    lastAwardDate,
    daysToEnd: endDate === undefined ? undefined : daysBetween(today, endDate),
    daysToLastAward: lastAwardDate === undefined ? undefined : daysBetween(today, lastAwardDate),
  };
}

function statusOf(etatFiche: string, endDate: string | undefined, today: string): ValidityStatus | undefined {
  if (WITHDRAWN.test(etatFiche)) return 'retiree';
  if (endDate !== undefined && endDate < today) return 'terminee';
  if (AWAITING.test(etatFiche.trim())) return 'a-valider';
  if (endDate === undefined) return undefined;
  return endDate <= addMonths(today, ENDING_SOON_MONTHS) ? 'fin-proche' : 'enregistree';
}

/** Whether a registration that has not ended yet ends within ENDING_SOON_MONTHS of the reference date. */
export function endsSoon(endDate: string | undefined, referenceDate: string): boolean {
  const today = referenceDate.slice(0, 10);
  return endDate !== undefined && endDate >= today && endDate <= addMonths(today, ENDING_SOON_MONTHS);
}

/**
 * The validity in one phrase, as lists, badges and calendars say it: « Enregistrée jusqu'au 28 novembre 2029 »,
 * « Enregistrement terminé le 31 août 2024 », « Retirée du répertoire ». `date` formats the end date.
 */
export function validityPhrase(validity: Validity, date: (iso: string) => string): string | undefined {
  const { status, endDate } = validity;
  if (status === undefined) return undefined;
  const until = endDate ? ` jusqu'au ${date(endDate)}` : '';
  switch (status) {
    case 'enregistree':
      return `Enregistrée${until}`;
    case 'fin-proche':
      return `Enregistrée${until}, fin proche`;
    case 'a-valider':
      return `Modifications à valider, enregistrée${until}`;
    case 'terminee':
      return `Enregistrement terminé${endDate ? ` le ${date(endDate)}` : ''}`;
    case 'retiree':
      return 'Retirée du répertoire';
  }
}
