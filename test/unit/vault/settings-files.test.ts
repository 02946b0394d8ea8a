// The files beside the settings: the words for a file problem, the copies kept aside, the key file of
// "store anyway", and the in-memory store for hosts without a folder.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemorySettingsStore } from '../../../main/vault/conf-store.ts';
import { whyNotWritten, whyUnreadable } from '../../../main/vault/file-errors.ts';
import { createKeyFile } from '../../../main/vault/key-file.ts';
import { newLocalKey } from '../../../main/vault/local-key.ts';
import { NotSavedError } from '../../../main/vault/not-saved.ts';
import { copyFileAside, moveFileAside } from '../../../main/vault/quarantine.ts';

const failure = (code: string) => Object.assign(new Error(code), { code });
const at = Date.UTC(2026, 11, 1, 10, 0, 0, 0);
const stamp = '2026-12-01T10-00-00-000Z';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'relay-files-'));
});

describe('a file problem in words', () => {
  it('says why a file could not be read', () => {
    expect(whyUnreadable(new SyntaxError('x'))).toBe('it is not a settings file');
    expect(whyUnreadable(failure('EISDIR'))).toBe('it is a folder');
    expect(whyUnreadable(failure('EACCES'))).toBe('Relay Console is not allowed to read it');
    expect(whyUnreadable(failure('EPERM'))).toBe('Relay Console is not allowed to read it');
    expect(whyUnreadable(failure('EIO'))).toBe('the disk could not read it');
    expect(whyUnreadable(failure('EMFILE'))).toBe('the system answered EMFILE');
    expect(whyUnreadable(new Error('no code'))).toBe('an unexpected error');
    expect(whyUnreadable(null)).toBe('an unexpected error');
    expect(whyUnreadable({ code: 42 })).toBe('an unexpected error');
  });

  it('says why a file could not be written', () => {
    expect(whyNotWritten(failure('EACCES'))).toBe('Relay Console is not allowed to write there');
    expect(whyNotWritten(failure('EPERM'))).toBe('Relay Console is not allowed to write there');
    expect(whyNotWritten(failure('ENOSPC'))).toBe('the disk is full');
    expect(whyNotWritten(failure('EDQUOT'))).toBe('your disk quota is used up');
    expect(whyNotWritten(failure('EROFS'))).toBe('the disk is read-only');
    expect(whyNotWritten(failure('ENOTDIR'))).toBe('part of its path is a file, not a folder');
    expect(whyNotWritten(failure('EISDIR'))).toBe('a folder is in the way');
    expect(whyNotWritten(failure('EIO'))).toBe('the disk could not write it');
    expect(whyNotWritten(failure('EBUSY'))).toBe('the system answered EBUSY');
    expect(whyNotWritten(undefined)).toBe('an unexpected error');
  });
});

describe('a settings file kept aside', () => {
  it('is moved under a name that says when, then -2, -3…, readable by the user alone', () => {
    const path = join(dir, 'settings.json');
    writeFileSync(path, 'first');
    expect(moveFileAside(path, at)).toBe(join(dir, `settings.corrupt-${stamp}.json`));
    writeFileSync(path, 'second');
    expect(moveFileAside(path, at)).toBe(join(dir, `settings.corrupt-${stamp}-2.json`));
    writeFileSync(path, 'third');
    expect(moveFileAside(path, at)).toBe(join(dir, `settings.corrupt-${stamp}-3.json`));
    expect(existsSync(path)).toBe(false);
    expect(readFileSync(join(dir, `settings.corrupt-${stamp}-2.json`), 'utf8')).toBe('second');
    expect(statSync(join(dir, `settings.corrupt-${stamp}.json`)).mode & 0o777).toBe(0o600);
  });

  it('moves a folder in the file\'s place too, and nothing when nothing is there', () => {
    const path = join(dir, 'settings.json');
    expect(moveFileAside(path, at)).toBeNull();
    mkdirSync(path);
    expect(moveFileAside(path, at)).toBe(join(dir, `settings.corrupt-${stamp}.json`));
  });

  it('gives up after 100 names taken in the same millisecond', () => {
    const path = join(dir, 'settings.json');
    writeFileSync(join(dir, `settings.corrupt-${stamp}.json`), '');
    for (let n = 2; n <= 100; n++) writeFileSync(join(dir, `settings.corrupt-${stamp}-${n}.json`), '');
    writeFileSync(path, 'x');
    expect(() => moveFileAside(path, at)).toThrow(expect.objectContaining({ code: 'EEXIST', message: 'too many files moved aside at once' }));
    expect(existsSync(path)).toBe(true);
  });

  it('is copied, leaving the file in place, and only when it is a file', () => {
    const path = join(dir, 'settings.json');
    expect(copyFileAside(path, at)).toBeNull();
    writeFileSync(path, '{"a":1}');
    const copy = copyFileAside(path, at);
    expect(copy).toBe(join(dir, `settings.corrupt-${stamp}.json`));
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}');
    expect(readFileSync(copy ?? '', 'utf8')).toBe('{"a":1}');
    expect(statSync(copy ?? '').mode & 0o777).toBe(0o600);
    const folder = join(dir, 'other.json');
    mkdirSync(folder);
    expect(copyFileAside(folder, at)).toBeNull();
  });
});

