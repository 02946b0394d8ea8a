import { describe, expect, it } from 'vitest';
import type { HistoryStore } from '../../../main/history/store.ts';
import type { LogCursor, LogEntry, LogQuery } from '../../../main/history/types.ts';
import { allEntries, batch, ch, DAY, HOUR, MIN, randomHistory, room, T0, tr, storeFactory } from '../../helpers/history-fixtures.ts';

const open = storeFactory();
const fresh = (): HistoryStore => open().store;

const NOW = T0 + 10 * DAY;

/** A week of random changes for 20 rooms, plus actions, connection and poller events with words to find. */
function filled(): HistoryStore {
  const store = fresh();
  for (const b of randomHistory(3, 20, T0, 7, 200)) store.write(b);
  const at = T0 + 3 * DAY;
  store.write(
    batch(at, {
      actions: [{ room: room(4), name: 'Room 4', site: 'Austin', at, action: 'mute', result: 'failed', message: 'Mute failed: the room did not answer.' }],
      connections: [{ at, connection: 'Northwind (enterprise app)', kind: 'reconnect-needed', message: 'Sign in again to keep watching these rooms.' }],
      episodes: [{ at, kind: 'slow-down', host: 'relay.example.com', until: at + 30_000, message: 'The server asked to slow down: polling paused for 30 s.' }],
    }),
  );
  return store;
}

function pages(store: HistoryStore, q: LogQuery, limit: number, strategy?: 'walk'): LogEntry[][] {
  const out: LogEntry[][] = [];
  let after: LogCursor | null = null;
  for (let i = 0; i < 10_000; i++) {
    const page = store.log({ ...q, limit, after }, NOW, strategy ? { strategy } : undefined);
    out.push(page.entries);
    if (!page.next) return out;
    after = page.next;
  }
  throw new Error('no end');
}

const ids = (list: LogEntry[]) => list.map((e) => e.id);

