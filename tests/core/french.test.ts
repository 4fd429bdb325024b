import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatEuros,
  formatFileSize,
  formatNumber,
  formatPercent,
  formatPeriod,
  formatPeriodShort,
  typeset,
} from '../../src/core/text/french.ts';

const nnbsp = '\u202f';

describe('French formatting', () => {
  it.each([
    [1230, `1${nnbsp}230`],
    [40.1, '40,1'],
    [0.39, '0,39'],
    [44.29, '44,29'],
    [79, '79'],
    [28.75, '28,75'],
  ])('number %d → %s', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });

  it('keeps the published precision in percentages and euros', () => {
    expect(formatPercent(40.1)).toBe(`40,1${nnbsp}%`);
    expect(formatPercent(147)).toBe(`147${nnbsp}%`);
    expect(formatEuros(1833)).toBe(`1${nnbsp}833${nnbsp}€`);
  });

  it.each([
    ['2025-T1', '1er trimestre 2025', 'T1 2025'],
    ['2024-T2', '2e trimestre 2024', 'T2 2024'],
    ['2024', 'année 2024', '2024'],
  ])('period %s', (period, long, short) => {
    expect(formatPeriod(period)).toBe(long);
    expect(formatPeriodShort(period)).toBe(short);
  });

  it.each([
    ['2029-11-28', '28 novembre 2029'],
    ['2024-03-01', '1er mars 2024'],
    ['2026-08-16T10:00:00+02:00', '16 août 2026'],
  ])('date %s → %s, never broken across lines', (date, text) => {
    expect(formatDate(date)).toBe(text.replace(/ /g, '\u00a0'));
  });

  it('typesets French punctuation with no-break spaces and changes nothing else', () => {
    const input = 'Colonne « Demandeurs » : total 147 % au lieu de 100 % ; fin ?';
    const output = typeset(input);
    expect(output).toBe('Colonne «\u00a0Demandeurs\u00a0»\u00a0: total 147\u202f% au lieu de 100\u202f%\u00a0; fin\u00a0?');
    expect(output.replace(/[\u00a0\u202f]/g, ' ')).toBe(input);
  });

  it.each([
    [0, '0 octet'],
    [1, '1 octet'],
    [999, '999 octets'],
    [1000, '1 ko'],
    [94_090, '94,1 ko'],
    [373_071_000, '373,1 Mo'],
    [1_900_000_000, '1,9 Go'],
  ])('file size %d → %s', (bytes, text) => {
    expect(formatFileSize(bytes)).toBe(text.replace(/ /g, '\u00a0'));
  });
});