describe('the key file of "store anyway"', () => {
  const keyFile = () => {
    const notices: string[] = [];
    const path = join(dir, 'settings.key');
    return { path, notices, file: createKeyFile({ path, now: () => at, notice: (t) => void notices.push(t) }) };
  };

  it('holds one key, private to the user, and forgets it on remove', () => {
    const { path, notices, file } = keyFile();
    expect(file.read()).toBeNull();
    const key = newLocalKey();
    file.write(key);
    expect(readFileSync(path, 'utf8')).toBe(`${key}\n`);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(file.read()).toBe(key);
    expect(readdirSync(dir)).toEqual(['settings.key']);
    file.remove();
    expect(existsSync(path)).toBe(false);
    file.remove();
    expect(notices).toEqual([]);
  });

  it('moves a file that holds no key aside and says what that means', () => {
    const { path, notices, file } = keyFile();
    for (const text of ['not a key', `${newLocalKey()}x`, `x${newLocalKey()}`]) {
      writeFileSync(path, text);
      expect(file.read()).toBeNull();
      expect(existsSync(path)).toBe(false);
    }
    expect(notices[0]).toBe(
      `The key file ${path} could not be read (it does not hold a key), so it was moved aside to ${join(dir, `settings.corrupt-${stamp}.key`)}. Secrets saved with "Store anyway" cannot be opened: reconnect those connections.`,
    );
    expect(notices).toHaveLength(3);
  });

  it('says why it cannot be read when a folder is in its place, and leaves a folder it cannot remove', () => {
    const { path, notices, file } = keyFile();
    mkdirSync(path);
    expect(file.read()).toBeNull();
    expect(notices[0]).toMatch(/^The key file .* could not be read \(it is a folder\), so it was moved aside to /);
    mkdirSync(path);
    file.remove();
    expect(statSync(path).isDirectory()).toBe(true);
  });

  it('says when it cannot be written, keeps no half-written file, and throws NotSavedError', () => {
    const { path, notices, file } = keyFile();
    mkdirSync(join(path));
    writeFileSync(join(path, 'inside'), '');
    expect(() => file.write(newLocalKey())).toThrow(NotSavedError);
    expect(notices).toEqual([`The key for "Store anyway" could not be saved to ${path} (a folder is in the way), so those secrets are kept for this session only.`]);
    expect(readdirSync(dir)).toEqual(['settings.key']);
  });
});

describe('the in-memory settings store', () => {
  it('keeps copies, and forgets a key set to undefined', () => {
    const store = createMemorySettingsStore();
    const value = { list: [1, 2] };
    store.set('k', value);
    value.list.push(3);
    const read = store.get('k') as { list: number[] };
    expect(read).toEqual({ list: [1, 2] });
    read.list.push(4);
    expect(store.get('k')).toEqual({ list: [1, 2] });
    store.set('k', undefined);
    expect(store.get('k')).toBeUndefined();
    store.set('j', 1);
    store.delete('j');
    expect(store.get('j')).toBeUndefined();
  });
});
