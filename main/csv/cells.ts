// CSV cells and rows (RFC 4180: comma-separated, fields with a comma, quote or line break quoted, quotes
// doubled). Cells that a spreadsheet would run as a formula (starting with = + - @, or a tab or carriage
// return, per OWASP "CSV injection") get a leading single quote, so they show as text. Shared by every CSV
// the app writes (the live event log, the history's log and reports).

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(',');
}

/** Lines end with CRLF (RFC 4180). */
export const CSV_EOL = '\r\n';
