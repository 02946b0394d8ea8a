import { describe, expect, it } from 'vitest';
import { createCore } from '../../../main/core.ts';
import { addConnectionInput } from '../../../contract/index.ts';

const core = () => createCore({ host: { kind: 'preview', version: '0', platform: 'linux', electronVersion: null }, startDemoSim: null });

describe('connections.add input validation (in main)', () => {
  it('accepts each kind with sane values and normalises bases', () => {
    const ok = [
      { kind: 'code', clientId: 'relayconsole', clientSecret: 's3cret' },
      { kind: 'client', clientId: 'relayconsole', clientSecret: 's3cret', bases: { api: 'http://127.0.0.1:8787/', relay: 'https://relay.example.com' } },
      { kind: 'password', username: 'it.admin', password: ' spaces kept ' },
      { kind: 'relay', username: 'relay-admin', password: 'pw', durationDays: 30, name: 'Main office' },
      { kind: 'pairing', pairingCode: 'wnrzj', source: { from: 'password', username: 'u', password: 'p' } },
      { kind: 'pairing', pairingCode: 'ABCDE', source: { from: 'connection', connectionId: 'c-1' } },
      { kind: 'meeting', meetingId: '4085551212', passcode: '' },
    ];
    for (const input of ok) expect(addConnectionInput.safeParse(input).success, JSON.stringify(input)).toBe(true);
    const parsed = addConnectionInput.parse({ kind: 'client', clientId: 'a', clientSecret: 'b', bases: { api: 'HTTP://127.0.0.1:8787/' } });
    expect(parsed.kind === 'client' && parsed.bases?.api).toBe('http://127.0.0.1:8787');
    const pw = addConnectionInput.parse({ kind: 'password', username: ' it.admin ', password: ' spaces kept ' });
    expect(pw.kind === 'password' && [pw.username, pw.password]).toEqual(['it.admin', ' spaces kept ']);
    const pair = addConnectionInput.parse({ kind: 'pairing', pairingCode: 'wnrzj', source: { from: 'connection', connectionId: 'c1' } });
    expect(pair.kind === 'pairing' && pair.pairingCode).toBe('WNRZJ');
  });

  it('refuses bad input with a typed error that names the field and never echoes a secret', async () => {
    const c = core();
    const bad: unknown[] = [
      undefined,
      { kind: 'nope' },
      { kind: 'password', username: 'u' },
      { kind: 'password', username: 'u', password: 'hunter2-secret', extra: true },
      { kind: 'password', username: 'u', password: 'x'.repeat(2000) },
      { kind: 'client', clientId: 'has space', clientSecret: 'hunter2-secret' },
      { kind: 'client', clientId: 'a', clientSecret: 'hunter2-secret', bases: { api: 'http://api.example.com' } },
      { kind: 'client', clientId: 'a', clientSecret: 'hunter2-secret', bases: { api: 'https://user:pw@api.example.com' } },
      { kind: 'client', clientId: 'a', clientSecret: 'hunter2-secret', bases: { api: 'https://api.example.com/path?x=1' } },
      { kind: 'client', clientId: 'a', clientSecret: 'hunter2-secret', bases: { api: 'javascript:alert(1)' } },
      { kind: 'meeting', meetingId: '12ab', passcode: '' },
      { kind: 'meeting', meetingId: '4085551212', passcode: 'hunter2-secret' },
      { kind: 'pairing', pairingCode: 'no!', source: { from: 'password', username: 'u', password: 'hunter2-secret' } },
      { kind: 'relay', username: 'u', password: 'hunter2-secret', durationDays: 0 },
      { kind: 'relay', username: 'u', password: 'hunter2-secret', name: 'x'.repeat(81) },
      { kind: 'relay', username: 'u', password: 'hunter2-secret', name: 'bad\u0000name' },
    ];
    for (const input of bad) {
      const r = await c.dispatch('connections.add', input);
      expect(r.ok, JSON.stringify(input)).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('invalid_input');
        expect(r.error.message).toMatch(/connections\.add/);
        expect(r.error.message).not.toContain('hunter2-secret');
      }
    }
    for (const [channel, input] of [
      ['connections.rename', { id: 'c1', name: '' }],
      ['connections.rename', { id: '../etc', name: 'x' }],
      ['connections.remove', { id: 'c1', also: 1 }],
      ['connections.reconnect', { id: 'c1', passcode: 'abc' }],
      ['vault.acceptRisk', { accept: 'yes' }],
      ['demo.start', { any: 1 }],
    ] as const) {
      const r = await c.dispatch(channel, input);
      expect(r.ok, channel).toBe(false);
    }
    await c.dispose();
  });

  it('lists nothing at first, reports the vault, and answers not_found for unknown ids', async () => {
    const c = core();
    expect(await c.dispatch('connections.list', undefined)).toEqual({ ok: true, value: [] });
    const v = await c.dispatch('vault.status', undefined);
    expect(v).toMatchObject({ ok: true, value: { mode: 'memory', warning: expect.stringMatching(/no system keychain/) } });
    expect(await c.dispatch('connections.remove', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await c.dispatch('demo.start', undefined)).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    await c.dispose();
  });
});
