// The vault's rules one by one, over an in-memory store that can play each fault: what is read back, what is
// dropped and said, what reaches the store in each mode, and what a save that fails leaves behind.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { KeyFile, Logger, SecretCipher, SettingsStore } from '../../../main/ports.ts';
import { newLocalKey, sealLocal } from '../../../main/vault/local-key.ts';
import { NotSavedError } from '../../../main/vault/not-saved.ts';
import { Vault } from '../../../main/vault/vault.ts';
import { fakeCipher } from '../../helpers/fake-cipher.ts';

const record = z.object({ id: z.string(), name: z.string() }).strict();
type Rec = z.output<typeof record>;
const TOKEN = 'relay-token-3a1f9c0d5e7b';

interface TestStore extends SettingsStore {
  values: Map<string, unknown>;
  keyFile: KeyFile & { key: string | null; failWrite: boolean };
  copies: number;
  pendingNotices: string[];
  failSet: 'not-saved' | 'crash' | null;
  failGet: boolean;
}

function testStore(initial: Record<string, unknown> = {}): TestStore {
  const values = new Map(Object.entries(initial));
  const keyFile = {
    key: null as string | null,
    failWrite: false,
    read: () => keyFile.key,
    write(k: string) {
      if (keyFile.failWrite) throw new NotSavedError('the disk is full');
      keyFile.key = k;
    },
    remove: () => void (keyFile.key = null),
  };
  const store: TestStore = {
    values,
    keyFile,
    copies: 0,
    pendingNotices: [],
    failSet: null,
    failGet: false,
    get(key) {
      if (store.failGet) throw new TypeError('unreadable');
      return values.get(key);
    },
    set(key, value) {
      if (store.failSet === 'not-saved') throw new NotSavedError('the disk is full');
      if (store.failSet === 'crash') throw new RangeError('a bug');
      values.set(key, structuredClone(value));
    },
    delete: (key) => void values.delete(key),
    notices: () => store.pendingNotices.splice(0),
    copyAside() {
      store.copies++;
      return '/data/settings.corrupt-1.json';
    },
  };
  return store;
}

const warnings = (): Logger & { lines: string[] } => {
  const lines: string[] = [];
  return { lines, info: () => undefined, error: () => undefined, warn: (m, f) => void lines.push(`${m} ${JSON.stringify(f)}`) };
};

const open = (store: SettingsStore, cipher: SecretCipher = fakeCipher(), log?: Logger) => Vault.open<Rec>({ store, cipher, recordSchema: record, log });
const sealedIds = (store: TestStore) => Object.keys((store.values.get('secrets') as Record<string, unknown> | undefined) ?? {});
const copyText = ' A copy of the file as it was is at /data/settings.corrupt-1.json.';

