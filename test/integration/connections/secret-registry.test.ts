// What the connections register as secrets stays bounded: thousands of failed adds and reconnects leave
// the registry as it was (each typed value is forgotten once it failed), token renewals replace what they
// renew, and what a removed connection held goes with it. (CPU per failed add grew with every attempt
// while every wrong password stayed registered and every log line was scrubbed of all of them.)
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionView } from '../../../contract/index.ts';
import { settle } from '../../helpers/manual-clock.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => {
  await h.close();
});

describe('the secret registry of the connections', () => {
  it('thousands of failed adds and reconnects leave it as it was', async () => {
    h = await startHarness();
    const { admin, relayAccount, app } = h.sim.credentials;
    const kept = await h.call('connectionsAdd', { kind: 'relay', ...relayAccount, bases: h.bases });
    const password = await h.call('connectionsAdd', { kind: 'password', username: admin.username, password: admin.password, bases: h.bases });
    const before = h.registry.size;
    // The typed password of a kind that keeps none is not held once the connection is made.
    expect(h.registry.scrub(admin.password)).toBe(admin.password);
    const wrong: string[] = [];
    for (let i = 0; i < 3_000; i++) {
      const value = `wrong secret ${i}`;
      wrong.push(value);
      const input =
        i % 3 === 0
          ? ({ kind: 'password', username: admin.username, password: value, bases: h.bases } as const)
          : i % 3 === 1
            ? ({ kind: 'client', clientId: app.clientId, clientSecret: value, bases: h.bases } as const)
            : ({ kind: 'relay', username: relayAccount.username, password: value, bases: h.bases } as const);
      await expect(h.call('connectionsAdd', input)).rejects.toMatchObject({ code: 'unauthorized' });
    }
    for (let i = 0; i < 300; i++) {
      const value = `wrong reconnect ${i}`;
      wrong.push(value);
      await expect(h.call('connectionsReconnect', { id: password.id, password: value })).rejects.toMatchObject({ code: 'unauthorized' });
    }
    expect(h.registry.size).toBe(before);
    for (const value of [wrong[0]!, wrong[1_501]!, wrong.at(-1)!]) expect(h.registry.scrub(value)).toBe(value);
    // The live connections' tokens are still known.
    expect(h.logLines.join('\n')).not.toContain(relayAccount.password);
    expect((await h.call('connectionsList', undefined)).map((v: ConnectionView) => v.state)).toEqual(['connected', 'connected']);
    expect(kept.state).toBe('connected');
  });

  it('renewals replace what they renew; a removed connection takes its secrets along', async () => {
    // Through the host budget, as in the app: the strict sim then refuses none of the renewals' calls.
    h = await startHarness({ budget: true });
    const { app } = h.sim.credentials;
    const view = await h.call('connectionsAdd', { kind: 'client', clientId: app.clientId, clientSecret: app.clientSecret, bases: h.bases });
    const held = h.registry.size;
    expect(held).toBeGreaterThanOrEqual(3); // the app secret, the Seam token, the Relay token
    const relay = await h.mod.relay(view.id);
    for (let i = 0; i < 20; i++) {
      h.sim.control.tokens.expire();
      // A 401, then one renewal (a new Seam token and a new Relay token), then the retry.
      await relay.request({ method: 'GET', path: '/api/enterprises/self', schema: (await import('zod')).z.unknown() });
      await settle();
    }
    expect(h.registry.size).toBe(held);
    expect(h.registry.scrub(app.clientSecret)).toBe('[secret]');
    await h.call('connectionsRemove', { id: view.id });
    await settle();
    expect(h.registry.size).toBe(0);
  });
});
