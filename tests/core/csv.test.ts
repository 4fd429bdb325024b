/** The CSV writer of src/core/text/csv.ts, read back by the tests' own RFC 4180 reader. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, csvLine } from '../../src/core/text/csv.ts';
import { parseCsv } from '../helpers/csv.ts';

describe('csvLine', () => {
  it('quotes a field holding a semicolon, a comma, a quote or a line break, and only those', () => {
    expect(csvLine(['RNCP1', 'a;b', 'a,b', 'dit "oui"', 'ligne\nsuivante', 'retour\r', 'simple', ''], ';')).toBe(
      'RNCP1;"a;b";"a,b";"dit ""oui""";"ligne\nsuivante";"retour\r";simple;\r\n',
    );
    expect(csvField("l'apostrophe et « guillemets »")).toBe("l'apostrophe et « guillemets »");
  });

  it('gives back every field, whatever it holds, with either separator', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'é', ';', ',', '"', '\r', '\n', ' ', '\u00a0') });
    fc.assert(
      fc.property(
        fc.array(fc.array(text, { minLength: 1, maxLength: 5 }), { maxLength: 5 }),
        fc.constantFrom(',' as const, ';' as const),
        (rows, separator) => {
          // A line of one empty field is an empty line, which RFC 4180 cannot tell from no field.
          fc.pre(rows.every((row) => row.length > 1 || row[0] !== ''));
          expect(parseCsv(rows.map((row) => csvLine(row, separator)).join(''), separator)).toEqual(rows);
        },
      ),
    );
  });
});
