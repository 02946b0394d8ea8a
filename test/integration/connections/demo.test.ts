// Demo mode through the core's dispatcher: the built-in simulator starts in-process and a connection to
// it appears, with no account; after a restart it comes back, pointing at the new simulator.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/core.ts';
import { createConfSettingsStore } from '../../../main/vault/conf-store.ts';
import type { ConnectionView, EventName } from '../../../contract/index.ts';
import { fakeCipher } from '../../helpers/fake-cipher.ts';

const host = { kind: 'preview' as const, version: '0', platform: 'linux', electronVersion: null };

function core(dir: string): { core: Core; events: [EventName, unknown][] } {
  const c = createCore({ host, settings: createConfSettingsStore({ cwd: dir }), cipher: fakeCipher() });
  const events: [EventName, unknown][] = [];
  c.subscribe((e, p) => events.push([e, p]));
  return { core: c, events };
}

describe('demo mode', () => {
  it('"Explore with demo rooms" connects to the built-in simulator; a restart brings it back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relay-demo-'));
    const first = core(dir);
    const started = await first.core.dispatch('demo.start', undefined);
    expect(started).toMatchObject({ ok: true, value: { name: 'Demo rooms (simulator)', demo: true, state: 'connected', kind: 'relay' } });
    const view = (started as { value: ConnectionView }).value;
    expect(view.bases.relay).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await first.core.dispatch('demo.start', undefined)).toMatchObject({ ok: true, value: { id: view.id } });
    expect(first.events.some(([e, p]) => e === 'connections.changed' && (p as ConnectionView[]).length === 1)).toBe(true);
    await first.core.dispose();
    // The old simulator is gone; the demo connection is rebuilt against a new one.
    const second = core(dir);
    await expect
      .poll(async () => {
        const r = await second.core.dispatch('connections.list', undefined);
        return r.ok ? (r.value as ConnectionView[]).map((v) => [v.demo, v.state, v.bases.relay === view.bases.relay]) : null;
      })
      .toEqual([[true, 'connected', false]]);
    await second.core.dispose();
  });
});
