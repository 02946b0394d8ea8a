import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_END_WORDS, DEMO_START_WORDS, demoHistory, type DemoRoom } from '../../../main/history/demo-history.ts';
import type { HistoryStore } from '../../../main/history/store.ts';
import type { MeetingRef } from '../../../main/history/types.ts';
import { startSim, type RunningSim } from '../../../sim/index.ts';
import { allEntries, batch, ch, DAY, T0, tr, storeFactory } from '../../helpers/history-fixtures.ts';

let sim: RunningSim;
let rooms: DemoRoom[];
let meetings: MeetingRef[];
beforeAll(async () => {
  sim = await startSim({ rooms: 24, seed: 1 });
  // The rooms as the board knows them: the demo enterprise, each Endpoint's id, name and site.
  rooms = sim.control.rooms.list().map((r) => ({ room: { enterpriseId: sim.credentials.enterprise.relayId, endpointId: r.id }, name: r.name, site: r.site }));
  meetings = sim.credentials.meetings.map((m) => ({ id: m.numericId, title: m.title }));
});
afterAll(async () => {
  await sim.close();
});

const open = storeFactory();
const fresh = (): HistoryStore => open(END).store;

const END = T0 + 7 * DAY + 9 * 3_600_000; // a Monday morning

describe('the demo’s sample week', () => {
  it('is the same for the same seed, and another for another seed', () => {
    const flat = (seed: number) => [...demoHistory({ rooms, seed, end: END, meetings, timeZone: 'UTC' })].flatMap((b) => b.transitions.map((t) => `${t.at} ${t.room.endpointId} ${JSON.stringify(t)}`));
    const a = flat(1);
    expect(flat(1)).toEqual(a);
    expect(flat(2)).not.toEqual(a);
  });

  it('comes in time order, a week of it, for exactly the rooms it is given', () => {
    const batches = [...demoHistory({ rooms, seed: 1, end: END, meetings, timeZone: 'UTC' })];
    const all = batches.flatMap((b) => b.transitions);
    for (let i = 1; i < all.length; i++) expect((all[i]?.at as number) >= (all[i - 1]?.at as number)).toBe(true);
    expect(all[0]?.at).toBeGreaterThan(END - 7 * DAY - 3_600_000);
    expect(all[all.length - 1]?.at).toBeLessThan(END);
    expect(new Set(all.map((t) => t.room.endpointId))).toEqual(new Set(rooms.map((r) => r.room.endpointId)));
    // About what the simulator's rooms do: dozens of changes a room a day.
    const perRoomDay = all.length / rooms.length / 7;
    expect(perRoomDay).toBeGreaterThan(20);
    expect(perRoomDay).toBeLessThan(400);
  });

  it('writes a clearly labelled week with reports worth looking at, once', () => {
    const store = fresh();
    const first = store.writeDemoHistory({ rooms, seed: 1, end: END, meetings, timeZone: 'UTC' });
    expect(first.written).toBe(true);
    const rows = allEntries(store, END);
    expect(new Set(rows.map((e) => e.cause))).toEqual(new Set(['demo']));
    expect(rows[0]?.message).toBe(DEMO_START_WORDS);
    expect(rows[rows.length - 1]?.message).toBe(DEMO_END_WORDS);
    const week = store.report({ kind: 'fleet' }, { from: END - 7 * DAY, to: END }, END);
    expect(week.rooms).toHaveLength(24);
    expect(new Set(week.rooms.map((r) => r.room.name))).toEqual(new Set(rooms.map((r) => r.name)));
    expect(week.totals.availability).toBeGreaterThan(0.95);
    expect(week.totals.availability).toBeLessThan(1);
    expect(week.totals.utilisation).toBeGreaterThan(0.1);
    expect(week.totals.drops).toBeGreaterThan(0);
    expect(week.sites.length).toBeGreaterThan(3);
    const grid = store.utilisationByHourOfWeek({ kind: 'fleet' }, { from: END - 7 * DAY, to: END }, END);
    expect(grid[2]?.[14] as number).toBeGreaterThan(2 * (grid[2]?.[3] as number)); // Wednesday: 14:00 busier than 03:00
    expect(store.info().demo).toEqual({ from: END - 7 * DAY, to: END, seed: 1 });
    expect(store.writeDemoHistory({ rooms, seed: 1, end: END + DAY, meetings })).toEqual({ written: false, rows: 0, reason: 'A sample history was written before.' });
  });

  it('is never mixed into rooms with a history of their own', () => {
    const store = fresh();
    const mine = rooms[3] as DemoRoom;
    store.write(batch(END - DAY, { transitions: [{ ...tr(0, END - DAY, { call: ch('unknown', 'idle') }), room: mine.room, name: mine.name }] }));
    expect(store.writeDemoHistory({ rooms, seed: 1, end: END, meetings })).toEqual({ written: false, rows: 0, reason: 'These rooms already have history.' });
  });
});
