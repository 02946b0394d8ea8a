// The page's link to the preview host (preload/bridge-link.ts) over fake sockets and a manual clock: it
// notices a silent host within 5 s, reconnects with a capped backoff, and gives up only when the host says
// the key is not this run's.
import { describe, expect, it } from 'vitest';
import type { AppLink } from '../../../contract/index.ts';
import { bridgeTiming } from '../../../contract/index.ts';
import { linkTiming, linkWords, startLink, type KeyCheck, type LinkSocket } from '../../../preload/bridge-link.ts';
import { ManualClock, settle } from '../../helpers/manual-clock.ts';

const lost = { state: 'lost', message: linkWords.lost };

class FakeSocket implements LinkSocket {
  readonly sent: string[] = [];
  closed = false;
  readonly #listeners = new Map<string, Array<(event: { data: unknown }) => void>>();
  send(data: string): void {
    this.sent.push(data);
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close');
  }
  addEventListener(type: string, listener: (event: { data: unknown }) => void): void {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
  }
  emit(type: 'open' | 'close' | 'message', data: unknown = undefined): void {
    for (const listener of this.#listeners.get(type) ?? []) listener({ data });
  }
}

function harness(options: { key?: boolean; check?: () => KeyCheck } = {}) {
  const clock = new ManualClock();
  const sockets: FakeSocket[] = [];
  const changes: AppLink[] = [];
  const messages: string[] = [];
  let check = options.check ?? ((): KeyCheck => 'unreachable');
  const link = startLink({
    open:
      options.key === false
        ? null
        : () => {
            const ws = new FakeSocket();
            sockets.push(ws);
            return ws;
          },
    checkKey: async () => check(),
    timers: clock,
    random: () => 1,
    onMessage: (text) => messages.push(text),
    onChange: (state) => changes.push(state),
  });
  const last = (): FakeSocket => sockets[sockets.length - 1]!;
  return { clock, sockets, changes, messages, link, last, setCheck: (next: () => KeyCheck) => (check = next) };
}

describe('the preview bridge link', () => {
  it('goes live when the socket opens, and passes on every message but the heartbeat', async () => {
    const h = harness();
    const waiting = h.link.socket();
    h.last().emit('open');
    expect(await waiting).toBe(h.last());
    h.last().emit('message', '{"heartbeat":1}');
    h.last().emit('message', '{"event":"rooms.diff","payload":{}}');
    expect(h.changes).toEqual([{ state: 'live' }]);
    expect(h.messages).toEqual(['{"event":"rooms.diff","payload":{}}']);
  });

  it('a host that falls silent is lost within 5 s, and every heartbeat keeps it live', async () => {
    const h = harness();
    h.last().emit('open');
    for (let i = 0; i < 20; i++) {
      h.clock.advance(bridgeTiming.heartbeatMs);
      h.last().emit('message', `{"heartbeat":${i}}`);
    }
    expect(h.changes).toEqual([{ state: 'live' }]);
    // Silence from here on: a frozen host keeps the socket open and says nothing.
    h.clock.advance(bridgeTiming.pageSilenceMs - 1);
    expect(h.changes).toEqual([{ state: 'live' }]);
    h.clock.advance(5_000 - bridgeTiming.pageSilenceMs);
    expect(h.changes).toEqual([{ state: 'live' }, lost]);
    expect(h.sockets[0]!.closed).toBe(true);
    expect(h.link.current()).toEqual(lost);
  });

  it('a closed socket is lost at once; retries double up to the cap and go live when the host is back', async () => {
    const h = harness();
    h.last().emit('open');
    h.last().close();
    expect(h.changes.at(-1)).toEqual(lost);
    const gaps: number[] = [];
    let at = h.clock.now();
    for (let i = 0; i < 6; i++) {
      const count = h.sockets.length;
      while (h.sockets.length === count) h.clock.advance(50);
      gaps.push(h.clock.now() - at);
      at = h.clock.now();
      h.last().close(); // the host is still down
      await settle();
    }
    expect(gaps).toEqual([500, 1000, 2000, 4000, 5000, 5000].map((ms) => Math.ceil(ms / 50) * 50));
    h.clock.advance(linkTiming.maxRetryMs);
    h.last().emit('open');
    expect(h.changes.at(-1)).toEqual({ state: 'live' });
    // After a success the backoff starts again from the first delay.
    h.last().close();
    const count = h.sockets.length;
    h.clock.advance(linkTiming.firstRetryMs);
    expect(h.sockets.length).toBe(count + 1);
  });

  it('an attempt that neither opens nor fails in time counts as failed (a frozen host)', async () => {
    const h = harness();
    h.clock.advance(linkTiming.openTimeoutMs);
    await settle();
    expect(h.sockets[0]!.closed).toBe(true);
    expect(h.changes).toEqual([lost]);
  });

  it('gives up with "restarted" when the host no longer knows the key, and tries no more', async () => {
    const h = harness();
    h.last().emit('open');
    h.setCheck(() => 'refused');
    h.last().close();
    h.clock.advance(linkTiming.maxRetryMs);
    h.last().close(); // the new host refuses the old key
    await settle();
    expect(h.changes).toEqual([{ state: 'live' }, lost, { state: 'refused', why: 'restarted', message: linkWords.restarted }]);
    const count = h.sockets.length;
    h.clock.advance(60_000);
    expect(h.sockets.length).toBe(count);
    expect(await h.link.socket()).toBeNull();
  });

  it('a page without a key is refused at once and opens nothing', async () => {
    const h = harness({ key: false });
    expect(h.changes).toEqual([{ state: 'refused', why: 'no-key', message: linkWords['no-key'] }]);
    expect(await h.link.socket()).toBeNull();
  });
});
