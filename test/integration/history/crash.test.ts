// Killing the app in the middle of writing: what was committed is there, at most the batch being written
// is lost, and the file is never damaged.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { HISTORY_FILE } from '../../../main/history/database.ts';
import { openStore, scratch, T0 } from '../../helpers/history-fixtures.ts';

const child = fileURLToPath(new URL('./write-forever.ts', import.meta.url));
const dirs: { remove: () => void }[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

/**
 * Runs the writer until it has committed `until` batches, then kills it with SIGKILL a moment later (a
 * different moment each time, so the kill lands anywhere in building, sending or writing the next batch).
 * Resolves with the last batch it said was committed.
 */
function killAfter(dir: string, first: number, until: number, delayMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child, dir, String(first)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let last = first - 1;
    let err = '';
    let aimed = false;
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.stdout.on('data', (d: Buffer) => {
      for (const m of d.toString().matchAll(/committed (\d+)/g)) last = Math.max(last, Number(m[1]));
      if (last >= until && !aimed) {
        aimed = true;
        setTimeout(() => p.kill('SIGKILL'), delayMs);
      }
    });
    p.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(last) : reject(new Error(`the writer stopped by itself (${code}): ${err}`))));
  });
}

describe('a crash while writing', () => {
  it('keeps every committed batch whole, loses at most the one being written, and the file stays sound', async () => {
    const s = scratch();
    dirs.push(s);
    let next = 1;
    for (const [stopAt, delay] of [
      [3, 0],
      [6, 7],
      [9, 19],
      [12, 31],
    ] as const) {
      const committed = await killAfter(s.dir, next, stopAt, delay);
      const db = new DatabaseSync(join(s.dir, HISTORY_FILE), { readOnly: true });
      expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
      const perBatch = db.prepare("SELECT CAST(substr(endpoint, 1, instr(endpoint, '-') - 1) AS INTEGER) AS b, count(*) AS n FROM room GROUP BY b ORDER BY b").all() as { b: number; n: number }[];
      db.close();
      // Every batch the writer said was committed is there, whole; at most one (or two, with one in flight) more.
      expect(perBatch.every((r) => r.n === 2_000)).toBe(true);
      const batches = perBatch.map((r) => r.b);
      expect(batches.slice(0, committed)).toEqual(Array.from({ length: committed }, (_, i) => i + 1));
      // One batch is written at a time: at most it was committed but not yet told.
      expect(batches.length - committed).toBeLessThanOrEqual(1);
      next = (batches[batches.length - 1] ?? 0) + 1;
    }
    // And it opens as history: the time after the crash is counted as not watched.
    const store = openStore(s.dir, Date.now());
    expect(store.rooms().length).toBe((next - 1) * 2_000);
    const last = store.log({ limit: 1 }, Date.now()).entries[0];
    expect(last?.message).toContain('No longer watched.');
    store.close();
    expect(T0).toBeGreaterThan(0);
  }, 60_000);
});