describe('the records at start', () => {
  it('keeps the good ones, drops a bad or repeated one, says how many, and rewrites the list', async () => {
    const store = testStore({ connections: [{ id: 'c1', name: 'A' }, { id: 'c1', name: 'again' }, { id: 'c2' }, { id: 'c3', name: 'C' }] });
    const v = await open(store);
    expect(v.records()).toEqual([{ id: 'c1', name: 'A' }, { id: 'c3', name: 'C' }]);
    expect(v.status().notices).toEqual([
      `2 saved connections could not be read (the settings file was changed outside Relay Console) and were left out; the other connections and settings are kept.${copyText}`,
    ]);
    expect(store.values.get('connections')).toEqual([{ id: 'c1', name: 'A' }, { id: 'c3', name: 'C' }]);
  });

  it('says "one" for one, and leaves a good list as it is', async () => {
    const one = testStore({ connections: [{ id: 'c1', name: 'A' }, { id: 'c2', name: 2 }] });
    expect((await open(one)).status().notices).toEqual([
      `One saved connection could not be read (the settings file was changed outside Relay Console) and was left out; the other connections and settings are kept.${copyText}`,
    ]);
    const good = testStore({ connections: [{ id: 'c1', name: 'A' }] });
    const writes: string[] = [];
    const set = good.set.bind(good);
    good.set = (key, value) => (writes.push(key), set(key, value));
    const v = await open(good);
    expect(v.status().notices).toEqual([]);
    expect(writes).toEqual([]);
    expect(good.copies).toBe(0);
  });

  it('drops a list that is not a list, with its own notice, and keeps the other settings', async () => {
    const store = testStore({ connections: { c1: { id: 'c1', name: 'A' } }, vault: { acceptRisk: true } });
    const v = await open(store, fakeCipher({ available: false }));
    expect(v.records()).toEqual([]);
    expect(v.status().notices).toEqual([
      `The list of saved connections could not be read (the settings file was changed outside Relay Console), so it was left out; the other settings are kept.${copyText}`,
    ]);
    expect(store.values.get('connections')).toEqual([]);
    expect(v.status().riskAccepted).toBe(true);
  });

  it('keeps at most 500 connections', async () => {
    const many = Array.from({ length: 501 }, (_, i) => ({ id: `c${i}`, name: `Room ${i}` }));
    const v = await open(testStore({ connections: many }));
    expect(v.records()).toHaveLength(500);
    expect(v.records().at(-1)).toEqual({ id: 'c499', name: 'Room 499' });
    expect(v.status().notices[0]).toMatch(/^One saved connection could not be read/);
  });

  it('copies the file aside once, however many parts were bad', async () => {
    const store = testStore({ connections: 'x', vault: 'y', secrets: 'z' });
    const v = await open(store);
    expect(store.copies).toBe(1);
    expect(v.status().notices).toHaveLength(3);
    expect(v.status().notices.every((n) => n.endsWith(copyText))).toBe(true);
  });

  it('reads a store that throws as an empty one, and says so in the log', async () => {
    const store = testStore({ connections: [{ id: 'c1', name: 'A' }] });
    store.failGet = true;
    const log = warnings();
    const v = await open(store, fakeCipher(), log);
    expect(v.records()).toEqual([]);
    expect(log.lines).toContain('settings could not be read {"key":"connections","error":"TypeError"}');
  });
});

