// A page that sends 20,000 requests and reads no reply must not grow the preview host without bound: the
// host stops reading it, closes it with a close code and a reason, and goes on serving other pages. The
// host runs in its own process so its RSS is the host's alone.
import { afterEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bridgeClose } from '../../../contract/index.ts';
import { startHostChild, type HostChild } from '../../helpers/preview-host-child.ts';

const MB = 1024 * 1024;
let host: HostChild | null = null;
afterEach(async () => {
  await host?.kill();
  host = null;
});

function openBridge(target: HostChild): Promise<WebSocket> {
  const ws = new WebSocket(`${target.origin.replace('http', 'ws')}/bridge?token=${target.token}`, { origin: target.origin });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, id: number, channel: string): Promise<{ ok: boolean }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const reply = JSON.parse(data.toString()) as { id?: unknown; ok: boolean };
      if (reply.id !== id) return;
      ws.off('message', onMessage);
      resolve(reply);
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, channel }));
  });
}

it('20,000 unread requests: the host stays bounded, closes that page and still serves others', async () => {
  // The demo rooms make every rooms.list reply full-size (24 rooms, ~17 KB), as on a real board.
  host = await startHostChild({ demo: true, stallMs: 300 });
  const before = await host.rss();

  const flood = await openBridge(host);
  const closed = new Promise<{ code: number; reason: string }>((resolve) => flood.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  flood.pause(); // reads nothing from here on
  for (let id = 1; id <= 20_000; id++) flood.send(JSON.stringify({ id, channel: 'rooms.list' }));

  const notice = await host.waitForLog((l) => l.log === 'bridge page closed');
  expect(notice.fields).toMatchObject({ code: bridgeClose.notReading.code });
  const after = await host.rss();
  // Once it reads again, the flooding page gets the close code and the reason.
  flood.resume();

  // Another page is served while the flooding one is being closed.
  const other = await openBridge(host);
  expect((await call(other, 1, 'app.info')).ok).toBe(true);
  other.close();

  expect(await closed).toEqual({ code: bridgeClose.notReading.code, reason: bridgeClose.notReading.reason });
  expect(after.maxRss - before.maxRss, `RSS ${Math.round(before.maxRss / MB)} → ${Math.round(after.maxRss / MB)} MB`).toBeLessThan(100 * MB);
}, 60_000);
