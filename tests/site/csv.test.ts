import { describe, expect, it } from 'vitest';
import { tableToCsv } from '../../src/site/csv.ts';
import type { IndicatorTable } from '../../src/site/indicator-tables.ts';

const BOM = '\uFEFF';

function table(overrides: Partial<IndicatorTable> = {}): IndicatorTable {
  return {
    id: 'experience',
    title: "Par niveau d'expérience",
    period: '2025-T1',
    source: 'page-source',
    sourceRef: { id: 'page-source', short: 'page-source' },
    categoryHeader: 'Expérience',
    series: [
      { key: 'demandeurs_emploi', label: "Demandeurs d'emploi" },
      { key: 'offres_emploi', label: "Offres d'emploi" },
    ],
    rows: [{ label: "Moins d'un an", values: [24, 63.22] }],
    notes: [],
    ...overrides,
  };
}

/** The lines of a CSV without its BOM and final line end. */
const lines = (csv: string) => csv.slice(BOM.length).replace(/\r\n$/, '').split('\r\n');

describe('tableToCsv', () => {
  it('writes a BOM, a header row and CRLF line ends, the last line included', () => {
    expect(tableToCsv(table())).toBe(
      `${BOM}Expérience,Demandeurs d'emploi,Offres d'emploi,periode,source\r\nMoins d'un an,24,63.22,2025-T1,page-source\r\n`,
    );
  });

  it.each([
    ['a plain label', 'Cadres', 'Cadres'],
    ['a comma', "Nombre et % d'offres, par origine", '"Nombre et % d\'offres, par origine"'],
    ['a semicolon', 'Acoss ; MSA', '"Acoss ; MSA"'],
    ['double quotes', 'dit "expert"', '"dit ""expert"""'],
    ['a line feed', 'deux\nlignes', '"deux\nlignes"'],
    ['a carriage return', 'deux\rlignes', '"deux\rlignes"'],
    ['a narrow no-break space', "Jusqu'à 914\u202f€", "Jusqu'à 914\u202f€"],
  ])('quotes a field only when needed: %s', (_case, text, written) => {
    const csv = tableToCsv(table({ categoryHeader: text, source: text, rows: [{ label: text, values: [1, 2] }] }));
    expect(lines(csv)).toEqual([`${written},Demandeurs d'emploi,Offres d'emploi,periode,source`, `${written},1,2,2025-T1,${written}`]);
  });

  it.each([
    [44.29, '44.29'],
    [40.1, '40.1'],
    [79, '79'],
    [0, '0'],
    [0.36, '0.36'],
    [1833, '1833'],
    [null, ''],
  ])('writes %s as "%s" (dot decimal, published precision, null as an empty cell)', (value, written) => {
    expect(lines(tableToCsv(table({ rows: [{ label: 'x', values: [value, 1] }] })))[1]).toBe(`x,${written},1,2025-T1,page-source`);
  });

  it('gives each row its own label as period when the table has none (years)', () => {
    const { period: _shared, ...yearly } = table({
      categoryHeader: 'Promotion',
      series: [
        { key: 'taux_insertion_6_mois', label: 'Insertion à 6 mois' },
        { key: 'taux_insertion_2_ans', label: 'Insertion à 2 ans' },
      ],
      rows: [
        { label: '2020', values: [94, 52] },
        { label: '2019', values: [97, null] },
      ],
    });
    expect(lines(tableToCsv(yearly))).toEqual([
      'Promotion,Insertion à 6 mois,Insertion à 2 ans,periode,source',
      '2020,94,52,2020,page-source',
      '2019,97,,2019,page-source',
    ]);
  });

  it('writes the header alone for a table without rows', () => {
    expect(lines(tableToCsv(table({ rows: [] })))).toEqual(["Expérience,Demandeurs d'emploi,Offres d'emploi,periode,source"]);
  });
});
