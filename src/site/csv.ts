/** CSV downloads of the indicator tables: the same figures as the page, in machine form. */
import { CSV_BOM, csvLine } from '../core/text/csv.ts';
import type { IndicatorTable } from './indicator-tables.ts';

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
    row.label,
    ...row.values.map(numberField),
    // Without a table-wide period, each row is its own period (a year).
    table.period ?? row.label,
    table.source,
  ]);
  return CSV_BOM + [header, ...rows].map((fields) => csvLine(fields, ',')).join('');
}
