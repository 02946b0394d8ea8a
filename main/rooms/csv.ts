// The event log as CSV (RFC 4180: comma-separated, CRLF lines, fields with a comma, quote or line break
// quoted, quotes doubled). Cells that a spreadsheet would run as a formula (starting with = + - @, or a
// tab or carriage return, per OWASP "CSV injection") get a leading single quote, so they show as text.
import type { EventLogEntry } from '../../contract/index.ts';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(',');
}

export const eventLogHeader = ['Time', 'Kind', 'Cause', 'Room', 'Connection', 'Message'] as const;

export function eventLogCsv(entries: readonly EventLogEntry[]): string {
  const lines = [csvRow(eventLogHeader)];
  for (const e of entries) {
    lines.push(csvRow([new Date(e.at).toISOString(), e.kind, e.cause, e.roomName, e.connectionName, e.message]));
  }
  return `${lines.join('\r\n')}\r\n`;
}
