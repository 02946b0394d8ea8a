import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MockAgent } from 'undici';
import type { Capabilities } from '../../../contract/index.ts';
import { AppError } from '../../../main/ipc/app-error.ts';
import { type HttpError } from '../../../main/net/errors.ts';
import { HttpClient } from '../../../main/net/http.ts';
import { RelayClient, type RelayTokens } from '../../../main/relay/client.ts';
import { FastGet } from '../../../main/relay/fast-get.ts';

const ORIGIN = 'https://relay.example.test';
const admin: Capabilities = { canView: true, canControl: true, canProvision: true, zeroTouch: null };
const pairing: Capabilities = { canView: true, canControl: true, canProvision: false, zeroTouch: { endpointId: 'e1', pairingCodeId: 'p1' } };

let agent: MockAgent;
let renewals: string[];

function tokens(first = 'tok-1', next = 'tok-2'): RelayTokens {
  let current = first;
  return {
    getToken: async () => current,
    onUnauthorized: async (stale) => {
      renewals.push(stale);
      current = next;
      return current;
    },
  };
}

function client(caps: Capabilities = admin, t: RelayTokens = tokens()): RelayClient {
  const small = new HttpClient({ dispatcher: agent, maxBodyBytes: 4096 });
  const large = new HttpClient({ dispatcher: agent, maxBodyBytes: 1024 * 1024 });
  const fast = new FastGet({ dispatcher: agent, maxBodyBytes: 4096 });
  return new RelayClient({ base: ORIGIN, http: { small, large, fast }, tokens: t, capabilities: () => caps });
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a failure');
}

const json = { headers: { 'content-type': 'application/json' } };

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
  renewals = [];
});
afterEach(async () => {
  await agent.close();
});

