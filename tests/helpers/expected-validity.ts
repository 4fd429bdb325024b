/**
 * The status the readers' registry issue defines, restated for tests from its words, independently of
 * src/core/registry/validity.ts: withdrawn (« Dépubliée/Archivée »), ended (last day passed), awaiting
 * validation (« Modifications à valider… »), ending within six months, registered. In French, as pages say it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Data } from './page-text.ts';

/** The day a built site computed its statuses at, from its build.json. */
export function referenceDateOf(dist: string): string {
  return JSON.parse(readFileSync(join(dist, 'build.json'), 'utf8')).reference_date as string;
}

/** Six months after a date, the last day of a shorter month when needed. */
export function sixMonthsAfter(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const month = m + 6 > 12 ? m - 6 : m + 6;
  const year = m + 6 > 12 ? y + 1 : y;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** A record's status label at a day, from its YAML; undefined when nothing decides it. */
export function expectedStatus(data: Data, reference: string): string | undefined {
  const end: string | undefined = data.enregistrement.date_fin;
  const state: string = data.etat_fiche ?? '';
  if (/Dépubliée|Archivée/.test(state)) return 'Retirée du répertoire';
  if (end !== undefined && end < reference) return 'Enregistrement terminé';
  if (state.startsWith('Modifications à valider')) return 'Modifications à valider';
  if (end === undefined) return undefined;
  return end <= sixMonthsAfter(reference) ? "Fin d'enregistrement proche" : 'Enregistrée';
}
