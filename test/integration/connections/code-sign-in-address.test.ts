// "Sign in with BlueJeans" never hangs silently: the sign-in address is in the progress as soon as the
// loopback listener is ready (for a machine where no browser opens: it carries `state`, never a secret),
// a browser that cannot be opened leaves the sign-in waiting for that address to be used, and a browser
// port that never answers cannot keep the sign-in from timing out.
import { afterEach, describe, expect, it } from 'vitest';
import type { SignInProgress } from '../../../contract/index.ts';
import { completeSignIn, startHarness, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => {
  await h.close();
});

const app = () => ({ kind: 'code' as const, clientId: h.sim.credentials.app.clientId, clientSecret: h.sim.credentials.app.clientSecret, bases: h.bases });
const progress = () => h.events.filter((e) => e.event === 'connections.signIn').map((e) => e.payload as SignInProgress);

describe('the sign-in address', () => {
  it('is in the first progress event: the authorize page with state, app key and the loopback redirect, no secret', async () => {
    let done: Promise<Response> | undefined;
    h = await startHarness({ browser: (url) => void (done = completeSignIn(url, h.sim.credentials.admin)) });
    await h.call('connectionsAdd', app());
    await done;
    const first = progress()[0]!;
    expect(first).toMatchObject({ phase: 'waiting', url: h.browserUrls[0] });
    const url = new URL(first.url!);
    expect(url.pathname).toBe('/oauth2/authorize');
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{40,}$/);
    expect(url.searchParams.get('clientId')).toBe(h.sim.credentials.app.clientId);
    expect(url.searchParams.get('redirectUri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(first.url).not.toContain(h.sim.credentials.app.clientSecret);
    // Once finished there is nothing left to open.
    expect(progress().at(-1)).toMatchObject({ phase: 'done', url: null });
  });

  it('a browser that cannot be opened leaves the sign-in waiting, in words, for the address to be opened by hand', async () => {
    h = await startHarness({ browserOpens: () => Promise.reject(new Error('xdg-open: no display')) });
    const pending = h.call('connectionsAdd', app());
    await expect.poll(() => progress().at(-1)?.message).toMatch(/could not be opened/);
    const last = progress().at(-1)!;
    expect(last).toMatchObject({ phase: 'waiting', url: h.browserUrls[0] });
    expect(last.message).toMatch(/[Cc]opy the address/);
    // Someone opens it by hand: the sign-in completes.
    await completeSignIn(last.url!, h.sim.credentials.admin);
    await expect(pending).resolves.toMatchObject({ kind: 'code', state: 'connected' });
  });

  it('a browser port that never answers still lets the sign-in time out, and says so', async () => {
    h = await startHarness({ signInTimeoutMs: 180_000, browserOpens: () => new Promise<void>(() => undefined) });
    const pending = h.call('connectionsAdd', app());
    await expect.poll(() => progress().length).toBe(1);
    h.clock.advance(180_000);
    await expect(pending).rejects.toMatchObject({ code: 'timeout', message: expect.stringMatching(/No sign-in arrived within 3 min/) });
    expect(progress().map((p) => p.phase)).toEqual(['waiting', 'timed-out']);
  });
});
