/**
 * A record's status as a small SVG badge other sites can show: « RNCP39853 | enregistrée jusqu'au
 * 28/11/2029 », the number on a dark ground, the status on its own colour. Self-contained: no script,
 * no font to fetch, no reference to another file; readable by screen readers (role="img", aria-label and
 * <title> give the whole text); white text on every ground with a contrast of at least 4.5:1 (WCAG AA).
 */
import { addMonths } from '../text/calendar-date.ts';
import { formatShortDate } from '../text/french.ts';
import { GATHERED_FEED_MONTHS_BACK } from './calendar.ts';
import { escapeXml } from '../text/xml.ts';
import { validityPhrase } from './validity.ts';
import type { Validity, ValidityStatus } from './validity.ts';

/** A status, or `inconnu` when the record publishes nothing that decides it (or the build has no date). */
type BadgeTone = ValidityStatus | 'inconnu';

/** The ground of the status part, one per status; each gives white text a contrast of 4.8:1 or more. */
const BADGE_COLOURS: Record<BadgeTone, string> = {
  enregistree: '#1a7f37',
  'fin-proche': '#9a6700',
  'a-valider': '#0969da',
  terminee: '#cf222e',
  retiree: '#8250df',
  inconnu: '#59636e',
};

/** The ground of the record's number. */
const LABEL_COLOUR = '#3d444d';
const TEXT_COLOUR = '#ffffff';
const UNKNOWN = 'statut inconnu';
const HEIGHT = 20;
const FONT_SIZE = 11;
const PADDING = 6;
/** Fonts every system has one of; Verdana's widths below are the estimate, textLength makes it exact. */
const FONT_FAMILY = 'Verdana,DejaVu Sans,sans-serif';

/**
 * Advance widths of Verdana, in thousandths of an em, for the characters badges use (letters without
 * their accents, digits, punctuation); other characters count as WIDEST. Only an estimate of the box:
 * textLength with lengthAdjust fits the drawn text to it whatever the font.
 */
const WIDTHS: Record<string, number> = {
  ...spread(
    'abcdefghijklmnopqrstuvwxyz',
    [601, 623, 521, 623, 596, 352, 623, 633, 274, 344, 592, 274, 973, 633, 607, 623, 623, 427, 521, 394, 633, 592, 818, 592, 592, 525],
  ),
  ...spread(
    'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
    [684, 686, 698, 771, 632, 575, 775, 751, 421, 455, 693, 557, 843, 748, 787, 603, 787, 695, 684, 616, 732, 684, 989, 685, 615, 685],
  ),
  ...spread('0123456789', Array<number>(10).fill(636)),
  ...spread(" .,:;'’/-()·", [352, 364, 364, 454, 454, 269, 269, 454, 431, 454, 454, 364]),
};
const WIDEST = 1000;

/** The status part of a badge: « enregistrée jusqu'au 28/11/2029 », « statut inconnu ». */
function badgeMessage(validity: Validity | undefined): string {
  const phrase = validity && validityPhrase(validity, formatShortDate);
  return phrase ? `${phrase.charAt(0).toLocaleLowerCase('fr')}${phrase.slice(1)}` : UNKNOWN;
}

/**
 * Whether a record's badge is published: while its registration is in force, and for the calendars' span
 * (GATHERED_FEED_MONTHS_BACK months) after it ended, so that a badge shown elsewhere says « terminé » for a
 * year before its address stops answering. One badge per record of the whole registry was 30,000 files, a
 * third of what a static host takes for the site; most of them of records that ended years ago. Without a
 * reference date the status is unknown, and every record has its badge.
 */
export function badgePublished(validity: Validity | undefined, referenceDate: string | undefined): boolean {
  if (validity === undefined || referenceDate === undefined) return true;
  if (validity.status !== 'terminee' && validity.status !== 'retiree') return true;
  return validity.endDate !== undefined && validity.endDate >= addMonths(referenceDate.slice(0, 10), -GATHERED_FEED_MONTHS_BACK);
}

/** The badge's whole text, as screen readers say it: « RNCP39853 · enregistrée jusqu'au 28/11/2029 ». */
function badgeText(id: string, validity: Validity | undefined): string {
  return `${id} · ${badgeMessage(validity)}`;
}

/** The badge of a record at the validity given (undefined: the neutral « statut inconnu » badge). */
export function badgeSvg(id: string, validity: Validity | undefined): string {
  const message = badgeMessage(validity);
  const text = escapeXml(badgeText(id, validity));
  const labelText = textWidth(id);
  const messageText = textWidth(message);
  const labelWidth = Math.ceil(labelText) + 2 * PADDING;
  const width = labelWidth + Math.ceil(messageText) + 2 * PADDING;
  const fitted = (x: number, length: number, content: string) =>
    `<text x="${x}" y="14" textLength="${length}" lengthAdjust="spacingAndGlyphs">${escapeXml(content)}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT}" viewBox="0 0 ${width} ${HEIGHT}" role="img" aria-label="${text}">`,
    `<title>${text}</title>`,
    `<rect width="${width}" height="${HEIGHT}" rx="3" fill="${BADGE_COLOURS[validity?.status ?? 'inconnu']}"/>`,
    `<rect width="${labelWidth}" height="${HEIGHT}" rx="3" fill="${LABEL_COLOUR}"/>`,
    // Squares the number's right edge, which the status part meets.
    `<rect x="${labelWidth - 3}" width="3" height="${HEIGHT}" fill="${LABEL_COLOUR}"/>`,
    `<g fill="${TEXT_COLOUR}" font-family="${FONT_FAMILY}" font-size="${FONT_SIZE}">`,
    fitted(PADDING, round(labelText), id),
    fitted(labelWidth + PADDING, round(messageText), message),
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}

/** The estimated width of a text in pixels at FONT_SIZE. */
function textWidth(text: string): number {
  let thousandths = 0;
  for (const character of text.normalize('NFD').replace(/[\u0300-\u036f]/g, '')) thousandths += WIDTHS[character] ?? WIDEST;
  return (thousandths * FONT_SIZE) / 1000;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function spread(characters: string, widths: readonly number[]): Record<string, number> {
  return Object.fromEntries([...characters].map((character, i) => [character, widths[i] ?? WIDEST]));
}
