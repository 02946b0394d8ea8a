// A history file damaged inside (not just its header): found at start or while in use, it is moved aside
// with a notice and a fresh one started; recording goes on.
import { openSync, readdirSync, writeSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HISTORY_FILE } from '../../../main/history/database.ts';
import { HistoryStore } from '../../../main/history/store.ts';
import { batch, ch, DAY, openStore, randomHistory, scratch, T0, tr } from '../../helpers/history-fixtures.ts';

const dirs: { remove: () => void }[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

/** A file with a few thousand rows, closed cleanly (everything in the main file, no WAL). */
function written(): string {
  const s = scratch();
  dirs.push(s);
  const store = openStore(s.dir, T0);
  for (const b of randomHistory(2, 30, T0, 4, 500)) store.write(b);
  store.close();
  return s.dir;
}

/** Overwrites pages in the middle of the file with noise, leaving the header (page 1) alone. */
function damage(dir: string, fromShare: number, toShare: number): void {
  const path = join(dir, HISTORY_FILE);
  const size = statSync(path).size;
  const fd = openSync(path, 'r+');
  const noise = Buffer.alloc(4_096, 0xa5);
  for (let page = Math.max(1, Math.floor((size / 4_096) * fromShare)); page < Math.floor((size / 4_096) * toShare); page++) writeSync(fd, noise, 0, noise.length, page * 4_096);
  closeSync(fd);
}

describe('a damaged history file', () => {
  it('found while opening: moved aside, a fresh file, and recording goes on', () => {
    const dir = written();
    damage(dir, 0.05, 0.95);
    const { store, notices } = HistoryStore.open({ dir, now: T0 + 5 * DAY });
    expect(store).not.toBeNull();
    expect(notices.map((n) => n.code)).toContain('moved-aside');
    expect(readdirSync(dir).some((f) => f.includes('.unreadable-'))).toBe(true);
    expect(store?.write(batch(T0 + 5 * DAY, { transitions: [tr(1, T0 + 5 * DAY, { call: ch('unknown', 'idle') })] })).ok).toBe(true);
    expect(store?.log({}, T0 + 5 * DAY).entries).toHaveLength(1);
    store?.close();
  });

  it('found by a query while in use: moved aside, and the query answers from the fresh file', () => {
    const dir = written();
    const store = openStore(dir, T0 + 5 * DAY);
    // Damage the rows while the app holds the file (as a failing disk would).
    damage(dir, 0.3, 0.9);
    let page: ReturnType<HistoryStore['log']> | null = null;
    for (let i = 0; i < 50 && !store.notices().some((n) => n.code === 'moved-aside'); i++) {
      page = store.log({ order: 'asc', limit: 1_000, from: T0 + (i % 4) * DAY }, T0 + 5 * DAY);
      store.report({ kind: 'fleet' }, { from: T0 + (i % 4) * DAY, to: T0 + 5 * DAY }, T0 + 5 * DAY);
    }
    expect(store.notices().map((n) => n.code)).toContain('moved-aside');
    expect(page).not.toBeNull();
    expect(store.write(batch(T0 + 5 * DAY, { transitions: [tr(1, T0 + 5 * DAY, { call: ch('unknown', 'idle') })] })).ok).toBe(true);
    expect(store.rooms()).toHaveLength(1);
    store.close();
  });
});
