// A room's call state, evaluated lazily: no timer per room. Each room owns a PRNG; its future is a fixed
// sequence of phases (inactive → dialing → active → inactive, mute flips, now and then offline) drawn from
// it. Reading a room at time t replays the events due up to t, so the state at t never depends on when or
// how often the room was read. Actions (join, mute, hangup, control set) re-base the sequence at "now".
import { createRng, nextFloat, type Rng } from '../random.ts';

export type CallState = 'inactive' | 'dialing' | 'active';

type Range = readonly [min: number, max: number];

export interface RoomTiming {
  idleMs: Range;
  dialingMs: Range;
  callMs: Range;
  offlineMs: Range;
  /** Gap between mute flips in a call (the first flip comes at least this long after the call starts). */
  muteFlipMs: Range;
  /** Chance that an idle room goes offline instead of dialing at the end of its idle phase. */
  offlineChance: number;
  /** Chance that a dial the room started on its own fails and falls back to inactive. */
  dialFailChance: number;
  /** Chance that a room joins a call already muted. */
  joinMutedChance: number;
}

/** Realistic times: dialing seconds, calls and idle spells minutes; about a third of rooms in calls. */
export const defaultTiming: RoomTiming = {
  idleMs: [4 * 60_000, 24 * 60_000],
  dialingMs: [3_000, 10_000],
  callMs: [3 * 60_000, 12 * 60_000],
  offlineMs: [5 * 60_000, 30 * 60_000],
  muteFlipMs: [30_000, 4 * 60_000],
  offlineChance: 0.04,
  dialFailChance: 0.08,
  joinMutedChance: 0.2,
};

/** Speeds a demo up (speed 10 = everything ten times as often). */
export function scaleTiming(timing: RoomTiming, speed: number): RoomTiming {
  if (!(speed > 0)) throw new RangeError('speed must be > 0');
  const s = (r: Range): Range => [r[0] / speed, r[1] / speed];
  return {
    ...timing,
    idleMs: s(timing.idleMs),
    dialingMs: s(timing.dialingMs),
    callMs: s(timing.callMs),
    offlineMs: s(timing.offlineMs),
    muteFlipMs: s(timing.muteFlipMs),
  };
}

/** How a dial ends: on its own (may fail), surely connected (a good join), surely failed (bad passcode). */
export type DialOutcome = 'auto' | 'connect' | 'fail';

export interface RoomState {
  callState: CallState;
  muted: boolean;
  offline: boolean;
  /** Index into the meeting pool, or -1. */
  meeting: number;
  /** A dialed meeting id the pool does not know (the dial will fail), else null. */
  unknownMeetingId: string | null;
  /** When the current phase began; for an offline room, when it went offline. */
  since: number;
  /** When the current phase ends (Infinity while held). */
  until: number;
  /** Next mute flip (Infinity unless in a call). */
  nextMute: number;
  dialOutcome: DialOutcome;
  /** Held rooms make no change of their own; actions still work. */
  held: boolean;
  rng: Rng;
}

/** The state a room starts in; the world hands these out so the demo mix is exact, not just likely. */
export type InitialRole = CallState | 'offline';

const draw = (rng: Rng, r: Range): number => Math.round(r[0] + nextFloat(rng) * (r[1] - r[0]));

export function initialState(
  seed: number,
  roomIndex: number,
  role: InitialRole,
  t0: number,
  timing: RoomTiming,
  poolSize: number,
): RoomState {
  const rng = createRng(seed, 0x726f6f6d, roomIndex);
  const s: RoomState = {
    callState: 'inactive',
    muted: false,
    offline: false,
    meeting: -1,
    unknownMeetingId: null,
    since: t0,
    until: t0,
    nextMute: Infinity,
    dialOutcome: 'auto',
    held: false,
    rng,
  };
  // Start part-way through a phase so rooms do not all change together.
  const midPhase = (range: Range) => {
    const length = draw(rng, range);
    s.since = t0 - Math.round(nextFloat(rng) * length);
    s.until = s.since + length;
  };
  switch (role) {
    case 'offline':
      s.offline = true;
      // Already offline long enough that a client's 5-minute staleness rule shows it at once.
      s.since = t0 - draw(rng, [6 * 60_000, 30 * 60_000]);
      s.until = t0 + draw(rng, timing.offlineMs);
      break;
    case 'dialing':
      s.callState = 'dialing';
      s.meeting = Math.floor(nextFloat(rng) * poolSize);
      midPhase(timing.dialingMs);
      break;
    case 'active':
      s.callState = 'active';
      s.meeting = Math.floor(nextFloat(rng) * poolSize);
      s.muted = nextFloat(rng) < 0.3;
      midPhase(timing.callMs);
      s.nextMute = t0 + draw(rng, timing.muteFlipMs);
      break;
    case 'inactive':
      midPhase(timing.idleMs);
      break;
  }
  return s;
}

/** Replays every event due at or before `now`. Cheap when nothing is due (the common case). */
export function advance(s: RoomState, now: number, timing: RoomTiming, poolSize: number): void {
  while (true) {
    if (s.nextMute < s.until) {
      if (s.nextMute > now) return;
      s.muted = !s.muted;
      s.nextMute += draw(s.rng, timing.muteFlipMs);
      continue;
    }
    if (s.until > now) return;
    endPhase(s, timing, poolSize);
  }
}

