// The update feed address as Settings sends it: an https folder (plain http only on this computer),
// normalised the way the updater fetches from it, and refused in words.
import { describe, expect, it } from 'vitest';
import { checkFeedUrl, feedUrlInput, setFeedInput } from '../../../contract/index.ts';
import { accepted, refusal } from './schema-check.ts';

const url = (text: string): string | null => {
  const r = checkFeedUrl(text);
  return r.ok ? r.url : null;
};
const says = (text: string): string | null => {
  const r = checkFeedUrl(text);
  return r.ok ? null : r.message;
};

const notAFolder = 'That is not an https:// address of a folder (no user name, "?" or "#").';

describe('an update feed address', () => {
  it('is a folder: lower-case scheme and host, the path as typed, a trailing slash', () => {
    expect(url('https://updates.example.org/relay-console/')).toBe('https://updates.example.org/relay-console/');
    expect(url('  HTTPS://Updates.Example.ORG/Relay-Console  ')).toBe('https://updates.example.org/Relay-Console/');
    expect(url('https://updates.example.org')).toBe('https://updates.example.org/');
    expect(url("https://updates.example.org/a.b_c~d%20e!$&'()*+,;=:@x/")).toBe("https://updates.example.org/a.b_c~d%20e!$&'()*+,;=:@x/");
  });

  it('keeps a port from 1 to 65535', () => {
    expect(url('https://updates.example.org:1/f')).toBe('https://updates.example.org:1/f/');
    expect(url('https://updates.example.org:8443/f/')).toBe('https://updates.example.org:8443/f/');
    expect(url('https://updates.example.org:65535/')).toBe('https://updates.example.org:65535/');
    for (const port of ['0', '65536', '99999']) expect(says(`https://updates.example.org:${port}/`), port).toBe('The port must be between 1 and 65535.');
  });

  it('is fetched over plain http only from this computer', () => {
    expect(url('http://127.0.0.1:8080/feed')).toBe('http://127.0.0.1:8080/feed/');
    expect(url('http://LOCALHOST/feed/')).toBe('http://localhost/feed/');
    expect(url('http://[::1]:8080/')).toBe('http://[::1]:8080/');
    for (const remote of ['http://updates.example.org/', 'http://127.0.0.2/', 'http://[::2]/'])
      expect(says(remote), remote).toBe('Updates are only fetched over https:// (plain http:// only from this computer, for testing).');
  });

  it('says in words what is wrong', () => {
    expect(says('')).toBe('Type the address of the update server, e.g. https://updates.example.org/relay-console/.');
    expect(says('   ')).toBe('Type the address of the update server, e.g. https://updates.example.org/relay-console/.');
    for (const bad of ['updates.example.org/feed/', 'ftp://updates.example.org/', 'https://user@updates.example.org/', 'https://updates.example.org/?x=1', 'https://updates.example.org/#top', 'see https://updates.example.org/', 'https://updates.example.org/a b/', 'https://[]/'])
      expect(says(bad), bad).toBe(notAFolder);
  });

  it('is at most 2048 characters', () => {
    const base = 'https://updates.example.org/';
    const longest = base + 'a'.repeat(2048 - base.length - 1) + '/';
    expect(longest).toHaveLength(2048);
    expect(url(longest)).toBe(longest);
    expect(says(`${longest}b`)).toBe('That address is too long.');
  });

  it('reaches main normalised; a refusal ends its sentence where the dispatcher goes on; null turns updates off', () => {
    expect(accepted(feedUrlInput, ' https://Updates.example.org/f ')).toBe('https://updates.example.org/f/');
    expect(refusal(feedUrlInput, 'http://updates.example.org/')).toEqual(['Updates are only fetched over https:// (plain http:// only from this computer, for testing)']);
    refusal(feedUrlInput, `https://updates.example.org/${'a'.repeat(2100)}`);
    // Only the sentence's last full stop goes, as a custom refusal.
    const blank = feedUrlInput.safeParse(' ');
    expect(blank.error?.issues).toEqual([expect.objectContaining({ code: 'custom', message: 'Type the address of the update server, e.g. https://updates.example.org/relay-console/' })]);
    expect(accepted(setFeedInput, { feedUrl: 'https://updates.example.org/f' })).toEqual({ feedUrl: 'https://updates.example.org/f/' });
    expect(accepted(setFeedInput, { feedUrl: null })).toEqual({ feedUrl: null });
    refusal(setFeedInput, {});
  });
});
