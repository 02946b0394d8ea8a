// The contract's own values: results and error codes as they cross every boundary, and the channel table
// that main binds, preload exposes and the preview bridge speaks.
import { describe, expect, it } from 'vitest';
import { channels, errorCodes, eventNames, fail, isErrorCode, methodForChannel, ok } from '../../../contract/index.ts';

describe('results and error codes', () => {
  it('are plain values', () => {
    expect(ok(42)).toEqual({ ok: true, value: 42 });
    expect(ok(null)).toEqual({ ok: true, value: null });
    expect(fail('timeout', 'Relay did not answer in time.')).toEqual({ ok: false, error: { code: 'timeout', message: 'Relay did not answer in time.' } });
  });

  it('knows its codes and nothing else', () => {
    for (const code of errorCodes) expect(isErrorCode(code), code).toBe(true);
    for (const other of ['', 'TIMEOUT', 'nope', 'toString', 42, null, undefined, { code: 'timeout' }]) expect(isErrorCode(other), String(other)).toBe(false);
    expect(new Set(errorCodes).size).toBe(errorCodes.length);
    for (const code of errorCodes) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });
});

describe('the channel table', () => {
  const table = Object.entries(channels);

  it('gives every method one wire name of its own, "area.verb"', () => {
    const wires = table.map(([, def]) => def.channel);
    expect(new Set(wires).size).toBe(wires.length);
    for (const wire of wires) expect(wire).toMatch(/^[a-z]+(\.[a-zA-Z]+)+$/);
  });

  it('finds the method of a wire name, and none for a name it does not have', () => {
    for (const [method, def] of table) expect(methodForChannel(def.channel)).toBe(method);
    expect(methodForChannel('fs.readFile')).toBeUndefined();
    expect(methodForChannel('')).toBeUndefined();
  });

  it('validates every input with a schema of its own', () => {
    for (const [method, def] of table) expect(typeof def.input.safeParse, method).toBe('function');
    expect(channels.ping.input.safeParse({ nonce: 'n' }).success).toBe(true);
    expect(channels.appInfo.input.safeParse(undefined).success).toBe(true);
    expect(channels.appInfo.input.safeParse({}).success).toBe(false);
  });

  it('lists each event once', () => {
    expect(new Set(eventNames).size).toBe(eventNames.length);
    for (const name of eventNames) expect(name).toMatch(/^[a-z]+(\.[a-zA-Z]+)+$/);
  });
});
