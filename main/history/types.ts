// What the fleet history takes in and gives out. Its own small types, not the poller's or the contract's:
// the wiring adapts the poller's diffs, the rooms service's actions and the connection manager's events to
// these, so the history does not move when they do. Every text it is given must already be scrubbed
// (names, ids, states and words for people; never a token, password or passcode).

/** A room is the same room across renames: an endpoint id within an enterprise (as on the board). */
export interface RoomIdentity {
  /** The enterprise the room belongs to (its Relay enterprise id or name, as the wiring chooses). */
  enterpriseId: string;
  endpointId: string;
}

export type CallState = 'unknown' | 'idle' | 'dialing' | 'in-call';
/**
 * online; offline: Relay cannot reach the device; unreachable: we cannot get its status (it kept failing);
 * error: its status answered with an error. Only 'online' counts as available.
 */
export type Reachability = 'online' | 'offline' | 'unreachable' | 'error';
export interface MeetingRef {
  /** The numeric meeting id people dial. */
  id: string;
  title: string | null;
}

export interface Change<T> {
  from: T;
  to: T;
}

/** Why a room changed: a poll saw it, an action of ours caused it, or a connection changed (sign-out, …). */
export type TransitionCause = 'poll' | 'action' | 'connection';

/**
 * One room's change at one moment; any subset of its fields. The history keeps its own idea of each room's
 * state and applies `to`; `from` is what the caller believed (after a restart the history knows better).
 * A transition with no field is a name/site update (a rename does not split the room's history).
 */
export interface RoomTransition {
  room: RoomIdentity;
  name: string;
  site: string | null;
  at: number;
  why: TransitionCause;
  call?: Change<CallState>;
  muted?: Change<boolean | null>;
  meeting?: Change<MeetingRef | null>;
  reachability?: Change<Reachability>;
  /** Whether the room's status is older than two intervals (shown as stale on the board). */
  stale?: Change<boolean>;
  /** false: the app stopped watching the room (its connection was removed, it left the room list). */
  monitored?: false;
  /** Scrubbed words about it, e.g. the failure that made the room unreachable. */
  detail?: string | null;
}

export type ActionKind = 'join' | 'mute' | 'unmute' | 'hangup';
export type ActionResult = 'ok' | 'failed';
/** An action on a room and its result. */
export interface ActionRecord {
  room: RoomIdentity;
  name: string;
  site: string | null;
  at: number;
  action: ActionKind;
  result: ActionResult;
  /** join: the meeting dialled. */
  meeting?: MeetingRef | null;
  /** Scrubbed words: "Mute sent", or why it failed. */
  message: string;
}

export type ConnectionEventKind = 'signed-in' | 'renewed' | 'reconnect-needed' | 'revoked' | 'signed-out' | 'failed' | 'restored';
export interface ConnectionEvent {
  at: number;
  /** The connection's name as the user sees it. */
  connection: string;
  kind: ConnectionEventKind;
  message: string;
}

export type PollerEpisodeKind = 'slow-down' | 'paused' | 'resumed' | 'failing' | 'recovered';
/** The poller's episodes: a server asked to slow down, polling paused or resumed, a host failing. */
export interface PollerEpisode {
  at: number;
  kind: PollerEpisodeKind;
  /** The Relay host, e.g. "relay.bluejeans.com" (no path, no query). */
  host: string | null;
  /** slow-down: when polling resumes (ms since the epoch). */
  until: number | null;
  message: string;
}

/** What one write carries: one transaction in the database. */
export interface HistoryBatch {
  /** The time of the batch (the caller's clock): the history was alive up to here. */
  now: number;
  transitions: RoomTransition[];
  actions: ActionRecord[];
  connections: ConnectionEvent[];
  episodes: PollerEpisode[];
}

export const emptyBatch = (now: number): HistoryBatch => ({ now, transitions: [], actions: [], connections: [], episodes: [] });

// ---- what the history gives out ----

/** The state of a room as the history counts time: the first that applies. */
export type RoomStatus = 'unmonitored' | 'offline' | 'unreachable' | 'error' | 'unknown' | 'idle' | 'dialing' | 'in-call';
export const roomStatuses: readonly RoomStatus[] = ['unmonitored', 'offline', 'unreachable', 'error', 'unknown', 'idle', 'dialing', 'in-call'];

export interface RoomRef extends RoomIdentity {
  /** Its latest name (the history knows every earlier one). */
  name: string;
  site: string | null;
}

