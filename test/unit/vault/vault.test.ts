import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createConfSettingsStore } from '../../../main/vault/conf-store.ts';
import { Vault } from '../../../main/vault/vault.ts';
import type { SecretCipher } from '../../../main/ports.ts';
import { fakeCipher } from '../../helpers/fake-cipher.ts';

const record = z.object({ id: z.string(), name: z.string() }).strict();
type Rec = z.output<typeof record>;
const SECRET = 'relay-token-3a1f9c0d5e7b';
const OTHER = 'client-secret-77aa55bb';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'relay-vault-'));
});

const file = () => readFileSync(join(dir, 'settings.json'), 'utf8');
const open = (cipher: SecretCipher) => Vault.open<Rec>({ store: createConfSettingsStore({ cwd: dir }), cipher, recordSchema: record });

describe('Vault with a working keychain', () => {
  it('stores secrets encrypted, nothing secret in plain text, and reads them back after a restart', async () => {
    const cipher = fakeCipher();
    const v = await open(cipher);
    expect(v.status()).toMatchObject({ mode: 'encrypted', warning: null, backend: 'test_keychain' });
    v.saveRecord({ id: 'c1', name: 'Northwind' });
    await v.setSecrets('c1', { relayToken: SECRET, clientSecret: OTHER });
    expect(file()).toContain('Northwind');
    expect(file()).not.toContain(SECRET);
    expect(file()).not.toContain(OTHER);
    const again = await open(cipher);
    expect(again.records()).toEqual([{ id: 'c1', name: 'Northwind' }]);
    expect(again.secrets('c1')).toEqual({ relayToken: SECRET, clientSecret: OTHER });
  });

  it('forgets secrets on delete', async () => {
    const v = await open(fakeCipher());
    v.saveRecord({ id: 'c1', name: 'A' });
    await v.setSecrets('c1', { relayToken: SECRET });
    await v.deleteSecrets('c1');
    v.deleteRecord('c1');
    const again = await open(fakeCipher());
    expect(again.records()).toEqual([]);
    expect(again.secrets('c1')).toBeUndefined();
  });

  it('drops a secret the keychain can no longer open, with a notice, and keeps the rest', async () => {
    const cipher = fakeCipher();
    const v = await open(cipher);
    v.saveRecord({ id: 'c1', name: 'A' });
    await v.setSecrets('c1', { relayToken: SECRET });
    cipher.failDecrypt = true;
    const again = await open(cipher);
    expect(again.records()).toHaveLength(1);
    expect(again.secrets('c1')).toBeUndefined();
    expect(again.status().notices.join(' ')).toMatch(/could not be read/);
  });
});

describe('Vault without a usable keychain', () => {
  for (const [label, cipher] of [
    ['unavailable', () => fakeCipher({ available: false, reason: 'No keychain here.' })],
    ['Linux basic_text', () => fakeCipher({ available: true, backend: 'basic_text' })],
  ] as const) {
    it(`${label}: keeps secrets in memory only and says so`, async () => {
      const v = await open(cipher());
      const status = v.status();
      expect(status.mode).toBe('memory');
      expect(status.warning).toMatch(/memory for this session only/);
      v.saveRecord({ id: 'c1', name: 'A' });
      await v.setSecrets('c1', { relayToken: SECRET });
      expect(v.secrets('c1')).toEqual({ relayToken: SECRET });
      expect(file()).not.toContain(SECRET);
      expect(file()).not.toContain('secrets');
      const again = await open(cipher());
      expect(again.records()).toHaveLength(1);
      expect(again.secrets('c1')).toBeUndefined();
    });
  }

  it('"store anyway" saves them sealed (not plain), survives a restart, and undoing it wipes them', async () => {
    const cipher = () => fakeCipher({ available: false });
    const v = await open(cipher());
    v.saveRecord({ id: 'c1', name: 'A' });
    await v.setSecrets('c1', { relayToken: SECRET });
    const accepted = await v.acceptRisk(true);
    expect(accepted).toMatchObject({ mode: 'weak', riskAccepted: true });
    expect(accepted.warning).toMatch(/a key kept in a separate file that only your user account can read/);
    expect(file()).toContain('secrets');
    expect(file()).not.toContain(SECRET);
    const again = await open(cipher());
    expect(again.secrets('c1')).toEqual({ relayToken: SECRET });
    await again.acceptRisk(false);
    expect(file()).not.toContain('secrets');
    expect(file()).not.toContain('localKey');
  });
});

describe('Vault with a damaged store', () => {
  it('moves a file that is not JSON aside with a notice and starts empty', async () => {
    writeFileSync(join(dir, 'settings.json'), '{"connections": [ {"id": "c1", garbage');
    const v = await open(fakeCipher());
    expect(v.records()).toEqual([]);
    expect(v.status().notices.join(' ')).toMatch(/moved aside to .*settings\.corrupt-.*\.json/);
    expect(readdirSync(dir).some((f) => /^settings\.corrupt-.*\.json$/.test(f))).toBe(true);
    v.saveRecord({ id: 'c2', name: 'B' });
    expect(JSON.parse(file()).connections).toEqual([{ id: 'c2', name: 'B' }]);
  });

  it('drops a tampered record (valid JSON, wrong shape) and keeps a copy of the file', async () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ connections: [{ id: 'c1', name: 'A', injected: '<script>' }] }));
    const v = await open(fakeCipher());
    expect(v.records()).toEqual([]);
    expect(v.status().notices).toHaveLength(1);
    expect(readdirSync(dir).filter((f) => f.includes('corrupt'))).toHaveLength(1);
  });

  it('drops a forged secrets entry, keeps a copy of the file, and never keeps the forged value', async () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ connections: [{ id: 'c1', name: 'A' }], secrets: { c1: { alg: 'plain', data: SECRET } } }));
    const v = await open(fakeCipher());
    expect(v.records()).toHaveLength(1);
    expect(v.status().notices.join(' ')).toMatch(/could not be read .* A copy of the file as it was is at .*settings\.corrupt-/);
    expect(file()).not.toContain(SECRET);
  });

  it('a file damaged while running is recovered on the next access with the values in use, not a crash', async () => {
    const store = createConfSettingsStore({ cwd: dir });
    store.set('connections', []);
    writeFileSync(store.path, 'not json at all');
    expect(store.get('connections')).toEqual([]);
    expect(store.notices().join(' ')).toMatch(/moved aside/);
  });
});
