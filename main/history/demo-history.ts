// A generated past for the demo rooms, so a new user sees reports and charts on first start: from a seed,
// the same every time, for the rooms it is given (the demo's rooms, as the board knows them). Each room
// idles, dials, takes calls, mutes and unmutes, now and then goes offline or drops a call — busier in
// office hours on weekdays than at night and at the weekend. Every row it writes is marked 'demo' and the
// history says where the sample begins and ends, so it is never mistaken for what happened.
import { localTime } from './reports.ts';
import type { HistoryBatch, MeetingRef, RoomIdentity, RoomTransition } from './types.ts';

export interface DemoRoom {
  room: RoomIdentity;
  name: string;
  site: string | null;
}

type Range = readonly [min: number, max: number];

export interface DemoTiming {
  /** Idle time between calls in office hours (weekdays 8:00–18:00 local) and outside them. */
  idleOfficeMs: Range;
  idleQuietMs: Range;
  dialingMs: Range;
  callMs: Range;
  muteFlipMs: Range;
  offlineMs: Range;
  /** At the end of an idle spell: the room goes offline instead of dialing. */
  offlineChance: number;
  /** A dial that fails (back to idle). */
  dialFailChance: number;
  /** A call that ends with the room going offline (a drop). */
  dropChance: number;
  /** The status goes stale for a while at the end of an idle spell. */
  staleChance: number;
  staleMs: Range;
}

const MIN = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Close to the simulator's rooms (sim/world/state-machine.ts defaultTiming) in office hours. */
export const demoTiming: DemoTiming = {
  idleOfficeMs: [4 * MIN, 40 * MIN],
  idleQuietMs: [60 * MIN, 5 * 60 * MIN],
  dialingMs: [3_000, 10_000],
  callMs: [3 * MIN, 50 * MIN],
  muteFlipMs: [30_000, 8 * MIN],
  offlineMs: [5 * MIN, 45 * MIN],
  offlineChance: 0.02,
  dialFailChance: 0.08,
  dropChance: 0.015,
  staleChance: 0.01,
  staleMs: [40_000, 4 * MIN],
};

export const DEMO_MEETINGS: readonly MeetingRef[] = [
  { id: '4085551212', title: 'Weekly all-hands' },
  { id: '494435558', title: 'Facilities stand-up' },
  { id: '7205550143', title: 'Design review' },
  { id: '3125550199', title: 'Quarterly planning' },
  { id: '6465550178', title: 'Customer call' },
  { id: '2065550111', title: 'Interview loop' },
  { id: '5125550167', title: 'Sprint retro' },
  { id: '4155550123', title: 'Board prep' },
];

export interface DemoHistoryOptions {
  rooms: readonly DemoRoom[];
  seed: number;
  /** The sample ends here (the demo's start). */
  end: number;
  /** How far back it goes (default 7). */
  days?: number;
  meetings?: readonly MeetingRef[];
  timing?: DemoTiming;
  /** Office hours are local to this IANA time zone (default: this machine's). */
  timeZone?: string;
}

/** The meta key that says a sample was written, and for which seed and range. */
export const DEMO_META_KEY = 'demo_history';

export const DEMO_START_WORDS = 'Sample history begins: generated for the demo rooms, not a record of real rooms.';
export const DEMO_END_WORDS = 'Sample history ends: what follows is the demo running live.';

/** splitmix32: small, fast, good enough for a sample. */
function rng(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return ((t ^ (t >>> 15)) >>> 0) / 4294967296;
  };
}

function hashText(seed: number, text: string): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

type Phase = 'idle' | 'dialing' | 'call' | 'offline';

interface Machine {
  room: DemoRoom;
  draw: () => number;
  phase: Phase;
  /** When the current phase ends. */
  until: number;
  nextMute: number;
  muted: boolean;
  meeting: MeetingRef | null;
  staleUntil: number;
}

/**
 * The sample as batches in time order (an hour of all rooms each), ready for the history's writer with
 * the 'demo' source. The first batch sees every room for the first time; nothing is left open at the end.
 */
