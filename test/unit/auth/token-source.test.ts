import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../main/ipc/app-error.ts';
import { TokenSource, withToken, type Credential } from '../../../main/auth/token-source.ts';
import { ManualClock } from '../../helpers/manual-clock.ts';

const cred = (token: string, expiresAt: number): Credential => ({ token, expiresAt });

describe('TokenSource single-flight renewal', () => {
  it('100 concurrent 401s with the same stale token cause exactly one renewal; all get the new token', async () => {
    const clock = new ManualClock();
    let n = 0;
    const renew = vi.fn(async () => {
      await new Promise((r) => setTimeout(r, 10));
      return cred(`fresh-${++n}`, clock.now() + 60_000);
    });
    const source = new TokenSource(cred('stale', clock.now() + 60_000), { clock, renew, reconnectMessage: 'x' });
    const results = await Promise.all(Array.from({ length: 100 }, () => source.onUnauthorized('stale')));
    expect(renew).toHaveBeenCalledTimes(1);
    expect(new Set(results)).toEqual(new Set(['fresh-1']));
    // A late report of the old token does not renew again.
    expect(await source.onUnauthorized('stale')).toBe('fresh-1');
    expect(renew).toHaveBeenCalledTimes(1);
  });

  it('withToken: 100 calls failing with 401 → one renewal, one retry each', async () => {
    const clock = new ManualClock();
    const renew = vi.fn(async () => cred('new', clock.now() + 60_000));
    const source = new TokenSource(cred('old', clock.now() + 60_000), { clock, renew, reconnectMessage: 'x' });
    const server = vi.fn(async (token: string) => {
      await new Promise((r) => setTimeout(r, 1));
      if (token === 'old') throw new AppError('unauthorized', 'no');
      return 'ok';
    });
    const out = await Promise.all(Array.from({ length: 100 }, () => withToken(source, server)));
    expect(out.every((o) => o === 'ok')).toBe(true);
    expect(renew).toHaveBeenCalledTimes(1);
    expect(server).toHaveBeenCalledTimes(200);
  });

  it('an expired token is renewed before use, once, however many callers ask', async () => {
    const clock = new ManualClock();
    const renew = vi.fn(async () => cred('new', clock.now() + 60_000));
    const source = new TokenSource(cred('old', clock.now() + 1000), { clock, renew, reconnectMessage: 'x' });
    expect(await source.getToken()).toBe('old');
    clock.advance(1000);
    const tokens = await Promise.all(Array.from({ length: 20 }, () => source.getToken()));
    expect(tokens.every((t) => t === 'new')).toBe(true);
    expect(renew).toHaveBeenCalledTimes(1);
  });

  it('a failed renewal reaches every waiter, reports once, and the next 401 tries again', async () => {
    const clock = new ManualClock();
    let fail = true;
    const onFailed = vi.fn();
    const renew = vi.fn(async () => {
      await new Promise((r) => setTimeout(r, 5));
      if (fail) throw new AppError('offline', 'down');
      return cred('new', clock.now() + 60_000);
    });
    const source = new TokenSource(cred('old', clock.now() + 60_000), { clock, renew, reconnectMessage: 'x', onFailed });
    const settled = await Promise.allSettled(Array.from({ length: 10 }, () => source.onUnauthorized('old')));
    expect(settled.every((s) => s.status === 'rejected' && (s.reason as AppError).code === 'offline')).toBe(true);
    expect(renew).toHaveBeenCalledTimes(1);
    expect(onFailed).toHaveBeenCalledTimes(1);
    fail = false;
    expect(await source.onUnauthorized('old')).toBe('new');
    expect(renew).toHaveBeenCalledTimes(2);
  });

  it('without a kept credential it cannot renew: unauthorized with the reconnect sentence', async () => {
    const clock = new ManualClock();
    const onFailed = vi.fn();
    const source = new TokenSource(cred('old', clock.now() + 60_000), { clock, renew: null, reconnectMessage: 'Enter the password again.', onFailed });
    await expect(source.onUnauthorized('old')).rejects.toMatchObject({ code: 'unauthorized', message: 'Enter the password again.' });
    expect(onFailed).toHaveBeenCalledWith(expect.any(AppError), 'unauthorized');
  });
});
