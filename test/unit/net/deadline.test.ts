// The total deadline of a request, on the Clock port: a server that drips its answer (so no between-chunk
// timeout fires) is cut off at the deadline with a timeout in words, by HttpClient and by the poll's
// FastGet alike; a request still waiting for a pooled connection is cut off too; the caller's own signal
// still cancels; and an answer that is in stops the timer.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Agent } from 'undici';
import { z } from 'zod';
import type { HttpError } from '../../../main/net/errors.ts';
import { HttpClient } from '../../../main/net/http.ts';
import { FastGet } from '../../../main/relay/fast-get.ts';
import { ManualClock } from '../../helpers/manual-clock.ts';

const schema = z.object({ callState: z.string() });
let server: Server;
let base: string;
let host: string;
let agent: Agent;
let clock: ManualClock;
let arrived: number;
const drips = new Set<NodeJS.Timeout>();

beforeEach(async () => {
  arrived = 0;
  server = createServer((req, res: ServerResponse) => {
    arrived++;
    if (req.url === '/ok') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"callState":"active"}');
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
    const t = setInterval(() => res.write(' '), 50);
    drips.add(t);
    res.on('close', () => clearInterval(t));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  base = `http://${host}`;
  agent = new Agent({ connections: 1 });
  clock = new ManualClock();
});
afterEach(async () => {
  for (const t of drips) clearInterval(t);
  await agent.destroy();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const until = async (test: () => boolean): Promise<void> => {
  while (!test()) await new Promise((r) => setTimeout(r, 5));
};
const failure = (p: Promise<unknown>): Promise<HttpError> => p.then(() => Promise.reject(new Error('expected a failure')), (e: HttpError) => e);

describe('a total deadline per request', () => {
  it('HttpClient: a dripping answer ends at the deadline, as a timeout in words', async () => {
    const http = new HttpClient({ dispatcher: agent, timeoutMs: 1_000, deadlineMs: 8_000 }, { clock });
    const pending = failure(http.request({ method: 'GET', base, path: '/drip', schema }));
    await until(() => arrived === 1);
    clock.advance(7_999);
    await new Promise((r) => setTimeout(r, 100)); // a few drips: still going
    clock.advance(1);
    const e = await pending;
    expect([e.code, e.message]).toEqual(['timeout', `${host} did not answer within 8 s.`]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('HttpClient: a request sets its own deadline; the caller’s signal still cancels', async () => {
    const http = new HttpClient({ dispatcher: agent, timeoutMs: 1_000 }, { clock });
    const own = failure(http.request({ method: 'GET', base, path: '/drip', schema, deadlineMs: 2_500 }));
    await until(() => arrived === 1);
    clock.advance(2_500);
    expect((await own).message).toBe(`${host} did not answer within 2.5 s.`);
    const controller = new AbortController();
    const cancelled = failure(http.request({ method: 'GET', base, path: '/drip', schema, signal: controller.signal }));
    await until(() => arrived === 2);
    controller.abort();
    expect((await cancelled).code).toBe('cancelled');
    expect(clock.pendingTimers()).toBe(0);
  });

  it('FastGet: a dripping status poll ends at its deadline; one queued behind it for the only connection too', async () => {
    const fast = new FastGet({ dispatcher: agent, maxBodyBytes: 8192, clock });
    const first = failure(fast.get({ base, path: '/drip', headers: {}, schema, timeoutMs: 1_000, deadlineMs: 6_000 }));
    await until(() => arrived === 1);
    clock.advance(3_000);
    // The agent has one connection, held by the drip: this one waits for it.
    const queued = failure(fast.get({ base, path: '/ok', headers: {}, schema, timeoutMs: 1_000, deadlineMs: 2_000 }));
    clock.advance(2_000);
    expect([(await queued).code, (await queued).message]).toEqual(['timeout', `${host} did not answer within 2 s.`]);
    clock.advance(1_000);
    expect((await first).message).toBe(`${host} did not answer within 6 s.`);
    // The queued one was never sent once its time was up.
    expect(await fast.get({ base, path: '/ok', headers: {}, schema, timeoutMs: 1_000 })).toEqual({ callState: 'active' });
    expect(arrived).toBe(2);
    expect(clock.pendingTimers()).toBe(0);
  });
});
