// A connection's request budget: Relay's 2 req/s by default, set per connection by the admin (no limit for
// an on-premises server), applied by the poller at once and kept with the connection.
import { describe, expect, it } from 'vitest';
import type { ConnectionView, PollerStatus } from '../../../contract/index.ts';
import { createCore } from '../../../main/core.ts';
import { createMemorySettingsStore } from '../../../main/vault/conf-store.ts';
import { startSim, type RunningSim } from '../../../sim/index.ts';

const host = { kind: 'preview' as const, version: '0', platform: 'linux', electronVersion: null };

describe('request budget per connection', () => {
  it('defaults to Relay’s limit, changes the poller’s budget at once, is kept, and refuses nonsense', async () => {
    const sim: RunningSim = await startSim({ rooms: 4, seed: 2, port: 0 });
    const settings = createMemorySettingsStore();
    const core = createCore({ host, settings, startDemoSim: null });
    try {
      const added = await core.dispatch('connections.add', {
        kind: 'relay',
        username: sim.credentials.relayAccount.username,
        password: sim.credentials.relayAccount.password,
        bases: { api: sim.url, authorize: sim.url, relay: sim.url },
      });
      expect(added).toMatchObject({ ok: true, value: { pollBudget: 2 } });
      const id = (added as { value: ConnectionView }).value.id;
      const budgetNow = async (): Promise<number | null | undefined> => {
        const r = await core.dispatch('poller.status', undefined);
        return r.ok ? (r.value as PollerStatus).hosts.find((h) => h.origin === sim.url)?.budgetPerSec : undefined;
      };
      await expect.poll(budgetNow, { timeout: 5_000 }).toBe(2);

      expect(await core.dispatch('connections.setPollBudget', { id, perSec: null })).toMatchObject({ ok: true, value: { id, pollBudget: null } });
      await expect.poll(budgetNow, { timeout: 5_000 }).toBe(null);
      expect(await core.dispatch('connections.setPollBudget', { id, perSec: 5 })).toMatchObject({ ok: true, value: { pollBudget: 5 } });
      await expect.poll(budgetNow, { timeout: 5_000 }).toBe(5);

      // Nonsense is refused in words and changes nothing.
      for (const perSec of [0, -1, 1000]) {
        expect(await core.dispatch('connections.setPollBudget', { id, perSec })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      }
      expect(await core.dispatch('connections.setPollBudget', { id: 'nope', perSec: 1 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await budgetNow()).toBe(5);

      // Kept with the connection: a new core on the same store reads it back.
      await core.dispose();
      const again = createCore({ host, settings, startDemoSim: null });
      try {
        const list = await again.dispatch('connections.list', undefined);
        expect(list).toMatchObject({ ok: true, value: [{ id, pollBudget: 5 }] });
      } finally {
        await again.dispose();
      }
    } finally {
      await core.dispose();
      await sim.close();
    }
  });
});
