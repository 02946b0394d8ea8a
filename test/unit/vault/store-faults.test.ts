// The fault suite of the settings store: the file as a folder, unreadable, a JSON value that is not an
// object ([], null, 42, "x"), not JSON, one bad record; at start and while running. Each gives a notice
// naming where the file went, no crash, and nothing else lost. A folder that cannot be written at all
// leaves the app running on settings in memory, and every save that did not reach the disk says so.
//
// EACCES: these tests run as root, for whom a chmod 000 file is still readable, so "unreadable" is played
// by a conf stub that throws the EACCES error conf would (an `open` port of the guarded store), keyed to
// the file's inode so the file moved aside stays unreadable and the fresh one is not.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defaultDesktopSettings, type EventName } from '../../../contract/index.ts';
import { createCore } from '../../../main/core.ts';
import { desktopSettingsKey, readDesktopSettings } from '../../../main/desktop/settings.ts';
import { createConfSettingsStore, openConfFile } from '../../../main/vault/conf-store.ts';
import { createGuardedSettingsStore, type ConfLike } from '../../../main/vault/guarded-store.ts';
import { NotSavedError } from '../../../main/vault/not-saved.ts';
import { Vault } from '../../../main/vault/vault.ts';
import { fakeCipher } from '../../helpers/fake-cipher.ts';

