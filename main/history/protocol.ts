// The messages between the history client (the app's thread) and its worker (the thread that owns the
// file). Both sides are this module's code in one process, so they are typed, not parsed.
import type { AvailabilityOverTime } from './reports.ts';
import type { DemoHistoryOptions } from './demo-history.ts';
import type { BatchSource } from './writer.ts';
import type {
  ExportProgress,
  HistoryBatch,
  HistoryNotice,
  HourOfWeekGrid,
  LogPage,
  LogQuery,
  Report,
  ReportScope,
  RoomIdentity,
  RoomRef,
  TimeRange,
  TimelineSegment,
} from './types.ts';

export interface WorkerOpenOptions {
  dir: string;
  now: number;
  retentionDays?: number;
  maxBytes?: number;
  maxRooms?: number;
  timeZone?: string;
  /** Background pruning: the pause between steps with work left and when idle (0: only on request). */
  pruneBusyMs?: number;
  pruneIdleMs?: number;
  /** Tests: the file refuses to grow past this many pages (a tiny disk). */
  maxPageCount?: number;
}

/** What each operation takes and gives back. */
export interface Ops {
  open: { in: WorkerOpenOptions; out: { on: boolean; path: string | null } };
  write: { in: { batch: HistoryBatch; source: BatchSource }; out: { ok: boolean; rows: number; code: string | null } };
  log: { in: { query: LogQuery; now: number }; out: LogPage };
  report: { in: { scope: ReportScope; range: TimeRange; now: number }; out: Report };
  timelines: { in: { rooms: RoomIdentity[]; range: TimeRange; now: number }; out: TimelineSegment[][] };
  availability: { in: { scope: Exclude<ReportScope, { kind: 'room' }>; range: TimeRange; bucketMs: number; now: number }; out: AvailabilityOverTime };
  hourOfWeek: { in: { scope: ReportScope; range: TimeRange; now: number }; out: HourOfWeekGrid };
  roomNames: { in: { room: RoomIdentity }; out: { at: number; name: string; site: string | null }[] };
  rooms: { in: Record<string, never>; out: { rooms: RoomRef[]; sites: string[] } };
  export: { in: { path: string; query: Omit<LogQuery, 'after' | 'limit' | 'order'> }; out: ExportProgress };
  cancel: { in: { target: number }; out: boolean };
  settings: { in: { retentionDays?: number; maxBytes?: number }; out: { retentionDays: number; maxBytes: number } };
  demo: { in: DemoHistoryOptions; out: { written: boolean; rows: number; reason: string | null } };
  prune: { in: { now: number; maxSteps: number }; out: { steps: number; more: boolean; usedBytes: number } };
  info: { in: Record<string, never>; out: HistoryInfo };
  close: { in: { now: number }; out: true };
}

/** Where the history is and what it holds, for the settings screen and the reports' labels. */
export interface HistoryInfo {
  path: string;
  usedBytes: number;
  retentionDays: number;
  maxBytes: number;
  /** Nothing older is kept (pruned), ms since the epoch; 0 when nothing was pruned yet. */
  horizon: number;
  /** Set when the demo's sample week was written: the range it covers. */
  demo: { from: number; to: number; seed: number } | null;
}

export type OpName = keyof Ops;

export interface Request<K extends OpName = OpName> {
  id: number;
  op: K;
  args: Ops[K]['in'];
}

export type Response =
  | { id: number; ok: true; result: unknown; notices: HistoryNotice[] }
  | { id: number; ok: false; error: { code: string; message: string; detail?: string }; notices: HistoryNotice[] }
  | { id: number; progress: ExportProgress };