describe('the secrets at start', () => {
  async function sealedStore(bundles: Record<string, Record<string, string>>) {
    const store = testStore({ connections: Object.keys(bundles).map((id) => ({ id, name: id })) });
    const v = await open(store);
    for (const [id, bundle] of Object.entries(bundles)) await v.setSecrets(id, bundle);
    return store;
  }

  it('opens each connection\'s bundle again', async () => {
    const store = await sealedStore({ c1: { relayToken: TOKEN }, c2: { password: 'pw-123456' } });
    const v = await open(store);
    expect(v.secrets('c1')).toEqual({ relayToken: TOKEN });
    expect(v.secrets('c2')).toEqual({ password: 'pw-123456' });
    expect(v.status().notices).toEqual([]);
  });

  it('drops an entry with a bad name or shape alone, says so with a copy of the file, and rewrites the rest', async () => {
    const store = await sealedStore({ c1: { relayToken: TOKEN } });
    const good = (store.values.get('secrets') as Record<string, unknown>).c1;
    store.values.set('secrets', { c1: good, '../c2': good, c3: { alg: 'plain', data: TOKEN } });
    const v = await open(store);
    expect(v.secrets('c1')).toEqual({ relayToken: TOKEN });
    expect(v.status().notices).toEqual([
      `The saved credentials of 2 connections could not be read on this computer (the system keychain may have changed, or the file was edited). Reconnect them.${copyText}`,
    ]);
    expect(sealedIds(store)).toEqual(['c1']);
  });

  it('takes a secrets value that is not an object of entries as one bad entry', async () => {
    for (const bad of ['x', null, [1, 2]]) {
      const store = testStore({ connections: [{ id: 'c1', name: 'A' }], secrets: bad });
      expect((await open(store)).status().notices, JSON.stringify(bad)).toEqual([
        `The saved credentials of one connection could not be read on this computer (the system keychain may have changed, or the file was edited). Reconnect it.${copyText}`,
      ]);
      expect(store.values.has('secrets')).toBe(false);
    }
  });

  it('says "could not be read on this computer" without a copy when the keychain changed, not the file', async () => {
    const store = await sealedStore({ c1: { relayToken: TOKEN } });
    const cipher = fakeCipher();
    cipher.failDecrypt = true;
    const v = await open(store, cipher);
    expect(v.status().notices).toEqual([
      'The saved credentials of one connection could not be read on this computer (the system keychain may have changed, or the file was edited). Reconnect it.',
    ]);
    expect(store.copies).toBe(0);
    expect(store.values.has('secrets')).toBe(false);
  });

  it('ignores the entry of a connection that is gone', async () => {
    const store = await sealedStore({ c1: { relayToken: TOKEN }, c2: { relayToken: 'other-token-99' } });
    store.values.set('connections', [{ id: 'c1', name: 'c1' }]);
    const v = await open(store);
    expect(v.secrets('c2')).toBeUndefined();
    expect(v.status().notices).toEqual([]);
  });

  it('without a keychain, keeps the keychain\'s entries on disk for next time and says nothing', async () => {
    const store = await sealedStore({ c1: { relayToken: TOKEN }, c2: { relayToken: 'other-token-99' } });
    const v = await open(store, fakeCipher({ available: false }));
    expect(v.secrets('c1')).toBeUndefined();
    expect(v.status().notices).toEqual([]);
    // Re-entered here, c2 is this session's; c1 waits on disk; a connection removed takes its entry along.
    await v.setSecrets('c2', { relayToken: 'typed-again-77' });
    expect(sealedIds(store)).toEqual(['c1']);
    v.deleteRecord('c1');
    await v.deleteSecrets('c1');
    expect(store.values.has('secrets')).toBe(false);
    expect(v.secrets('c2')).toEqual({ relayToken: 'typed-again-77' });
  });

  it('moves "store anyway" entries to the keychain once it is back', async () => {
    const store = testStore({ connections: [{ id: 'c1', name: 'A' }] });
    const weak = await open(store, fakeCipher({ available: false }));
    await weak.acceptRisk(true);
    await weak.setSecrets('c1', { relayToken: TOKEN });
    expect((store.values.get('secrets') as Record<string, { alg: string }>).c1?.alg).toBe('local');
    const back = await open(store, fakeCipher());
    expect(back.secrets('c1')).toEqual({ relayToken: TOKEN });
    expect((store.values.get('secrets') as Record<string, { alg: string }>).c1?.alg).toBe('os');
  });
});