describe('RelayClient', () => {
  it('sends the token in X-Access-Token only, and validates the status', async () => {
    agent
      .get(ORIGIN)
      .intercept({ path: '/api/endpoints/e1/status', method: 'GET', headers: { 'x-access-token': 'tok-1', accept: 'application/json' } })
      .reply(200, { endpointId: 'e1', callState: 'active', callActive: true, microphoneMuted: false, meetingId: 4085551212, extra: 'ignored', timestamp: 5 }, json);
    const status = await client().status('e1');
    expect(status).toEqual({ endpointId: 'e1', callState: 'active', callActive: true, microphoneMuted: false, meetingId: '4085551212', timestamp: 5 });
  });

  it('reads the bulk status, the calendar, the pre-join check and who is paired', async () => {
    const pool = agent.get(ORIGIN);
    pool.intercept({ path: '/api/endpoints/status', method: 'GET' }).reply(200, [{ endpointId: 'e1', timestamp: 1, callActive: false, reserved: true, callState: 'inactive' }], json);
    pool.intercept({ path: '/api/meetings/?endpoint=e1', method: 'GET' }).reply(200, [{ id: 'x', title: 'Standup', start: 1, end: 2, meetingId: '123', passcode: '' }], json);
    pool.intercept({ path: '/api/meetings/123/joinflow?passcode=99', method: 'GET' }).reply(200, '"GET_GOOD_PASSCODE"', json);
    pool.intercept({ path: '/api/endpoints/e1/paired', method: 'GET' }).reply(200, [{ username: 'pat', firstName: 'Pat', lastName: 'Lee', creationDate: 1, lastUpdated: 2 }], json);
    const c = client();
    expect(await c.bulkStatus()).toHaveLength(1);
    expect((await c.meetings('e1'))[0]).toMatchObject({ meetingId: '123', passcode: '' });
    expect(await c.joinFlow('123', '99')).toBe('GET_GOOD_PASSCODE');
    expect((await c.paired('e1'))[0]).toMatchObject({ firstName: 'Pat' });
  });

  it('posts join and control calls, accepting 204', async () => {
    const pool = agent.get(ORIGIN);
    pool.intercept({ path: '/api/endpoints/e1/join', method: 'POST', body: JSON.stringify({ meetingId: '123', passcode: '4321' }) }).reply(204, '');
    pool.intercept({ path: '/api/endpoints/e1/mutemicrophone', method: 'POST' }).reply(204, '');
    pool.intercept({ path: '/api/endpoints/e1/hangup', method: 'POST' }).reply(204, '');
    const c = client();
    await expect(c.join('e1', '123', '4321')).resolves.toBeUndefined();
    await expect(c.mute('e1')).resolves.toBeUndefined();
    await expect(c.hangUp('e1')).resolves.toBeUndefined();
  });

  it('renews once on a 401 and retries once', async () => {
    const pool = agent.get(ORIGIN);
    pool.intercept({ path: '/api/endpoints/e1/status', method: 'GET', headers: { 'x-access-token': 'tok-1' } }).reply(401, { errorName: 'BadCredentialsException', errorMessage: 'Not Authorized.' }, json);
    pool.intercept({ path: '/api/endpoints/e1/status', method: 'GET', headers: { 'x-access-token': 'tok-2' } }).reply(200, { callState: 'inactive' }, json);
    await expect(client().status('e1')).resolves.toMatchObject({ callState: 'inactive' });
    expect(renewals).toEqual(['tok-1']);
  });

  it('gives up after the retry is refused too', async () => {
    const pool = agent.get(ORIGIN);
    pool.intercept({ path: '/api/endpoints/e1/hangup', method: 'POST' }).reply(401, {}, json).times(2);
    const e = await failure(client().hangUp('e1'));
    expect(e.code).toBe('unauthorized');
    expect(renewals).toEqual(['tok-1']);
  });

  it('maps failures to typed errors with words', async () => {
    const pool = agent.get(ORIGIN);
    pool.intercept({ path: '/api/endpoints/e1/status', method: 'GET' }).reply(429, { errorName: 'TooManyRequests' }, { headers: { 'content-type': 'application/json', 'retry-after': '3' } });
    pool.intercept({ path: '/api/endpoints/e2/status', method: 'GET' }).reply(504, { errorName: 'ListenerOffline', errorMessage: 'The Listener Service is offline.' }, json);
    pool.intercept({ path: '/api/endpoints/e3/status', method: 'GET' }).reply(200, '{"callState": ', json);
    pool.intercept({ path: '/api/endpoints/e4/status', method: 'GET' }).reply(404, { errorName: 'EndpointNotFound' }, json);
    pool.intercept({ path: '/api/endpoints/e5/status', method: 'GET' }).reply(200, { callState: 42 }, json);
    pool.intercept({ path: '/api/endpoints/e6/status', method: 'GET' }).replyWithError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));
    pool.intercept({ path: '/api/endpoints/e7/status', method: 'GET' }).reply(200, 'x'.repeat(10_000), json);
    const c = client();
    const limited = await failure(c.status('e1'));
    expect(limited.code).toBe('rate_limited');
    expect((limited as HttpError).retryAfterMs).toBe(3_000);
    const offline = (await failure(c.status('e2'))) as HttpError;
    expect([offline.code, offline.serverCode]).toEqual(['server_error', 'ListenerOffline']);
    expect((await failure(c.status('e3'))).code).toBe('bad_response');
    const missing = await failure(c.status('e4'));
    expect(missing.code).toBe('not_found');
    expect(missing.message).toMatch(/does not know this room/);
    expect((await failure(c.status('e5'))).code).toBe('bad_response');
    expect((await failure(c.status('e6'))).code).toBe('offline');
    expect((await failure(c.status('e7'))).code).toBe('bad_response');
  });

  it('refuses calls the role does not allow before sending anything', async () => {
    const c = client(pairing);
    expect((await failure(c.endpoints())).code).toBe('forbidden');
    expect((await failure(c.status('other'))).code).toBe('forbidden');
    expect((await failure(c.bulkStatus())).code).toBe('forbidden');
    const readOnlyViewer = client({ canView: true, canControl: false, canProvision: false, zeroTouch: null });
    expect((await failure(readOnlyViewer.mute('e1'))).code).toBe('forbidden');
  });
});
