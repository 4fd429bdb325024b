/**
 * French wording and typography, the one formatter of numbers, percentages, amounts, periods and dates
 * for messages and pages alike: full published precision, French separators, readable periods.
 */

import { monthsAndDaysBetween } from './calendar-date.ts';

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const NARROW_NBSP = '\u202f';
const NBSP = '\u00a0';
const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 6 });

/** 1230 → "1 230", 40.1 → "40,1" (never rounds away published decimals). */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** 40.1 → "40,1 %". */
export function formatPercent(value: number): string {
  return `${formatNumber(value)}${NARROW_NBSP}%`;
}

/** 1833 → "1 833 €". */
export function formatEuros(value: number): string {
  return `${formatNumber(value)}${NARROW_NBSP}€`;
}

/** "2025-T1" → "1er trimestre 2025", "2024-T2" → "2e trimestre 2024", "2024" → "année 2024". */
export function formatPeriod(period: string): string {
  const match = /^(\d{4})(?:-T([1-4]))?$/.exec(period);
  if (!match) return period;
  const [, year, quarter] = match;
  if (!quarter) return `année ${year}`;
  return `${quarter === '1' ? '1er' : `${quarter}e`} trimestre ${year}`;
}

/** "T1 2025" or "2024": the short form used in tables and diff paths. */
export function formatPeriodShort(period: string): string {
  const match = /^(\d{4})-T([1-4])$/.exec(period);
  return match ? `T${match[2]} ${match[1]}` : period;
}

/** "2029-11-28" → "28 novembre 2029" ("1er" for the first day of a month). */
export function formatDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  const day = Number(match[3]);
  return `${day === 1 ? '1er' : day}${NBSP}${MONTHS[Number(match[2]) - 1]}${NBSP}${match[1]}`;
}

/**
 * French spacing for display: no-break spaces inside guillemets and before « : ; ! ? », a narrow
 * one before « % », so punctuation never starts a line. Changes spaces only, never words.
 */
export function typeset(text: string): string {
  return text
    .replace(/« /g, `«${NBSP}`)
    .replace(/ »/g, `${NBSP}»`)
    .replace(/ ([:;!?])/g, `${NBSP}$1`)
    .replace(/(\d) %/g, `$1${NARROW_NBSP}%`);
}

/** "a", "a ou b", "a, b ou c" (with "et" or "ou"). */
export function listInFrench(items: readonly string[], conjunction: 'et' | 'ou'): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** Quotes a name or value with French guillemets. */
export function quote(text: string): string {
  return `« ${text} »`;
}

/** Describes a YAML/JSON value for a message: its kind and, if short, the value itself. */
export function describeValue(value: unknown): string {
  if (value === null) return 'une valeur vide';
  if (Array.isArray(value)) return 'une liste';
  switch (typeof value) {
    case 'string':
      return value.length <= 60 ? `le texte ${quote(value)}` : 'un texte';
    case 'number':
      return `le nombre ${formatNumber(value)}`;
    case 'boolean':
      return value ? 'la valeur true (oui)' : 'la valeur false (non)';
    case 'object':
      return 'un ensemble de champs';
    default:
      return 'une valeur';
  }
}

/** Names a JSON Schema type in French. */
export function typeName(type: string): string {
  const names: Record<string, string> = {
    string: 'un texte',
    number: 'un nombre',
    integer: 'un nombre entier',
    boolean: 'true ou false',
    object: 'un ensemble de champs (clé: valeur)',
    array: 'une liste (éléments précédés de « - »)',
    null: 'une valeur vide',
  };
  return names[type] ?? type;
}

/**
 * The time from one AAAA-MM-JJ date to a later one, as readers say it: « 2 ans et 11 mois »,
 * « 5 mois », « 12 jours » (days only under a month), « aujourd'hui » for the same day.
 */
export function formatTimeSpan(from: string, to: string): string {
  const { months, days } = monthsAndDaysBetween(from, to);
  if (months === 0) return days === 0 ? "aujourd'hui" : `${days}${NBSP}jour${days > 1 ? 's' : ''}`;
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const yearText = years > 0 ? `${years}${NBSP}an${years > 1 ? 's' : ''}` : '';
  const monthText = rest > 0 ? `${rest}${NBSP}mois` : '';
  return [yearText, monthText].filter(Boolean).join(' et ');
}

/** "2029-11-28" → "28/11/2029", the short form of badges and tables. */
export function formatShortDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : isoDate;
}

/** A date seen from another: « dans 2 ans et 3 mois », « aujourd'hui », « il y a 5 jours ». */
export function formatCountdown(from: string, to: string): string {
  if (from === to) return "aujourd'hui";
  return to > from ? `dans ${formatTimeSpan(from, to)}` : `il y a ${formatTimeSpan(to, from)}`;
}

const sizeFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** A file's size as download links give it, in decimal units: 512 → "512 octets", 94090 → "94,1 ko", 373071000 → "373,1 Mo". */
export function formatFileSize(bytes: number): string {
  const units: [number, string][] = [
    [1e9, 'Go'],
    [1e6, 'Mo'],
    [1e3, 'ko'],
  ];
  const unit = units.find(([size]) => bytes >= size);
  return unit ? `${sizeFormat.format(bytes / unit[0])}${NBSP}${unit[1]}` : `${bytes}${NBSP}octet${bytes > 1 ? 's' : ''}`;
}
