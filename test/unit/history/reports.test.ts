import { describe, expect, it } from 'vitest';
import type { HistoryStore } from '../../../main/history/store.ts';
import type { Figures, LogEntry, RoomFigures } from '../../../main/history/types.ts';
import {
  allEntries,
  batch,
  ch,
  DAY,
  HOUR,
  MIN,
  openStore,
  randomHistory,
  referenceFigures,
  room,
  seeded,
  T0,
  tr,
  storeFactory,
  type ReferenceFigures,
} from '../../helpers/history-fixtures.ts';

const fresh = storeFactory();

/** What the store's figures must be, from the reference. */
function expected(ref: ReferenceFigures): Partial<Figures> {
  const m = ref.ms;
  const monitored = m.offline + m.unreachable + m.error + m.unknown + m.idle + m.dialing + m['in-call'];
  return {
    monitoredMs: monitored,
    offlineMs: m.offline,
    unreachableMs: m.unreachable,
    errorMs: m.error,
    inCallMs: m['in-call'],
    calls: ref.calls,
    drops: ref.drops,
    outages: ref.outages,
    staleMs: ref.staleMs,
    averageCallMs: ref.ended > 0 ? ref.endedMs / ref.ended : null,
  };
}

const pickFigures = (f: Figures): Partial<Figures> => ({
  monitoredMs: f.monitoredMs,
  offlineMs: f.offlineMs,
  unreachableMs: f.unreachableMs,
  errorMs: f.errorMs,
  inCallMs: f.inCallMs,
  calls: f.calls,
  drops: f.drops,
  outages: f.outages,
  staleMs: f.staleMs,
  averageCallMs: f.averageCallMs,
});