export type LogKind = 'state' | 'action' | 'connection' | 'poller' | 'room';
export const logKinds: readonly LogKind[] = ['state', 'action', 'connection', 'poller', 'room'];
/** Who or what caused an entry; 'demo' marks generated demo history. */
export type LogCause = TransitionCause | 'user' | 'app' | 'demo';

export interface RoomStateSnapshot {
  call: CallState;
  muted: boolean | null;
  reachability: Reachability;
  stale: boolean;
  monitored: boolean;
}

export interface LogEntry {
  id: number;
  at: number;
  kind: LogKind;
  cause: LogCause;
  room: RoomRef | null;
  connection: string | null;
  /** state: the room before and after. */
  state: { from: RoomStateSnapshot; to: RoomStateSnapshot; meeting: Change<MeetingRef | null> | null } | null;
  /** action: what and how it went. */
  action: { action: ActionKind; result: ActionResult } | null;
  /** In words, for the log and the CSV. */
  message: string;
}

/** Where a page ends; pass it back for the next page (keyset pagination: stable while rows are added). */
export interface LogCursor {
  at: number;
  id: number;
}

export interface LogQuery {
  /** [from, to) in ms; open when absent. */
  from?: number;
  to?: number;
  kinds?: LogKind[];
  room?: RoomIdentity;
  site?: string;
  /** Matches room names (past ones too), sites, meetings, messages, connection names and state words. */
  text?: string;
  /** Default 200, at most 1,000. */
  limit?: number;
  /** 'desc' (default): newest first. */
  order?: 'desc' | 'asc';
  after?: LogCursor | null;
}

export interface LogPage {
  entries: LogEntry[];
  /** null when there is nothing further. */
  next: LogCursor | null;
}

export interface ExportProgress {
  rows: number;
  bytes: number;
  /** Share of the time range written, 0…1. */
  fraction: number;
}

export type ReportScope = { kind: 'fleet' } | { kind: 'site'; site: string } | { kind: 'room'; room: RoomIdentity };

export interface TimeRange {
  from: number;
  to: number;
}

/** The figures of a room, a site or the fleet over a range. Shares are 0…1, null without monitored time. */
export interface Figures {
  /** Time watched (not 'unmonitored'), summed over rooms. */
  monitoredMs: number;
  availability: number | null;
  offlineMs: number;
  unreachableMs: number;
  errorMs: number;
  inCallMs: number;
  utilisation: number | null;
  calls: number;
  callsPerDay: number;
  /** Over the calls that ended in the range. */
  averageCallMs: number | null;
  /** Calls that ended with the room going offline or unreachable (not by an action of ours). */
  drops: number;
  /** Times the room went offline or unreachable. */
  outages: number;
  staleMs: number;
}

export interface RoomFigures extends Figures {
  room: RoomRef;
  /** Stale right now: since when (null when fresh or not watched). */
  staleSince: number | null;
}

export interface SiteFigures extends Figures {
  site: string | null;
  rooms: number;
}

export interface AttentionLists {
  mostOffline: RoomFigures[];
  mostDrops: RoomFigures[];
  longestStale: RoomFigures[];
}

export interface Report {
  scope: ReportScope;
  range: TimeRange;
  totals: Figures;
  rooms: RoomFigures[];
  /** Fleet: one entry per site. */
  sites: SiteFigures[];
  /** Share of time in a call per hour of the day (24 entries, local time), busiest first in `busiestHours`. */
  busiestHours: { hour: number; utilisation: number }[];
  attention: AttentionLists;
}

export interface TimelineSegment {
  from: number;
  to: number;
  status: RoomStatus;
  stale: boolean;
  muted: boolean | null;
  meeting: MeetingRef | null;
}

export interface AvailabilityBucket {
  from: number;
  to: number;
  monitoredMs: number;
  availability: number | null;
}

export interface AvailabilitySeries {
  /** null: the whole fleet, or rooms without a site in a per-site series. */
  site: string | null;
  buckets: AvailabilityBucket[];
}

/** Utilisation by hour of the week: 7 rows (Monday first) × 24 hours, local time; null without data. */
export type HourOfWeekGrid = (number | null)[][];

export interface HistoryNotice {
  code: 'moved-aside' | 'newer-schema' | 'disk-full' | 'fell-behind' | 'unavailable' | 'write-failed';
  message: string;
  at: number;
}
