import { describe, expect, it } from 'vitest';
import { createFaults } from '../../../sim/faults.ts';

describe('fault rules', () => {
  it('no rules: no match (the fast path)', () => {
    expect(createFaults().match('GET', '/api/endpoints')).toBeNull();
  });

  it('matches a prefix, a glob (* = one segment, ** = any) and a method', () => {
    const f = createFaults();
    f.add({ kind: 'status', match: { path: '/api/endpoints/*/status', method: 'get' } });
    expect(f.match('GET', '/api/endpoints/abc/status')?.terminal?.kind).toBe('status');
    expect(f.match('GET', '/api/endpoints/status')).toBeNull();
    expect(f.match('GET', '/api/endpoints/a/b/status')).toBeNull();
    expect(f.match('POST', '/api/endpoints/abc/status')).toBeNull();
    f.clear();
    f.add({ kind: 'html', match: { path: '/api/**/join' } });
    expect(f.match('POST', '/api/endpoints/x/join')).not.toBeNull();
    f.clear();
    f.add({ kind: 'reset', match: { path: '/oauth2/' } });
    expect(f.match('POST', '/oauth2/token')).not.toBeNull();
    expect(f.match('GET', '/api/endpoints')).toBeNull();
  });

  it('counts uses and drops a rule when its count is spent', () => {
    const f = createFaults();
    const id = f.add({ kind: 'status', status: 503, count: 2 });
    expect(f.list()).toMatchObject([{ id, remaining: 2, applied: 0 }]);
    expect(f.match('GET', '/x')?.terminal?.status).toBe(503);
    expect(f.list()).toMatchObject([{ id, remaining: 1, applied: 1 }]);
    expect(f.match('GET', '/x')).not.toBeNull();
    expect(f.match('GET', '/x')).toBeNull();
    expect(f.list()).toEqual([]);
  });

  it('adds latencies up and lets the first other rule answer', () => {
    const f = createFaults();
    f.add({ kind: 'latency', ms: 100 });
    f.add({ kind: 'latency', ms: 50 });
    f.add({ kind: 'html' });
    f.add({ kind: 'reset' });
    const m = f.match('GET', '/x');
    expect(m?.latencyMs).toBe(150);
    expect(m?.terminal?.kind).toBe('html');
  });

  it('removes one rule by id, and refuses invalid specs', () => {
    const f = createFaults();
    const a = f.add({ kind: 'stall' });
    expect(f.remove(a)).toBe(true);
    expect(f.remove(a)).toBe(false);
    expect(() => f.add({ kind: 'status', status: 404 as 500 })).toThrow();
    expect(() => f.add({ kind: 'latency', ms: -1 })).toThrow();
    expect(() => f.add({ kind: 'status', match: { path: 'no-slash' } })).toThrow();
  });
});
