/**
 * Flow texts cut into paragraphs and lists (src/site/flow-text.ts): the markers the RS flow uses are
 * recognised, and no character but spaces is ever changed — on hand-written cases, on random texts,
 * and on every text of every record in content/rs/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { flowBlocks, flowBlocksText } from '../../src/site/flow-text.ts';
import type { FlowBlock } from '../../src/site/flow-text.ts';
import { PROJECT_ROOT } from '../helpers/content-tree.ts';

/** A text with its whitespace collapsed: what "the same text, modulo whitespace" compares. */
const collapsed = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Joins the pieces back independently of the module: paragraphs, then each item as « marker text ». */
function rejoin(blocks: FlowBlock[]): string {
  return blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : b.items.map((i) => `${i.marker} ${i.text}`))).join(' ');
}

/** Every string leaf of a parsed YAML value, with its path. */
function stringLeaves(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, `${path}/${i}`));
  if (value !== null && typeof value === 'object')
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => stringLeaves(v, `${path}/${k}`));
  return [];
}

const RS_DIR = join(PROJECT_ROOT, 'content/rs');
const RS_TEXTS = readdirSync(RS_DIR)
  .filter((name) => name.endsWith('.yaml'))
  .flatMap((name) =>
    stringLeaves(parse(readFileSync(join(RS_DIR, name), 'utf8'))).map(([path, text]): [string, string] => [`${name}#${path}`, text]),
  );

describe('flowBlocks', () => {
  it('keeps a text without breaks as one paragraph, its inner spaces untouched', () => {
    expect(flowBlocks('prise et compte  des problématiques')).toEqual([{ kind: 'paragraph', text: 'prise et compte  des problématiques' }]);
  });

  it('gives no block for an empty or blank text', () => {
    expect(flowBlocks('')).toEqual([]);
    expect(flowBlocks('   \n  ')).toEqual([]);
  });

  it('splits on runs of three spaces or more, and on line breaks', () => {
    expect(flowBlocks('Un.    Deux.   Trois.\nQuatre.')).toEqual([
      { kind: 'paragraph', text: 'Un.' },
      { kind: 'paragraph', text: 'Deux.' },
      { kind: 'paragraph', text: 'Trois.' },
      { kind: 'paragraph', text: 'Quatre.' },
    ]);
  });

  it('recognises « * », « - » and « • » bullets and keeps each marker', () => {
    expect(flowBlocks('Public visé :         * Tout adulte      * Tout enseignant')).toEqual([
      { kind: 'paragraph', text: 'Public visé :' },
      {
        kind: 'list',
        ordered: false,
        items: [
          { marker: '*', text: 'Tout adulte' },
          { marker: '*', text: 'Tout enseignant' },
        ],
      },
    ]);
    expect(flowBlocks('- justifie d’un titre,     - dispose des connaissances        A titre dérogatoire.')).toEqual([
      {
        kind: 'list',
        ordered: false,
        items: [
          { marker: '-', text: 'justifie d’un titre,' },
          { marker: '-', text: 'dispose des connaissances' },
        ],
      },
      { kind: 'paragraph', text: 'A titre dérogatoire.' },
    ]);
    expect(flowBlocks('•  un    • deux')).toEqual([
      {
        kind: 'list',
        ordered: false,
        items: [
          { marker: '•', text: 'un' },
          { marker: '•', text: 'deux' },
        ],
      },
    ]);
  });

  it('recognises « N : » and « CN. » numbering as ordered lists', () => {
    expect(flowBlocks('1 : Préparer des sessions.    2 : Analyser la langue.')).toEqual([
      {
        kind: 'list',
        ordered: true,
        items: [
          { marker: '1 :', text: 'Préparer des sessions.' },
          { marker: '2 :', text: 'Analyser la langue.' },
        ],
      },
    ]);
    expect(flowBlocks('C1. Réaliser la conception.    C2. Développer un smart-contract')).toEqual([
      {
        kind: 'list',
        ordered: true,
        items: [
          { marker: 'C1.', text: 'Réaliser la conception.' },
          { marker: 'C2.', text: 'Développer un smart-contract' },
        ],
      },
    ]);
  });

  it('keeps a bullet before a competence code as the bullet, the code in the text', () => {
    expect(flowBlocks('* C5.  Développer un programme')).toEqual([
      { kind: 'list', ordered: false, items: [{ marker: '*', text: 'C5.  Développer un programme' }] },
    ]);
  });

  it('starts a new list when the kind of marker changes, and ends it at a paragraph', () => {
    const blocks = flowBlocks('* a   - b   1 : c   C1. d   texte   * e');
    expect(blocks.map((b) => (b.kind === 'paragraph' ? 'p' : `${b.ordered ? 'ol' : 'ul'}:${b.items.length}`))).toEqual([
      'ul:1',
      'ul:1',
      'ol:1',
      'ol:1',
      'p',
      'ul:1',
    ]);
  });

  it('leaves as paragraphs what only looks like a marker: a dash inside a text, a bare asterisk, a year', () => {
    expect(flowBlocks('Le CELTA - Certificat   *   2021 : année de création   -')).toEqual([
      { kind: 'paragraph', text: 'Le CELTA - Certificat' },
      { kind: 'paragraph', text: '*' },
      { kind: 'paragraph', text: '2021 : année de création' },
      { kind: 'paragraph', text: '-' },
    ]);
  });

  it('never changes a character but spaces, on random texts', () => {
    const unit = fc.constantFrom('a', 'é', ' ', ' ', ' ', '*', '-', '•', '1', '2', ':', 'C', '.', '\n', '\t', '\u00a0');
    fc.assert(
      fc.property(
        fc.array(unit, { maxLength: 80 }).map((chars) => chars.join('')),
        (text) => {
          const blocks = flowBlocks(text);
          expect(collapsed(rejoin(blocks))).toBe(collapsed(text));
          expect(flowBlocksText(blocks)).toBe(rejoin(blocks));
          for (const b of blocks) {
            for (const piece of b.kind === 'paragraph' ? [b.text] : b.items.flatMap((i) => [i.marker, i.text])) {
              expect(piece).not.toBe('');
              expect(text).toContain(piece);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads texts from every RS record', () => {
    expect(RS_TEXTS.length).toBeGreaterThan(50);
    expect(RS_TEXTS.some(([, text]) => flowBlocks(text).some((b) => b.kind === 'list' && b.ordered))).toBe(true);
    expect(RS_TEXTS.some(([, text]) => flowBlocks(text).some((b) => b.kind === 'list' && !b.ordered))).toBe(true);
  });

  it.each(RS_TEXTS)('gives back %s exactly, modulo whitespace', (_, text) => {
    const blocks = flowBlocks(text);
    expect(collapsed(rejoin(blocks))).toBe(collapsed(text));
    expect(rejoin(blocks).replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    for (const b of blocks) {
      for (const piece of b.kind === 'paragraph' ? [b.text] : b.items.flatMap((i) => [i.marker, i.text])) expect(text).toContain(piece);
    }
  });
});
