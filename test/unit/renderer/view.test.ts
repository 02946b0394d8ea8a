import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { RoomView } from '../../../contract/index.ts';
import { createRoomStore } from '../../../renderer/src/rooms/store.ts';
import { createRoomViewEngine, filterOptions, naturalKey, type ViewQuery } from '../../../renderer/src/rooms/view.ts';
import { defaultPrefs } from '../../../renderer/src/rooms/prefs.ts';
import { room } from './fixture.ts';

const query = (patch: Partial<ViewQuery> = {}): ViewQuery => ({ ...defaultPrefs, group: 'none', ...patch });

function setup(rooms: RoomView[]) {
  const store = createRoomStore();
  store.applySnapshot({ seq: 0, rooms });
  const engine = createRoomViewEngine();
  let seq = 0;
  const compute = (q: ViewQuery) => {
    const s = store.getState();
    return engine.compute(s.rooms, s.version, store.changesSince, q);
  };
  const diff = (upserted: RoomView[], removed: string[] = []) => store.applyDiff({ seq: ++seq, upserted, removed });
  return { store, engine, compute, diff };
}

describe('room view: filter, sort, group', () => {
  it('sorts names naturally: Room 2 before Room 10', () => {
    const { compute } = setup([room('10'), room('2'), room('1')]);
    expect(compute(query()).keys).toEqual(['c1/1', 'c1/2', 'c1/10']);
    expect(compute(query({ sort: { field: 'name', dir: 'desc' } })).keys).toEqual(['c1/10', 'c1/2', 'c1/1']);
    expect(naturalKey('Room 007') === naturalKey('room 7')).toBe(true);
  });

  it('searches every word in name, site, connection and meeting', () => {
    const rooms = [
      room('1', { name: 'Atlas', site: 'Berlin' }),
      room('2', { name: 'Boreal', site: 'Tokyo', meeting: { id: '123456', title: 'Weekly sync' } }),
      room('3', { name: 'Cosmos', site: 'Berlin', connectionName: 'Globex' }),
    ];
    const { compute } = setup(rooms);
    expect(compute(query({ search: 'berlin' })).keys).toEqual(['c1/1', 'c1/3']);
    expect(compute(query({ search: 'BERLIN globex' })).keys).toEqual(['c1/3']);
    expect(compute(query({ search: 'weekly' })).keys).toEqual(['c1/2']);
    expect(compute(query({ search: 'nothing-like-this' })).keys).toEqual([]);
  });

  it('filters by status (any of), site and connection', () => {
    const rooms = [
      room('1', { call: 'in-call', muted: true }),
      room('2', { call: 'in-call', muted: false, site: 'Tokyo' }),
      room('3', { reachability: 'offline' }),
      room('4', { stale: true, site: null }),
      room('5', { connectionId: 'c2', key: 'c2/5', connectionName: 'Globex' }),
    ];
    const { compute } = setup(rooms);
    expect(compute(query({ status: ['muted'] })).keys).toEqual(['c1/1']);
    expect(compute(query({ status: ['in-call'] })).keys).toEqual(['c1/1', 'c1/2']);
    expect(compute(query({ status: ['offline', 'stale'] })).keys).toEqual(['c1/3', 'c1/4']);
    expect(compute(query({ site: 'Tokyo' })).keys).toEqual(['c1/2']);
    expect(compute(query({ site: '' })).keys).toEqual(['c1/4']);
    expect(compute(query({ connection: 'c2' })).keys).toEqual(['c2/5']);
  });

  it('sorts by state severity, time in state and last update, with unknown times last', () => {
    const rooms = [
      room('1', { call: 'idle', since: 300, confirmedAt: 50 }),
      room('2', { reachability: 'error', since: 100, confirmedAt: null }),
      room('3', { call: 'in-call', since: null, confirmedAt: 10 }),
      room('4', { call: 'dialing', since: 200, confirmedAt: 30 }),
    ];
    const { compute } = setup(rooms);
    expect(compute(query({ sort: { field: 'state', dir: 'asc' } })).keys).toEqual(['c1/2', 'c1/4', 'c1/3', 'c1/1']);
    expect(compute(query({ sort: { field: 'since', dir: 'asc' } })).keys).toEqual(['c1/2', 'c1/4', 'c1/1', 'c1/3']);
    expect(compute(query({ sort: { field: 'since', dir: 'desc' } })).keys).toEqual(['c1/1', 'c1/4', 'c1/2', 'c1/3']);
    expect(compute(query({ sort: { field: 'updated', dir: 'asc' } })).keys).toEqual(['c1/3', 'c1/4', 'c1/1', 'c1/2']);
  });

  it('groups by site with rooms without a site last', () => {
    const rooms = [room('1', { site: 'Tokyo' }), room('2', { site: null }), room('3', { site: 'Austin' }), room('4', { site: 'Tokyo' })];
    const { compute } = setup(rooms);
    const order = compute(query({ group: 'site' }));
    expect(order.keys).toEqual(['c1/3', 'c1/1', 'c1/4', 'c1/2']);
    expect(order.groups).toEqual([
      { id: 'site:Austin', label: 'Austin', start: 0, count: 1 },
      { id: 'site:Tokyo', label: 'Tokyo', start: 1, count: 2 },
      { id: 'site:', label: 'No site', start: 3, count: 1 },
    ]);
  });

  it('reuses the previous order when a diff moves nothing', () => {
    const { compute, diff, engine } = setup([room('1'), room('2'), room('3')]);
    const q = query();
    const first = compute(q);
    diff([room('2', { call: 'in-call', muted: true, confirmedAt: 9_999 })]);
    expect(compute(q)).toBe(first);
    expect(engine.lastPath()).toBe('reused');
    diff([room('2', { name: 'Room 0' })]);
    expect(compute(q).keys).toEqual(['c1/2', 'c1/1', 'c1/3']);
    expect(engine.lastPath()).toBe('merged');
  });

  it('lists the sites and connections for the filter menus', () => {
    const rooms = [room('1', { site: 'Tokyo' }), room('2', { site: null }), room('3', { site: 'Austin', connectionId: 'c2', key: 'c2/3', connectionName: 'Beta' })];
    const { store } = setup(rooms);
    expect(filterOptions(store.getState().rooms)).toEqual({
      sites: ['Austin', 'Tokyo', ''],
      connections: [
        { id: 'c1', name: 'Acme' },
        { id: 'c2', name: 'Beta' },
      ],
    });
  });
});