describe('the event log from the file', () => {
  it('pages through the whole history newest first, each row once, in (time, id) order', () => {
    const store = filled();
    const all = allEntries(store, NOW);
    expect(all.length).toBeGreaterThan(1_000);
    const newestFirst = pages(store, {}, 173).flat();
    expect(ids(newestFirst)).toEqual(ids(all).reverse());
    const oldestFirst = pages(store, { order: 'asc' }, 211).flat();
    expect(ids(oldestFirst)).toEqual(ids(all));
  });

  it('keeps its place while new rows arrive (keyset, not offset)', () => {
    const store = filled();
    const first = store.log({ limit: 50 }, NOW);
    store.write(batch(NOW, { transitions: Array.from({ length: 30 }, (_, i) => tr(i, NOW - MIN, { stale: ch(false, true) })) }));
    const second = store.log({ limit: 50, after: first.next }, NOW);
    const all = allEntries(store, NOW).reverse();
    const firstIndex = all.findIndex((e) => e.id === first.entries[0]?.id);
    expect(ids(second.entries)).toEqual(ids(all.slice(firstIndex + 50, firstIndex + 100)));
  });

  it('filters by time, kind, room, site and text, the same whichever way it finds them', () => {
    const store = filled();
    const all = allEntries(store, NOW);
    const from = T0 + DAY;
    const to = T0 + 4 * DAY;
    const title = all.find((e) => e.state?.meeting?.to?.title)?.state?.meeting?.to?.title as string;
    expect(title).toMatch(/^Meeting \d+$/);
    const cases: [LogQuery, (e: LogEntry) => boolean][] = [
      [{ from, to }, (e) => e.at >= from && e.at < to],
      [{ kinds: ['action', 'connection', 'poller'] }, (e) => e.kind !== 'state' && e.kind !== 'room'],
      [{ room: room(3) }, (e) => e.room?.endpointId === room(3).endpointId],
      [{ site: 'Austin', from, to }, (e) => e.room?.site === 'Austin' && e.at >= from && e.at < to],
      [{ text: 'room 1' }, (e) => (e.room?.name.toLowerCase().includes('room 1') ?? false) || e.message.toLowerCase().includes('room 1')],
      [{ text: title }, (e) => (e.state?.meeting?.to?.title?.includes(title) ?? false) || e.message.includes(title)],
      [{ text: 'did not answer' }, (e) => e.message.includes('did not answer')],
      [{ text: 'northwind (enterprise' }, (e) => e.connection === 'Northwind (enterprise app)'],
      [{ text: 'relay.example.com' }, (e) => e.connection === 'relay.example.com'],
      [{ text: 'went offline' }, (e) => e.message.includes('Went offline')],
      [{ text: 'dropped', site: 'London' }, (e) => e.message.includes('Call dropped') && e.room?.site === 'London'],
      [{ text: 'muted', room: room(5), kinds: ['state'] }, (e) => e.kind === 'state' && e.room?.endpointId === room(5).endpointId && e.message.toLowerCase().includes('muted')],
      [{ text: 'nothing like this anywhere' }, () => false],
      [{ room: { enterpriseId: 'contoso', endpointId: 'x' } }, () => false],
    ];
    for (const [q, keep] of cases) {
      const want = ids(all.filter(keep)).reverse();
      const label = JSON.stringify(q);
      expect(ids(pages(store, q, 37).flat()), label).toEqual(want);
      expect(ids(pages(store, q, 37, 'walk').flat()), `${label} (walking)`).toEqual(want);
      if (q.text !== 'nothing like this anywhere' && q.room?.enterpriseId !== 'contoso') expect(want.length, label).toBeGreaterThan(0);
    }
  });

  it('gives a short page and a place to go on when its time budget runs out, and the same rows in the end', () => {
    const store = filled();
    const want = ids(allEntries(store, NOW, { text: 'back online' })).reverse();
    const got: number[] = [];
    let after: LogCursor | null = null;
    let short = 0;
    for (let i = 0; i < 10_000; i++) {
      const page = store.log({ text: 'back online', limit: 200, after }, NOW, { budgetMs: 0 });
      if (page.next && page.entries.length < 200) short++;
      got.push(...ids(page.entries));
      if (!page.next) break;
      after = page.next;
    }
    expect(got).toEqual(want);
    expect(short).toBeGreaterThan(0);
  });

  it('reads pages through its indexes, never by scanning the table', () => {
    const store = filled();
    const plans: string[] = [];
    const db = store.database;
    const original = db.prepare.bind(db);
    // Watch the statements a few queries prepare, and ask SQLite how it would run each.
    db.prepare = ((sql: string) => {
      if (/FROM event/.test(sql) && /ORDER BY at/.test(sql)) plans.push(sql);
      return original(sql);
    }) as typeof db.prepare;
    store.log({ text: 'room 1' }, NOW);
    store.log({ site: 'Austin' }, NOW);
    store.log({ kinds: ['action'] }, NOW);
    store.log({ text: 'offline', from: T0, to: T0 + DAY }, NOW);
    db.prepare = original;
    expect(plans.length).toBeGreaterThan(3);
    for (const sql of plans) {
      const params = (sql.match(/\?/g) ?? []).map(() => '[]');
      const detail = (original(`EXPLAIN QUERY PLAN ${sql}`).all(...params.map((p, i) => (i === 0 ? 1 : p))) as { detail: string }[]).map((r) => r.detail).join(' | ');
      expect(detail, sql).toMatch(/USING (COVERING )?INDEX event_/);
      expect(detail, sql).not.toMatch(/SCAN event(?! USING)/);
    }
  });

  it('says the row in words with who or what caused it', () => {
    const store = filled();
    const at = T0 + 3 * DAY;
    const around = store.log({ from: at, to: at + 1, kinds: ['action', 'connection', 'poller'] }, NOW).entries;
    expect(around.map((e) => [e.kind, e.cause, e.message])).toEqual([
      ['poller', 'poll', 'The server asked to slow down: polling paused for 30 s.'],
      ['connection', 'connection', 'Sign in again to keep watching these rooms.'],
      ['action', 'user', 'Mute failed: the room did not answer.'],
    ]);
    expect(around[2]?.action).toEqual({ action: 'mute', result: 'failed' });
    const first = allEntries(store, NOW, { room: room(0) })[0];
    expect(first?.state?.from.monitored).toBe(false);
    expect(first?.cause === 'poll' || first?.cause === 'action').toBe(true);
    expect(HOUR).toBeGreaterThan(0);
  });
});
