// The secret registry: scrubs every secret it knows (and its URL-encoded form) from a line in one pass,
// forgets what was replaced or failed, and stays within its limit, dropping the oldest values no
// connection holds first.
import { describe, expect, it } from 'vitest';
import { SecretRegistry } from '../../../main/vault/redact.ts';

describe('SecretRegistry', () => {
  it('scrubs every known secret and its URL-encoded form, the longer first where one holds another', () => {
    const r = new SecretRegistry();
    r.add('tok1-aaaa', 'pa ss/wörd', 'tok1-aaaa-bbbb');
    r.add('abc', null, undefined, ''); // too short to scrub without eating ordinary words
    expect(r.scrub('a tok1-aaaa-bbbb b tok1-aaaa c')).toBe('a [secret] b [secret] c');
    expect(r.scrub(`x=${encodeURIComponent('pa ss/wörd')}&y=pa ss/wörd`)).toBe('x=[secret]&y=[secret]');
    expect(r.scrub('abc is fine')).toBe('abc is fine');
    // A request's own secrets, known or not.
    expect(r.scrub('q=req-only-secret tok1-aaaa', ['req-only-secret'])).toBe('q=[secret] [secret]');
    // Overlaps and edges.
    expect(r.scrub('tok1-aaaatok1-aaaa')).toBe('[secret][secret]');
    expect(r.scrub('tok1-aaa')).toBe('tok1-aaa');
    expect(r.scrub('')).toBe('');
  });

  it('forgets a failed value at once; never one a connection holds', () => {
    const r = new SecretRegistry();
    r.add('typed-wrong-password');
    r.forget('typed-wrong-password');
    expect(r.scrub('typed-wrong-password')).toBe('typed-wrong-password');
    expect(r.size).toBe(0);
    r.hold('c1', ['shared-app-secret']);
    r.add('shared-app-secret');
    r.forget('shared-app-secret');
    expect(r.scrub('shared-app-secret')).toBe('[secret]');
  });

  it('forgets what a holder replaced, once no other holder has it', () => {
    const r = new SecretRegistry();
    r.hold('c1', ['relay-token-1', 'app-secret-1']);
    r.hold('c2', ['app-secret-1']);
    r.hold('c1', ['relay-token-2', 'app-secret-1', undefined]);
    expect(r.scrub('relay-token-1 relay-token-2 app-secret-1')).toBe('relay-token-1 [secret] [secret]');
    r.release('c1');
    expect(r.scrub('relay-token-2 app-secret-1')).toBe('relay-token-2 [secret]');
    r.release('c2');
    expect(r.size).toBe(0);
  });

  it('stays within its limit, dropping the oldest values no connection holds first', () => {
    const r = new SecretRegistry({ limit: 100 });
    r.hold('c1', ['held-oldest-secret']);
    for (let i = 0; i < 1_000; i++) r.add(`loose-secret-${i}`);
    expect(r.size).toBe(100);
    expect(r.scrub('held-oldest-secret')).toBe('[secret]');
    expect(r.scrub('loose-secret-999 loose-secret-901')).toBe('[secret] [secret]');
    expect(r.scrub('loose-secret-900')).toBe('loose-secret-900');
    // Adding a value again makes it the newest.
    r.add('loose-secret-901');
    r.add('one-more-secret');
    expect(r.scrub('loose-secret-901 loose-secret-902')).toBe('[secret] loose-secret-902');
  });
});