describe('"store anyway"', () => {
  it('reads a damaged choice as off, says so, and writes it back', async () => {
    const store = testStore({ vault: { acceptRisk: 'yes' } });
    const v = await open(store, fakeCipher({ available: false }));
    expect(v.status()).toMatchObject({ mode: 'memory', riskAccepted: false, notices: [`The "Store anyway" choice could not be read and was reset to off.${copyText}`] });
    expect(store.values.get('vault')).toEqual({ acceptRisk: false });
  });

  it('moves a key kept in the settings file by older versions to the key file, and still opens what it sealed', async () => {
    const key = newLocalKey();
    const store = testStore({
      connections: [{ id: 'c1', name: 'A' }],
      vault: { acceptRisk: true, localKey: key },
      secrets: { c1: { alg: 'local', data: sealLocal(key, JSON.stringify({ relayToken: TOKEN })) } },
    });
    const v = await open(store, fakeCipher({ available: false }));
    expect(v.secrets('c1')).toEqual({ relayToken: TOKEN });
    expect(store.keyFile.key).toBe(key);
    expect(store.values.get('vault')).toEqual({ acceptRisk: true });
  });

  it('leaves an old key in the settings file while the key file cannot be written', async () => {
    const key = newLocalKey();
    const store = testStore({ vault: { acceptRisk: true, localKey: key } });
    store.keyFile.failWrite = true;
    await open(store, fakeCipher({ available: false }));
    expect(store.values.get('vault')).toEqual({ acceptRisk: true, localKey: key });
  });

  it('makes a key only when it is accepted without a keychain, and throws it away when undone', async () => {
    const store = testStore({ connections: [{ id: 'c1', name: 'A' }] });
    const v = await open(store, fakeCipher({ available: false }));
    expect(store.keyFile.key).toBeNull();
    expect(v.persistsSecrets()).toBe(false);
    await v.setSecrets('c1', { relayToken: TOKEN });
    expect(store.values.has('secrets')).toBe(false);
    const accepted = await v.acceptRisk(true);
    expect(accepted.mode).toBe('weak');
    expect(v.persistsSecrets()).toBe(true);
    expect(store.keyFile.key).not.toBeNull();
    expect(store.values.get('vault')).toEqual({ acceptRisk: true });
    expect(sealedIds(store)).toEqual(['c1']);
    const undone = await v.acceptRisk(false);
    expect(undone).toMatchObject({ mode: 'memory', riskAccepted: false });
    expect(store.keyFile.key).toBeNull();
    expect(store.values.has('secrets')).toBe(false);
    expect(v.secrets('c1')).toEqual({ relayToken: TOKEN });
  });

  it('needs no key where the keychain works', async () => {
    const store = testStore();
    const v = await open(store);
    await v.acceptRisk(true);
    expect(store.keyFile.key).toBeNull();
    expect(v.status()).toMatchObject({ mode: 'encrypted', riskAccepted: true, warning: null });
  });

  it('keeps a secret in memory, not sealed with a key that did not reach the disk', async () => {
    const store = testStore({ connections: [{ id: 'c1', name: 'A' }] });
    store.keyFile.failWrite = true;
    const log = warnings();
    const v = await open(store, fakeCipher({ available: false }), log);
    await v.acceptRisk(true);
    await v.setSecrets('c1', { relayToken: TOKEN });
    expect(store.values.has('secrets')).toBe(false);
    expect(v.secrets('c1')).toEqual({ relayToken: TOKEN });
    expect(log.lines).toContain('could not encrypt a secret; keeping it in memory {"error":"Error"}');
  });

  it('keeps the key for the session only on a store without a key file', async () => {
    const store = testStore({ connections: [{ id: 'c1', name: 'A' }] });
    const { keyFile: _kept, ...plain } = store;
    void _kept;
    const v = await open(plain, fakeCipher({ available: false }));
    await v.acceptRisk(true);
    await v.setSecrets('c1', { relayToken: TOKEN });
    expect(sealedIds(store)).toEqual(['c1']);
    // The next start has no key: that secret cannot be opened, and the connection will need Reconnect.
    const next = await open(plain, fakeCipher({ available: false }));
    expect(next.secrets('c1')).toBeUndefined();
    expect(next.status().notices[0]).toMatch(/^The saved credentials of one connection could not be read/);
    await next.acceptRisk(false);
    expect(store.keyFile.key).toBeNull();
  });
});

describe('the vault status', () => {
  it('says why secrets are not encrypted, and what each choice means', async () => {
    const memory = (await open(testStore(), fakeCipher({ available: false, reason: 'No keychain here.' }))).status();
    expect(memory).toEqual({
      mode: 'memory',
      backend: null,
      riskAccepted: false,
      notices: [],
      warning: 'No keychain here. Secrets are kept in memory for this session only: you will need to sign in again after a restart, unless you choose "Store anyway".',
    });
    const basic = (await open(testStore(), fakeCipher({ available: true, backend: 'basic_text' }))).status();
    expect(basic.backend).toBe('basic_text');
    expect(basic.warning).toMatch(/^No keyring \(GNOME Keyring or KWallet\) is running, so secrets could only be hidden with a fixed key, not encrypted\. /);
    const weak = await open(testStore({ vault: { acceptRisk: true } }), fakeCipher({ available: false, reason: 'No keychain here.' }));
    expect(weak.status().warning).toMatch(/^No keychain here\. You chose "Store anyway": secrets are saved on disk, sealed with a key kept in a separate file/);
    expect((await open(testStore())).status()).toEqual({ mode: 'encrypted', backend: 'test_keychain', warning: null, riskAccepted: false, notices: [] });
  });

  it('says so when the keychain cannot even be asked', async () => {
    const cipher = { ...fakeCipher(), availability: () => Promise.reject(new TypeError('no bus')) };
    const status = (await open(testStore(), cipher)).status();
    expect(status.mode).toBe('memory');
    expect(status.warning).toMatch(/^The system keychain could not be asked \(TypeError\)\. Secrets are kept in memory/);
  });

  it('passes on the store\'s notices once each, at most 20, until dismissed', async () => {
    const store = testStore();
    const v = await open(store);
    store.pendingNotices.push('The settings file was moved aside.', 'The settings file was moved aside.');
    expect(v.status().notices).toEqual(['The settings file was moved aside.']);
    store.pendingNotices.push(...Array.from({ length: 30 }, (_, i) => `notice ${i}`));
    expect(v.status().notices).toHaveLength(20);
    v.dismissNotices();
    expect(v.status().notices).toEqual([]);
  });
});

