// Reports over a range, per room, per site and for the fleet: availability, utilisation, calls, drops,
// and what needs attention; a room's timeline; availability over time; utilisation by hour of the week.
// Per-room figures come from the running totals (marks: two look-ups and a short replay per room); the
// charts over time from the per-site hourly sums; the time since each room's last change (not yet in the
// file's sums) is added from the writer's memory.
import { num, type Row } from './context.ts';
import type { LogContext } from './log-query.ts';
import { talliesAt, type RoomSelection } from './marks.ts';
import type { LiveRoom } from './rooms.ts';
import { isStale, isWatched, mutedOf, statusName, statusOf, STATUS } from './state-codec.ts';
import { C, closeTo, copyTally, difference, type Tally } from './tally.ts';
import type {
  AttentionLists,
  AvailabilityBucket,
  AvailabilitySeries,
  Figures,
  HourOfWeekGrid,
  MeetingRef,
  Report,
  ReportScope,
  RoomFigures,
  RoomIdentity,
  SiteFigures,
  TimeRange,
  TimelineSegment,
} from './types.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface ReportContext extends LogContext {
  /** History before this moment has been pruned. */
  horizon: number;
  now: number;
  /** IANA time zone for hours of the day and week (default: this machine's). */
  timeZone?: string;
}

export interface AvailabilityOverTime {
  overall: AvailabilityBucket[];
  sites: AvailabilitySeries[];
}

/** The range the history can answer: not before its horizon, not after now. */
export function effectiveRange(ctx: ReportContext, range: TimeRange): TimeRange {
  const from = Math.max(range.from, ctx.horizon);
  const to = Math.min(range.to, ctx.now);
  return { from, to: Math.max(from, to) };
}

/** The last 24 h, 7 d or 30 d up to `now`. */
export function presetRange(preset: '24h' | '7d' | '30d', now: number): TimeRange {
  const days = preset === '24h' ? 1 : preset === '7d' ? 7 : 30;
  return { from: now - days * DAY_MS, to: now };
}

function figuresOf(d: readonly number[], rangeMs: number): Figures {
  const at = (i: number) => d[i] ?? 0;
  let monitored = 0;
  for (let s = 1; s <= 7; s++) monitored += at(s);
  const down = at(STATUS.offline) + at(STATUS.unreachable) + at(STATUS.error);
  const inCall = at(STATUS.inCall);
  const days = rangeMs / DAY_MS;
  return {
    monitoredMs: monitored,
    availability: monitored > 0 ? (monitored - down) / monitored : null,
    offlineMs: at(STATUS.offline),
    unreachableMs: at(STATUS.unreachable),
    errorMs: at(STATUS.error),
    inCallMs: inCall,
    utilisation: monitored > 0 ? inCall / monitored : null,
    calls: at(C.calls),
    callsPerDay: days > 0 ? at(C.calls) / days : 0,
    averageCallMs: at(C.ended) > 0 ? at(C.endedMs) / at(C.ended) : null,
    drops: at(C.drops),
    outages: at(C.outages),
    staleMs: at(C.staleMs),
  };
}

function selectionOf(ctx: ReportContext, scope: ReportScope): { sel: RoomSelection; rooms: LiveRoom[] } | null {
  if (scope.kind === 'fleet') return { sel: { kind: 'all' }, rooms: [...ctx.rooms.all()] };
  if (scope.kind === 'site') {
    const site = ctx.dict.siteIdIfKnown(scope.site);
    if (site === null) return null;
    return { sel: { kind: 'site', site }, rooms: [...ctx.rooms.all()].filter((r) => r.site === site) };
  }
  const room = ctx.rooms.find(scope.room);
  return room ? { sel: { kind: 'ids', ids: [room.id] }, rooms: [room] } : null;
}

/** Totals of the selected rooms at `at`: from memory when nothing after `at` is written yet. */
function totalsAt(ctx: ReportContext, sel: RoomSelection, rooms: LiveRoom[], at: number): Map<number, Tally> {
  const out = new Map<number, Tally>();
  if (rooms.every((r) => r.tally.at <= at && r.lastAt <= at)) {
    for (const r of rooms) {
      const t = copyTally(r.tally);
      closeTo(t, at);
      out.set(r.id, t);
    }
    return out;
  }
  for (const [id, entry] of talliesAt(ctx.sql, at, sel)) out.set(id, entry.tally);
  return out;
}

const sum = (list: readonly (readonly number[])[]): number[] => {
  const out: number[] = new Array<number>(14).fill(0);
  for (const d of list) for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) + (d[i] ?? 0);
  return out;
};