const record = z.object({ id: z.string(), name: z.string() }).strict();
type Rec = z.output<typeof record>;

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'relay-store-faults-'));
  file = join(dir, 'settings.json');
});

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: operation refused, open '${file}'`), { code });

/** A conf store over the real file that answers EACCES while the file at its path is the one marked unreadable. */
function unreadableWhile(deniedInode: () => number | null, failWrites: () => string | null = () => null): () => ConfLike {
  return () => {
    const denied = (): boolean => {
      const ino = deniedInode();
      return ino !== null && existsSync(file) && statSync(file).ino === ino;
    };
    const check = (): void => {
      if (denied()) throw errno('EACCES');
    };
    check();
    const conf = openConfFile({ cwd: dir, configName: 'settings' });
    return {
      path: conf.path,
      get: (key) => (check(), conf.get(key)),
      set: (key, value) => {
        check();
        const code = failWrites();
        if (code) throw errno(code);
        conf.set(key, value);
      },
      delete: (key) => (check(), conf.delete(key)),
    };
  };
}

const asideFiles = (): string[] => readdirSync(dir).filter((f) => /^settings\.corrupt-.*\.json$/.test(f));

const contentFaults: Array<[string, () => void]> = [
  ['a folder (EISDIR)', () => mkdirSync(file)],
  ['[]', () => writeFileSync(file, '[]')],
  ['null', () => writeFileSync(file, 'null')],
  ['42', () => writeFileSync(file, '42')],
  ['"x"', () => writeFileSync(file, '"x"')],
  ['not JSON', () => writeFileSync(file, '{"connections": [ {"id": "c1", garbage')],
];

describe('a damaged settings file at start', () => {
  for (const [label, damage] of contentFaults) {
    it(`${label}: moved aside with its name in the notice, and the store works`, () => {
      damage();
      const store = createConfSettingsStore({ cwd: dir });
      const notices = store.notices();
      expect(notices).toHaveLength(1);
      const [aside] = asideFiles();
      expect(aside).toBeDefined();
      expect(notices[0]).toContain(join(dir, aside!));
      store.set('connections', [{ id: 'c2', name: 'B' }]);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ connections: [{ id: 'c2', name: 'B' }] });
    });
  }

  it('[]: the file moved aside still holds what it held (the evidence is kept)', () => {
    writeFileSync(file, '[]');
    createConfSettingsStore({ cwd: dir });
    expect(readFileSync(join(dir, asideFiles()[0]!), 'utf8')).toBe('[]');
  });

  it('unreadable (EACCES, stubbed): moved aside with a notice, no crash', () => {
    writeFileSync(file, JSON.stringify({ connections: [] }));
    const ino = statSync(file).ino;
    const store = createGuardedSettingsStore({ folder: dir, name: 'settings', open: unreadableWhile(() => ino) });
    expect(store.notices().join(' ')).toMatch(/could not be read \(Relay Console is not allowed to read it\), so it was moved aside to .*settings\.corrupt-/);
    store.set('pins', ['a']);
    expect(store.get('pins')).toEqual(['a']);
  });

  it('a vault over a store opened from a folder in place of the file starts empty and shows the notice', async () => {
    mkdirSync(file);
    const vault = await Vault.open<Rec>({ store: createConfSettingsStore({ cwd: dir }), cipher: fakeCipher(), recordSchema: record });
    expect(vault.records()).toEqual([]);
    expect(vault.status().notices.join(' ')).toMatch(/it is a folder.*moved aside to/);
  });
});

describe('a settings file damaged while running', () => {
  const seed = (store: ReturnType<typeof createConfSettingsStore>): void => {
    store.set('connections', [{ id: 'c1', name: 'A' }]);
    store.set(desktopSettingsKey, { ...defaultDesktopSettings, quiet: true });
  };
  const damageNow: Array<[string, () => void]> = contentFaults.map(([label, damage]) => [
    label,
    () => {
      rmSync(file, { force: true });
      damage();
    },
  ]);

  for (const [label, damage] of damageNow) {
    it(`${label}: the next access moves it aside, keeps every value the app had, and writes them back`, () => {
      const store = createConfSettingsStore({ cwd: dir });
      seed(store);
      damage();
      expect(store.get('connections')).toEqual([{ id: 'c1', name: 'A' }]);
      const notices = store.notices();
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatch(/moved aside to .*settings\.corrupt-.*nothing is lost/);
      expect(asideFiles()).toHaveLength(1);
      const onDisk = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      expect(onDisk['connections']).toEqual([{ id: 'c1', name: 'A' }]);
      expect(readDesktopSettings(store).quiet).toBe(true);
    });
  }

  it('unreadable (EACCES, stubbed) while running: same recovery on a write', () => {
    let ino: number | null = null;
    const store = createGuardedSettingsStore({ folder: dir, name: 'settings', open: unreadableWhile(() => ino) });
    seed(store);
    ino = statSync(file).ino;
    store.set('pins', ['r1']);
    const notices = store.notices();
    expect(notices).toHaveLength(1); // a repair, not also a "could not save"
    expect(notices[0]).toMatch(/not allowed to read it.*moved aside/);
    const onDisk = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(onDisk).toMatchObject({ connections: [{ id: 'c1', name: 'A' }], pins: ['r1'] });
  });

  it('tells a listener at once, so vault.status and the UI learn of the repair', () => {
    const store = createConfSettingsStore({ cwd: dir });
    seed(store);
    let told = 0;
    store.onNotice(() => told++);
    writeFileSync(file, 'null');
    store.get('connections');
    expect(told).toBe(1);
  });
});

describe('a save that does not reach the disk', () => {
  it('a failed write (disk full, stubbed) throws a typed error in words, keeps the value for the session, and says so once', () => {
    let failing: string | null = null;
    const store = createGuardedSettingsStore({ folder: dir, name: 'settings', open: unreadableWhile(() => null, () => failing) });
    store.set('a', 1);
    failing = 'ENOSPC';
    let thrown: unknown;
    try {
      store.set('b', 2);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(NotSavedError);
    expect((thrown as NotSavedError).toBody()).toEqual({ code: 'not_saved', message: expect.stringMatching(/disk is full/) });
    expect(store.get('b')).toBe(2);
    expect(() => store.set('c', 3)).toThrow(NotSavedError);
    expect(store.notices()).toHaveLength(1);
    // Once the disk takes writes again, what was kept for the session is written too.
    failing = null;
    store.set('d', 4);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ a: 1, b: 2, c: 3, d: 4 });
  });

  it('a folder that cannot be written at all: settings in memory for the session, a notice, every save reported', async () => {
    writeFileSync(join(dir, 'not-a-folder'), '');
    const store = createConfSettingsStore({ cwd: join(dir, 'not-a-folder', 'Relay Console') });
    expect(store.notices().join(' ')).toMatch(/cannot write to its settings folder .*kept for this session only/);
    expect(() => store.set('pins', ['r1'])).toThrow(NotSavedError);
    expect(store.get('pins')).toEqual(['r1']);
    const vault = await Vault.open<Rec>({ store, cipher: fakeCipher(), recordSchema: record });
    vault.saveRecord({ id: 'c1', name: 'A' });
    await vault.setSecrets('c1', { relayToken: 'tok-123456789' });
    expect(vault.records()).toHaveLength(1);
    expect(vault.secrets('c1')).toEqual({ relayToken: 'tok-123456789' });
  });
});

describe('one bad record', () => {
  it('drops that connection alone; the other records, their secrets and the desktop settings stay; a copy of the file is kept', async () => {
    const cipher = fakeCipher();
    const first = await Vault.open<Rec>({ store: createConfSettingsStore({ cwd: dir }), cipher, recordSchema: record });
    for (const id of ['c1', 'c2', 'c3']) {
      first.saveRecord({ id, name: id.toUpperCase() });
      await first.setSecrets(id, { relayToken: `token-of-${id}-000` });
    }
    createConfSettingsStore({ cwd: dir }).set(desktopSettingsKey, { ...defaultDesktopSettings, quiet: true });
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { connections: Array<Record<string, unknown>> };
    stored.connections[1] = { ...stored.connections[1], injected: '<script>' };
    writeFileSync(file, JSON.stringify(stored));
    const before = readFileSync(file, 'utf8');

    const store = createConfSettingsStore({ cwd: dir });
    const vault = await Vault.open<Rec>({ store, cipher, recordSchema: record });
    expect(vault.records().map((r) => r.id)).toEqual(['c1', 'c3']);
    expect(vault.secrets('c1')).toEqual({ relayToken: 'token-of-c1-000' });
    expect(vault.secrets('c3')).toEqual({ relayToken: 'token-of-c3-000' });
    expect(readDesktopSettings(store).quiet).toBe(true);
    const notice = vault.status().notices.join(' ');
    expect(notice).toMatch(/One saved connection could not be read/);
    const [copy] = asideFiles();
    expect(notice).toContain(join(dir, copy!));
    expect(readFileSync(join(dir, copy!), 'utf8')).toBe(before);
    const after = JSON.parse(readFileSync(file, 'utf8')) as { connections: Rec[] };
    expect(after.connections.map((r) => r.id)).toEqual(['c1', 'c3']);
  });

  it('a forged secrets entry drops that secret alone (its connection will need Reconnect)', async () => {
    const cipher = fakeCipher();
    const first = await Vault.open<Rec>({ store: createConfSettingsStore({ cwd: dir }), cipher, recordSchema: record });
    first.saveRecord({ id: 'c1', name: 'A' });
    first.saveRecord({ id: 'c2', name: 'B' });
    await first.setSecrets('c1', { relayToken: 'token-of-c1-000' });
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { secrets: Record<string, unknown> };
    stored.secrets['c2'] = { alg: 'plain', data: 'secret-in-clear' };
    writeFileSync(file, JSON.stringify(stored));
    const vault = await Vault.open<Rec>({ store: createConfSettingsStore({ cwd: dir }), cipher, recordSchema: record });
    expect(vault.records()).toHaveLength(2);
    expect(vault.secrets('c1')).toEqual({ relayToken: 'token-of-c1-000' });
    expect(vault.secrets('c2')).toBeUndefined();
    expect(vault.status().notices.join(' ')).toMatch(/could not be read/);
  });
});

describe('through the core', () => {
  const host = { kind: 'preview' as const, version: '0.1.0', platform: 'linux', electronVersion: null };

  it('a store repaired while running shows in vault.status and is announced with vault.changed; nothing else is lost', async () => {
    const settings = createConfSettingsStore({ cwd: dir });
    const core = createCore({ host, settings, cipher: fakeCipher(), startDemoSim: null });
    const events: EventName[] = [];
    core.subscribe((event) => events.push(event));
    expect(await core.dispatch('desktop.settings.set', { quiet: true })).toMatchObject({ ok: true });
    const status = await core.dispatch('vault.status', undefined);
    expect(status).toMatchObject({ ok: true, value: { notices: [] } });

    writeFileSync(file, '[]');
    expect(await core.dispatch('desktop.settings.set', { notifications: { 'room-offline': false } })).toMatchObject({ ok: true });
    const after = await core.dispatch('vault.status', undefined);
    const notices = after.ok ? (after.value as { notices: string[] }).notices : [];
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/moved aside to .*settings\.corrupt-/);
    await new Promise((done) => setImmediate(done));
    expect(events).toContain('vault.changed');
    expect(readDesktopSettings(settings)).toMatchObject({ quiet: true, notifications: { 'room-offline': false } });
    await core.dispose();
  });

  it('desktop.settings.set whose save fails answers a typed error in words; the change holds for the session', async () => {
    writeFileSync(join(dir, 'not-a-folder'), '');
    const settings = createConfSettingsStore({ cwd: join(dir, 'not-a-folder', 'data') });
    const core = createCore({ host, settings, startDemoSim: null });
    const set = await core.dispatch('desktop.settings.set', { quiet: true });
    expect(set).toEqual({ ok: false, error: { code: 'not_saved', message: expect.stringMatching(/for this session only/) } });
    expect(await core.dispatch('desktop.settings.get', undefined)).toMatchObject({ ok: true, value: { settings: { quiet: true } } });
    await core.dispose();
  });
});
