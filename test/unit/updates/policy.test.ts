import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { policyFilePath, readUpdatePolicy } from '../../../main/updates/policy.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function policyFile(content: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'relay-policy-'));
  dirs.push(dir);
  const file = join(dir, 'policy.json');
  writeFileSync(file, content);
  return file;
}

describe('where the policy file lives', () => {
  it('is a machine-wide folder per OS', () => {
    expect(policyFilePath('linux', {})).toBe('/etc/relay-console/policy.json');
    expect(policyFilePath('darwin', {})).toBe('/Library/Application Support/Relay Console/policy.json');
    expect(policyFilePath('win32', { ProgramData: 'D:\\ProgramData' })).toBe('D:\\ProgramData\\Relay Console\\policy.json');
    expect(policyFilePath('win32', {})).toBe('C:\\ProgramData\\Relay Console\\policy.json');
  });
});

describe('reading the policy file', () => {
  it('no file: no policy, no notice', () => {
    expect(readUpdatePolicy('/nonexistent/relay-console/policy.json')).toEqual({ policy: null, notice: null });
  });

  it('turns updates off', () => {
    expect(readUpdatePolicy(policyFile('{ "updates": "off" }'))).toEqual({ policy: { updates: 'off' }, notice: null });
  });

  it('pins the feed (normalised) and names the Windows publisher', () => {
    const file = policyFile(JSON.stringify({ feedUrl: 'HTTPS://Updates.Example.org/relay-console', windowsPublisherNames: ['Example Org Ltd'] }));
    expect(readUpdatePolicy(file)).toEqual({
      policy: { feedUrl: 'https://updates.example.org/relay-console/', windowsPublisherNames: ['Example Org Ltd'] },
      notice: null,
    });
  });

  it('reads a file saved with a byte-order mark (Windows Notepad)', () => {
    expect(readUpdatePolicy(policyFile('\uFEFF{"updates":"off"}')).policy).toEqual({ updates: 'off' });
  });

  it.each([
    ['not JSON', '{ updates: off', 'it is not valid JSON'],
    ['a misspelt key', '{ "update": "off" }', 'it has a setting Relay Console does not know (update)'],
    ['a wrong value', '{ "updates": "no" }', 'it is not valid at "updates"'],
    ['a plain-http feed', '{ "feedUrl": "http://updates.example.org/" }', 'only fetched over https://'],
    ['a feed with a password in it', '{ "feedUrl": "https://u:p@updates.example.org/" }', 'no user name'],
    ['an array', '[]', 'it is not valid'],
    ['null', 'null', 'it is not valid'],
  ])('a bad file (%s) is ignored with a notice', (_what, content, words) => {
    const file = policyFile(content);
    const read = readUpdatePolicy(file);
    expect(read.policy).toBeNull();
    expect(read.notice).toContain(`The update policy file ${file} is ignored because`);
    expect(read.notice).toContain(words);
  });

  it('a folder or a huge file in its place is ignored with a notice', () => {
    const dir = mkdtempSync(join(tmpdir(), 'relay-policy-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'policy.json'));
    expect(readUpdatePolicy(join(dir, 'policy.json')).notice).toMatch(/is ignored because it is a folder/);
    expect(readUpdatePolicy(policyFile(Buffer.alloc(70_000, 0x20))).notice).toMatch(/larger than 64 KB/);
  });
});