/** Names in code-point order: cheap for 10,000 rooms (a collator is for what people read, sorted small). */
const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function attention(rooms: RoomFigures[], size: number): AttentionLists {
  const top = (score: (r: RoomFigures) => number) =>
    rooms
      .filter((r) => score(r) > 0)
      .sort((a, b) => score(b) - score(a) || byName(a.room.name, b.room.name))
      .slice(0, size);
  return {
    mostOffline: top((r) => r.offlineMs + r.unreachableMs + r.errorMs),
    mostDrops: top((r) => r.drops),
    longestStale: top((r) => r.staleMs),
  };
}

export function report(ctx: ReportContext, scope: ReportScope, range: TimeRange, attentionSize = 10): Report {
  const r = effectiveRange(ctx, range);
  const picked = selectionOf(ctx, scope);
  const empty = figuresOf([], 0);
  if (!picked || r.to <= r.from) return { scope, range: r, totals: empty, rooms: [], sites: [], busiestHours: [], attention: attention([], 0) };
  const start = talliesAt(ctx.sql, r.from, picked.sel);
  const end = totalsAt(ctx, picked.sel, picked.rooms, r.to);
  const rangeMs = r.to - r.from;
  const perRoom: { live: LiveRoom; d: number[] }[] = [];
  for (const live of picked.rooms) {
    const a = start.get(live.id)?.tally.cum;
    const b = end.get(live.id)?.cum;
    if (!b) continue;
    const d = a ? difference(b, a) : b.slice();
    let monitored = 0;
    for (let s = 1; s <= 7; s++) monitored += d[s] ?? 0;
    if (monitored > 0 || (d[C.calls] ?? 0) > 0) perRoom.push({ live, d });
  }
  const rooms: RoomFigures[] = perRoom.map(({ live, d }) => ({
    ...figuresOf(d, rangeMs),
    room: { enterpriseId: live.enterprise, endpointId: live.endpoint, name: live.name, site: ctx.dict.siteName(live.site) },
    staleSince: isWatched(live.tally.state) && isStale(live.tally.state) ? live.tally.staleSince : null,
  }));
  const bySite = new Map<number, number[][]>();
  for (const { live, d } of perRoom) {
    const list = bySite.get(live.site) ?? [];
    list.push(d);
    bySite.set(live.site, list);
  }
  const sites: SiteFigures[] =
    scope.kind === 'room'
      ? []
      : [...bySite].map(([site, list]) => ({ ...figuresOf(sum(list), rangeMs), site: ctx.dict.siteName(site), rooms: list.length })).sort((a, b) => byName(a.site ?? '', b.site ?? ''));
  const hours = hourSums(ctx, scope, r);
  const byHour = new Array<{ inCall: number; monitored: number }>(24).fill({ inCall: 0, monitored: 0 }).map(() => ({ inCall: 0, monitored: 0 }));
  const local = localTime(ctx.timeZone);
  for (const [hour, sums] of hours) {
    const cell = byHour[local(hour).hour] as { inCall: number; monitored: number };
    cell.inCall += sums[STATUS.inCall] ?? 0;
    cell.monitored += monitoredOf(sums);
  }
  const busiestHours = byHour
    .map((c, hour) => ({ hour, utilisation: c.monitored > 0 ? c.inCall / c.monitored : 0 }))
    .sort((a, b) => b.utilisation - a.utilisation || a.hour - b.hour);
  rooms.sort((a, b) => (a.availability ?? 2) - (b.availability ?? 2) || byName(a.room.name, b.room.name));
  return { scope, range: r, totals: figuresOf(sum(perRoom.map((p) => p.d)), rangeMs), rooms, sites, busiestHours, attention: attention(rooms, attentionSize) };
}

// ---- a room's timeline ----

