// The guarded settings store over a conf-like file that can play each fault: what the admin is told, what
// holds for the session, and what reaches the disk again once it can.
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../main/ports.ts';
import { createGuardedSettingsStore, readSettingsObject, type ConfLike } from '../../../main/vault/guarded-store.ts';
import { NotSavedError } from '../../../main/vault/not-saved.ts';

const failure = (code: string) => Object.assign(new Error(code), { code });
const at = Date.UTC(2026, 11, 1, 10, 0, 0, 0);

interface FakeFile extends ConfLike {
  data: Map<string, unknown>;
  failGet: Error | null;
  failSet: Error | null;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'relay-guarded-'));
});

function fakeFile(): FakeFile {
  const path = join(dir, 'settings.json');
  writeFileSync(path, '{}');
  const f: FakeFile = {
    path,
    data: new Map(),
    failGet: null,
    failSet: null,
    get(key) {
      if (f.failGet) throw f.failGet;
      return structuredClone(f.data.get(key));
    },
    set(key, value) {
      if (f.failSet) throw f.failSet;
      f.data.set(key, structuredClone(value));
    },
    delete(key) {
      if (f.failSet) throw f.failSet;
      f.data.delete(key);
    },
  };
  return f;
}

function store(opens: (() => ConfLike)[], log?: Logger) {
  let n = 0;
  return createGuardedSettingsStore({
    folder: dir,
    name: 'settings',
    now: () => at,
    ...(log ? { log } : {}),
    open: () => {
      const next = opens[Math.min(n++, opens.length - 1)];
      if (!next) throw new Error('no file');
      return next();
    },
  });
}

describe('the settings file as read', () => {
  it('is a JSON object, with or without an editor\'s byte order mark', () => {
    expect(readSettingsObject('\uFEFF{"a":1}')).toEqual({ a: 1 });
    expect(() => readSettingsObject('{"a":')).toThrow(new SyntaxError('The settings file is not valid JSON.'));
    for (const text of ['[]', 'null', '42', '"x"']) expect(() => readSettingsObject(text), text).toThrow(new SyntaxError('The settings file does not hold a JSON object.'));
  });
});