function endPhase(s: RoomState, timing: RoomTiming, poolSize: number): void {
  const at = s.until;
  const rng = s.rng;
  if (s.offline) {
    s.offline = false;
    enterIdle(s, at, timing);
    return;
  }
  switch (s.callState) {
    case 'inactive':
      if (nextFloat(rng) < timing.offlineChance) {
        s.offline = true;
        s.since = at;
        s.until = s.held ? Infinity : at + draw(rng, timing.offlineMs);
      } else {
        s.callState = 'dialing';
        s.meeting = Math.floor(nextFloat(rng) * poolSize);
        s.dialOutcome = 'auto';
        s.since = at;
        s.until = at + draw(rng, timing.dialingMs);
      }
      return;
    case 'dialing': {
      const connects = s.dialOutcome === 'connect' || (s.dialOutcome === 'auto' && nextFloat(rng) >= timing.dialFailChance);
      if (connects) enterCall(s, at, timing, s.dialOutcome === 'auto' && nextFloat(rng) < timing.joinMutedChance);
      else enterIdle(s, at, timing);
      return;
    }
    case 'active':
      enterIdle(s, at, timing);
      return;
  }
}

function enterIdle(s: RoomState, at: number, timing: RoomTiming): void {
  s.callState = 'inactive';
  s.meeting = -1;
  s.unknownMeetingId = null;
  s.muted = false;
  s.dialOutcome = 'auto';
  s.nextMute = Infinity;
  s.since = at;
  s.until = s.held ? Infinity : at + draw(s.rng, timing.idleMs);
}

function enterCall(s: RoomState, at: number, timing: RoomTiming, muted: boolean): void {
  s.callState = 'active';
  s.muted = muted;
  s.dialOutcome = 'auto';
  s.since = at;
  s.until = s.held ? Infinity : at + draw(s.rng, timing.callMs);
  s.nextMute = s.held ? Infinity : at + draw(s.rng, timing.muteFlipMs);
}

// ---- actions (the caller has advanced the room to `now` first) ----

/**
 * The room dials a meeting (a pool index, or -1 with the id of a meeting the pool does not know);
 * `outcome` says whether the far end will take the call.
 */
export function startDial(
  s: RoomState,
  now: number,
  meeting: number,
  unknownMeetingId: string | null,
  outcome: Exclude<DialOutcome, 'auto'>,
  timing: RoomTiming,
): void {
  s.callState = 'dialing';
  s.meeting = meeting;
  s.unknownMeetingId = meeting < 0 ? unknownMeetingId : null;
  s.muted = false;
  s.dialOutcome = outcome;
  s.nextMute = Infinity;
  s.since = now;
  // A dial always completes, even in a held room: it is the consequence of an action.
  s.until = now + draw(s.rng, timing.dialingMs);
}

export function hangUp(s: RoomState, now: number, timing: RoomTiming): void {
  enterIdle(s, now, timing);
}

export function setMuted(s: RoomState, now: number, muted: boolean, timing: RoomTiming): void {
  s.muted = muted;
  // Re-base the next flip so the room does not undo a person's action at once.
  if (s.callState === 'active') s.nextMute = s.held ? Infinity : now + draw(s.rng, timing.muteFlipMs);
}

export interface StatePatch {
  callState?: CallState;
  muted?: boolean;
  offline?: boolean;
  /** Index into the meeting pool. */
  meeting?: number;
  hold?: boolean;
}

/** The control API's override: puts the room in the given state from `now` on. */
export function applyPatch(s: RoomState, now: number, patch: StatePatch, timing: RoomTiming, poolSize: number): void {
  if (patch.hold !== undefined) s.held = patch.hold;
  if (patch.offline === true) {
    s.offline = true;
    s.callState = 'inactive';
    s.meeting = -1;
    s.unknownMeetingId = null;
    s.muted = false;
    s.nextMute = Infinity;
    s.since = now;
    s.until = s.held ? Infinity : now + draw(s.rng, timing.offlineMs);
    return;
  }
  const wasOffline = s.offline;
  if (patch.offline === false) s.offline = false;
  const target = patch.callState ?? (wasOffline && patch.offline === false ? 'inactive' : undefined);
  if (target === 'inactive') enterIdle(s, now, timing);
  else if (target === 'dialing') {
    s.callState = 'dialing';
    s.dialOutcome = 'connect';
    s.muted = false;
    s.nextMute = Infinity;
    s.since = now;
    s.until = s.held ? Infinity : now + draw(s.rng, timing.dialingMs);
  } else if (target === 'active') enterCall(s, now, timing, false);
  if (target === 'dialing' || target === 'active') {
    s.meeting = patch.meeting ?? (s.meeting >= 0 ? s.meeting : Math.floor(nextFloat(s.rng) * poolSize));
    s.unknownMeetingId = null;
  } else if (patch.meeting !== undefined && s.callState !== 'inactive') s.meeting = patch.meeting;
  if (patch.muted !== undefined && s.callState === 'active') setMuted(s, now, patch.muted, timing);
  if (target === undefined && patch.hold !== undefined) {
    // Holding or releasing without a new state: stop or restart the clock of the current phase.
    if (s.held) {
      s.until = Infinity;
      s.nextMute = Infinity;
    } else if (s.until === Infinity) {
      const range = s.offline ? timing.offlineMs : s.callState === 'active' ? timing.callMs : s.callState === 'dialing' ? timing.dialingMs : timing.idleMs;
      s.until = now + draw(s.rng, range);
      if (s.callState === 'active') s.nextMute = now + draw(s.rng, timing.muteFlipMs);
    }
  }
}
