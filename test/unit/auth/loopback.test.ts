import { describe, expect, it } from 'vitest';
import { startLoopback } from '../../../main/auth/grants/loopback.ts';
import { systemClock } from '../../../main/ports.ts';
import { ManualClock } from '../../helpers/manual-clock.ts';

const STATE = 'state-abc-123';

async function hit(url: string): Promise<{ status: number; text: string } | 'refused'> {
  try {
    const r = await fetch(url);
    return { status: r.status, text: await r.text() };
  } catch {
    return 'refused';
  }
}

describe('loopback redirect listener', () => {
  it('listens on 127.0.0.1 with a random port, takes one callback with the right state, then closes', async () => {
    const lb = await startLoopback({ state: STATE, timeoutMs: 10_000, clock: systemClock });
    expect(lb.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const page = await hit(`${lb.redirectUri}?code=the-code&state=${STATE}`);
    expect(page).toMatchObject({ status: 200, text: expect.stringContaining('You can close this tab') });
    await expect(lb.code).resolves.toBe('the-code');
    await new Promise((r) => setTimeout(r, 20));
    expect(await hit(`${lb.redirectUri}?code=again&state=${STATE}`)).toBe('refused');
  });

  it('refuses a wrong state', async () => {
    const lb = await startLoopback({ state: STATE, timeoutMs: 10_000, clock: systemClock });
    const page = await hit(`${lb.redirectUri}?code=the-code&state=forged`);
    expect(page).toMatchObject({ status: 400 });
    await expect(lb.code).rejects.toMatchObject({ code: 'forbidden', message: expect.stringMatching(/wrong "state"/) });
  });

  it('reports an error parameter (declined) in words', async () => {
    const lb = await startLoopback({ state: STATE, timeoutMs: 10_000, clock: systemClock });
    await hit(`${lb.redirectUri}?error=401&state=${STATE}`);
    await expect(lb.code).rejects.toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/declined/) });
  });

  it('ignores other paths, and stops on timeout and on cancel', async () => {
    const clock = new ManualClock();
    const lb = await startLoopback({ state: STATE, timeoutMs: 60_000, clock });
    expect(await hit(lb.redirectUri.replace('/callback', '/favicon.ico'))).toMatchObject({ status: 404 });
    clock.advance(60_000);
    await expect(lb.code).rejects.toMatchObject({ code: 'timeout' });
    await new Promise((r) => setTimeout(r, 20));
    expect(await hit(`${lb.redirectUri}?code=late&state=${STATE}`)).toBe('refused');

    const lb2 = await startLoopback({ state: STATE, timeoutMs: 60_000, clock });
    lb2.cancel();
    await expect(lb2.code).rejects.toMatchObject({ code: 'cancelled' });
  });
});
