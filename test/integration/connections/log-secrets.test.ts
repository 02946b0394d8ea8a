// The log as the app writes it (the core's scrubbing logger over the console logger), captured over a
// whole run against the simulator: a browser sign-in, polling, failures (a gateway error page, wrong
// credentials, every token expired and renewed, a revoke the server refuses), and a removal. The error
// codes are there to read; not one of the run's secrets is: what was typed, the authorization code, and
// every token the servers handed out.
import { afterEach, describe, expect, it } from 'vitest';
import { Agent, type Dispatcher } from 'undici';
import type { ConnectionView, RoomsSnapshot } from '../../../contract/index.ts';
import { createCore, type Core } from '../../../main/core.ts';
import { consoleLogger } from '../../../main/log/console-logger.ts';
import { createMemorySettingsStore } from '../../../main/vault/conf-store.ts';
import { startSim, type RunningSim } from '../../../sim/index.ts';
import { fakeCipher } from '../../helpers/fake-cipher.ts';
import { completeSignIn } from './harness.ts';

const host = { kind: 'preview' as const, version: '0', platform: 'linux', electronVersion: null };

/** Keeps a copy of every answer body the app's grant client receives (the tokens it was given). */
function recordBodies(out: Buffer[]): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) => (opts, handler) =>
    dispatch(opts, {
      onRequestStart: (c, ctx) => handler.onRequestStart?.(c, ctx),
      onRequestUpgrade: (c, s, h, socket) => handler.onRequestUpgrade?.(c, s, h, socket),
      onResponseStart: (c, s, h, m) => handler.onResponseStart?.(c, s, h, m),
      onResponseData: (c, chunk) => {
        out.push(Buffer.from(chunk));
        handler.onResponseData?.(c, chunk);
      },
      onResponseEnd: (c, t) => handler.onResponseEnd?.(c, t),
      onResponseError: (c, e) => handler.onResponseError?.(c, e),
    });
}

/** Every string value under a key that names a credential, in JSON answers. */
function tokensIn(bodies: Buffer[]): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (typeof x === 'string' && /token|secret|code/i.test(k) && x.length >= 8) out.push(x);
        else walk(x);
      }
    }
  };
  for (const text of Buffer.concat(bodies).toString('utf8').split(/(?<=})(?={)/)) {
    try {
      walk(JSON.parse(text));
    } catch {
      // not JSON (an error page, an empty answer)
    }
  }
  return out;
}

let sim: RunningSim;
let core: Core;
let agent: Agent;
afterEach(async () => {
  await core?.dispose();
  await agent?.destroy();
  await sim?.close();
});

describe('the captured log of a whole run', () => {
  it('shows the error codes and none of the run’s secrets', async () => {
    sim = await startSim({ rooms: 6, seed: 11, port: 0 });
    const lines: string[] = [];
    const bodies: Buffer[] = [];
    const codes: string[] = [];
    agent = new Agent();
    const { app, admin } = sim.credentials;
    core = createCore({
      host,
      log: consoleLogger('test', (line) => void lines.push(line)),
      cipher: fakeCipher(),
      settings: createMemorySettingsStore(),
      startDemoSim: null,
      http: { dispatcher: agent.compose(recordBodies(bodies)) },
      openBrowser: {
        async open(url) {
          void completeSignIn(url, admin).then((page) => {
            const code = new URL(page.url).searchParams.get('code');
            if (code) codes.push(code);
          });
        },
      },
    });
    const bases = { api: sim.url, authorize: sim.url, relay: sim.url };
    const typed = { wrongPassword: 'Wrong-pass 2024!', wrongSecret: 'not the app secret #7' };

    // Sign in with the browser; the poller follows the connection.
    const added = await core.dispatch('connections.add', { kind: 'code', clientId: app.clientId, clientSecret: app.clientSecret, bases });
    expect(added.ok).toBe(true);
    const id = (added as { value: ConnectionView }).value.id;
    const rooms = async () => ((await core.dispatch('rooms.list', undefined)) as { value: RoomsSnapshot }).value.rooms;
    await expect.poll(async () => (await rooms()).filter((r) => r.call !== 'unknown' || r.reachability === 'offline').length, { timeout: 15_000 }).toBe(6);

    // Failures: wrong credentials, a gateway error page on a grant and on the status polls.
    expect(await core.dispatch('connections.add', { kind: 'password', username: admin.username, password: typed.wrongPassword, bases })).toMatchObject({ ok: false });
    expect(await core.dispatch('connections.add', { kind: 'client', clientId: app.clientId, clientSecret: typed.wrongSecret, bases })).toMatchObject({ ok: false });
    sim.control.faults.add({ match: { path: '/oauth2/token' }, kind: 'html', status: 502, count: 1 });
    expect(await core.dispatch('connections.add', { kind: 'client', clientId: app.clientId, clientSecret: app.clientSecret, bases })).toMatchObject({
      ok: false,
      error: { code: 'server_error' },
    });
    const fault = sim.control.faults.add({ match: { path: '/api/endpoints/status' }, kind: 'html', status: 503 });
    await expect.poll(() => lines.some((l) => l.includes('"status":503')), { timeout: 15_000 }).toBe(true);
    sim.control.faults.remove(fault);

    // Every token expires early: the poller's 401 renews through the refresh grant; the replaced Relay
    // token's deletion is refused by the server (its path, holding the token, is logged).
    sim.control.faults.add({ match: { path: '/api/auth/accesstokens/', method: 'DELETE' }, kind: 'status', status: 500, count: 1 });
    sim.control.tokens.expire();
    await expect.poll(() => lines.some((l) => l.includes('replaced relay token deleted')), { timeout: 20_000 }).toBe(true);
    await expect.poll(async () => (await rooms()).every((r) => r.error === null), { timeout: 15_000 }).toBe(true);
    expect(await core.dispatch('connections.remove', { id })).toMatchObject({ ok: true });

    const log = lines.join('');
    // The codes are readable.
    for (const code of ['server_error', 'unauthorized']) expect(log).toContain(`"code":"${code}"`);
    expect(log).toContain('"status":502');
    expect(log).toContain('"status":503');
    expect(log).toContain('"status":500');
    // And no secret of the run is.
    const secrets = [app.clientSecret, admin.password, typed.wrongPassword, typed.wrongSecret, ...codes, ...tokensIn(bodies)];
    expect(codes).toHaveLength(1);
    expect(new Set(tokensIn(bodies)).size).toBeGreaterThanOrEqual(5); // two Seam tokens, refresh tokens, two Relay tokens
    for (const secret of secrets) {
      expect(log.includes(secret), `a secret (${secret.slice(0, 3)}…) is in the log`).toBe(false);
      expect(log.includes(encodeURIComponent(secret))).toBe(false);
    }
  });
});
