/**
 * CSV as spreadsheets read it (RFC 4180): UTF-8 with a byte order mark, CRLF line ends, a field quoted
 * when it holds a quote, a line break or either separator, its quotes doubled. The per-record indicator
 * tables are separated by commas, the registry's tables by semicolons (what French spreadsheets expect).
 */

/** Byte order mark: spreadsheet software reads the file as UTF-8 only when it starts with one. */
export const CSV_BOM = '\uFEFF';

export type CsvSeparator = ',' | ';';

/** One field, quoted when it must be. Both separators are quoted, whichever the file uses, so a field reads the same in either. */
export function csvField(text: string): string {
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line of fields, with its CRLF. */
export function csvLine(fields: readonly string[], separator: CsvSeparator): string {
  return `${fields.map(csvField).join(separator)}\r\n`;
}