// The incremental path must always agree with computing from scratch.
const arbRoom = fc.record({
  id: fc.integer({ min: 0, max: 30 }).map(String),
  name: fc.constantFrom('Atlas', 'Boreal', 'Cosmos', 'Room 2', 'Room 10', 'room 2'),
  site: fc.constantFrom('Berlin', 'Tokyo', null),
  call: fc.constantFrom('idle', 'dialing', 'in-call', 'unknown' as const),
  reachability: fc.constantFrom('online', 'online', 'offline', 'error' as const),
  muted: fc.constantFrom(true, false, null),
  since: fc.option(fc.integer({ min: 0, max: 50 })),
  stale: fc.boolean(),
});
type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;
const toRoom = (r: ValueOf<typeof arbRoom>): RoomView => room(r.id, { name: r.name, site: r.site, call: r.call, reachability: r.reachability, muted: r.muted, since: r.since, stale: r.stale });
const arbQuery = fc.record({
  search: fc.constantFrom('', 'room', 'berlin', 'o'),
  status: fc.subarray(['in-call', 'dialing', 'offline', 'muted', 'stale'] as const),
  site: fc.constantFrom(null, 'Berlin', ''),
  connection: fc.constant(null),
  sort: fc.record({ field: fc.constantFrom('name', 'site', 'state', 'since', 'updated', 'connection' as const), dir: fc.constantFrom('asc', 'desc' as const) }),
  group: fc.constantFrom('none', 'site', 'connection' as const),
});

describe('room view: incremental equals full', () => {
  it('holds for any rooms, diffs and query', () => {
    fc.assert(
      fc.property(
        fc.array(arbRoom, { maxLength: 25 }),
        fc.array(fc.record({ up: fc.array(arbRoom, { maxLength: 6 }), rm: fc.array(fc.integer({ min: 0, max: 30 }).map((i) => `c1/${i}`), { maxLength: 3 }) }), { maxLength: 8 }),
        arbQuery,
        (initial, diffs, q) => {
          const { compute, diff, store } = setup(initial.map(toRoom));
          compute(q);
          for (const d of diffs) {
            diff(d.up.map(toRoom), d.rm);
            const incremental = compute(q);
            const s = store.getState();
            const fresh = createRoomViewEngine().compute(s.rooms, s.version, store.changesSince, q);
            expect(incremental.keys).toEqual(fresh.keys);
            expect(incremental.groups).toEqual(fresh.groups);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
