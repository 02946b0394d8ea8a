// The authorize page and the code grant: a real HTML login + consent form, a redirect with code and
// state, a 30-second single-use code, refresh with rotation, and revoke of a 3-legged token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSim } from '../../../sim/index.ts';
import { call, expectOAuthError, expectSameShape, start } from './helpers.ts';

let sim: RunningSim;
beforeAll(async () => {
  sim = await start();
});
afterAll(() => sim.close());

const REDIRECT = 'http://127.0.0.1:53123/callback';

function authorizeQuery(overrides: Record<string, string> = {}): string {
  return new URLSearchParams({
    clientId: sim.credentials.app.clientId,
    redirectUri: REDIRECT,
    state: 's-123',
    scope: 'user_info,list_meetings',
    responseType: 'code',
    appName: 'Relay Console',
    ...overrides,
  }).toString();
}

async function submit(fields: Record<string, string>) {
  const res = await fetch(`${sim.url}/oauth2/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(authorizeQuery())), ...fields }),
    redirect: 'manual',
  });
  return { status: res.status, location: res.headers.get('location'), text: await res.text() };
}

async function codeFor(user = sim.credentials.admin): Promise<string> {
  const r = await submit({ username: user.username, password: user.password, decision: 'allow' });
  expect(r.status).toBe(302);
  const url = new URL(r.location ?? '');
  expect(url.origin + url.pathname).toBe(REDIRECT);
  expect(url.searchParams.get('state')).toBe('s-123');
  return url.searchParams.get('code') ?? '';
}

const exchange = (code: string, redirectUri = REDIRECT) =>
  call(sim.url, '/oauth2/token?Code', {
    method: 'POST',
    body: { grant_type: 'authorization_code', client_id: sim.credentials.app.clientId, client_secret: sim.credentials.app.clientSecret, redirectUri, code },
  });

describe('GET /oauth2/authorize', () => {
  it('shows an HTML login and consent form carrying the request', async () => {
    const res = await fetch(`${sim.url}/oauth2/authorize?${authorizeQuery()}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<form method="post" action="/oauth2/authorize">');
    expect(html).toMatch(/<input type="text" id="username" name="username"/);
    expect(html).toMatch(/<input type="password" id="password" name="password"/);
    expect(html).toContain('value="allow"');
    expect(html).toContain('value="deny"');
    expect(html).toContain(`name="redirectUri" value="${REDIRECT}"`);
    expect(html).toContain('list_meetings');
  });

  it('refuses an unknown client and an unregistered or localhost redirect with an error page (no redirect)', async () => {
    for (const q of [
      authorizeQuery({ clientId: 'someone-else' }),
      authorizeQuery({ redirectUri: 'https://evil.example/cb' }),
      authorizeQuery({ redirectUri: 'http://localhost:5000/cb' }),
    ]) {
      const res = await fetch(`${sim.url}/oauth2/authorize?${q}`, { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toContain('Cannot sign in');
    }
  });

  it('accepts a registered URL, a sub-URL of it, and any loopback port', async () => {
    for (const redirectUri of [
      sim.credentials.app.redirectUrls[0]!,
      `${sim.credentials.app.redirectUrls[0]}/deeper?x=1`,
      'http://127.0.0.1:1/x',
      'http://[::1]:65000/any/path',
    ]) {
      const res = await fetch(`${sim.url}/oauth2/authorize?${authorizeQuery({ redirectUri })}`);
      expect(res.status, redirectUri).toBe(200);
    }
  });

  it('redirects an unknown scope or response type back as an error', async () => {
    const bad = await fetch(`${sim.url}/oauth2/authorize?${authorizeQuery({ scope: 'everything' })}`, { redirect: 'manual' });
    expect(bad.status).toBe(302);
    expect(new URL(bad.headers.get('location') ?? '').searchParams.get('error')).toBe('invalid_scope');
    const type = await fetch(`${sim.url}/oauth2/authorize?${authorizeQuery({ responseType: 'token' })}`, { redirect: 'manual' });
    expect(new URL(type.headers.get('location') ?? '').searchParams.get('error')).toBe('unsupported_response_type');
  });
});

