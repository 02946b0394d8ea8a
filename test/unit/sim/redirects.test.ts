import { describe, expect, it } from 'vitest';
import { isLoopback } from '../../../sim/http.ts';
import { redirectAllowed, withParams } from '../../../sim/oauth/redirects.ts';
import { oauthApp } from '../../../sim/world/accounts.ts';

describe('redirect URLs', () => {
  const registered = oauthApp.redirectUrls[0]!;
  it('allows a registered URL and its sub-URLs', () => {
    expect(redirectAllowed(oauthApp, registered)).toBe(true);
    expect(redirectAllowed(oauthApp, `${registered}/more`)).toBe(true);
    expect(redirectAllowed(oauthApp, `${registered}?a=1`)).toBe(true);
    expect(redirectAllowed(oauthApp, `${registered}evil`)).toBe(false);
  });

  it('allows any http loopback IP on any port (RFC 8252), refuses localhost and others', () => {
    expect(redirectAllowed(oauthApp, 'http://127.0.0.1:49152/cb')).toBe(true);
    expect(redirectAllowed(oauthApp, 'http://127.0.0.1/cb')).toBe(true);
    expect(redirectAllowed(oauthApp, 'http://[::1]:8080/')).toBe(true);
    expect(redirectAllowed(oauthApp, 'http://localhost:49152/cb')).toBe(false);
    expect(redirectAllowed(oauthApp, 'https://127.0.0.1.evil.example/cb')).toBe(false);
    expect(redirectAllowed(oauthApp, 'http://127.0.0.1:1/cb#frag')).toBe(false);
    expect(redirectAllowed(oauthApp, 'not a url')).toBe(false);
  });

  it('adds parameters to a redirect URL, keeping its own', () => {
    expect(withParams('http://127.0.0.1:5/cb?x=1', { code: 'c', state: 's t' })).toBe('http://127.0.0.1:5/cb?x=1&code=c&state=s+t');
  });
});

describe('loopback check for /_sim/', () => {
  it('accepts loopback addresses only', () => {
    for (const a of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '127.0.0.2']) expect(isLoopback(a), a).toBe(true);
    for (const a of ['10.0.0.5', '192.168.1.2', '::ffff:10.0.0.1', 'fe80::1', undefined]) expect(isLoopback(a), String(a)).toBe(false);
  });
});
