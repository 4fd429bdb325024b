import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutBarChart } from '../../src/site/chart-geometry.ts';
import type { BarChartLayout } from '../../src/site/chart-geometry.ts';
import type { IndicatorTable } from '../../src/site/indicator-tables.ts';

const nnbsp = '\u202f';
const pct = (text: string): string => `${text}${nnbsp}%`;

function table(rows: [string, ...(number | null)[]][], seriesCount = rows[0] ? rows[0].length - 1 : 1): IndicatorTable {
  return {
    id: 'essai',
    title: 'Essai',
    source: 'Source d’essai',
    sourceRef: { id: 'essai', short: 'Source d’essai' },
    categoryHeader: 'Catégorie',
    series: Array.from({ length: seriesCount }, (_, i) => ({ key: `s${i}`, label: `Série ${i + 1}` })),
    rows: rows.map(([label, ...values]) => ({ label, values })),
    notes: [],
  };
}

const salaires = table([
  ['Jusqu’à 1 829 €', 6.07],
  ['De 1 830 à 2 134 €', 0.36],
  ['De 2 135 à 2 439 €', 1.43],
  ['De 2 440 à 3 049 €', 44.29],
  ['3 050 € et plus', 2.86],
]);
const diplome = table([
  ['< CAP-BEP', 2, 0.39],
  ['CAP-BEP', 1, 0.13],
  ['Bac', 2, 5.08],
  ['Bac + 2', 4, 22.14],
  ['bac+3 / bac+4', 12, 40.1],
  ['>= Bac + 5', 79, 32.16],
]);
// Multiple answers: the column sums to 147 %, but each bar is a single value.
const sum147 = table([
  ['Anglais', 60],
  ['Espagnol', 45],
  ['Allemand', 42],
]);
const tiny = table([
  ['Ouvriers non qualifiés', 0.22],
  ['Ouvriers qualifiés', 0.15],
]);
const allMissing = table([
  ['Débutant', null, null],
  ['Expérimenté', null, null],
]);
const withGap = table([
  ['Débutant', 12.5, null],
  ['Expérimenté', null, 95.5],
]);

/** The geometry's own text-width estimate: 0.6 em per character. */
const textWidth = (layout: BarChartLayout, text: string): number => text.length * layout.fontSize * 0.6;
const bars = (layout: BarChartLayout) => layout.groups.flatMap((g) => g.bars);
/** Left end of the axis (value 0) and its length, read from the outer ticks. */
const axis = (layout: BarChartLayout) => ({
  left: layout.ticks[0].x,
  length: layout.ticks[layout.ticks.length - 1].x - layout.ticks[0].x,
});

describe('layoutBarChart: axis', () => {
  it.each([
    ['largest value ≤ 50: nice max above it', salaires, ['0', '10', '20', '30', '40', '50']],
    ['a value over 50: 0 to 100', diplome, ['0', '20', '40', '60', '80', '100']],
    ['a column summing to 147 %', sum147, ['0', '20', '40', '60', '80', '100']],
    ['values under 1 %', tiny, ['0', '0,05', '0,1', '0,15', '0,2', '0,25']],
    ['no published value', allMissing, ['0', '20', '40', '60', '80', '100']],
  ])('%s', (_, t, ticks) => {
    const layout = layoutBarChart(t);
    expect(layout.ticks.map((tick) => tick.text)).toEqual(ticks.map(pct));
    // Ticks are evenly spaced and share one baseline under the bars.
    const steps = layout.ticks.slice(1).map((tick, i) => tick.x - layout.ticks[i].x);
    for (const step of steps) expect(step).toBeCloseTo(steps[0], 1);
    expect(new Set(layout.ticks.map((tick) => tick.y)).size).toBe(1);
    expect(Math.max(...bars(layout).map((b) => b.y + b.height))).toBeLessThan(layout.ticks[0].y);
  });

  it.each([
    ['salaires', salaires, 50],
    ['diplome', diplome, 100],
    ['sum147', sum147, 100],
    ['tiny', tiny, 0.25],
    ['withGap', withGap, 100],
  ])('%s: bar widths are proportional to values', (_, t, max) => {
    const layout = layoutBarChart(t);
    const { left, length } = axis(layout);
    t.rows.forEach((row, r) =>
      row.values.forEach((value, s) => {
        const bar = layout.groups[r].bars[s];
        expect(bar.series).toBe(s);
        expect(bar.x).toBe(left);
        expect(bar.width).toBeCloseTo(((value ?? 0) / max) * length, 1);
      }),
    );
  });
});

