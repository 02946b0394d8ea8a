import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { HistoryStore } from '../../../main/history/store.ts';
import { allEntries, batch, ch, DAY, HOUR, randomHistory, T0, tr, storeFactory } from '../../helpers/history-fixtures.ts';

const open = storeFactory();
const fresh = (o: Parameters<typeof open>[1] = {}): HistoryStore => open(T0, o).store;

function pruneAll(store: HistoryStore, now: number): number {
  let steps = 0;
  while (store.prune(now) && steps < 100_000) steps++;
  return steps;
}

const figures = (store: HistoryStore, from: number, to: number, now: number) =>
  store.report({ kind: 'fleet' }, { from, to }, now).rooms.map((r) => [r.room.endpointId, r.monitoredMs, r.inCallMs, r.offlineMs, r.calls, r.drops, r.staleMs]);

describe('retention and the size cap', () => {
  it('forgets what is older than the retention, in small steps, and reports on the rest exactly as before', () => {
    const store = fresh({ retentionDays: 10 });
    for (const b of randomHistory(11, 8, T0, 20, 100)) store.write(b);
    const now = T0 + 20 * DAY;
    const keptFrom = T0 + 10 * DAY;
    const before = figures(store, keptFrom + 5 * HOUR, now, now);
    const beforeLater = figures(store, keptFrom + 3 * DAY, now - DAY, now);
    const oldest = allEntries(store, now)[0]?.at as number;
    expect(oldest).toBeLessThan(keptFrom);
    const steps = pruneAll(store, now);
    expect(steps).toBeGreaterThan(3); // rebase, delete, vacuum: not in one go
    const rows = allEntries(store, now);
    expect(rows[0]?.at).toBeGreaterThanOrEqual(keptFrom);
    expect(figures(store, keptFrom + 5 * HOUR, now, now)).toEqual(before);
    expect(figures(store, keptFrom + 3 * DAY, now - DAY, now)).toEqual(beforeLater);
    // A report reaching before the horizon starts at it.
    expect(store.report({ kind: 'fleet' }, { from: T0, to: now }, now).range.from).toBe(keptFrom);
    expect((store.database.prepare('SELECT min(hour) AS h FROM site_hour').get() as { h: number }).h * HOUR).toBeGreaterThanOrEqual(keptFrom);
    expect((store.database.prepare('SELECT min(at) AS at FROM room_mark').get() as { at: number }).at).toBeGreaterThanOrEqual(keptFrom);
    expect(store.prune(now)).toBe(false);
  });

  it('keeps the file under its size cap by dropping the oldest days first, and gives the space back', () => {
    const cap = 1024 ** 2;
    const store = fresh({ retentionDays: 3_650, maxBytes: cap });
    const words = 'x'.repeat(100);
    // About 3 MB: far over the cap.
    for (let day = 0; day < 30; day++) {
      const t = T0 + day * DAY;
      store.write(batch(t, { transitions: Array.from({ length: 300 }, (_, i) => tr(i, t + i, { detail: `Note ${day}/${i} ${words}`, call: ch('idle', day % 2 === 0 ? 'in-call' : 'idle') })) }));
    }
    const now = T0 + 30 * DAY;
    const bytes = () => statSync(store.path).size;
    const big = store.usedBytes();
    expect(big).toBeGreaterThan(2 * cap);
    pruneAll(store, now);
    expect(store.usedBytes()).toBeLessThanOrEqual(cap);
    store.database.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    expect(bytes()).toBeLessThanOrEqual(cap * 1.1);
    const rows = store.log({ order: 'asc', limit: 1 }, now).entries;
    expect(rows[0]?.at).toBeGreaterThan(T0 + DAY);
    // The newest day is never dropped for size.
    expect(store.log({ from: now - DAY, limit: 5 }, now).entries.length).toBe(5);
  });

  it('takes a new retention at once', () => {
    const store = fresh({ retentionDays: 90 });
    for (const b of randomHistory(5, 3, T0, 6, 100)) store.write(b);
    const now = T0 + 6 * DAY;
    pruneAll(store, now);
    expect(allEntries(store, now)[0]?.at).toBeLessThan(T0 + DAY);
    store.settings = { retentionDays: 2 };
    expect(store.settings.retentionDays).toBe(2);
    pruneAll(store, now);
    expect(allEntries(store, now)[0]?.at).toBeGreaterThanOrEqual(now - 2 * DAY - HOUR);
  });
});