describe('POST /oauth2/authorize and the code grant', () => {
  it('a wrong password shows the form again with 401', async () => {
    const r = await submit({ username: sim.credentials.admin.username, password: 'wrong', decision: 'allow' });
    expect(r.status).toBe(401);
    expect(r.text).toContain('Incorrect username or password');
  });

  it('a declined consent comes back to the app as error=401 with the state', async () => {
    const r = await submit({ decision: 'deny' });
    expect(r.status).toBe(302);
    const url = new URL(r.location ?? '');
    expect(url.searchParams.get('error')).toBe('401');
    expect(url.searchParams.get('state')).toBe('s-123');
    expect(url.searchParams.get('code')).toBeNull();
  });

  it('exchanges the code for tokens with appPermissions and a refresh token', async () => {
    const r = await exchange(await codeFor());
    expect(r.status).toBe(200);
    expectSameShape(r.body, {
      access_token: 'x',
      refresh_token: 'x',
      expires_in: 1,
      scope: {
        user: 1,
        appPermissions: [{ method: 'GET', allowedRegex: 'x' }],
        partitionName: 'z2',
        partition: { id: 2, name: 'z2' },
        bearerPermissions: 'x',
        clientId: 'x',
      },
    });
    expect(r.body).toMatchObject({ scope: { user: sim.credentials.admin.userId, bearerPermissions: 'user_info,list_meetings', clientId: sim.credentials.app.clientId } });
    const token = (r.body as { access_token: string }).access_token;
    const me = await call(sim.url, `/v1/user/${sim.credentials.admin.userId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
  });

  it('a code is single use', async () => {
    const code = await codeFor();
    expect((await exchange(code)).status).toBe(200);
    expectOAuthError(await exchange(code), 401, 'invalid_grant');
  });

  it('a code lives 30 seconds of sim time', async () => {
    const fresh = await codeFor();
    sim.control.clock.advance(29_000);
    expect((await exchange(fresh)).status).toBe(200);
    const stale = await codeFor();
    sim.control.clock.advance(30_000);
    const r = await exchange(stale);
    expectOAuthError(r, 401, 'invalid_grant');
    expect((r.body as { message: string }).message).toMatch(/expired/);
  });

  it('a code must be exchanged with its own redirectUri and a right secret', async () => {
    expectOAuthError(await exchange(await codeFor(), 'http://127.0.0.1:9/other'), 401, 'invalid_grant');
    const wrong = await call(sim.url, '/oauth2/token', {
      method: 'POST',
      body: { grant_type: 'authorization_code', client_id: sim.credentials.app.clientId, client_secret: 'x', redirectUri: REDIRECT, code: await codeFor() },
    });
    expectOAuthError(wrong, 401, 'invalid_client');
    expectOAuthError(await exchange('never-issued'), 401, 'invalid_grant');
  });

  it('refresh gives a new pair (no scope.clientId) and retires the old refresh token', async () => {
    const first = (await exchange(await codeFor())).body as { refresh_token: string };
    const app = sim.credentials.app;
    const refresh = (refresh_token: string) =>
      call(sim.url, '/oauth2/token?Refresh', { method: 'POST', body: { grant_type: 'refresh_token', client_id: app.clientId, client_secret: app.clientSecret, refresh_token } });
    const second = await refresh(first.refresh_token);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ refresh_token: expect.any(String), scope: { user: sim.credentials.admin.userId } });
    expect((second.body as { scope: Record<string, unknown> }).scope).not.toHaveProperty('clientId');
    expectOAuthError(await refresh(first.refresh_token), 401, 'invalid_grant');
  });

  it('a 3-legged token is revoked only with the app credentials in the body', async () => {
    const token = ((await exchange(await codeFor())).body as { access_token: string }).access_token;
    const path = `/oauth2/token?access_token=${encodeURIComponent(token)}`;
    expectOAuthError(await call(sim.url, path, { method: 'DELETE' }), 400, 'invalid_request');
    const app = sim.credentials.app;
    const ok = await call(sim.url, path, { method: 'DELETE', body: { client_id: app.clientId, client_secret: app.clientSecret } });
    expect(ok.status).toBe(204);
  });
});