describe('layoutBarChart: bars and labels', () => {
  it('gives one bar per series per row, stacked in reading order', () => {
    const layout = layoutBarChart(diplome);
    expect(layout.groups).toHaveLength(6);
    const ys = bars(layout).map((b) => b.y);
    expect(bars(layout).map((b) => b.series)).toEqual([0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    expect(new Set(ys).size).toBe(ys.length);
  });

  it('writes each row label above its bars', () => {
    for (const group of layoutBarChart(diplome).groups) {
      const lastLine = group.lines[group.lines.length - 1];
      expect(lastLine.y).toBeLessThanOrEqual(group.bars[0].y);
    }
  });

  it.each([
    ['0,39 % is written after its short bar', diplome, 0, 1, pct('0,39'), 'start', false],
    ['79 % is written after its bar', diplome, 5, 0, pct('79'), 'start', false],
    ['100 % is written inside the end of its full bar', table([['Tous', 100]]), 0, 0, pct('100'), 'end', true],
    ['95,5 % is written inside the end of its long bar', withGap, 1, 1, pct('95,5'), 'end', true],
  ])('%s', (_, t, row, series, text, anchor, inside) => {
    const bar = layoutBarChart(t).groups[row].bars[series];
    expect(bar.label).toMatchObject({ text, anchor, inside });
    const end = bar.x + bar.width;
    if (inside) expect(bar.label.x).toBeLessThan(end);
    else expect(bar.label.x).toBeGreaterThan(end);
  });

  it('draws no bar for a missing value and says « aucune donnée »', () => {
    const layout = layoutBarChart(withGap);
    const missing = [layout.groups[0].bars[1], layout.groups[1].bars[0]];
    for (const bar of missing) {
      expect(bar).toMatchObject({ missing: true, width: 0 });
      expect(bar.label).toMatchObject({ text: 'aucune donnée', anchor: 'start', inside: false, x: bar.x });
    }
    // The missing bar keeps its slot, so both groups have the same height.
    const [first, second] = layout.groups;
    expect(first.bars[1].y - first.bars[0].y).toBe(second.bars[1].y - second.bars[0].y);
  });

  it('wraps long row labels over several lines inside the drawing', () => {
    const long = 'Agents de maîtrise / Techniciens et autres professions intermédiaires administratives de la fonction publique';
    const unbreakable = 'Anticonstitutionnellementanticonstitutionnellement';
    for (const width of [320, 400, 640]) {
      const layout = layoutBarChart(
        table([
          [long, 10],
          [unbreakable, 20],
          ['Agents de maîtrise / Techniciens', 30],
        ]),
        { width },
      );
      const [wrapped, cut, short] = layout.groups.map((g) => g.lines);
      expect(wrapped.length).toBeGreaterThan(1);
      expect(wrapped.map((l) => l.text).join(' ')).toBe(long);
      expect(cut.map((l) => l.text).join('')).toBe(unbreakable);
      expect(short).toHaveLength(1);
      for (const line of [...wrapped, ...cut, ...short]) expect(line.x + textWidth(layout, line.text)).toBeLessThanOrEqual(width);
    }
  });

  it.each([
    [120, 2],
    [320, 1],
  ])('never breaks a label at a no-break space (width %i: %i lines)', (width, count) => {
    const label = `De 1${nnbsp}830${nnbsp}€ à 3${nnbsp}049${nnbsp}€`;
    const lines = layoutBarChart(table([[label, 10]]), { width }).groups[0].lines.map((l) => l.text);
    expect(lines).toHaveLength(count);
    // Rejoining with ordinary spaces gives the label back only if every break was at one.
    expect(lines.join(' ')).toBe(label);
  });

  it('adds a legend only for two series', () => {
    expect(layoutBarChart(salaires).legend).toEqual([]);
    const legend = layoutBarChart(diplome).legend;
    expect(legend.map((item) => [item.series, item.lines.map((l) => l.text)])).toEqual([
      [0, ['Série 1']],
      [1, ['Série 2']],
    ]);
    const firstBar = layoutBarChart(diplome).groups[0].lines[0];
    for (const item of legend) expect(item.swatch.y + item.swatch.size).toBeLessThan(firstBar.y);
  });

  it.each([0, 3])('refuses %i series', (count) => {
    expect(() =>
      layoutBarChart({ ...salaires, series: Array.from({ length: count }, (_, i) => ({ key: `s${i}`, label: `S${i}` })) }),
    ).toThrow(/une ou deux séries/);
  });
});

describe('layoutBarChart: fits and is deterministic', () => {
  const value = fc.oneof(
    fc.constant(null),
    fc.integer({ min: 0, max: 10_000 }).map((n) => n / 100),
  );
  const anyTable = fc.integer({ min: 1, max: 2 }).chain((seriesCount) =>
    fc
      .array(fc.tuple(fc.string({ minLength: 1, maxLength: 120 }), fc.array(value, { minLength: seriesCount, maxLength: seriesCount })), {
        minLength: 1,
        maxLength: 12,
      })
      .map((rows) =>
        table(
          rows.map(([label, values]) => [label, ...values]),
          seriesCount,
        ),
      ),
  );

  it('keeps every bar and every text inside the viewBox', () => {
    fc.assert(
      fc.property(anyTable, fc.constantFrom(320, 400, 640), (t, width) => {
        const layout = layoutBarChart(t, { width });
        expect(layout.viewBox).toBe(`0 0 ${width} ${layout.height}`);
        for (const bar of bars(layout)) {
          expect(bar.x).toBeGreaterThanOrEqual(0);
          expect(bar.x + bar.width).toBeLessThanOrEqual(width);
          expect(bar.y + bar.height).toBeLessThanOrEqual(layout.height);
          const w = textWidth(layout, bar.label.text);
          const [from, to] = bar.label.anchor === 'start' ? [bar.label.x, bar.label.x + w] : [bar.label.x - w, bar.label.x];
          expect(from).toBeGreaterThanOrEqual(bar.x);
          expect(to).toBeLessThanOrEqual(width);
          if (bar.label.inside) expect(to).toBeLessThanOrEqual(bar.x + bar.width);
        }
        const lines = [...layout.legend.flatMap((item) => item.lines), ...layout.groups.flatMap((g) => g.lines)];
        for (const line of lines) {
          expect(line.x + textWidth(layout, line.text)).toBeLessThanOrEqual(width);
          expect(line.y).toBeLessThanOrEqual(layout.height);
        }
        for (const tick of layout.ticks) {
          const half = textWidth(layout, tick.text) / 2;
          expect(tick.x - half).toBeGreaterThanOrEqual(0);
          expect(tick.x + half).toBeLessThanOrEqual(width);
          expect(tick.y).toBeLessThanOrEqual(layout.height);
        }
      }),
    );
  });

  it('gives the same layout for the same table, whatever was laid out before', () => {
    const first = JSON.stringify(layoutBarChart(diplome));
    layoutBarChart(salaires);
    layoutBarChart(tiny, { width: 320 });
    expect(JSON.stringify(layoutBarChart(structuredClone(diplome)))).toBe(first);
  });

  it('grows with the number of rows', () => {
    const heights = [1, 2, 5].map((n) => layoutBarChart(table(Array.from({ length: n }, (_, i) => [`Ligne ${i}`, 10]))).height);
    expect(heights).toEqual([...heights].sort((a, b) => a - b));
    expect(new Set(heights).size).toBe(3);
  });
});
