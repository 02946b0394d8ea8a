// The poller bar's words: a host by its connections' names (it used to say "Polling 127.0.0.1:40345"),
// the rate against its limit, and what the server asked for, with the time left.
import { describe, expect, it } from 'vitest';
import type { PollerStatus } from '../../../contract/index.ts';
import { hostLabel, hostNotice, hostRate } from '../../../renderer/src/rooms/poller-words.ts';

type Host = PollerStatus['hosts'][number];
const host = (over: Partial<Host> = {}): Host => ({
  origin: 'http://127.0.0.1:40345',
  budgetPerSec: 2,
  usedPerSec: 1.81,
  pausedUntil: null,
  names: ['Demo rooms (simulator)'],
  askedWaitSec: null,
  slowDown: null,
  ...over,
});

describe('poller bar words', () => {
  it('names a host by its connections, never by its address', () => {
    expect(hostLabel(host())).toBe('Demo rooms (simulator)');
    expect(hostLabel(host({ names: ['HQ', 'Lab'] }))).toBe('HQ and Lab');
    expect(hostLabel(host({ names: ['HQ', 'Lab', 'Annex', 'Depot'] }))).toBe('HQ and 3 more');
    for (const h of [host(), host({ names: [] })]) expect(hostLabel(h)).not.toMatch(/127\.0\.0\.1|\d{4,5}|http/);
  });

  it('gives the rate against the limit', () => {
    expect(hostRate(host())).toBe('1.8 of 2 requests a second');
    expect(hostRate(host({ budgetPerSec: null, usedPerSec: 3.24 }))).toBe('3.2 requests a second (no limit)');
  });

  it('says what the server asked to wait, with the time left, and that a huge wait is capped', () => {
    const now = 1_000_000;
    expect(hostNotice(host(), now)).toBeNull();
    expect(hostNotice(host({ pausedUntil: now + 6_200, askedWaitSec: 7 }), now)).toBe('The server asked to wait 7 s: polling again in 7 s.');
    expect(hostNotice(host({ pausedUntil: now + 112_000, askedWaitSec: 99_999_999 }), now)).toBe(
      'The server asked to wait 99999999 s (Relay Console waits at most 120 s, then tries once): polling again in 112 s.',
    );
    // After the wait, while the episode lasts.
    const episode = hostNotice(host({ slowDown: { count: 3, since: now - 5_000 } }), now);
    expect(episode).toMatch(/^The server asked to slow down 3 times since /);
    expect(hostNotice(host({ pausedUntil: now - 1, slowDown: { count: 1, since: now - 5_000 } }), now)).toMatch(/slow down once/);
  });
});