export function timeline(ctx: ReportContext, identity: RoomIdentity, range: TimeRange): TimelineSegment[] {
  const r = effectiveRange(ctx, range);
  const room = ctx.rooms.find(identity);
  if (!room || r.to <= r.from) return [];
  const before = ctx.sql.get('SELECT b FROM event WHERE room = ? AND kind = 0 AND at <= ? ORDER BY at DESC, id DESC LIMIT 1').get(room.id, r.from) as Row | undefined;
  const meetingBefore = ctx.sql
    .get('SELECT m_to FROM event WHERE room = ? AND kind = 0 AND m_to IS NOT NULL AND at <= ? ORDER BY at DESC, id DESC LIMIT 1')
    .get(room.id, r.from) as Row | undefined;
  let state = before ? num(before['b']) : null;
  let meeting: MeetingRef | null = meetingBefore ? ctx.dict.meeting(num(meetingBefore['m_to'])) : null;
  const segments: TimelineSegment[] = [];
  let from = r.from;
  const push = (to: number) => {
    if (to <= from) return;
    const seg = segmentOf(state, meeting, from, to);
    const last = segments[segments.length - 1];
    if (last && last.to === seg.from && last.status === seg.status && last.stale === seg.stale && last.muted === seg.muted && sameMeeting(last.meeting, seg.meeting)) last.to = seg.to;
    else segments.push(seg);
    from = to;
  };
  const rows = ctx.sql.get('SELECT at, b, m_to FROM event WHERE room = ? AND kind = 0 AND at > ? AND at < ? ORDER BY at, id').iterate(room.id, r.from, r.to) as Iterable<Row>;
  for (const e of rows) {
    push(num(e['at']));
    state = num(e['b']);
    if (e['m_to'] !== null) meeting = ctx.dict.meeting(num(e['m_to']));
  }
  push(r.to);
  return segments;
}

function segmentOf(state: number | null, meeting: MeetingRef | null, from: number, to: number): TimelineSegment {
  if (state === null || !isWatched(state)) return { from, to, status: 'unmonitored', stale: false, muted: null, meeting: null };
  const status = statusOf(state);
  const inMeeting = status === STATUS.dialing || status === STATUS.inCall;
  return { from, to, status: statusName(status), stale: isStale(state), muted: status === STATUS.inCall ? mutedOf(state) : null, meeting: inMeeting ? meeting : null };
}

const sameMeeting = (a: MeetingRef | null, b: MeetingRef | null): boolean => a === b || (a !== null && b !== null && a.id === b.id && a.title === b.title);

// ---- sums per hour: availability over time, busiest hours, hour of the week ----

/** site_hour columns c0…c7, stale_ms, calls, drops. */
type HourSums = number[];
const newSums = (): HourSums => new Array<number>(11).fill(0);
const monitoredOf = (s: HourSums): number => {
  let m = 0;
  for (let i = 1; i <= 7; i++) m += s[i] ?? 0;
  return m;
};
const downOf = (s: HourSums): number => (s[STATUS.offline] ?? 0) + (s[STATUS.unreachable] ?? 0) + (s[STATUS.error] ?? 0);

function addSpan(into: Map<number, HourSums>, status: number, from: number, to: number): void {
  if (status === STATUS.unmonitored) return;
  let t = from;
  while (t < to) {
    const hour = Math.floor(t / HOUR_MS);
    const end = Math.min(to, (hour + 1) * HOUR_MS);
    let sums = into.get(hour);
    if (!sums) into.set(hour, (sums = newSums()));
    sums[status] = (sums[status] ?? 0) + (end - t);
    t = end;
  }
}

/** Per hour (number since the epoch) within the range, for one site (id) or all (null); keyed by site. */
function siteHourSums(ctx: ReportContext, site: number | null, r: TimeRange): Map<number, Map<number, HourSums>> {
  const fromHour = Math.floor(r.from / HOUR_MS);
  const toHour = Math.ceil(r.to / HOUR_MS);
  const rows = (
    site === null
      ? ctx.sql.get('SELECT * FROM site_hour WHERE hour >= ? AND hour < ?').all(fromHour, toHour)
      : ctx.sql.get('SELECT * FROM site_hour WHERE hour >= ? AND hour < ? AND site = ?').all(fromHour, toHour, site)
  ) as Row[];
  const out = new Map<number, Map<number, HourSums>>();
  const cols = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'stale_ms', 'calls', 'drops'];
  for (const row of rows) {
    const s = num(row['site']);
    let bySite = out.get(s);
    if (!bySite) out.set(s, (bySite = new Map()));
    bySite.set(num(row['hour']), cols.map((c) => num(row[c])));
  }
  // The time since each room's last change is not in the file's sums yet.
  for (const room of ctx.rooms.all()) {
    if (site !== null && room.site !== site) continue;
    const t = room.tally;
    if (!isWatched(t.state) || t.at >= r.to) continue;
    let bySite = out.get(room.site);
    if (!bySite) out.set(room.site, (bySite = new Map()));
    addSpan(bySite, statusOf(t.state), Math.max(t.at, fromHour * HOUR_MS), Math.min(ctx.now, toHour * HOUR_MS));
  }
  return out;
}

