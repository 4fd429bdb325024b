/**
 * What a record page tells readers about where its data comes from: which export of the official flow
 * it reflects and how fresh that export is, whether the latest export still holds the record, and how
 * to show a value of the flow that the team corrected. Pure helpers; the wording is French.
 */
import { REGISTRIES } from '../core/import/flow-sources.ts';
import type { Source } from '../core/schemas/types.generated.ts';
import { formatDate, formatNumber, quote, typeset } from '../core/text/french.ts';

/** The source ids the import gives its entries ("flux-rncp", "flux-rs"), with their registry. */
const FLOW_REGISTRIES = new Map<string, string>(Object.values(REGISTRIES).map((info) => [info.sourceId, info.registry]));

/** A source of the record that is an export of the official flow. */
export interface FlowExport {
  /** The source's id, the anchor of its entry in the page's source list. */
  id: string;
  /** How the page names the export's flow: « flux RNCP », « flux RS ». */
  name: string;
  /** The export's date (AAAA-MM-JJ), when its file name gives it. */
  date: string | undefined;
  /** What the source says of an undated export. */
  remarque: string | undefined;
}

/** How a page names the flow of a source id: « flux RNCP » for "flux-rncp"; undefined for other sources. */
export function flowName(sourceId: string): string | undefined {
  const registry = FLOW_REGISTRIES.get(sourceId);
  return registry ? `flux ${registry}` : undefined;
}

/** The record's sources that are exports of the official flow (an import's entry, or any source dated by its export). */
export function flowExportsOf(sources: readonly Source[]): FlowExport[] {
  return sources
    .filter((s) => FLOW_REGISTRIES.has(s.id) || s.date_export !== undefined)
    .map((s) => ({
      id: s.id,
      name: flowName(s.id) ?? s.intitule_court ?? s.intitule,
      date: s.date_export,
      remarque: s.remarque,
    }));
}

/**
 * Whether the record was imported from the official flow: its texts then have the flow's flattened line
 * breaks and are shown as paragraphs and lists (flow-text.ts); a hand transcription keeps its own text.
 */
export function isFromFlow(sources: readonly Source[]): boolean {
  return sources.some((s) => FLOW_REGISTRIES.has(s.id));
}

/** A text ended as a sentence: a final period added when it has no closing punctuation. */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?…»)]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A value as the flow published it, for the corrections note: a text in guillemets (a date in French), a
 * number in French, Oui/Non, a list item by item; anything else as its JSON.
 */
export function publishedValueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'vide';
  if (typeof value === 'string') return ISO_DATE.test(value) ? formatDate(value) : typeset(quote(value));
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  if (Array.isArray(value)) return value.length === 0 ? 'liste vide' : value.map(publishedValueText).join(' ; ');
  return JSON.stringify(value);
}
