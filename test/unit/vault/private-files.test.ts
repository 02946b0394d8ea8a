// "Store anyway" without a keychain: the settings file and the key file are the user's alone (0600, in a
// 0700 folder), and the key is not in the settings file, so a copy of settings.json alone opens nothing.
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createConfSettingsStore } from '../../../main/vault/conf-store.ts';
import { newLocalKey, sealLocal } from '../../../main/vault/local-key.ts';
import { Vault } from '../../../main/vault/vault.ts';
import { fakeCipher } from '../../helpers/fake-cipher.ts';

const record = z.object({ id: z.string(), name: z.string() }).strict();
type Rec = z.output<typeof record>;
const SECRET = 'relay-token-9c0d5e7b3a1f';
const noKeychain = () => fakeCipher({ available: false });
const open = (cwd: string) => Vault.open<Rec>({ store: createConfSettingsStore({ cwd }), cipher: noKeychain(), recordSchema: record });
const modeOf = (path: string) => statSync(path).mode & 0o777;

let dir: string;
beforeEach(() => {
  // A folder that does not exist yet: the store makes it (mkdtemp's own folder is already 0700).
  dir = join(mkdtempSync(join(tmpdir(), 'relay-private-')), 'Relay Console');
});

async function storeAnyway(cwd: string): Promise<Vault<Rec>> {
  const v = await open(cwd);
  v.saveRecord({ id: 'c1', name: 'Northwind' });
  await v.acceptRisk(true);
  await v.setSecrets('c1', { relayToken: SECRET });
  return v;
}

// Windows has no POSIX modes: Node maps a mode to the read-only attribute only, and what keeps other
// accounts out there is the ACL of the profile folder (%APPDATA%), which is the user's by default.
describe.skipIf(process.platform === 'win32')('file modes after a write', () => {
  it('the settings file and the key file are 0600, the data folder 0700', async () => {
    await storeAnyway(dir);
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(join(dir, 'settings.json'))).toBe(0o600);
    expect(modeOf(join(dir, 'settings.key'))).toBe(0o600);
  });

  it('tightens the folder and the file of an older install (0755, 0644) when it opens them', async () => {
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ connections: [{ id: 'c1', name: 'Northwind' }] }), { mode: 0o644 });
    chmodSync(join(dir, 'settings.json'), 0o644);
    const v = await open(dir);
    expect(v.records()).toHaveLength(1);
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(join(dir, 'settings.json'))).toBe(0o600);
  });

  it('a damaged file moved aside (it may hold secrets) is 0600 too', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'settings.json'), '[]', { mode: 0o644 });
    chmodSync(join(dir, 'settings.json'), 0o644);
    await open(dir);
    const aside = readdirSync(dir).find((f) => f.startsWith('settings.corrupt-'));
    expect(modeOf(join(dir, aside!))).toBe(0o600);
  });
});

describe('the key apart from the data', () => {
  it('settings.json holds no key: copied alone it decrypts nothing, while the folder it came from still does', async () => {
    await storeAnyway(dir);
    const settings = readFileSync(join(dir, 'settings.json'), 'utf8');
    expect(settings).not.toContain(SECRET);
    expect(settings).not.toContain('localKey');
    const key = readFileSync(join(dir, 'settings.key'), 'utf8').trim();
    expect(settings).not.toContain(key);

    const elsewhere = join(mkdtempSync(join(tmpdir(), 'relay-copied-')), 'copy');
    mkdirSync(elsewhere);
    copyFileSync(join(dir, 'settings.json'), join(elsewhere, 'settings.json'));
    const copied = await open(elsewhere);
    expect(copied.records()).toEqual([{ id: 'c1', name: 'Northwind' }]);
    expect(copied.secrets('c1')).toBeUndefined();
    expect(copied.status().notices.join(' ')).toMatch(/could not be read/);

    expect((await open(dir)).secrets('c1')).toEqual({ relayToken: SECRET });
  });

  it('moves the key of an older file (kept in settings.json) into the key file, and the secrets still open', async () => {
    mkdirSync(dir, { recursive: true });
    const key = newLocalKey();
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({
        connections: [{ id: 'c1', name: 'Northwind' }],
        secrets: { c1: { alg: 'local', data: sealLocal(key, JSON.stringify({ relayToken: SECRET })) } },
        vault: { acceptRisk: true, localKey: key },
      }),
    );
    const v = await open(dir);
    expect(v.secrets('c1')).toEqual({ relayToken: SECRET });
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).not.toContain(key);
    expect(readFileSync(join(dir, 'settings.key'), 'utf8').trim()).toBe(key);
    expect((await open(dir)).secrets('c1')).toEqual({ relayToken: SECRET });
  });

  it('undoing "store anyway" deletes the key file with the secrets', async () => {
    const v = await storeAnyway(dir);
    await v.acceptRisk(false);
    expect(existsSync(join(dir, 'settings.key'))).toBe(false);
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).not.toContain('secrets');
  });

  it('the warning says what "store anyway" protects against and what not', async () => {
    const v = await storeAnyway(dir);
    const warning = v.status().warning ?? '';
    expect(warning).toMatch(/other user accounts on this computer/);
    expect(warning).toMatch(/copy of the settings file/);
    expect(warning).toMatch(/not against anyone who can read your user account's files/);
    expect(warning).toMatch(/malware running as you/);
  });
});