function hourSums(ctx: ReportContext, scope: ReportScope, r: TimeRange): Map<number, HourSums> {
  if (scope.kind === 'room') {
    const out = new Map<number, HourSums>();
    for (const seg of timeline(ctx, scope.room, r)) addSpan(out, STATUS_CODES[seg.status], seg.from, seg.to);
    return out;
  }
  const site = scope.kind === 'site' ? ctx.dict.siteIdIfKnown(scope.site) : null;
  if (scope.kind === 'site' && site === null) return new Map();
  return mergeSites(siteHourSums(ctx, site, r));
}

const STATUS_CODES: Record<TimelineSegment['status'], number> = { unmonitored: 0, offline: 1, unreachable: 2, error: 3, unknown: 4, idle: 5, dialing: 6, 'in-call': 7 };

function mergeSites(bySite: Map<number, Map<number, HourSums>>): Map<number, HourSums> {
  const out = new Map<number, HourSums>();
  for (const hours of bySite.values()) {
    for (const [hour, sums] of hours) {
      let into = out.get(hour);
      if (!into) out.set(hour, (into = newSums()));
      for (let i = 0; i < sums.length; i++) into[i] = (into[i] ?? 0) + (sums[i] ?? 0);
    }
  }
  return out;
}

function buckets(hours: Map<number, HourSums>, r: TimeRange, bucketMs: number): AvailabilityBucket[] {
  const size = Math.max(1, Math.round(bucketMs / HOUR_MS)) * HOUR_MS;
  const first = Math.floor(r.from / size) * size;
  const out: AvailabilityBucket[] = [];
  for (let from = first; from < r.to && out.length < 10_000; from += size) {
    let monitored = 0;
    let down = 0;
    for (let h = from / HOUR_MS; h < (from + size) / HOUR_MS; h++) {
      const s = hours.get(h);
      if (!s) continue;
      monitored += monitoredOf(s);
      down += downOf(s);
    }
    out.push({ from, to: from + size, monitoredMs: monitored, availability: monitored > 0 ? (monitored - down) / monitored : null });
  }
  return out;
}

/** Availability per bucket (a whole number of hours) for the fleet or a site, and per site. */
export function availabilityOverTime(ctx: ReportContext, scope: Exclude<ReportScope, { kind: 'room' }>, range: TimeRange, bucketMs: number): AvailabilityOverTime {
  const r = effectiveRange(ctx, range);
  const site = scope.kind === 'site' ? ctx.dict.siteIdIfKnown(scope.site) : null;
  if ((scope.kind === 'site' && site === null) || r.to <= r.from) return { overall: [], sites: [] };
  const bySite = siteHourSums(ctx, site, r);
  const sites = [...bySite]
    .map(([id, hours]) => ({ site: ctx.dict.siteName(id), buckets: buckets(hours, r, bucketMs) }))
    .sort((a, b) => (a.site ?? '').localeCompare(b.site ?? ''));
  return { overall: buckets(mergeSites(bySite), r, bucketMs), sites };
}

/** Share of watched time in a call, per weekday (Monday first) and hour, local time. */
export function utilisationByHourOfWeek(ctx: ReportContext, scope: ReportScope, range: TimeRange): HourOfWeekGrid {
  const r = effectiveRange(ctx, range);
  const cells = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => ({ inCall: 0, monitored: 0 })));
  if (r.to > r.from) {
    const local = localTime(ctx.timeZone);
    for (const [hour, sums] of hourSums(ctx, scope, r)) {
      const { weekday, hour: h } = local(hour);
      const cell = (cells[weekday] as { inCall: number; monitored: number }[])[h] as { inCall: number; monitored: number };
      cell.inCall += sums[STATUS.inCall] ?? 0;
      cell.monitored += monitoredOf(sums);
    }
  }
  return cells.map((row) => row.map((c) => (c.monitored > 0 ? c.inCall / c.monitored : null)));
}

const WEEKDAYS: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

/** Weekday (Monday 0) and hour of day of an hour since the epoch, in the time zone (half-hour zones: the hour it starts in). */
export function localTime(timeZone: string | undefined): (hour: number) => { weekday: number; hour: number } {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: 'numeric', hourCycle: 'h23' });
  const cache = new Map<number, { weekday: number; hour: number }>();
  return (hour) => {
    let hit = cache.get(hour);
    if (!hit) {
      const parts = format.formatToParts(new Date(hour * HOUR_MS));
      const weekday = WEEKDAYS[parts.find((p) => p.type === 'weekday')?.value ?? 'Mon'] ?? 0;
      const h = Number(parts.find((p) => p.type === 'hour')?.value ?? 0) % 24;
      hit = { weekday, hour: h };
      if (cache.size < 100_000) cache.set(hour, hit);
    }
    return hit;
  };
}
