// Building blocks for the history's tests: a scratch folder, rooms, transitions and batches, a store, and
// an independent reference (straight from the log rows, no marks, no sums) to check reports against.
import { afterEach } from 'vitest';
import { seededRandom } from '../unit/poller/fake-clock.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HistoryStore, type StoreOptions } from '../../main/history/store.ts';
import type { HistoryBatch, LogEntry, RoomIdentity, RoomStateSnapshot, RoomTransition } from '../../main/history/types.ts';

/** Monday 5 January 2026, 00:00 UTC. */
export const T0 = Date.UTC(2026, 0, 5, 0, 0, 0);
export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export function scratch(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'relay-history-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const room = (n: number, enterpriseId = 'northwind'): RoomIdentity => ({ enterpriseId, endpointId: `5f1d0000000000000000${String(n).padStart(4, '0')}` });

export function tr(n: number, at: number, fields: Partial<RoomTransition> = {}): RoomTransition {
  return { room: room(n), name: `Room ${n}`, site: n % 2 === 0 ? 'Austin' : 'London', at, why: 'poll', ...fields };
}

export const ch = <T>(from: T, to: T) => ({ from, to });

export function batch(now: number, parts: Partial<Omit<HistoryBatch, 'now'>> = {}): HistoryBatch {
  return { now, transitions: [], actions: [], connections: [], episodes: [], ...parts };
}

export function openStore(dir: string, now: number, o: Partial<StoreOptions> = {}): HistoryStore {
  const { store, notices } = HistoryStore.open({ dir, now, timeZone: 'UTC', ...o });
  if (!store) throw new Error(`history did not open: ${notices.map((n) => n.message).join(' ')}`);
  return store;
}

/** Every row of the log, oldest first (following `next` to the end). */
export function allEntries(store: HistoryStore, now: number, query: Parameters<HistoryStore['log']>[0] = {}): LogEntry[] {
  const out: LogEntry[] = [];
  let after = null;
  for (let i = 0; i < 100_000; i++) {
    const page = store.log({ ...query, order: 'asc', limit: 1_000, after }, now);
    out.push(...page.entries);
    if (!page.next) return out;
    after = page.next;
  }
  throw new Error('the log did not end');
}

// ---- the reference: figures computed the plain way, from the state rows ----

type Status = 'unmonitored' | 'offline' | 'unreachable' | 'error' | 'unknown' | 'idle' | 'dialing' | 'in-call';

export function statusOfSnapshot(s: RoomStateSnapshot): Status {
  if (!s.monitored) return 'unmonitored';
  if (s.reachability !== 'online') return s.reachability;
  return s.call;
}

export interface ReferenceFigures {
  ms: Record<Status, number>;
  staleMs: number;
  calls: number;
  ended: number;
  endedMs: number;
  drops: number;
  outages: number;
}

/** A room's figures over [from, to) from its state rows (oldest first), the room's state extended to `end`. */
export function referenceFigures(rows: LogEntry[], from: number, to: number): ReferenceFigures {
  const ms: Record<Status, number> = { unmonitored: 0, offline: 0, unreachable: 0, error: 0, unknown: 0, idle: 0, dialing: 0, 'in-call': 0 };
  const f: ReferenceFigures = { ms, staleMs: 0, calls: 0, ended: 0, endedMs: 0, drops: 0, outages: 0 };
  const states = rows.filter((r) => r.state !== null);
  let callStart: number | null = null;
  for (let i = 0; i < states.length; i++) {
    const row = states[i] as LogEntry;
    const state = row.state as NonNullable<LogEntry['state']>;
    const next = states[i + 1];
    const segFrom = Math.max(from, row.at);
    const segTo = Math.min(to, next ? next.at : to);
    const status = statusOfSnapshot(state.to);
    if (segTo > segFrom) {
      ms[status] += segTo - segFrom;
      if (state.to.stale && state.to.monitored) f.staleMs += segTo - segFrom;
    }
    const before = statusOfSnapshot(state.from);
    const inRange = row.at >= from && row.at < to;
    if (before !== 'in-call' && status === 'in-call') {
      callStart = row.at;
      if (inRange) f.calls++;
    } else if (before === 'in-call' && status !== 'in-call') {
      if (inRange) {
        f.ended++;
        f.endedMs += row.at - (callStart ?? row.at);
        if ((status === 'offline' || status === 'unreachable') && row.cause !== 'action') f.drops++;
      }
      callStart = null;
    }
    const down = (s: Status) => s === 'offline' || s === 'unreachable' || s === 'error';
    if (inRange && down(status) && !down(before) && before !== 'unmonitored') f.outages++;
  }
  return f;
}

/** A deterministic pseudo-random source for generated histories (the poller tests' mulberry32). */
export const seeded = seededRandom;

/** Random changes for `rooms` rooms over `days` days, in batches of up to `perBatch` items, time order. */
export function randomHistory(seed: number, rooms: number, start: number, days: number, perBatch = 50): HistoryBatch[] {
  const r = seeded(seed);
  const calls = ['unknown', 'idle', 'dialing', 'in-call'] as const;
  const reach = ['online', 'online', 'online', 'offline', 'unreachable', 'error'] as const;
  const items: RoomTransition[] = [];
  for (let n = 0; n < rooms; n++) {
    let at = start + Math.floor(r() * HOUR);
    const end = start + days * DAY;
    while (at < end) {
      const pick = r();
      const t = tr(n, at, { why: r() < 0.15 ? 'action' : 'poll' });
      if (pick < 0.45) t.call = ch('idle', calls[Math.floor(r() * calls.length)] as (typeof calls)[number]);
      else if (pick < 0.6) t.muted = ch(null, r() < 0.5);
      else if (pick < 0.75) {
        t.reachability = ch('online', reach[Math.floor(r() * reach.length)] as (typeof reach)[number]);
        if (r() < 0.5) t.call = ch('in-call', 'unknown');
      } else if (pick < 0.85) t.stale = ch(false, r() < 0.5);
      else if (pick < 0.9) t.monitored = false;
      else if (pick < 0.95) t.meeting = ch(null, { id: String(1000 + Math.floor(r() * 20)), title: r() < 0.5 ? null : `Meeting ${Math.floor(r() * 20)}` });
      else t.call = ch('idle', 'in-call');
      items.push(t);
      // Mostly minutes apart, sometimes hours (across mark blocks), now and then a day.
      const gap = r();
      at += gap < 0.8 ? Math.floor(r() * 40 * MIN) + 1 : gap < 0.97 ? Math.floor(r() * 6 * HOUR) : Math.floor(r() * 2 * DAY);
    }
  }
  items.sort((a, b) => a.at - b.at);
  const out: HistoryBatch[] = [];
  for (let i = 0; i < items.length; i += perBatch) {
    const chunk = items.slice(i, i + perBatch);
    out.push(batch((chunk[chunk.length - 1] as RoomTransition).at, { transitions: chunk }));
  }
  return out;
}

/** `fresh()` opens a store in a scratch folder; every one is closed and removed after each test. */
export function storeFactory(): (now?: number, o?: Partial<StoreOptions>) => { store: HistoryStore; dir: string } {
  const open: { store: HistoryStore; remove: () => void }[] = [];
  afterEach(() => {
    for (const { store, remove } of open.splice(0)) {
      try {
        store.close();
      } catch {
        // closed by the test
      }
      remove();
    }
  });
  return (now = T0, o = {}) => {
    const s = scratch();
    const store = openStore(s.dir, now, o);
    open.push({ store, remove: s.remove });
    return { store, dir: s.dir };
  };
}