describe('the guarded store', () => {
  it('tells the log and its listeners of each notice, keeps each once and at most 20, until taken', () => {
    const lines: string[] = [];
    const log: Logger = { info: () => undefined, error: () => undefined, warn: (m, f) => void lines.push(`${m} ${JSON.stringify(f)}`) };
    const f = fakeFile();
    const s = store([() => f], log);
    let told = 0;
    const off = s.onNotice(() => told++);
    f.failSet = failure('ENOSPC');
    expect(() => s.set('a', 1)).toThrow(NotSavedError);
    expect(() => s.set('b', 2)).toThrow(NotSavedError);
    expect(told).toBe(1);
    const text = `Relay Console could not save its settings to ${join(dir, 'settings.json')} (the disk is full). Changes are kept for this session only until a save works again.`;
    expect(lines).toEqual([`settings store ${JSON.stringify({ notice: text })}`]);
    expect(s.notices()).toEqual([text]);
    expect(s.notices()).toEqual([]);
    off();
    f.failSet = null;
    s.set('c', 3);
    f.failSet = failure('EROFS');
    expect(() => s.set('d', 4)).toThrow(NotSavedError);
    expect(told).toBe(1);
  });

  it('writes what did not reach the disk with the next save that works, and reads it from the session meanwhile', () => {
    const f = fakeFile();
    const s = store([() => f]);
    f.failSet = failure('ENOSPC');
    expect(() => s.set('a', { v: 1 })).toThrow(new NotSavedError('the disk is full'));
    f.data.set('a', 'stale on disk');
    expect(s.get('a')).toEqual({ v: 1 });
    f.failSet = null;
    s.set('b', 2);
    expect(Object.fromEntries(f.data)).toEqual({ a: { v: 1 }, b: 2 });
    expect(s.get('a')).toEqual({ v: 1 });
    s.delete('a');
    expect(f.data.has('a')).toBe(false);
    expect(s.get('a')).toBeUndefined();
    expect(s.copyAside()).toBe(join(dir, 'settings.corrupt-2026-12-01T10-00-00-000Z.json'));
  });

  it('moves a file damaged while running aside and writes the session back into a fresh one', () => {
    const first = fakeFile();
    const fresh = fakeFile();
    const s = store([() => first, () => fresh]);
    s.set('connections', [{ id: 'c1' }]);
    first.failGet = new SyntaxError('bad');
    expect(s.get('connections')).toEqual([{ id: 'c1' }]);
    expect(fresh.data.get('connections')).toEqual([{ id: 'c1' }]);
    expect(s.notices()).toEqual([
      `The settings file could not be read (it is not a settings file), so it was moved aside to ${join(dir, 'settings.corrupt-2026-12-01T10-00-00-000Z.json')}. The settings in use were written back, so nothing is lost.`,
    ]);
  });

  it('starts empty, in words, when the file cannot be read at start', () => {
    const fresh = fakeFile();
    const s = store([
      () => {
        throw failure('EACCES');
      },
      () => fresh,
    ]);
    expect(s.notices()).toEqual([
      `The settings file could not be read (Relay Console is not allowed to read it), so it was moved aside to ${join(dir, 'settings.corrupt-2026-12-01T10-00-00-000Z.json')}. Relay Console started with empty settings: add your connections again.`,
    ]);
    s.set('a', 1);
    expect(fresh.data.get('a')).toBe(1);
  });

  it('keeps everything in memory, and says so, when there is no file to blame or the fresh one will not open', () => {
    // Nothing at the path: the folder is the problem.
    const nothing = store([
      () => {
        throw failure('EROFS');
      },
    ]);
    expect(nothing.notices()).toEqual([
      `Relay Console cannot write to its settings folder ${dir} (the disk is read-only), so settings and connections are kept for this session only and are lost when it quits.`,
    ]);
    expect(() => nothing.set('a', 1)).toThrow(new NotSavedError('the disk is read-only'));
    expect(nothing.get('a')).toBe(1);
    expect(nothing.copyAside()).toBeNull();
    // The key of "store anyway" is kept for the session only.
    expect(() => nothing.keyFile.write('k'.repeat(43) + '=')).toThrow(NotSavedError);
    expect(nothing.keyFile.read()).toBe('k'.repeat(43) + '=');
    nothing.keyFile.remove();
    expect(nothing.keyFile.read()).toBeNull();

    writeFileSync(join(dir, 'settings.json'), 'damaged');
    const reopenFails = store([
      () => {
        throw new SyntaxError('bad');
      },
      () => {
        throw failure('EACCES');
      },
    ]);
    expect(reopenFails.notices()).toEqual([
      expect.stringMatching(/^The settings file could not be read \(it is not a settings file\), so it was moved aside to /),
      `Relay Console cannot write to its settings folder ${dir} (Relay Console is not allowed to write there), so settings and connections are kept for this session only and are lost when it quits.`,
    ]);
    expect(() => reopenFails.set('a', 1)).toThrow(NotSavedError);
  });

  it('keeps everything in memory when the damaged file cannot even be moved aside', () => {
    const path = join(dir, 'settings.json');
    mkdirSync(path);
    for (let n = 1; n <= 100; n++) writeFileSync(join(dir, `settings.corrupt-2026-12-01T10-00-00-000Z${n === 1 ? '' : `-${n}`}.json`), '');
    const s = store([
      () => {
        throw failure('EISDIR');
      },
    ]);
    expect(s.notices()).toEqual([
      `Relay Console cannot write to its settings folder ${dir} (the system answered EEXIST), so settings and connections are kept for this session only and are lost when it quits.`,
    ]);
    expect(readdirSync(dir)).toContain('settings.json');
  });

  it('repairs a file damaged since, on a save, and reports the save only if the fresh file fails too', () => {
    const first = fakeFile();
    const fresh = fakeFile();
    const s = store([() => first, () => fresh]);
    first.failGet = new SyntaxError('bad');
    first.failSet = new SyntaxError('bad');
    s.set('a', 1);
    expect(fresh.data.get('a')).toBe(1);

    const one = fakeFile();
    const broken = fakeFile();
    const t = store([() => one, () => broken]);
    t.set('kept', 0);
    one.failGet = new SyntaxError('bad');
    one.failSet = new SyntaxError('bad');
    broken.failSet = failure('ENOSPC');
    expect(() => t.set('b', 2)).toThrow(new NotSavedError('the disk is full'));
  });
});
