/** CSV downloads of the indicator tables: the same figures as the page, in machine form. */
import type { IndicatorTable } from './indicator-tables.ts';

/** Byte order mark: spreadsheet software reads the file as UTF-8 only when it starts with one. */
const BOM = '\uFEFF';
const CRLF = '\r\n';

/** RFC 4180 quoting; ";" is quoted too, for spreadsheet software set to a semicolon separator. */
function field(text: string): string {
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** 44.29 → "44.29", 79 → "79": the shortest form that reads back as the same number. */
function numberField(value: number | null): string {
  return value === null ? '' : String(value);
}

/**
 * One table as CSV: the category column, one column per series, then the period and the source of
 * each row. A figure the source does not publish is an empty cell.
 */
export function tableToCsv(table: IndicatorTable): string {
  const header = [table.categoryHeader, ...table.series.map((s) => s.label), 'periode', 'source'];
  const rows = table.rows.map((row) => [
    field(row.label),
    ...row.values.map(numberField),
    // Without a table-wide period, each row is its own period (a year).
    field(table.period ?? row.label),
    field(table.source),
  ]);
  return BOM + [header.map(field), ...rows].map((cells) => cells.join(',') + CRLF).join('');
}
