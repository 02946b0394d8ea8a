// The history as the app uses it: the client on the app's thread, the worker thread with the file.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { History, type HistoryOptions } from '../../../main/history/history.ts';
import { HISTORY_FILE } from '../../../main/history/database.ts';
import { AppError } from '../../../main/ipc/app-error.ts';
import { ch, HOUR, openStore, room, scratch, T0, tr } from '../../helpers/history-fixtures.ts';
import { ManualClock, settle } from '../../helpers/manual-clock.ts';

const open: History[] = [];
const dirs: { remove: () => void }[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
  for (const d of dirs.splice(0)) d.remove();
});

async function start(o: Partial<HistoryOptions> = {}): Promise<{ history: History; clock: ManualClock; dir: string }> {
  const s = scratch();
  dirs.push(s);
  const clock = new ManualClock(T0);
  const history = await History.open({ dir: s.dir, clock, timeZone: 'UTC', flushMs: 500, ...o });
  open.push(history);
  return { history, clock, dir: o.dir ?? s.dir };
}

/** Lets the worker answer what the client sent (real thread, real time: wait for its answer). */
async function drain(history: History): Promise<void> {
  await history.flush();
  await settle();
}

describe('the history client and its worker', () => {
  it('gathers changes in memory and writes them as one batch per interval (≤ 1 s)', async () => {
    const { history, clock, dir } = await start();
    const reader = new DatabaseSync(join(dir, HISTORY_FILE), { readOnly: true });
    const version = () => (reader.prepare('PRAGMA data_version').get() as { data_version: number }).data_version;
    const before = version();
    for (let i = 0; i < 300; i++) history.transition(tr(i, T0 + i, { call: ch('unknown', 'idle') }));
    expect((await history.log({})).entries).toEqual([]); // still in memory
    clock.advance(499);
    expect((await history.log({})).entries).toEqual([]);
    clock.advance(1); // the interval is up: the batch goes
    expect((await history.log({ limit: 1_000 })).entries).toHaveLength(300);
    expect(version() - before).toBe(1);
    reader.close();
  });

  it('never lets a batch wait longer than a second, whatever it is told', async () => {
    const { history, clock } = await start({ flushMs: 60_000 });
    history.transition(tr(1, T0, { call: ch('unknown', 'idle') }));
    clock.advance(1_000);
    expect((await history.log({})).entries).toHaveLength(1);
  });

  it('drops the oldest batches, with a notice, when the disk cannot keep up', async () => {
    const { history, clock } = await start({ maxQueuedBatches: 2 });
    const seen: string[] = [];
    history.onNotices((n) => seen.push(...n.map((x) => x.code)));
    // Six intervals pass before the worker answers the first batch: one in flight, two wait, three go.
    for (let b = 0; b < 6; b++) {
      for (let i = 0; i < 10; i++) history.transition(tr(b * 10 + i, T0 + b, { call: ch('unknown', 'idle') }));
      clock.advance(500);
    }
    await drain(history);
    const kept = (await history.log({ limit: 1_000 })).entries.map((e) => Number(e.room?.endpointId.slice(-4)));
    expect(kept.sort((a, b) => a - b)).toEqual([...range(0, 10), ...range(40, 60)]);
    expect(history.notices()).toEqual([expect.objectContaining({ code: 'fell-behind', message: expect.stringContaining('30 changes were not kept') })]);
    expect(seen).toContain('fell-behind');
  });

  it('keeps working with a full disk: a notice, batches dropped, queries still answered', async () => {
    const { history, clock } = await start({ worker: { maxPageCount: 40 } });
    history.transition(tr(1, T0, { call: ch('unknown', 'idle') }));
    await drain(history);
    for (let b = 0; b < 5; b++) {
      for (let i = 0; i < 400; i++) history.transition(tr(1_000 + b * 400 + i, T0 + b, { name: `Room with a long name ${'x'.repeat(150)} ${i}`, call: ch('unknown', 'in-call') }));
      clock.advance(500);
      await drain(history);
    }
    expect(history.on).toBe(true);
    expect(history.notices()).toEqual([expect.objectContaining({ code: 'disk-full', message: expect.stringContaining('The disk is full') })]);
    const page = await history.log({ limit: 1_000 });
    expect(page.entries.length).toBeGreaterThan(0);
    expect(page.entries.length).toBeLessThan(2_001);
    const report = await history.report({ kind: 'fleet' }, { from: T0, to: T0 + HOUR });
    expect(report.rooms.length).toBe(new Set(page.entries.map((e) => e.room?.endpointId)).size);
  });

  it('refuses a newer file: history is off, recording is a no-op, the file stays as it was', async () => {
    const s = scratch();
    dirs.push(s);
    openStore(s.dir, T0).close();
    const path = join(s.dir, HISTORY_FILE);
    const db = new DatabaseSync(path);
    db.exec('PRAGMA user_version = 9; PRAGMA journal_mode = DELETE');
    db.close();
    const sha = () => createHash('sha256').update(readFileSync(path)).digest('hex');
    const before = sha();
    const { history, clock } = await start({ dir: s.dir });
    expect(history.on).toBe(false);
    expect(history.notices().map((n) => n.code)).toEqual(['newer-schema']);
    history.transition(tr(1, T0, { call: ch('unknown', 'idle') }));
    clock.advance(1_000);
    await expect(history.log({})).rejects.toEqual(expect.objectContaining({ code: 'unavailable' }));
    await expect(history.log({})).rejects.toBeInstanceOf(AppError);
    expect(sha()).toBe(before);
  });

  it('moves a damaged file aside at start and keeps recording into a new one', async () => {
    const s = scratch();
    dirs.push(s);
    writeFileSync(join(s.dir, HISTORY_FILE), Buffer.alloc(8_192, 0x5a));
    const { history } = await start({ dir: s.dir });
    expect(history.on).toBe(true);
    expect(history.notices().map((n) => n.code)).toEqual(['moved-aside']);
    history.transition(tr(1, T0, { call: ch('unknown', 'idle') }));
    await drain(history);
    expect((await history.log({})).entries).toHaveLength(1);
  });

  it('exports through the worker with progress, and stops when asked', async () => {
    const { history, dir } = await start();
    for (let i = 0; i < 3_000; i++) history.transition(tr(i % 50, T0 + i * 1_000, { stale: ch(false, Math.floor(i / 50) % 2 === 0) }));
    await drain(history);
    const progress: number[] = [];
    const done = await history.exportLog(join(dir, 'all.csv'), {}, (p) => progress.push(p.rows));
    expect(done.rows).toBe(3_000);
    await expect(history.exportLog('relative.csv', {})).rejects.toEqual(expect.objectContaining({ code: 'internal' }));
    expect(await history.info()).toEqual(expect.objectContaining({ path: join(dir, HISTORY_FILE), retentionDays: 90, horizon: 0, demo: null }));
    expect(readFileSync(join(dir, 'all.csv'), 'utf8').split('\r\n')).toHaveLength(3_002);
    expect(progress.length).toBeGreaterThan(1);
    const abort = new AbortController();
    abort.abort();
    await expect(history.exportLog(join(dir, 'none.csv'), {}, undefined, abort.signal)).rejects.toEqual(expect.objectContaining({ code: 'cancelled' }));
    expect(existsSync(join(dir, 'none.csv'))).toBe(false);
  });

  it('marks every room not watched from the moment it closes', async () => {
    const { history, clock, dir } = await start();
    history.transition(tr(1, T0, { call: ch('unknown', 'in-call') }));
    clock.advance(HOUR);
    await history.close();
    open.splice(open.indexOf(history), 1);
    const again = await History.open({ dir, clock: new ManualClock(T0 + 3 * HOUR), timeZone: 'UTC' });
    open.push(again);
    const segments = (await again.timelines([room(1)], { from: T0, to: T0 + 3 * HOUR }))[0];
    expect(segments?.map((x) => [x.status, (x.to - x.from) / HOUR])).toEqual([
      ['in-call', 1],
      ['unmonitored', 2],
    ]);
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
