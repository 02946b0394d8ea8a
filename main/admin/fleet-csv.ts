// The fleet as a CSV file (docs/fleet-csv.md): one header row, one row per room. Read with csv-parse (a UTF-8
// byte order mark, `,` or `;` or tab as the separator, quoted fields with separators, quotes and line
// breaks); written with the event log's writer (main/rooms/csv.ts), whose guard against CSV injection puts
// a `'` before a cell a spreadsheet would run as a formula — and reading takes that `'` off again, so an
// export read back is the same fleet.
import { parse } from 'csv-parse/sync';
import type { RoomFieldName } from '../../contract/index.ts';
import { roomFieldLabels, roomFieldNames } from '../../contract/index.ts';
import type { RelayEndpointRecord } from '../relay/schemas.ts';
import { csvRow } from '../rooms/csv.ts';
import { fieldsFromRecord } from './room-fields.ts';

/** The columns of the format, in the order an export writes them (`password` is read, never written). */
export type CsvColumn = 'id' | 'password' | RoomFieldName;
export const exportColumns: readonly CsvColumn[] = ['id', ...roomFieldNames];
export const knownColumns: readonly CsvColumn[] = ['id', ...roomFieldNames, 'password'];

const squash = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');
/** A header matches a column by its name or its form label, without case, spaces or punctuation. */
const HEADER_NAMES = new Map<string, CsvColumn>();
for (const c of knownColumns) HEADER_NAMES.set(squash(c), c);
for (const f of roomFieldNames) HEADER_NAMES.set(squash(roomFieldLabels[f]), f);
HEADER_NAMES.set('password', 'password');
HEADER_NAMES.set('devicepassword', 'password');
HEADER_NAMES.set('endpointid', 'id');
HEADER_NAMES.set('listenerservice', 'listenerServiceId');
HEADER_NAMES.set('ip', 'ipAddress');
HEADER_NAMES.set('autojoinmode', 'autoJoin');

export interface CsvRow {
  /** The row number as a spreadsheet shows it (the header is row 1). */
  row: number;
  cells: string[];
}

export interface ParsedCsv {
  /** The header cells as written in the file. */
  header: string[];
  /** Per header cell: the column it is, or null when Relay Console does not use it. */
  columns: (CsvColumn | null)[];
  rows: CsvRow[];
  delimiter: ',' | ';' | '\t';
  notes: string[];
}

export type CsvParse = { ok: true; csv: ParsedCsv } | { ok: false; message: string };

export const MAX_ROWS = 20_000;

/** The separator of the header line: the one of `,` `;` tab that occurs most outside quotes. */
function sniffDelimiter(text: string): ',' | ';' | '\t' {
  let inQuotes = false;
  const counts = { ',': 0, ';': 0, '\t': 0 };
  for (let i = 0; i < text.length && i < 64 * 1024; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  return counts[';'] > counts[','] && counts[';'] >= counts['\t'] ? ';' : counts['\t'] > counts[','] ? '\t' : ',';
}

/** Why the text cannot be a CSV file, in words; null when it may be one. */
function notText(text: string): string | null {
  if (text.startsWith('PK\u0003\u0004')) {
    return 'This is not a CSV file: it looks like a spreadsheet workbook (.xlsx). Save it as "CSV UTF-8" first, then open that.';
  }
  if (text.startsWith('%PDF')) return 'This is not a CSV file: it is a PDF document.';
  if (/^\uFEFF?\s*[[{]/.test(text)) return 'This is not a CSV file: it looks like JSON. Export the rooms as CSV (a header row, one row per room).';
  const sample = text.slice(0, 256 * 1024);
  if (sample.includes('\u0000')) {
    return 'This is not a CSV file: it contains binary data (or UTF-16 text). Save it from your spreadsheet as "CSV UTF-8", then open that.';
  }
  let replaced = 0;
  for (const ch of sample) if (ch === '\uFFFD') replaced++;
  if (replaced > 0) {
    return 'This file is not UTF-8 text: some characters cannot be read (it may be saved in another encoding, such as Windows-1252). Save it as "CSV UTF-8", then open it again.';
  }
  return null;
}

/** The cell as typed, without the `'` the export's injection guard put before a formula-like value. */
export function unguard(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

export function parseFleetCsv(text: string, maxRows = MAX_ROWS): CsvParse {
  const refused = notText(text);
  if (refused) return { ok: false, message: refused };
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { ok: false, message: 'The file is empty: it needs a header row and one row per room.' };
  const delimiter = sniffDelimiter(body);
  let records: { record: string[]; info: { records: number } }[];
  try {
    records = parse(body, {
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      trim: false,
      // A row cap plus one, to say "too many" rather than read a huge file to the end.
      to: maxRows + 2,
    }) as unknown as { record: string[]; info: { records: number } }[];
  } catch (error) {
    return { ok: false, message: `This file is not valid CSV: ${csvProblem(error)}` };
  }
  const [first, ...rest] = records;
  if (!first) return { ok: false, message: 'The file is empty: it needs a header row and one row per room.' };
  if (rest.length > maxRows) return { ok: false, message: `The file has more than ${maxRows.toLocaleString('en-US')} rooms; split it into smaller files.` };
  const header = first.record.map((h) => h.trim());
  const columns = header.map((h) => HEADER_NAMES.get(squash(h)) ?? null);
  if (!columns.includes('name') && !columns.includes('id')) {
    const looksLikeData = header.length <= 1;
    return {
      ok: false,
      message: looksLikeData
        ? `This does not look like a CSV file of rooms: its first line has no "name" column (separators tried: comma, semicolon, tab). See docs/fleet-csv.md for the format.`
        : `The header row has no "name" or "id" column, so the rooms cannot be matched. Its columns are: ${header.slice(0, 8).join(', ')}${header.length > 8 ? ', …' : ''}.`,
    };
  }
  const seen = new Map<CsvColumn, string>();
  for (const [i, c] of columns.entries()) {
    if (c === null) continue;
    const other = seen.get(c);
    if (other !== undefined) return { ok: false, message: `The columns "${other}" and "${header[i] ?? ''}" are the same field (${c}); keep one of them.` };
    seen.set(c, header[i] ?? '');
  }
  const notes: string[] = [];
  const unused = header.filter((_, i) => columns[i] === null && header[i] !== '');
  if (unused.length > 0) notes.push(`Column${unused.length === 1 ? '' : 's'} not used: ${unused.join(', ')}.`);
  const rows = rest.map((r) => ({ row: r.info.records, cells: r.record.map(unguard) }));
  return { ok: true, csv: { header, columns, rows, delimiter, notes } };
}

function csvProblem(error: unknown): string {
  const e = error as { code?: string; lines?: number; message?: string };
  const at = typeof e.lines === 'number' ? ` (line ${e.lines})` : '';
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return `a quoted value is never closed${at}.`;
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return `a quote in the middle of a value${at}: put the value in quotes and double the quotes inside it.`;
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return `a row has a different number of columns${at}.`;
    default:
      return `it could not be read${at}.`;
  }
}

/** Every room of the fleet in the import format, sorted by name (a UTF-8 BOM first, so spreadsheets read accents). */
export function fleetCsv(records: readonly RelayEndpointRecord[]): string {
  const lines = [csvRow(exportColumns)];
  const sorted = [...records].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  for (const r of sorted) {
    const f = fieldsFromRecord(r);
    lines.push(csvRow(exportColumns.map((c) => (c === 'id' ? r.id : c === 'password' ? '' : f[c]))));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
