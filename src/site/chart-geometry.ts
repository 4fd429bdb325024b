/**
 * Geometry of the site's horizontal bar chart: every position, size and label of the SVG drawn by
 * BarChart.astro, computed once here as plain numbers and strings so it can be unit-tested.
 * Values are percentages (0-100); the output depends only on the table and the options.
 */
import { scaleLinear } from 'd3-scale';
import { formatPercent } from '../core/text/french.ts';
import type { IndicatorTable } from './indicator-tables.ts';

export interface LayoutOptions {
  /** Internal width of the viewBox (the SVG scales to its container). */
  width?: number;
  /** Font size of every text, in viewBox units. */
  fontSize?: number;
}

export interface ChartText {
  x: number;
  /** Baseline of the text. */
  y: number;
  text: string;
}

export interface BarLayout {
  /** Index of the bar's series in table.series. */
  series: number;
  x: number;
  y: number;
  /** 0 when the value is missing: no bar is drawn. */
  width: number;
  height: number;
  missing: boolean;
  /** The value as published, or « aucune donnée ». */
  label: ChartText & { anchor: 'start' | 'end'; inside: boolean };
}

export interface GroupLayout {
  /** The row's label, wrapped over as many lines as the width needs, above its bars. */
  lines: ChartText[];
  bars: BarLayout[];
}

export interface LegendItem {
  series: number;
  swatch: { x: number; y: number; size: number };
  /** The series label, wrapped like row labels. */
  lines: ChartText[];
}

export interface BarChartLayout {
  /** Height of the viewBox, from the number of rows and label lines. */
  height: number;
  viewBox: string;
  fontSize: number;
  /** Empty for a single series. */
  legend: LegendItem[];
  groups: GroupLayout[];
  /** Tick labels under the last group, centred on their gridline. */
  ticks: ChartText[];
  /** Gridlines at each tick, drawn across the bars of each group (one SVG path). */
  gridPath: string;
}

/** Average glyph advance as a share of the font size, generous so estimated widths never fall short. */
const CHAR_WIDTH = 0.6;
const MARGIN = 8;
/** Space between a bar's end and its value label. */
const LABEL_PAD = 4;
const BAR_GAP = 3;
const GROUP_GAP = 12;
const TICK_COUNT = 5;

const round = (n: number): number => Math.round(n * 100) / 100;

/**
 * Greedy word wrap to at most maxChars per line; a word longer than a line is cut. Breaks only at
 * ASCII whitespace: no-break spaces ("1 830 €") hold their words together.
 */
function wrapLabel(label: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/[ \t\n\r]+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length <= maxChars) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    let rest = word;
    while (rest.length > maxChars) {
      lines.push(rest.slice(0, maxChars));
      rest = rest.slice(maxChars);
    }
    line = rest;
  }
  return line ? [...lines, line] : lines;
}

/**
 * Lays out one bar per series per row. The axis runs from 0 to 100 when a value exceeds 50, else to
 * the nice round value above the largest one; each bar is a single value, so a column whose values
 * sum over 100 still fits. Throws unless the table has one or two series (the two styles BarChart draws).
 */
export function layoutBarChart(table: IndicatorTable, options: LayoutOptions = {}): BarChartLayout {
  const { width = 320, fontSize = 13 } = options;
  const seriesCount = table.series.length;
  if (seriesCount < 1 || seriesCount > 2) {
    throw new Error(`Graphique « ${table.id} » : une ou deux séries attendues, ${seriesCount} reçues.`);
  }
  const charWidth = fontSize * CHAR_WIDTH;
  const textWidth = (text: string): number => text.length * charWidth;
  const lineHeight = Math.round(fontSize * 1.3);
  const barHeight = fontSize + 5;
  /** Offset from the top of a line box to the baseline that centres the text in it. */
  const baseline = (boxHeight: number): number => boxHeight / 2 + fontSize * 0.35;

  const values = table.rows.flatMap((row) => row.values).filter((v): v is number => v !== null);
  const largest = Math.max(0, ...values);
  const upper = largest > 50 ? Math.max(100, largest) : largest > 0 ? largest : 100;
  const scale = scaleLinear().domain([0, upper]).nice(TICK_COUNT);
  const tickValues = scale.ticks(TICK_COUNT);
  const tickTexts = tickValues.map(formatPercent);
  // Leave half of the outer tick labels' width on each side so centred tick labels stay inside.
  const left = MARGIN + textWidth(tickTexts[0]) / 2;
  const right = width - MARGIN - textWidth(tickTexts[tickTexts.length - 1]) / 2;
  scale.range([left, right]);

  let y = MARGIN;
  /** Wraps a label into lines starting at x, one line box below the other from the current y. */
  const textLines = (label: string, x: number): ChartText[] =>
    wrapLabel(label, Math.max(1, Math.floor((width - x - MARGIN) / charWidth))).map((text) => {
      const line = { x: round(x), y: round(y + baseline(lineHeight)), text };
      y += lineHeight;
      return line;
    });

  const legend: LegendItem[] =
    seriesCount > 1
      ? table.series.map((s, series) => ({
          series,
          swatch: { x: round(left), y: round(y + (lineHeight - fontSize) / 2), size: fontSize },
          lines: textLines(s.label, left + fontSize + 6),
        }))
      : [];
  if (legend.length > 0) y += GROUP_GAP;

  const gridSegments: string[] = [];
  const groups = table.rows.map((row): GroupLayout => {
    const lines = textLines(row.label, left);
    const top = y;
    const bars = row.values.map((value, series): BarLayout => {
      const barY = y;
      y += barHeight + BAR_GAP;
      const labelY = round(barY + baseline(barHeight));
      if (value === null) {
        return {
          series,
          x: round(left),
          y: round(barY),
          width: 0,
          height: barHeight,
          missing: true,
          label: { x: round(left), y: labelY, text: 'aucune donnée', anchor: 'start', inside: false },
        };
      }
      const end = scale(value);
      const text = formatPercent(value);
      // Outside the bar when the text fits before the right margin, else inside the bar's end.
      const inside = end + LABEL_PAD + textWidth(text) > width - MARGIN;
      return {
        series,
        x: round(left),
        y: round(barY),
        width: round(end - left),
        height: barHeight,
        missing: false,
        label: { x: round(inside ? end - LABEL_PAD : end + LABEL_PAD), y: labelY, text, anchor: inside ? 'end' : 'start', inside },
      };
    });
    const bottom = y - BAR_GAP;
    for (const tick of tickValues) gridSegments.push(`M${round(scale(tick))} ${round(top - 2)}V${round(bottom + 2)}`);
    y += GROUP_GAP;
    return { lines, bars };
  });

  // Tick labels sit in one line box just under the gridlines' end.
  y += 2 - GROUP_GAP;
  const ticks = tickValues.map((tick, i) => ({ x: round(scale(tick)), y: round(y + baseline(lineHeight)), text: tickTexts[i] }));
  const height = round(y + lineHeight + MARGIN);
  return {
    height,
    viewBox: `0 0 ${width} ${height}`,
    fontSize,
    legend,
    groups,
    ticks,
    gridPath: gridSegments.join(''),
  };
}
