import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { HISTORY_FILE } from '../../../main/history/database.ts';
import type { HistoryStore } from '../../../main/history/store.ts';
import { allEntries, batch, ch, DAY, HOUR, MIN, referenceFigures, room, T0, tr, storeFactory } from '../../helpers/history-fixtures.ts';

const fresh = storeFactory();

const count = (store: HistoryStore, sql: string) => (store.database.prepare(sql).get() as { n: number }).n;

describe('the writer', () => {
  it('writes a whole batch in one transaction, never one per room', () => {
    const { store, dir } = fresh();
    const reader = new DatabaseSync(join(dir, HISTORY_FILE), { readOnly: true });
    const version = () => (reader.prepare('PRAGMA data_version').get() as { data_version: number }).data_version;
    const before = version();
    const transitions = Array.from({ length: 1_000 }, (_, i) => tr(i, T0 + i, { call: ch('unknown', 'idle') }));
    expect(store.write(batch(T0 + 1_000, { transitions }))).toEqual({ ok: true, rows: 1_000 });
    expect(version() - before).toBe(1);
    reader.close();
  });

  it('keeps only changes: the same state again writes nothing, a new word about it does', () => {
    const { store } = fresh();
    store.write(batch(T0, { transitions: [tr(1, T0, { call: ch('unknown', 'idle'), reachability: ch('online', 'online') })] }));
    expect(store.write(batch(T0 + MIN, { transitions: [tr(1, T0 + MIN, { call: ch('idle', 'idle') })] }))).toEqual({ ok: true, rows: 0 });
    expect(store.write(batch(T0 + 2 * MIN, { transitions: [tr(1, T0 + 2 * MIN, { call: ch('idle', 'idle'), detail: 'Status failed: timed out.' })] }))).toEqual({ ok: true, rows: 1 });
    expect(count(store, 'SELECT count(*) AS n FROM event')).toBe(2);
  });

  it('keeps a room one room through renames and moves, keyed by enterprise and endpoint id', () => {
    const { store } = fresh();
    store.write(batch(T0, { transitions: [tr(1, T0, { name: 'Everest', site: 'Austin', call: ch('unknown', 'idle') })] }));
    store.write(batch(T0 + HOUR, { transitions: [tr(1, T0 + HOUR, { name: 'Everest (big)', site: 'Austin', call: ch('idle', 'in-call') })] }));
    store.write(batch(T0 + 2 * HOUR, { transitions: [tr(1, T0 + 2 * HOUR, { name: 'Everest (big)', site: 'Berlin', call: ch('in-call', 'idle') })] }));
    // The same endpoint id in another enterprise is another room.
    store.write(batch(T0 + 3 * HOUR, { transitions: [{ ...tr(1, T0 + 3 * HOUR, { call: ch('unknown', 'idle') }), room: room(1, 'contoso'), name: 'Other' }] }));
    const now = T0 + 4 * HOUR;
    expect(store.rooms().map((r) => [r.enterpriseId, r.name, r.site])).toEqual([
      ['northwind', 'Everest (big)', 'Berlin'],
      ['contoso', 'Other', 'London'],
    ]);
    expect(store.roomNames(room(1)).map((n) => [n.name, n.site])).toEqual([
      ['Everest', 'Austin'],
      ['Everest (big)', 'Austin'],
      ['Everest (big)', 'Berlin'],
    ]);
    const rows = allEntries(store, now, { room: room(1) });
    expect(rows.map((e) => e.message)).toEqual([
      'Watching the room: idle.',
      'Renamed from "Everest" to "Everest (big)".',
      'In a call.',
      'Moved from Austin to Berlin.',
      'Idle: not in a call.',
    ]);
    expect(new Set(rows.map((e) => e.room?.name))).toEqual(new Set(['Everest (big)']));
    // Its old name still finds it.
    expect(allEntries(store, now, { text: 'everest' }).filter((e) => e.kind === 'state')).toHaveLength(3);
    expect(store.report({ kind: 'room', room: room(1) }, { from: T0, to: now }, now).totals.calls).toBe(1);
  });

  it('puts a late report at the room’s last time, so its rows stay in order', () => {
    const { store } = fresh();
    store.write(batch(T0 + 10 * MIN, { transitions: [tr(1, T0 + 10 * MIN, { call: ch('unknown', 'idle') })] }));
    store.write(batch(T0 + 11 * MIN, { transitions: [tr(1, T0 + 5 * MIN, { call: ch('idle', 'dialing') })] }));
    expect(allEntries(store, T0 + HOUR).map((e) => e.at)).toEqual([T0 + 10 * MIN, T0 + 10 * MIN]);
  });

  it('brings back a time far ahead of the batch (a clock off by days) to a minute past it', () => {
    const { store } = fresh();
    store.write(batch(T0, { transitions: [tr(1, T0 + 30 * DAY, { call: ch('unknown', 'idle') })], actions: [{ room: room(1), name: 'Room 1', site: null, at: Number.NaN, action: 'mute', result: 'ok', message: 'x' }] }));
    expect(allEntries(store, T0 + HOUR).map((e) => [e.kind, e.at])).toEqual([['state', T0 + MIN]]);
  });

  it('ends the meeting when the call ends, whatever the caller said', () => {
    const { store } = fresh();
    const m = { id: '4085551212', title: 'All-hands' };
    store.write(batch(T0, { transitions: [tr(1, T0, { call: ch('idle', 'dialing'), meeting: ch(null, m) })] }));
    store.write(batch(T0 + MIN, { transitions: [tr(1, T0 + MIN, { call: ch('dialing', 'in-call') })] }));
    store.write(batch(T0 + 2 * MIN, { transitions: [tr(1, T0 + 2 * MIN, { call: ch('in-call', 'idle') })] }));
    const rows = allEntries(store, T0 + HOUR);
    expect(rows.map((e) => e.message)).toEqual(['Watching the room: dialing.', 'In a call: "All-hands" (4085551212).', 'Idle: not in a call.']);
    expect(rows.map((e) => e.state?.meeting?.to ?? null)).toEqual([m, m, null]);
    const segments = store.timeline(room(1), { from: T0, to: T0 + 3 * MIN }, T0 + HOUR);
    expect(segments.map((s) => [s.status, s.meeting?.title ?? null])).toEqual([
      ['dialing', 'All-hands'],
      ['in-call', 'All-hands'],
      ['idle', null],
    ]);
  });

  it('keeps memory and file in step when a batch fails (the disk is full)', () => {
    const { store } = fresh();
    store.write(batch(T0, { transitions: [tr(1, T0, { call: ch('unknown', 'idle') })] }));
    const pages = (store.database.prepare('PRAGMA page_count').get() as { page_count: number }).page_count;
    store.database.exec(`PRAGMA max_page_count = ${pages}`);
    const big = Array.from({ length: 2_000 }, (_, i) => tr(i + 2, T0 + MIN, { name: `A long room name ${'x'.repeat(100)} ${i}`, call: ch('unknown', 'in-call') }));
    const failed = store.write(batch(T0 + MIN, { transitions: [tr(1, T0 + MIN, { call: ch('idle', 'in-call') }), ...big] }));
    expect(failed).toEqual({ ok: false, code: 'disk-full', message: 'the disk is full' });
    expect(store.notices().map((n) => n.code)).toEqual(['disk-full']);
    store.database.exec('PRAGMA max_page_count = 1073741823');
    // The room is still idle since T0 as far as the history knows: the failed call never happened.
    expect(store.write(batch(T0 + 30 * MIN, { transitions: [tr(1, T0 + 30 * MIN, { call: ch('idle', 'in-call') })] })).ok).toBe(true);
    expect(store.notices()).toEqual([]);
    expect(store.rooms()).toHaveLength(1);
    const now = T0 + HOUR;
    const figures = store.report({ kind: 'room', room: room(1) }, { from: T0, to: now }, now).totals;
    const ref = referenceFigures(allEntries(store, now), T0, now);
    expect(figures.inCallMs).toBe(30 * MIN);
    expect(ref.ms['in-call']).toBe(30 * MIN);
    expect(figures.calls).toBe(1);
  });
});

describe('the writer after a failed batch', () => {
  const fresh = storeFactory();
  it('takes a rename again when the batch that first brought it failed', () => {
    const { store } = fresh();
    store.write(batch(T0, { transitions: [tr(1, T0, { name: 'Old', call: ch('unknown', 'idle') })] }));
    const pages = (store.database.prepare('PRAGMA page_count').get() as { page_count: number }).page_count;
    store.database.exec(`PRAGMA max_page_count = ${pages}`);
    const filler = Array.from({ length: 2_000 }, (_, i) => tr(i + 2, T0 + MIN, { name: `Filler ${'x'.repeat(100)} ${i}`, call: ch('unknown', 'idle') }));
    expect(store.write(batch(T0 + MIN, { transitions: [tr(1, T0 + MIN, { name: 'New' }), ...filler] })).ok).toBe(false);
    store.database.exec('PRAGMA max_page_count = 1073741823');
    store.write(batch(T0 + 2 * MIN, { transitions: [tr(1, T0 + 2 * MIN, { name: 'New', call: ch('idle', 'in-call') })] }));
    expect(store.rooms().map((r) => r.name)).toEqual(['New']);
    expect(store.roomNames(room(1)).map((n) => n.name)).toEqual(['Old', 'New']);
  });
});
