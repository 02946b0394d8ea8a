import { describe, expect, it } from 'vitest';
import { Scheduler, type PollTask } from '../../../main/poller/scheduler.ts';
import { FakeClock } from './fake-clock.ts';

const HOST = 'https://relay.example';
/** A limit of 2.2 a second: one request every 500 ms (budgetSpacingMs), round numbers for the tests of the order. */
const EVERY_500_MS = 2.2;

interface Probe extends PollTask {
  name: string;
  sentAt: number[];
}

function task(name: string, due: number, cls: number, sink: { name: string; at: number }[], clock: FakeClock, hold?: Promise<void>): Probe {
  const t: Probe = {
    name,
    host: HOST,
    cls,
    due,
    heapIndex: -1,
    sentAt: [],
    run: async () => {
      t.sentAt.push(clock.now());
      sink.push({ name, at: clock.now() });
      await hold;
    },
  };
  return t;
}

function setup(budget: number | null, maxInFlight = 8) {
  const clock = new FakeClock(0);
  const lateness: number[] = [];
  const s = new Scheduler({ clock, classes: 5, onDispatch: (_t, late) => lateness.push(late) });
  s.setHost(HOST, { budgetPerSec: budget, maxInFlight });
  return { clock, s, lateness, sent: [] as { name: string; at: number }[] };
}

