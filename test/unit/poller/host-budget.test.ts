// The host budget as a strict server counts it: under Relay's default limit, no three requests to one host
// leave within 1,100 ms (1,000 ms window + 100 ms for network jitter), whatever mix of polls, urgent jobs,
// uncapped follow-ups, pauses and budget re-settings the scheduler is given.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetSpacingMs, defaultPollBudget, JITTER_MARGIN_MS, LIMIT_WINDOW_MS, RELAY_LIMIT_PER_SEC } from '../../../contract/index.ts';
import { TokenBucket, sendRatePerSec } from '../../../main/poller/budget.ts';
import { Scheduler, type PollTask } from '../../../main/poller/scheduler.ts';
import { FakeClock } from './fake-clock.ts';

const HOSTS = ['https://relay.example', 'https://other.example'];
const GUARD_MS = LIMIT_WINDOW_MS + JITTER_MARGIN_MS;

type Op =
  | { kind: 'poll'; host: number; at: number; due: number; cls: number; holdMs: number }
  | { kind: 'urgent'; host: number; at: number; holdMs: number; uncapped: boolean }
  | { kind: 'pause'; host: number; at: number; forMs: number }
  | { kind: 'setHost'; host: number; at: number; maxInFlight: number }
  | { kind: 'remove'; host: number; at: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('poll' as const), host: fc.nat(1), at: fc.nat(20_000), due: fc.nat(20_000), cls: fc.nat(4), holdMs: fc.nat(3_000) }),
  fc.record({ kind: fc.constant('urgent' as const), host: fc.nat(1), at: fc.nat(20_000), holdMs: fc.nat(3_000), uncapped: fc.boolean() }),
  fc.record({ kind: fc.constant('pause' as const), host: fc.nat(1), at: fc.nat(20_000), forMs: fc.nat(5_000) }),
  fc.record({ kind: fc.constant('setHost' as const), host: fc.nat(1), at: fc.nat(20_000), maxInFlight: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('remove' as const), host: fc.nat(1), at: fc.nat(20_000) }),
);

function sleep(clock: FakeClock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}

/** Runs the ops on a virtual clock; returns each host's send times. */
async function run(ops: Op[]): Promise<number[][]> {
  const clock = new FakeClock(0);
  const s = new Scheduler({ clock, classes: 5, tiers: [1, 1, 1, 0, 2], defaultHost: { budgetPerSec: defaultPollBudget, maxInFlight: 4 } });
  const sent: number[][] = HOSTS.map(() => []);
  const mark = (host: number) => sent[host]!.push(clock.now());
  for (const host of HOSTS) s.setHost(host, { budgetPerSec: defaultPollBudget, maxInFlight: 4 });
  const sorted = [...ops].sort((a, b) => a.at - b.at);
  for (const o of sorted) clock.setTimeout(() => apply(o), o.at);
  function apply(o: Op): void {
    const origin = HOSTS[o.host]!;
    switch (o.kind) {
      case 'poll': {
        const task: PollTask = {
          host: origin,
          cls: o.cls,
          due: o.due,
          heapIndex: -1,
          run: async () => {
            mark(o.host);
            await sleep(clock, o.holdMs);
          },
        };
        s.schedule(task);
        return;
      }
      case 'urgent':
        void s
          .urgent(
            origin,
            async () => {
              mark(o.host);
              await sleep(clock, o.holdMs);
            },
            { uncapped: o.uncapped },
          )
          .catch(() => undefined);
        return;
      case 'pause':
        s.pauseHost(origin, clock.now() + o.forMs);
        return;
      case 'setHost':
        s.setHost(origin, { budgetPerSec: defaultPollBudget, maxInFlight: o.maxInFlight });
        return;
      case 'remove':
        s.removeHost(origin);
        s.setHost(origin, { budgetPerSec: defaultPollBudget, maxInFlight: 4 });
        return;
    }
  }
  await clock.advance(60_000);
  s.dispose();
  return sent;
}

describe('host budget', () => {
  it('spaces requests 550 ms apart under Relay\'s limit: about 1.8 a second, 3 in no less than 1,100 ms', () => {
    expect(RELAY_LIMIT_PER_SEC).toBe(2);
    expect(budgetSpacingMs(RELAY_LIMIT_PER_SEC)).toBe(550);
    expect(sendRatePerSec(RELAY_LIMIT_PER_SEC)).toBeCloseTo(1.818, 3);
    expect(sendRatePerSec(null)).toBeNull();
    // A limit of 5 a second: 6 requests span at least 1,100 ms.
    expect(5 * budgetSpacingMs(5)).toBe(GUARD_MS);
  });

  it('a token bucket at that rate never lets two requests out closer than the spacing, whenever they are asked for', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(2_000), { maxLength: 200 }), (gaps) => {
        let now = 0;
        const bucket = new TokenBucket(sendRatePerSec(defaultPollBudget), now);
        const sent: number[] = [];
        for (const gap of gaps) {
          now += gap;
          if (bucket.tryTake(now)) sent.push(now);
          else expect(bucket.readyAt(now)).toBeGreaterThan(now);
        }
        for (let i = 1; i < sent.length; i++) expect(sent[i]! - sent[i - 1]!).toBeGreaterThanOrEqual(550);
      }),
    );
  });

  it('never sends 3 requests to one host within 1,100 ms, under any interleaving of polls, urgent jobs, pauses and re-settings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 60 }), async (ops) => {
        const sent = await run(ops);
        for (const times of sent) {
          for (let i = 2; i < times.length; i++) expect(times[i]! - times[i - 2]!).toBeGreaterThanOrEqual(GUARD_MS);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('uses the budget it has: a full queue goes out at one request every 550 ms', async () => {
    const ops: Op[] = Array.from({ length: 40 }, (_, i) => ({ kind: 'poll', host: 0, at: 0, due: i, cls: 4, holdMs: 10 }));
    const [times] = await run(ops);
    expect(times).toHaveLength(40);
    expect(new Set(times!.slice(1).map((t, i) => t - times![i]!))).toEqual(new Set([550]));
  });
});
