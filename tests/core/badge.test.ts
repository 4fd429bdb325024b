/**
 * The status badge (src/core/registry/badge.ts) at fixed reference dates: its French text for each
 * status, its colours and their contrast (computed here with WCAG 2's formula), well-formed XML with
 * nothing live or external in it, and text boxes that always hold their text.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { badgeSvg } from '../../src/core/registry/badge.ts';
import { validityOf, VALIDITY_STATUSES } from '../../src/core/registry/validity.ts';
import type { Validity, ValidityFacts } from '../../src/core/registry/validity.ts';

const REFERENCE = '2026-12-01';
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, textNodeName: '#text' });

type Node = Record<string, any>;

interface Parsed {
  svg: Node;
  rects: Node[];
  texts: Node[];
  /** The accessible name, entities decoded. */
  label: string;
  title: string;
}

function parsed(svg: string): Parsed {
  expect(XMLValidator.validate(svg)).toBe(true);
  const root = (parser.parse(svg) as Node).svg as Node;
  const decode = (text: string) =>
    text
      .replace(/&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  return {
    svg: root,
    rects: [root.rect].flat() as Node[],
    texts: [(root.g as Node).text].flat() as Node[],
    label: decode(root['aria-label'] as string),
    title: decode(String(root.title)),
  };
}

const at = (facts: ValidityFacts): Validity => validityOf(facts, REFERENCE);

/** Facts that give each status at REFERENCE. */
const BY_STATUS = {
  enregistree: { etatFiche: 'Publiée', endDate: '2029-11-28' },
  'fin-proche': { etatFiche: 'Publiée', endDate: '2027-03-27' },
  'a-valider': { etatFiche: 'Modifications à valider', endDate: '2028-03-28' },
  terminee: { etatFiche: 'Publiée', endDate: '2024-05-24' },
  retiree: { etatFiche: 'Dépubliée/Archivée', endDate: '2028-01-01' },
} satisfies Record<(typeof VALIDITY_STATUSES)[number], ValidityFacts>;

/** WCAG 2 relative luminance and contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** A colour as #rrggbb ("#fff" → "#ffffff"). */
const long = (colour: string) => (colour.length === 4 ? `#${[...colour.slice(1)].map((c) => c + c).join('')}` : colour).toLowerCase();

describe('the status badge', () => {
  it.each([
    ['enregistree', "RNCP39853 · enregistrée jusqu'au 28/11/2029"],
    ['fin-proche', "RNCP39853 · enregistrée jusqu'au 27/03/2027, fin proche"],
    ['a-valider', "RNCP39853 · modifications à valider, enregistrée jusqu'au 28/03/2028"],
    ['terminee', 'RNCP39853 · enregistrement terminé le 24/05/2024'],
    ['retiree', 'RNCP39853 · retirée du répertoire'],
  ] as const)('says « %s » in French, the same in its aria-label and its title', (status, text) => {
    const validity = at(BY_STATUS[status]);
    expect(validity.status).toBe(status);
    const badge = parsed(badgeSvg('RNCP39853', validity));
    expect(badge.label).toBe(text);
    expect(badge.title).toBe(text);
    expect(badge.svg.role).toBe('img');
    // What is drawn: the number, then the status (first letter in lower case after the number).
    expect(badge.texts.map((t) => String(t['#text']).replace(/&apos;/g, "'"))).toEqual(text.split(' · '));
  });

  it('is neutral, « statut inconnu », when nothing decides the status or there is no reference date', () => {
    for (const validity of [undefined, at({ etatFiche: 'Publiée' })]) {
      expect(parsed(badgeSvg('RS5000', validity)).label).toBe('RS5000 · statut inconnu');
    }
  });

  it('has one ground colour per status, another for the unknown status, and white text with a contrast of 4.5:1 at least', () => {
    const grounds = [...VALIDITY_STATUSES.map((s) => badgeSvg('RS6547', at(BY_STATUS[s]))), badgeSvg('RS6547', undefined)].map((svg) => {
      const badge = parsed(svg);
      const text = long((badge.svg.g as Node).fill as string);
      for (const rect of badge.rects) expect(contrast(text, long(rect.fill as string)), rect.fill as string).toBeGreaterThanOrEqual(4.5);
      // The first rectangle is the ground of the whole badge, which the status part shows.
      return long(badge.rects[0]!.fill as string);
    });
    expect(new Set(grounds).size).toBe(VALIDITY_STATUSES.length + 1);
  });

  it('holds no script, style, link, event handler or external reference', () => {
    for (const validity of [...VALIDITY_STATUSES.map((s) => at(BY_STATUS[s])), undefined]) {
      const svg = badgeSvg('RNCP39853', validity);
      expect(svg).not.toMatch(/<script|<style|<foreignObject|<image|<use|<a[\s>]|\son[a-z]+=|href|url\(|@import/i);
      expect(svg.replace('xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(/[a-z]+:\/\//i);
    }
  });

  it('escapes what it writes and stays well-formed', () => {
    const badge = parsed(badgeSvg('A&B<"C">', undefined));
    expect(badge.label).toBe('A&B<"C"> · statut inconnu');
  });

  it('fits each text to a box that holds it, whatever its length, with textLength and lengthAdjust', () => {
    const short = parsed(badgeSvg('RS1', at(BY_STATUS.retiree)));
    const wide = parsed(badgeSvg('RNCP100000', at(BY_STATUS['a-valider'])));
    for (const badge of [short, wide]) {
      const width = Number(badge.svg.width);
      expect(badge.svg.viewBox).toBe(`0 0 ${width} ${badge.svg.height}`);
      const labelWidth = Number(badge.rects[1]!.width);
      const [label, message] = badge.texts as [Node, Node];
      for (const text of [label, message]) expect(text.lengthAdjust).toBe('spacingAndGlyphs');
      expect(Number(label.x)).toBeGreaterThan(0);
      expect(Number(label.x) + Number(label.textLength)).toBeLessThanOrEqual(labelWidth);
      expect(Number(message.x)).toBeGreaterThanOrEqual(labelWidth);
      expect(Number(message.x) + Number(message.textLength)).toBeLessThan(width);
    }
    expect(Number(wide.svg.width)).toBeGreaterThan(Number(short.svg.width));
    // A longer text gets a longer box: the estimate follows the characters, not a fixed width per badge.
    expect(Number(wide.texts[1]!.textLength)).toBeGreaterThan(Number(short.texts[1]!.textLength));
  });
});
