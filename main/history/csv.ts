// The history as CSV: the event log of any range streamed to a file (a page at a time, so memory stays
// flat for millions of rows, with progress), and each report as a table. Cells go through the app's one
// CSV guard (main/csv/cells.ts: quoting and the spreadsheet-formula guard).
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { CSV_EOL, csvRow } from '../csv/cells.ts';
import { num, type Row } from './context.ts';
import { queryLog, type LogContext } from './log-query.ts';
import type { ExportProgress, Figures, LogEntry, LogQuery, Report, RoomStateSnapshot } from './types.ts';

export const LOG_HEADER = ['Time', 'Kind', 'Cause', 'Room', 'Site', 'Endpoint ID', 'Connection', 'Before', 'After', 'Meeting', 'Message'] as const;

export function stateWords(s: RoomStateSnapshot): string {
  if (!s.monitored) return 'not watched';
  const words: string[] = [s.reachability !== 'online' ? s.reachability : s.call];
  if (s.reachability === 'online' && s.call === 'in-call' && s.muted !== null) words.push(s.muted ? 'muted' : 'unmuted');
  if (s.stale) words.push('stale');
  return words.join(', ');
}

export function logLine(e: LogEntry): string {
  const meeting = e.state?.meeting?.to ?? null;
  return csvRow([
    new Date(e.at).toISOString(),
    e.kind,
    e.cause,
    e.room?.name,
    e.room?.site,
    e.room?.endpointId,
    e.connection,
    e.state ? stateWords(e.state.from) : '',
    e.state ? stateWords(e.state.to) : e.action ? `${e.action.action}: ${e.action.result}` : '',
    meeting ? (meeting.title ? `${meeting.title} (${meeting.id})` : meeting.id) : '',
    e.message,
  ]);
}

export interface ExportLogOptions {
  path: string;
  query: Omit<LogQuery, 'after' | 'limit' | 'order'>;
  onProgress?: (p: ExportProgress) => void;
  /** Checked between pages. */
  cancelled?: () => boolean;
  /** Awaited between pages, so other work (the writer) gets its turn. */
  pause?: () => Promise<void>;
  pageSize?: number;
}

export class ExportCancelled extends Error {
  constructor() {
    super('The export was cancelled.');
  }
}

/** Writes the matching log rows, oldest first, to `path` (via a temporary file: a cut export never looks whole). */
export async function exportLogCsv(ctx: LogContext, o: ExportLogOptions): Promise<ExportProgress> {
  const span = ctx.sql.get('SELECT (SELECT min(at) FROM event) AS lo, (SELECT max(at) FROM event) AS hi').get() as Row;
  const lo = Math.max(o.query.from ?? Number.NEGATIVE_INFINITY, span['lo'] === null ? 0 : num(span['lo']));
  const hi = Math.min(o.query.to ?? Number.POSITIVE_INFINITY, span['hi'] === null ? 0 : num(span['hi']) + 1);
  const temp = `${o.path}.part`;
  const fd = openSync(temp, 'w', 0o600);
  const progress: ExportProgress = { rows: 0, bytes: 0, fraction: 0 };
  let done = false;
  try {
    progress.bytes += writeSync(fd, csvRow(LOG_HEADER) + CSV_EOL);
    let after: LogQuery['after'] = null;
    for (;;) {
      if (o.cancelled?.()) throw new ExportCancelled();
      const page = queryLog(ctx, { ...o.query, order: 'asc', limit: o.pageSize ?? 1_000, after }, { budgetMs: 200 });
      if (page.entries.length > 0) {
        let chunk = '';
        for (const e of page.entries) chunk += logLine(e) + CSV_EOL;
        progress.bytes += writeSync(fd, chunk);
        progress.rows += page.entries.length;
      }
      const reached = page.next ? page.next.at : hi;
      progress.fraction = hi > lo ? Math.max(0, Math.min(1, (reached - lo) / (hi - lo))) : 1;
      if (!page.next) break;
      o.onProgress?.({ ...progress });
      after = page.next;
      await o.pause?.();
    }
    progress.fraction = 1;
    closeSync(fd);
    renameSync(temp, o.path);
    done = true;
    o.onProgress?.({ ...progress });
    return progress;
  } finally {
    if (!done) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
      rmSync(temp, { force: true });
    }
  }
}

// ---- reports ----

const pct = (v: number | null): string => (v === null ? '' : (v * 100).toFixed(1));
const minutes = (ms: number | null): string => (ms === null ? '' : (ms / 60_000).toFixed(1));

const FIGURE_HEADER = ['Availability %', 'Offline min', 'Unreachable min', 'Error min', 'Utilisation %', 'Calls', 'Calls per day', 'Average call min', 'Drops', 'Outages', 'Stale min', 'Watched h'];

function figureCells(f: Figures): string[] {
  return [
    pct(f.availability),
    minutes(f.offlineMs),
    minutes(f.unreachableMs),
    minutes(f.errorMs),
    pct(f.utilisation),
    String(f.calls),
    f.callsPerDay.toFixed(2),
    minutes(f.averageCallMs),
    String(f.drops),
    String(f.outages),
    minutes(f.staleMs),
    (f.monitoredMs / 3_600_000).toFixed(1),
  ];
}

/** The report's rooms, then one line for them all. */
export function reportRoomsCsv(r: Report): string {
  const lines = [csvRow(['Room', 'Site', 'Endpoint ID', ...FIGURE_HEADER])];
  for (const room of r.rooms) lines.push(csvRow([room.room.name, room.room.site, room.room.endpointId, ...figureCells(room)]));
  lines.push(csvRow(['All rooms', '', '', ...figureCells(r.totals)]));
  return lines.join(CSV_EOL) + CSV_EOL;
}

export function reportSitesCsv(r: Report): string {
  const lines = [csvRow(['Site', 'Rooms', ...FIGURE_HEADER])];
  for (const s of r.sites) lines.push(csvRow([s.site ?? 'No site', String(s.rooms), ...figureCells(s)]));
  return lines.join(CSV_EOL) + CSV_EOL;
}

export function reportAttentionCsv(r: Report): string {
  const lines = [csvRow(['List', 'Room', 'Site', 'Endpoint ID', ...FIGURE_HEADER])];
  const lists: [string, typeof r.attention.mostOffline][] = [
    ['Most offline time', r.attention.mostOffline],
    ['Most drops', r.attention.mostDrops],
    ['Longest stale', r.attention.longestStale],
  ];
  for (const [name, rooms] of lists) for (const room of rooms) lines.push(csvRow([name, room.room.name, room.room.site, room.room.endpointId, ...figureCells(room)]));
  return lines.join(CSV_EOL) + CSV_EOL;
}