describe('Scheduler', () => {
  it('without a budget sends each task at its due time, with one timer armed', async () => {
    const { clock, s, lateness, sent } = setup(null);
    for (let i = 0; i < 100; i++) s.schedule(task(`t${i}`, 1_000 + i * 37, 4, sent, clock));
    await clock.advance(0);
    expect(clock.pending()).toBeLessThanOrEqual(1 + 0);
    await clock.advance(10_000);
    expect(sent).toHaveLength(100);
    expect(Math.max(...lateness)).toBeLessThanOrEqual(0);
    for (const [i, e] of sent.entries()) expect(e.at).toBe(1_000 + i * 37);
    s.dispose();
  });

  it('never exceeds the budget, and serves higher classes first, earliest due first within a class', async () => {
    const { clock, s, sent } = setup(2);
    for (let i = 0; i < 50; i++) s.schedule(task(`rest${i}`, i, 4, sent, clock));
    s.schedule(task('active-late', 900, 3, sent, clock));
    s.schedule(task('active-early', 100, 3, sent, clock));
    s.schedule(task('focus', 950, 1, sent, clock));
    await clock.advance(10_000);
    // Relay's limit of 2 a second: 1 token at start, then one every 550 ms (never 3 within 1,100 ms).
    expect(sent).toHaveLength(1 + Math.floor(10_000 / 550));
    for (let i = 2; i < sent.length; i++) expect(sent[i]!.at - sent[i - 2]!.at).toBeGreaterThanOrEqual(1_100);
    const order = sent.map((e) => e.name);
    // A due task goes before one of a higher class that is not due yet; once both are due, the class wins.
    expect(order.indexOf('active-early')).toBeLessThan(order.indexOf('focus'));
    expect(order.indexOf('focus')).toBeLessThan(order.indexOf('active-late'));
    expect(order.indexOf('active-late')).toBeLessThan(order.indexOf('rest10'));
    // Within a class: earliest due first (fair stretch).
    const rest = order.filter((n) => n.startsWith('rest')).map((n) => Number(n.slice(4)));
    expect(rest).toEqual([...rest].sort((a, b) => a - b));
    s.dispose();
  });

  it('caps requests in flight and continues as they finish', async () => {
    const { clock, s, sent } = setup(null, 3);
    let release!: () => void;
    const hold = new Promise<void>((r) => (release = r));
    for (let i = 0; i < 10; i++) s.schedule(task(`t${i}`, 0, 4, sent, clock, hold));
    await clock.advance(1_000);
    expect(sent).toHaveLength(3);
    expect(s.inFlight()).toBe(3);
    release();
    await clock.advance(1);
    expect(sent).toHaveLength(10);
    await s.whenIdle();
    expect(s.inFlight()).toBe(0);
    s.dispose();
  });

  it('sends nothing to a paused host before the pause ends', async () => {
    const { clock, s, sent } = setup(null);
    s.pauseHost(HOST, 5_000);
    s.schedule(task('a', 100, 4, sent, clock));
    await clock.advance(4_999);
    expect(sent).toHaveLength(0);
    expect(s.hosts()[0]?.pausedUntil).toBe(5_000);
    await clock.advance(1);
    expect(sent.map((e) => e.at)).toEqual([5_000]);
    s.dispose();
  });

  it('runs urgent jobs first, inside the budget, even when polling is paused', async () => {
    const { clock, s, sent } = setup(EVERY_500_MS);
    for (let i = 0; i < 5; i++) s.schedule(task(`rest${i}`, 0, 4, sent, clock));
    await clock.advance(0);
    expect(sent).toHaveLength(1);
    s.setPaused(true);
    const done = s.urgent(HOST, async () => {
      sent.push({ name: 'urgent', at: clock.now() });
      return 42;
    });
    await clock.advance(2_000);
    await expect(done).resolves.toBe(42);
    expect(sent.map((e) => e.name)).toEqual(['rest0', 'urgent']);
    expect(sent[1]!.at).toBe(500);
    s.setPaused(false);
    await clock.advance(2_000);
    expect(sent.map((e) => e.name).slice(2)).toEqual(['rest1', 'rest2', 'rest3', 'rest4']);
    s.dispose();
  });

  it('moves a task between classes and unschedules it', async () => {
    const { clock, s, sent } = setup(null);
    const a = task('a', 1_000, 4, sent, clock);
    s.schedule(a);
    a.cls = 1;
    a.due = 500;
    s.schedule(a);
    expect(s.hosts()[0]?.queued).toBe(1);
    const b = task('b', 700, 4, sent, clock);
    s.schedule(b);
    s.unschedule(b);
    await clock.advance(2_000);
    expect(sent).toEqual([{ name: 'a', at: 500 }]);
    s.dispose();
  });

  it('fails waiting urgent jobs when the host is removed', async () => {
    const { clock, s } = setup(1);
    await s.urgent(HOST, async () => 1);
    const waiting = s.urgent(HOST, async () => 2);
    s.removeHost(HOST);
    await expect(waiting).rejects.toThrow('host removed');
    await clock.advance(5_000);
    s.dispose();
  });

  it('keeps going when a task throws', async () => {
    const { clock, s, sent } = setup(null);
    s.schedule({ host: HOST, cls: 4, due: 0, heapIndex: -1, run: () => Promise.reject(new Error('boom')) });
    s.schedule(task('after', 10, 4, sent, clock));
    await clock.advance(100);
    expect(sent.map((e) => e.name)).toEqual(['after']);
    s.dispose();
  });

  it('orders due tasks by due minus the class lead: near earliest-due-first, strict at the ends', async () => {
    const clock = new FakeClock(0);
    const sent: { name: string; at: number }[] = [];
    const s = new Scheduler({ clock, classes: 4, leadMs: [1e12, 500, 0, -1e12] });
    s.setHost(HOST, { budgetPerSec: EVERY_500_MS, maxInFlight: 8 });
    s.schedule(task('first-token', 0, 2, sent, clock));
    s.schedule(task('active-late', 100, 2, sent, clock)); // due 100, lead 0
    s.schedule(task('dialing', 300, 1, sent, clock)); // due 300 − 500 = −200: goes before active-late
    s.schedule(task('active-later', 450, 2, sent, clock));
    s.schedule(task('dialing-much-later', 1_300, 1, sent, clock)); // 800 > 450: after active-later
    s.schedule(task('system', 1_400, 0, sent, clock)); // strictly first once due
    s.schedule(task('background', 0, 3, sent, clock)); // strictly last
    await clock.advance(5_000);
    // Tokens at 0, 500, 1000, …: at 1500 the system task is due and goes first whatever else waits.
    expect(sent.map((e) => e.name)).toEqual(['first-token', 'dialing', 'active-late', 'system', 'active-later', 'dialing-much-later', 'background']);
    s.dispose();
  });

  it('under a budget, keeps a token for a foreground task due before the next token rather than give it to the background', async () => {
    const clock = new FakeClock(0);
    const sent: { name: string; at: number }[] = [];
    const s = new Scheduler({ clock, classes: 2, leadMs: [0, -1e12] });
    s.setHost(HOST, { budgetPerSec: EVERY_500_MS, maxInFlight: 8 });
    s.schedule(task('background-1', 0, 1, sent, clock));
    s.schedule(task('background-2', 0, 1, sent, clock));
    s.schedule(task('foreground', 700, 0, sent, clock));
    await clock.advance(3_000);
    // t=0 background-1 takes the first token; at 500 the next token would go to background-2, but the
    // foreground task is due at 700 (< 500 + 500): the token waits for it.
    expect(sent).toEqual([
      { name: 'background-1', at: 0 },
      { name: 'foreground', at: 700 },
      { name: 'background-2', at: 1_200 },
    ]);
    s.dispose();
  });
  it('under a budget, sends a task of a share tier a little early rather than leave a token idle, but never a slot', async () => {
    const clock = new FakeClock(0);
    const sent: { name: string; at: number }[] = [];
    // Class 0: slots (tier 2); class 1: a class with a share (tier 1); class 2: the background (tier 0).
    const s = new Scheduler({ clock, classes: 3, leadMs: [0, 0, -1e12], tiers: [2, 1, 0] });
    s.setHost(HOST, { budgetPerSec: EVERY_500_MS, maxInFlight: 8 });
    s.schedule(task('first', 0, 2, sent, clock));
    s.schedule(task('share', 800, 1, sent, clock)); // due within one spacing of the token at 500
    s.schedule(task('background', 0, 2, sent, clock));
    s.schedule(task('slot', 1_300, 0, sent, clock)); // due within one spacing of the token at 1000
    s.schedule(task('background-2', 0, 2, sent, clock));
    await clock.advance(3_000);
    // At 500 the share task goes early (at 800 the token would have idled 300 ms, and the background
    // would wait anyway); at 1000 the token waits for the slot at 1300 instead of the background.
    expect(sent).toEqual([
      { name: 'first', at: 0 },
      { name: 'share', at: 500 },
      { name: 'slot', at: 1_300 },
      { name: 'background', at: 1_800 },
      { name: 'background-2', at: 2_300 },
    ]);
    s.dispose();
  });

  it('under a budget, keeps a token for a higher tier (slots) due before the next token', async () => {
    const clock = new FakeClock(0);
    const sent: { name: string; at: number }[] = [];
    // Class 0: slots (tier 2); class 1: a class with a share (tier 1), due earlier and with a bigger lead.
    const s = new Scheduler({ clock, classes: 2, leadMs: [0, 1_000], tiers: [2, 1] });
    s.setHost(HOST, { budgetPerSec: EVERY_500_MS, maxInFlight: 8 });
    s.schedule(task('slot-0', 0, 0, sent, clock));
    s.schedule(task('share', 100, 1, sent, clock));
    s.schedule(task('slot-520', 520, 0, sent, clock));
    s.schedule(task('slot-1040', 1_040, 0, sent, clock));
    await clock.advance(3_000);
    // At 500 the token could go to the share task (due 100), but slot-520 falls due before the next token
    // would come (1000): it waits; at 520 both are due and the higher tier goes first; so at 1040. The share
    // task takes the next token no slot needs.
    expect(sent).toEqual([
      { name: 'slot-0', at: 0 },
      { name: 'slot-520', at: 520 },
      { name: 'slot-1040', at: 1_040 },
      { name: 'share', at: 1_540 },
    ]);
    s.dispose();
  });
});
