// The secret registry at its edges: the shortest secrets it scrubs, values added and held at once, patterns
// that share a prefix, the encoded forms, the limit, and the logger that scrubs every line it writes.
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../main/ports.ts';
import { scrubbingLogger, SecretRegistry } from '../../../main/vault/redact.ts';

describe('SecretRegistry edges', () => {
  it('scrubs secrets of four characters and more, and lines of any length', () => {
    const r = new SecretRegistry();
    r.add('abcd', 'xyz');
    expect(r.size).toBe(1);
    expect(r.scrub('abcd')).toBe('[secret]');
    expect(r.scrub('xabcd')).toBe('x[secret]');
    expect(r.scrub('abcdabcdabc')).toBe('[secret][secret]abc');
    expect(r.scrub('xyz abc')).toBe('xyz abc');
    expect(r.scrub('ab')).toBe('ab');
    r.hold('c1', ['wxyz', 'uvw']);
    expect(r.size).toBe(2);
    expect(r.scrub('uvw wxyz')).toBe('uvw [secret]');
  });

  it('tells apart secrets that start alike, and masks the longest one whole', () => {
    const r = new SecretRegistry();
    r.add('same-start-1', 'same-start-22', 'same');
    expect(r.scrub('same-start-1 same-start-22 same-start-3 same')).toBe('[secret] [secret] [secret]-start-3 [secret]');
    r.forget('same-start-22');
    expect(r.scrub('same-start-22')).toBe('[secret]-start-22');
    r.forget('same');
    expect(r.scrub('same-start-22 same-start-1')).toBe('same-start-22 [secret]');
    r.forget('same-start-1');
    expect(r.scrub('same-start-1')).toBe('same-start-1');
    expect(r.size).toBe(0);
  });

  it('knows an added value until the attempt is over, then only while someone holds it', () => {
    const r = new SecretRegistry();
    r.add('tried-and-held');
    r.hold('c1', ['tried-and-held']);
    r.forget('tried-and-held');
    expect(r.scrub('tried-and-held')).toBe('[secret]');
    r.release('c1');
    expect(r.scrub('tried-and-held')).toBe('tried-and-held');
    // Held, then tried too: letting go of the hold leaves it known while it is still being tried.
    r.hold('c2', ['held-then-tried']);
    r.add('held-then-tried');
    r.release('c2');
    expect(r.scrub('held-then-tried')).toBe('[secret]');
    r.forget('held-then-tried');
    expect(r.size).toBe(0);
    r.forget('never-known', null, undefined);
  });

  it('counts a value held by two connections until both let go', () => {
    const r = new SecretRegistry();
    r.hold('c1', ['shared-token']);
    r.hold('c2', ['shared-token']);
    r.hold('c1', ['shared-token']); // holding it again changes nothing
    r.release('c1');
    expect(r.scrub('shared-token')).toBe('[secret]');
    r.release('c2');
    expect(r.scrub('shared-token')).toBe('shared-token');
  });

  it('scrubs the encoded form until the value is gone, and a value that is its own encoding once', () => {
    const r = new SecretRegistry();
    r.hold('c1', ['p@ss word']);
    expect(r.scrub('a=p%40ss%20word')).toBe('a=[secret]');
    r.release('c1');
    expect(r.scrub('a=p%40ss%20word b=p@ss word')).toBe('a=p%40ss%20word b=p@ss word');
    r.add('plain-token');
    r.forget('plain-token');
    expect(r.scrub('plain-token')).toBe('plain-token');
    // One value's encoded form may be another value: it stays while either is known.
    r.add('a b c d', 'a%20b%20c%20d');
    r.forget('a b c d');
    expect(r.scrub('a%20b%20c%20d')).toBe('[secret]');
  });

  it('scrubs a request\'s own secrets and their encoded form, even when the registry knows nothing else', () => {
    const r = new SecretRegistry();
    expect(r.scrub('q=one+time pw=xy%2Fz xy/z abc', ['one+time', 'xy/z', 'abc'])).toBe('q=[secret] pw=[secret] [secret] abc');
    expect(r.size).toBe(0);
    r.add('known-already');
    expect(r.scrub('known-already', ['known-already'])).toBe('[secret]');
  });

  it('keeps the newest values up to its limit, and at least one', () => {
    const r = new SecretRegistry({ limit: 2 });
    r.add('first-secret', 'second-secret', 'third-secret');
    expect(r.size).toBe(2);
    expect(r.scrub('first-secret second-secret third-secret')).toBe('first-secret [secret] [secret]');
    r.hold('c1', ['held-a-secret', 'held-b-secret', 'held-c-secret']);
    expect(r.size).toBe(3);
    expect(r.scrub('held-a-secret held-c-secret third-secret')).toBe('[secret] [secret] third-secret');
    const tiny = new SecretRegistry({ limit: 0 });
    tiny.add('only-secret');
    expect(tiny.scrub('only-secret')).toBe('[secret]');
    tiny.add('next-secret');
    expect(tiny.scrub('only-secret next-secret')).toBe('only-secret [secret]');
  });
});

describe('a scrubbing logger', () => {
  const capture = () => {
    const lines: [string, string, Record<string, unknown> | undefined][] = [];
    const log: Logger = {
      info: (m, f) => void lines.push(['info', m, f]),
      warn: (m, f) => void lines.push(['warn', m, f]),
      error: (m, f) => void lines.push(['error', m, f]),
    };
    return { lines, log };
  };

  it('scrubs the message and every field at every level, and passes what is clean as it is', () => {
    const r = new SecretRegistry();
    r.add('s3cret-token');
    const { lines, log } = capture();
    const scrubbed = scrubbingLogger(log, r);
    scrubbed.info('got s3cret-token', { token: 's3cret-token', nested: { list: ['s3cret-token', 2] } });
    scrubbed.warn('plain', { n: 1 });
    scrubbed.error('s3cret-token!');
    expect(lines).toEqual([
      ['info', 'got [secret]', { token: '[secret]', nested: { list: ['[secret]', 2] } }],
      ['warn', 'plain', { n: 1 }],
      ['error', '[secret]!', undefined],
    ]);
  });

  it('writes a note in place of fields it cannot serialise, never the fields', () => {
    const { lines, log } = capture();
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    scrubbingLogger(log, new SecretRegistry()).warn('odd', loop);
    expect(lines).toEqual([['warn', 'odd', { note: 'fields not serialisable' }]]);
  });
});
