// The event log as CSV; the cells (quoting, the formula guard) are main/csv's, shared with the history.
import type { EventLogEntry } from '../../contract/index.ts';
import { csvRow } from '../csv/cells.ts';

export { csvCell, csvRow } from '../csv/cells.ts';

export const eventLogHeader = ['Time', 'Kind', 'Cause', 'Room', 'Connection', 'Message'] as const;

export function eventLogCsv(entries: readonly EventLogEntry[]): string {
  const lines = [csvRow(eventLogHeader)];
  for (const e of entries) {
    lines.push(csvRow([new Date(e.at).toISOString(), e.kind, e.cause, e.roomName, e.connectionName, e.message]));
  }
  return `${lines.join('\r\n')}\r\n`;
}