describe('records and secrets while running', () => {
  it('saves a record in place, validated, and deletes it', async () => {
    const store = testStore();
    const v = await open(store);
    v.saveRecord({ id: 'c1', name: 'A' });
    v.saveRecord({ id: 'c2', name: 'B' });
    v.saveRecord({ id: 'c1', name: 'A renamed' });
    expect(v.records()).toEqual([{ id: 'c1', name: 'A renamed' }, { id: 'c2', name: 'B' }]);
    expect(store.values.get('connections')).toEqual(v.records());
    expect(() => v.saveRecord({ id: 'c3', name: 3 } as unknown as Rec)).toThrow();
    v.deleteRecord('c1');
    expect(store.values.get('connections')).toEqual([{ id: 'c2', name: 'B' }]);
    // What it hands out is a copy.
    v.records().pop();
    expect(v.records()).toHaveLength(1);
  });

  it('hands out copies of a bundle, and keeps a copy of what it is given', async () => {
    const v = await open(testStore({ connections: [{ id: 'c1', name: 'A' }] }));
    const given = { relayToken: TOKEN };
    await v.setSecrets('c1', given);
    given.relayToken = 'changed';
    const taken = v.secrets('c1');
    if (taken) taken.relayToken = 'changed too';
    expect(v.secrets('c1')).toEqual({ relayToken: TOKEN });
  });

  it('writes no entry for an empty bundle, and none at all when nothing is left', async () => {
    const store = testStore({ connections: [{ id: 'c1', name: 'A' }, { id: 'c2', name: 'B' }] });
    const v = await open(store);
    await v.setSecrets('c1', {});
    await v.setSecrets('c2', { relayToken: TOKEN });
    expect(sealedIds(store)).toEqual(['c2']);
    await v.deleteSecrets('c2');
    expect(store.values.has('secrets')).toBe(false);
  });

  it('keeps a secret the keychain refuses to seal in memory, and says so in the log', async () => {
    const cipher = { ...fakeCipher(), encrypt: () => Promise.reject(new RangeError('locked')) };
    const store = testStore({ connections: [{ id: 'c1', name: 'A' }] });
    const log = warnings();
    const v = await open(store, cipher, log);
    await v.setSecrets('c1', { relayToken: TOKEN });
    expect(v.secrets('c1')).toEqual({ relayToken: TOKEN });
    expect(store.values.has('secrets')).toBe(false);
    expect(log.lines).toEqual(['could not encrypt a secret; keeping it in memory {"error":"RangeError"}']);
  });

  it('carries on when a save does not reach the disk, but not past a bug', async () => {
    const store = testStore();
    const v = await open(store);
    store.failSet = 'not-saved';
    expect(() => v.saveRecord({ id: 'c1', name: 'A' })).not.toThrow();
    expect(v.records()).toEqual([{ id: 'c1', name: 'A' }]);
    store.failSet = 'crash';
    expect(() => v.saveRecord({ id: 'c2', name: 'B' })).toThrow(RangeError);
  });

  it('lets a key file that fails for another reason than the disk throw', async () => {
    const store = testStore();
    store.keyFile.write = () => {
      throw new RangeError('a bug');
    };
    const v = await open(store, fakeCipher({ available: false }));
    await expect(v.acceptRisk(true)).rejects.toThrow(RangeError);
  });
});