describe('reports', () => {
  it('counts a known day exactly: availability, utilisation, calls, drops, stale', () => {
    const { store } = fresh();
    const at = (h: number, m = 0) => T0 + h * HOUR + m * MIN;
    const b = (t: ReturnType<typeof tr>[]) => store.write(batch(t[t.length - 1]?.at ?? T0, { transitions: t }));
    b([tr(1, at(8), { call: ch('unknown', 'idle') })]);
    b([tr(1, at(9), { call: ch('idle', 'in-call') })]); // a 30-minute call
    b([tr(1, at(9, 30), { call: ch('in-call', 'idle') })]);
    b([tr(1, at(10), { call: ch('idle', 'in-call') })]); // dropped after 60 minutes
    b([tr(1, at(11), { call: ch('in-call', 'unknown'), reachability: ch('online', 'offline') })]);
    b([tr(1, at(12), { call: ch('unknown', 'idle'), reachability: ch('offline', 'online') })]);
    b([tr(1, at(13), { stale: ch(false, true) })]);
    b([tr(1, at(13, 15), { stale: ch(true, false) })]);
    b([tr(1, at(14), { call: ch('idle', 'in-call') })]); // hung up by us: not a drop, though it goes unreachable
    b([tr(1, at(14, 30), { why: 'action', call: ch('in-call', 'idle'), reachability: ch('online', 'unreachable') })]);
    b([tr(1, at(15), { reachability: ch('unreachable', 'online') })]);
    const now = at(16);
    const r = store.report({ kind: 'room', room: room(1) }, { from: at(8), to: now }, now);
    expect(r.range).toEqual({ from: at(8), to: now });
    expect(r.totals).toEqual({
      monitoredMs: 8 * HOUR,
      availability: (8 * HOUR - 90 * MIN) / (8 * HOUR),
      offlineMs: HOUR,
      unreachableMs: 30 * MIN,
      errorMs: 0,
      inCallMs: 2 * HOUR,
      utilisation: 0.25,
      calls: 3,
      callsPerDay: 9,
      averageCallMs: 40 * MIN,
      drops: 1,
      outages: 2,
      staleMs: 15 * MIN,
    });
    expect(r.busiestHours[0]).toEqual({ hour: 10, utilisation: 1 });
    expect(r.attention.mostDrops.map((x) => x.drops)).toEqual([1]);
    expect(store.timeline(room(1), { from: at(10, 30), to: at(12, 30) }, now).map((s) => [s.status, (s.to - s.from) / MIN])).toEqual([
      ['in-call', 30],
      ['offline', 60],
      ['idle', 30],
    ]);
  });

  it('agrees with a plain count over the log for any range, room, site and the fleet (and after a restart)', () => {
    const { store, dir } = fresh();
    const start = T0;
    for (const b of randomHistory(7, 6, start, 12, 40)) expect(store.write(b).ok).toBe(true);
    const end = start + 12 * DAY;
    const now = end + HOUR;
    const check = (s: HistoryStore, label: string) => {
      const rows = allEntries(s, now);
      const byRoom = new Map<string, LogEntry[]>();
      for (const e of rows) {
        if (!e.room || e.kind !== 'state') continue;
        const list = byRoom.get(e.room.endpointId) ?? [];
        list.push(e);
        byRoom.set(e.room.endpointId, list);
      }
      const r = seeded(99);
      for (let i = 0; i < 25; i++) {
        const from = start - DAY + Math.floor(r() * 13 * DAY);
        const to = Math.min(now, from + Math.floor(r() * 6 * DAY) + MIN);
        const fleet = s.report({ kind: 'fleet' }, { from, to }, now);
        for (const f of fleet.rooms) {
          const ref = referenceFigures(byRoom.get(f.room.endpointId) ?? [], from, to);
          expect(pickFigures(f), `${label} ${f.room.name} [${from - start}, ${to - start})`).toEqual(expected(ref));
        }
        // Rooms left out had no watched time in the range.
        for (const [id, list] of byRoom) {
          if (fleet.rooms.some((f: RoomFigures) => f.room.endpointId === id)) continue;
          const ref = referenceFigures(list, from, to);
          expect(expected(ref).monitoredMs, `${label} left out ${id}`).toBe(0);
        }
        const one = fleet.rooms[0];
        if (one) {
          const alone = s.report({ kind: 'room', room: one.room }, { from, to }, now);
          expect(pickFigures(alone.totals)).toEqual(pickFigures(one));
        }
        const site = s.report({ kind: 'site', site: 'Austin' }, { from, to }, now);
        expect(site.rooms.every((x) => x.room.site === 'Austin')).toBe(true);
        expect(site.totals.inCallMs).toBe(fleet.rooms.filter((x) => x.room.site === 'Austin').reduce((a, x) => a + x.inCallMs, 0));
      }
    };
    check(store, 'live');
    store.close(now);
    const again = openStore(dir, now);
    check(again, 'reopened');
    again.close();
  });

  it('counts the time the app was not running as not watched', () => {
    const { store, dir } = fresh();
    store.write(batch(T0, { transitions: [tr(1, T0, { call: ch('unknown', 'in-call') })] }));
    store.write(batch(T0 + HOUR, {})); // alive an hour later, then the app dies
    store.database.close();
    const later = T0 + 5 * HOUR;
    const again = openStore(dir, later);
    const r = again.report({ kind: 'room', room: room(1) }, { from: T0, to: later }, later);
    expect(r.totals.monitoredMs).toBe(HOUR);
    expect(r.totals.inCallMs).toBe(HOUR);
    expect(again.timeline(room(1), { from: T0, to: later }, later).map((s) => [s.status, (s.to - s.from) / HOUR])).toEqual([
      ['in-call', 1],
      ['unmonitored', 4],
    ]);
    again.close();
  });

  it('draws availability over time and utilisation by hour of the week from the hourly sums', () => {
    const { store } = fresh();
    // Monday: room 1 (London) offline 09:00–09:30, in a call 10:00–11:00; room 2 (Austin) idle all day.
    const w = (t: ReturnType<typeof tr>) => store.write(batch(t.at, { transitions: [t] }));
    w(tr(1, T0, { call: ch('unknown', 'idle') }));
    w(tr(2, T0, { call: ch('unknown', 'idle') }));
    w(tr(1, T0 + 9 * HOUR, { call: ch('idle', 'unknown'), reachability: ch('online', 'offline') }));
    w(tr(1, T0 + 9 * HOUR + 30 * MIN, { call: ch('unknown', 'idle'), reachability: ch('offline', 'online') }));
    w(tr(1, T0 + 10 * HOUR, { call: ch('idle', 'in-call') }));
    w(tr(1, T0 + 11 * HOUR, { call: ch('in-call', 'idle') }));
    const now = T0 + 12 * HOUR;
    const over = store.availabilityOverTime({ kind: 'fleet' }, { from: T0, to: now }, HOUR, now);
    expect(over.overall).toHaveLength(12);
    expect(over.overall[9]).toEqual({ from: T0 + 9 * HOUR, to: T0 + 10 * HOUR, monitoredMs: 2 * HOUR, availability: 0.75 });
    expect(over.overall[11]?.availability).toBe(1);
    expect(over.sites.map((s) => [s.site, s.buckets[9]?.availability])).toEqual([
      ['Austin', 1],
      ['London', 0.5],
    ]);
    const grid = store.utilisationByHourOfWeek({ kind: 'fleet' }, { from: T0, to: now }, now);
    expect(grid).toHaveLength(7);
    expect(grid[0]?.[10]).toBe(0.5); // Monday 10:00: one of two rooms in a call
    expect(grid[0]?.[8]).toBe(0);
    expect(grid[1]?.[10]).toBeNull(); // no data on Tuesday
    const londonOnly = store.utilisationByHourOfWeek({ kind: 'room', room: room(1) }, { from: T0, to: now }, now);
    expect(londonOnly[0]?.[10]).toBe(1);
  });

  it('answers only within what it keeps: not before the first record, not after now', () => {
    const { store } = fresh();
    store.write(batch(T0, { transitions: [tr(1, T0, { call: ch('unknown', 'idle') })] }));
    const now = T0 + HOUR;
    const r = store.report({ kind: 'fleet' }, { from: T0 - DAY, to: now + DAY }, now);
    expect(r.range).toEqual({ from: T0 - DAY, to: now });
    expect(r.totals.monitoredMs).toBe(HOUR);
    expect(store.report({ kind: 'site', site: 'Nowhere' }, { from: T0, to: now }, now).rooms).toEqual([]);
  });
});
