import { describe, expect, it } from 'vitest';
import {
  advance,
  applyPatch,
  defaultTiming,
  hangUp,
  initialState,
  scaleTiming,
  setMuted,
  startDial,
  type InitialRole,
  type RoomState,
} from '../../../sim/world/state-machine.ts';
import { createRooms } from '../../../sim/world/rooms.ts';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const POOL = 43;
const MIN = 60_000;

const fresh = (role: InitialRole = 'inactive', index = 0, seed = 7): RoomState => initialState(seed, index, role, T0, defaultTiming, POOL);
const view = (s: RoomState) => ({ callState: s.callState, muted: s.muted, offline: s.offline, meeting: s.meeting, since: s.since, until: s.until });

/** Every phase change of a room over `hours`, sampled each second. */
function trace(s: RoomState, hours: number): string[] {
  const out: string[] = [];
  let last = '';
  for (let t = T0; t <= T0 + hours * 3_600_000; t += 1000) {
    advance(s, t, defaultTiming, POOL);
    const key = s.offline ? 'offline' : s.callState;
    if (key !== last) out.push(key);
    last = key;
  }
  return out;
}

describe('room state machine', () => {
  it('is deterministic for a seed, whatever the reading pattern', () => {
    const a = fresh('active', 3);
    const b = fresh('active', 3);
    for (let t = T0; t <= T0 + 6 * 3_600_000; t += 7_000) advance(a, t, defaultTiming, POOL);
    advance(b, T0 + 6 * 3_600_000, defaultTiming, POOL);
    expect(view(a)).toEqual(view(b));
    const c = fresh('active', 3, 8);
    advance(c, T0 + 6 * 3_600_000, defaultTiming, POOL);
    expect(view(c)).not.toEqual(view(a));
  });

  it('moves only along inactive → dialing → active → inactive, with offline spells from inactive', () => {
    const allowed = new Set(['inactive>dialing', 'inactive>offline', 'dialing>active', 'dialing>inactive', 'active>inactive', 'offline>inactive']);
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const steps = trace(fresh('inactive', i), 12);
      for (let k = 1; k < steps.length; k++) {
        const edge = `${steps[k - 1]}>${steps[k]}`;
        expect(allowed.has(edge), edge).toBe(true);
        seen.add(edge);
      }
    }
    expect(seen).toEqual(allowed);
  });

  it('spends realistic times: dialing 3–10 s, calls and idle spells minutes', () => {
    const s = fresh('inactive', 11);
    const phases: { state: string; ms: number }[] = [];
    let since = s.since;
    let state = s.callState as string;
    for (let t = T0; t <= T0 + 48 * 3_600_000; t += 250) {
      advance(s, t, defaultTiming, POOL);
      const now = s.offline ? 'offline' : s.callState;
      if (now !== state) {
        phases.push({ state, ms: s.since - since });
        state = now;
        since = s.since;
      }
    }
    const of = (name: string) => phases.filter((p) => p.state === name).slice(1).map((p) => p.ms);
    for (const ms of of('dialing')) expect(ms >= 3000 && ms <= 10_000, String(ms)).toBe(true);
    for (const ms of of('active')) expect(ms >= 3 * MIN && ms <= 12 * MIN, String(ms)).toBe(true);
    expect(of('dialing').length).toBeGreaterThan(10);
  });

  it('flips mute during calls, never outside them', () => {
    let flips = 0;
    for (let i = 0; i < 20; i++) {
      const s = fresh('active', i);
      let last = s.muted;
      for (let t = T0; t <= T0 + 3 * 3_600_000; t += 1000) {
        advance(s, t, defaultTiming, POOL);
        if (s.callState !== 'active') expect(s.muted).toBe(false);
        else if (s.muted !== last) flips++;
        last = s.muted;
      }
    }
    expect(flips).toBeGreaterThan(10);
  });

  it('a good join dials then connects; a bad one dials then falls back; hang up ends it', () => {
    const s = fresh('inactive');
    applyPatch(s, T0, { hold: true }, defaultTiming, POOL);
    startDial(s, T0, 5, null, 'connect', defaultTiming);
    expect(s.callState).toBe('dialing');
    advance(s, T0 + 10_000, defaultTiming, POOL);
    expect(s).toMatchObject({ callState: 'active', meeting: 5, muted: false, until: Infinity });
    setMuted(s, T0 + 11_000, true, defaultTiming);
    advance(s, T0 + 48 * 3_600_000, defaultTiming, POOL);
    expect(s).toMatchObject({ callState: 'active', muted: true }); // held: no change of its own
    hangUp(s, T0 + 48 * 3_600_000, defaultTiming);
    expect(s).toMatchObject({ callState: 'inactive', meeting: -1 });
    startDial(s, s.since, -1, '999', 'fail', defaultTiming);
    expect(s.unknownMeetingId).toBe('999');
    advance(s, s.since + 10_000, defaultTiming, POOL);
    expect(s).toMatchObject({ callState: 'inactive', unknownMeetingId: null });
  });

  it('the control patch sets offline, a call with a meeting, and releases a hold', () => {
    const s = fresh('active');
    applyPatch(s, T0, { offline: true, hold: true }, defaultTiming, POOL);
    expect(s).toMatchObject({ offline: true, callState: 'inactive', since: T0, until: Infinity });
    applyPatch(s, T0 + 1000, { offline: false, callState: 'active', meeting: 2, muted: true }, defaultTiming, POOL);
    expect(s).toMatchObject({ offline: false, callState: 'active', meeting: 2, muted: true });
    applyPatch(s, T0 + 2000, { hold: false }, defaultTiming, POOL);
    expect(s.until).toBeGreaterThan(T0 + 2000);
    expect(s.until).toBeLessThan(Infinity);
  });

  it('the world starts with the demo mix, exactly', () => {
    const rooms = createRooms(24, 7, T0, defaultTiming, POOL);
    const count = (f: (s: RoomState) => boolean) => rooms.list.filter((r) => f(r.state)).length;
    expect(count((s) => s.offline)).toBe(1);
    expect(count((s) => s.callState === 'dialing')).toBe(2);
    expect(count((s) => s.callState === 'active')).toBe(8);
    const big = createRooms(3000, 7, T0, defaultTiming, POOL);
    expect(new Set(big.list.map((r) => r.pairingCode)).size).toBe(3000);
    expect(new Set(big.list.map((r) => r.name)).size).toBe(3000);
    expect(new Set(big.list.map((r) => r.id)).size).toBe(3000);
  });

  it('speed scales every duration', () => {
    const fast = scaleTiming(defaultTiming, 10);
    expect(fast.dialingMs).toEqual([300, 1000]);
    expect(fast.offlineChance).toBe(defaultTiming.offlineChance);
    expect(() => scaleTiming(defaultTiming, 0)).toThrow(RangeError);
  });
});
