// The preview bridge's limits per page, with a core whose answers the test releases and a manual clock:
// calls beyond the in-flight cap are refused with 'busy', a heartbeat goes to every page every second, a
// page that answers no ping is closed, an oversized message closes its socket, pages are capped.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bridgeClose, bridgeTiming, maxBridgeMessageBytes, ok, type Result } from '../../../contract/index.ts';
import type { Core, EventSink } from '../../../main/core.ts';
import { startPreviewHost, type PreviewHost } from '../../../main/preview/host.ts';
import { ManualClock } from '../../helpers/manual-clock.ts';

/** A core that answers a call only when the test says so. */
function heldCore() {
  const held: Array<() => void> = [];
  const sinks = new Set<EventSink>();
  const core: Core = {
    dispatch: (channel) => new Promise<Result<unknown>>((resolve) => held.push(() => resolve(ok({ channel })))),
    subscribe(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    whenIdle: async () => undefined,
    dispose: async () => undefined,
  };
  return { core, held, release: () => held.splice(0).forEach((answer) => answer()) };
}

let host: PreviewHost | null = null;
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) if (ws.readyState === WebSocket.OPEN) ws.terminate();
  await host?.close();
  host = null;
});

function connect(target: PreviewHost, options: WebSocket.ClientOptions = {}): WebSocket {
  const ws = new WebSocket(`${target.origin.replace('http', 'ws')}/bridge?token=${target.token}`, { origin: target.origin, ...options });
  ws.on('error', () => undefined); // refusals are asserted through their events
  sockets.push(ws);
  return ws;
}
const opened = (ws: WebSocket) => new Promise<void>((resolve, reject) => (ws.once('open', () => resolve()), ws.once('error', reject)));
const closedWith = (ws: WebSocket) => new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));

/** Every message the page received, parsed. */
function inbox(ws: WebSocket): Array<Record<string, unknown>> {
  const messages: Array<Record<string, unknown>> = [];
  ws.on('message', (data) => messages.push(JSON.parse(data.toString()) as Record<string, unknown>));
  return messages;
}
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
}

describe('the preview bridge per page', () => {
  it('refuses calls beyond the in-flight cap with a typed error, answers the rest and keeps the page', async () => {
    const { core, held, release } = heldCore();
    host = await startPreviewHost({ core, rendererDir: '.', flow: { maxInFlight: 4 } });
    const ws = connect(host);
    const messages = inbox(ws);
    await opened(ws);
    for (let id = 1; id <= 6; id++) ws.send(JSON.stringify({ id, channel: 'app.info' }));
    await until(() => messages.length === 2);
    expect(messages.map((m) => m['id'])).toEqual([5, 6]);
    expect(messages[0]).toMatchObject({ ok: false, error: { code: 'busy' } });
    expect(held).toHaveLength(4);
    release();
    await until(() => messages.length === 6);
    expect(messages.slice(2).map((m) => [m['id'], m['ok']])).toEqual([[1, true], [2, true], [3, true], [4, true]]);
    // Room again once the answers went out.
    ws.send(JSON.stringify({ id: 7, channel: 'app.info' }));
    await until(() => held.length === 1);
    expect(ws.readyState).toBe(WebSocket.OPEN);
  });

  it('sends every page a heartbeat each second', async () => {
    const clock = new ManualClock();
    host = await startPreviewHost({ core: heldCore().core, rendererDir: '.', clock });
    const ws = connect(host);
    const messages = inbox(ws);
    await opened(ws);
    clock.advance(bridgeTiming.heartbeatMs);
    await until(() => messages.length === 1);
    clock.advance(bridgeTiming.heartbeatMs);
    await until(() => messages.length === 2);
    expect(messages).toEqual([{ heartbeat: 1 }, { heartbeat: 2 }]);
  });

  it('closes a page that answers no ping, and keeps one that does', async () => {
    const clock = new ManualClock();
    host = await startPreviewHost({ core: heldCore().core, rendererDir: '.', clock, flow: { silentPageMs: 5_000 } });
    const mute = connect(host, { autoPong: false });
    const alive = connect(host);
    const aliveInbox = inbox(alive);
    await Promise.all([opened(mute), opened(alive)]);
    const closed = closedWith(mute);
    for (let beat = 1; beat <= 7; beat++) {
      clock.advance(bridgeTiming.heartbeatMs);
      await until(() => aliveInbox.length === beat); // its pong is back before the next beat
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(await closed).toEqual({ code: bridgeClose.silent.code, reason: bridgeClose.silent.reason });
    expect(alive.readyState).toBe(WebSocket.OPEN);
  });

  it('closes the socket of a message bigger than the cap (1009), and the host goes on', async () => {
    host = await startPreviewHost({ core: heldCore().core, rendererDir: '.' });
    const big = connect(host);
    await opened(big);
    const closed = closedWith(big);
    big.send(JSON.stringify({ id: 1, channel: 'app.info', payload: 'x'.repeat(maxBridgeMessageBytes) }));
    expect((await closed).code).toBe(1009);
    const next = connect(host);
    await opened(next);
  });

  it('sends back the id of a malformed request only when a valid request could carry it', async () => {
    host = await startPreviewHost({ core: heldCore().core, rendererDir: '.' });
    const ws = connect(host);
    const messages = inbox(ws);
    await opened(ws);
    ws.send(JSON.stringify({ id: 'x'.repeat(10_000) }));
    ws.send(JSON.stringify({ id: 'short' }));
    await until(() => messages.length === 2);
    expect(messages.map((m) => m['id'])).toEqual([null, 'short']);
    expect(messages[0]).toMatchObject({ ok: false, error: { code: 'bad_message' } });
  });

  it('serves at most maxPages pages at once', async () => {
    host = await startPreviewHost({ core: heldCore().core, rendererDir: '.', maxPages: 2 });
    const [a, b] = [connect(host), connect(host)];
    await Promise.all([opened(a!), opened(b!)]);
    const third = connect(host);
    const status = await new Promise<number>((resolve) => third.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(503);
    a!.close();
    await closedWith(a!);
    const fourth = connect(host);
    await opened(fourth);
  });
});
