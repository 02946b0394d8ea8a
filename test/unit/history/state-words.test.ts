import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import {
  callOf,
  isDrop,
  isStale,
  isWatched,
  mutedOf,
  reachOf,
  statusOf,
  statusSql,
  UNSEEN,
  WHY,
  withCall,
  withMuted,
  withReach,
  withStale,
  withWatched,
} from '../../../main/history/state-codec.ts';
import { describeTransition, fragmentsMatchingSql } from '../../../main/history/words.ts';

const db = new DatabaseSync(':memory:');
const allStates = Array.from({ length: 256 }, (_, i) => i);

describe('a room state in one integer', () => {
  it('keeps every field apart', () => {
    let s = UNSEEN;
    s = withWatched(withStale(withReach(withMuted(withCall(s, 'in-call'), true), 'unreachable'), true), true);
    expect([callOf(s), mutedOf(s), reachOf(s), isStale(s), isWatched(s)]).toEqual(['in-call', true, 'unreachable', true, true]);
    s = withMuted(withReach(s, 'online'), null);
    expect([callOf(s), mutedOf(s), reachOf(s)]).toEqual(['in-call', null, 'online']);
  });

  it('derives the same status in JavaScript and in SQL for every value', () => {
    const sql = db.prepare(`SELECT ${statusSql('?')} AS s`);
    // SQLite binds the parameter once per occurrence: pass it as many times as the expression names it.
    const uses = (statusSql('?').match(/\?/g) ?? []).length;
    for (const v of allStates) expect((sql.get(...new Array<number>(uses).fill(v)) as { s: number }).s).toBe(statusOf(v));
  });

  it('calls a drop only a call that ends with the room going offline or unreachable, not by an action', () => {
    const inCall = withCall(withWatched(UNSEEN, true), 'in-call');
    const offline = withReach(withCall(inCall, 'unknown'), 'offline');
    const unreachable = withReach(inCall, 'unreachable');
    const idle = withCall(inCall, 'idle');
    expect(isDrop(inCall, offline, WHY.poll)).toBe(true);
    expect(isDrop(inCall, unreachable, WHY.poll)).toBe(true);
    expect(isDrop(inCall, idle, WHY.poll)).toBe(false);
    expect(isDrop(inCall, offline, WHY.action)).toBe(false);
    expect(isDrop(withReach(inCall, 'error'), offline, WHY.poll)).toBe(false);
  });
});

describe('state changes in words', () => {
  const watched = withWatched(UNSEEN, true);
  const idle = withCall(watched, 'idle');
  const inCall = withCall(watched, 'in-call');

  it('says what changed', () => {
    expect(describeTransition(UNSEEN, idle, WHY.poll, null, null)).toBe('Watching the room: idle.');
    expect(describeTransition(idle, withCall(idle, 'dialing'), WHY.poll, { id: '123', title: 'Stand-up' }, null)).toBe('Dialing: "Stand-up" (123).');
    expect(describeTransition(inCall, withMuted(inCall, true), WHY.action, null, null)).toBe('Microphone muted.');
    expect(describeTransition(inCall, withReach(withCall(inCall, 'unknown'), 'offline'), WHY.poll, null, null)).toBe('Call dropped. Went offline: Relay cannot reach the room.');
    expect(describeTransition(idle, withWatched(idle, false), WHY.app, null, 'Relay Console was not running.')).toBe('No longer watched. Relay Console was not running.');
  });

  it('finds by text exactly the rows whose message holds it (SQL and JavaScript agree)', () => {
    // Every pair of a set of states that covers each field's values, under each cause.
    const sample = allStates.filter((v) => v % 5 === 0 || v < 16 || v === 0xc6);
    db.exec('CREATE TABLE t (kind INTEGER, a INTEGER, b INTEGER, why INTEGER)');
    const insert = db.prepare('INSERT INTO t VALUES (0, ?, ?, ?)');
    db.exec('BEGIN');
    for (const a of sample) for (const b of sample) for (const why of [WHY.poll, WHY.action]) insert.run(a, b, why);
    db.exec('COMMIT');
    const messages = new Map<string, string>();
    for (const a of sample) for (const b of sample) for (const why of [WHY.poll, WHY.action]) messages.set(`${a}/${b}/${why}`, describeTransition(a, b, why, null, null).toLowerCase());
    for (const text of ['offline', 'MUTED', 'unmuted', 'in a call', 'dropped', 'back online', 'stale', 'watching the room: dialing', 'no longer', 'unreachable', 'error']) {
      const where = fragmentsMatchingSql(text);
      expect(where, text).not.toBeNull();
      const found = db.prepare(`SELECT a, b, why FROM t WHERE ${where as string}`).all() as { a: number; b: number; why: number }[];
      const bySql = new Set(found.map((r) => `${r.a}/${r.b}/${r.why}`));
      const byWords = [...messages].filter(([, m]) => m.includes(text.toLowerCase())).map(([k]) => k);
      expect([...bySql].sort(), text).toEqual(byWords.sort());
    }
    expect(fragmentsMatchingSql('a word no message has')).toBeNull();
  });
});
