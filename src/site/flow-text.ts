/**
 * France Compétences' flow publishes its long texts with their line breaks flattened into runs of
 * spaces, lists written with « * », « - » or « • » bullets or numbered « 1 : … » and « C1. … ».
 * This module cuts such a text into paragraphs and lists for display, and changes no character but
 * spaces: each piece is a slice of the text, and a list item keeps its published marker, so joining
 * the pieces back with spaces gives the text again, whitespace aside. The pieces are plain strings:
 * pages print them with Astro's escaping, never as HTML.
 */

/** A list item: its marker as published (« * », « 1 : », « C2. ») and the text after it. */
export interface FlowItem {
  marker: string;
  text: string;
}

export type FlowBlock =
  | { kind: 'paragraph'; text: string }
  /** Consecutive items with the same kind of marker; `ordered` when the markers are numbers. */
  | { kind: 'list'; ordered: boolean; items: FlowItem[] };

/** Where the flow had a line break: a run of three spaces or more, or an actual line break. */
const BREAK = /[ \t]*(?:\r?\n)[ \t\r\n]*|[ \t]{3,}/;

/** Markers that open a list item, each followed by at least one space and some text. */
const MARKERS: { style: string; ordered: boolean; pattern: RegExp }[] = [
  { style: 'bullet *', ordered: false, pattern: /^(\*)[ \t]+(?=\S)/ },
  { style: 'bullet -', ordered: false, pattern: /^(-)[ \t]+(?=\S)/ },
  { style: 'bullet •', ordered: false, pattern: /^(•)[ \t]+(?=\S)/ },
  // « 1 : Préparer… » (also « 1: »).
  { style: 'number :', ordered: true, pattern: /^([0-9]{1,3} ?:)[ \t]+(?=\S)/ },
  // « C1. Réaliser… ».
  { style: 'competence', ordered: true, pattern: /^(C[0-9]{1,3}\.)[ \t]+(?=\S)/ },
];

/** The flow text as paragraphs and lists, in order; an empty or blank text gives no block. */
export function flowBlocks(text: string): FlowBlock[] {
  const blocks: FlowBlock[] = [];
  let listStyle: string | undefined;
  for (const piece of text.split(BREAK)) {
    const trimmed = piece.trim();
    if (trimmed === '') continue;
    const marker = MARKERS.map((m) => ({ m, match: m.pattern.exec(trimmed) })).find((found) => found.match !== null);
    if (!marker?.match) {
      blocks.push({ kind: 'paragraph', text: trimmed });
      listStyle = undefined;
      continue;
    }
    const item: FlowItem = { marker: marker.match[1] as string, text: trimmed.slice(marker.match[0].length) };
    const last = blocks.at(-1);
    if (last?.kind === 'list' && listStyle === marker.m.style) last.items.push(item);
    else blocks.push({ kind: 'list', ordered: marker.m.ordered, items: [item] });
    listStyle = marker.m.style;
  }
  return blocks;
}

/** The pieces of the blocks joined back with single spaces: the flow text with its whitespace collapsed. */
export function flowBlocksText(blocks: readonly FlowBlock[]): string {
  return blocks
    .flatMap((block) => (block.kind === 'paragraph' ? [block.text] : block.items.map((item) => `${item.marker} ${item.text}`)))
    .join(' ');
}