export function* demoHistory(o: DemoHistoryOptions): Generator<HistoryBatch> {
  const timing = o.timing ?? demoTiming;
  const meetings = o.meetings && o.meetings.length > 0 ? o.meetings : DEMO_MEETINGS;
  const start = Math.floor((o.end - (o.days ?? 7) * DAY_MS) / HOUR_MS) * HOUR_MS;
  const local = localTime(o.timeZone);
  const office = (at: number) => {
    const { weekday, hour } = local(Math.floor(at / HOUR_MS));
    return weekday < 5 && hour >= 8 && hour < 18;
  };
  const between = (draw: () => number, r: Range) => Math.round(r[0] + draw() * (r[1] - r[0]));
  const idleFor = (m: Machine, at: number) => between(m.draw, office(at) ? timing.idleOfficeMs : timing.idleQuietMs);

  const machines: Machine[] = o.rooms.map((room) => {
    const draw = rng(hashText(o.seed, `${room.room.enterpriseId}/${room.room.endpointId}`));
    const m: Machine = { room, draw, phase: 'idle', until: 0, nextMute: Infinity, muted: false, meeting: null, staleUntil: 0 };
    m.until = start + Math.round(draw() * idleFor(m, start));
    return m;
  });

  const first: HistoryBatch = { now: start, transitions: [], actions: [], connections: [], episodes: [] };
  first.connections.push({ at: start - 1, connection: 'Demo rooms (sample)', kind: 'signed-in', message: DEMO_START_WORDS });
  for (const m of machines) first.transitions.push(t(m, start, { call: ch('unknown', 'idle'), reachability: ch('online', 'online'), muted: ch(null, null), stale: ch(false, false) }));
  yield first;

  for (let window = start; window < o.end; window += HOUR_MS) {
    const windowEnd = Math.min(o.end, window + HOUR_MS);
    const batch: HistoryBatch = { now: windowEnd, transitions: [], actions: [], connections: [], episodes: [] };
    for (const m of machines) advance(m, windowEnd, batch.transitions);
    batch.transitions.sort((x, y) => x.at - y.at);
    if (windowEnd === o.end) batch.connections.push({ at: o.end, connection: 'Demo rooms (sample)', kind: 'signed-out', message: DEMO_END_WORDS });
    yield batch;
  }

  function advance(m: Machine, to: number, out: RoomTransition[]): void {
    for (;;) {
      const next = Math.min(m.until, m.nextMute, m.staleUntil > 0 ? m.staleUntil : Infinity);
      if (next >= to) return;
      if (m.staleUntil > 0 && next === m.staleUntil) {
        m.staleUntil = 0;
        out.push(t(m, next, { stale: ch(true, false) }));
        continue;
      }
      if (next === m.nextMute) {
        m.muted = !m.muted;
        out.push(t(m, next, { muted: ch(!m.muted, m.muted) }));
        m.nextMute = next + between(m.draw, timing.muteFlipMs);
        continue;
      }
      endPhase(m, next, out);
    }
  }

  function endPhase(m: Machine, at: number, out: RoomTransition[]): void {
    const r = m.draw();
    switch (m.phase) {
      case 'idle':
        if (r < timing.offlineChance) {
          m.phase = 'offline';
          m.until = at + between(m.draw, timing.offlineMs);
          out.push(t(m, at, { reachability: ch('online', 'offline'), call: ch('idle', 'unknown') }));
        } else if (r < timing.offlineChance + timing.staleChance && m.staleUntil === 0) {
          m.staleUntil = at + between(m.draw, timing.staleMs);
          m.until = m.staleUntil + idleFor(m, at);
          out.push(t(m, at, { stale: ch(false, true) }));
        } else {
          m.phase = 'dialing';
          m.meeting = meetings[Math.floor(m.draw() * meetings.length)] ?? null;
          m.until = at + between(m.draw, timing.dialingMs);
          out.push(t(m, at, { call: ch('idle', 'dialing'), meeting: ch(null, m.meeting) }));
        }
        return;
      case 'dialing':
        if (r < timing.dialFailChance) toIdle(m, at, out, 'dialing');
        else {
          m.phase = 'call';
          m.muted = m.draw() < 0.2;
          m.until = at + between(m.draw, timing.callMs);
          m.nextMute = at + between(m.draw, timing.muteFlipMs);
          out.push(t(m, at, { call: ch('dialing', 'in-call'), muted: ch(null, m.muted) }));
        }
        return;
      case 'call':
        if (r < timing.dropChance) {
          m.phase = 'offline';
          m.nextMute = Infinity;
          m.until = at + between(m.draw, timing.offlineMs);
          out.push(t(m, at, { reachability: ch('online', 'offline'), call: ch('in-call', 'unknown'), muted: ch(m.muted, null), meeting: ch(m.meeting, null) }));
          m.meeting = null;
          m.muted = false;
        } else toIdle(m, at, out, 'in-call');
        return;
      case 'offline':
        m.phase = 'idle';
        m.until = at + idleFor(m, at);
        out.push(t(m, at, { reachability: ch('offline', 'online'), call: ch('unknown', 'idle') }));
        return;
    }
  }

  function toIdle(m: Machine, at: number, out: RoomTransition[], from: 'dialing' | 'in-call'): void {
    out.push(t(m, at, { call: ch(from, 'idle'), muted: ch(from === 'in-call' ? m.muted : null, null), meeting: ch(m.meeting, null) }));
    m.phase = 'idle';
    m.meeting = null;
    m.muted = false;
    m.nextMute = Infinity;
    m.until = at + idleFor(m, at);
  }
}

const ch = <T>(from: T, to: T) => ({ from, to });

function t(m: Machine, at: number, fields: Partial<Pick<RoomTransition, 'call' | 'muted' | 'meeting' | 'reachability' | 'stale'>>): RoomTransition {
  return { room: m.room.room, name: m.room.name, site: m.room.site, at, why: 'poll', ...fields };
}
