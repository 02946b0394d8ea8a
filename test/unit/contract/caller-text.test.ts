import { describe, expect, it } from 'vitest';
import { quoteCallerText } from '../../../contract/index.ts';

describe('quoteCallerText', () => {
  it('quotes short text as it is', () => {
    expect(quoteCallerText('rooms.lst')).toBe('"rooms.lst"');
  });

  it('cuts long text at the limit, in whole characters', () => {
    expect(quoteCallerText('x'.repeat(100), 10)).toBe(`"${'x'.repeat(10)}…"`);
    expect(quoteCallerText('😀'.repeat(20), 5)).toBe(`"${'😀'.repeat(5)}…"`);
    expect(quoteCallerText('y'.repeat(1_000_000)).length).toBeLessThan(70);
  });

  it('leaves no markup, quote, control or reordering character', () => {
    const quoted = quoteCallerText('<b>"x"</b>&\'`\\\n\r\t\u0000\u202e\u2066\u200b\ufeff');
    expect(quoted.slice(1, -1)).toMatch(/^[b?x/]+$/);
  });

  it('quotes what is not text too', () => {
    expect(quoteCallerText(42)).toBe('"42"');
    expect(quoteCallerText(undefined)).toBe('"undefined"');
    expect(quoteCallerText({ toString: () => { throw new Error('no'); } })).toBe('"object"');
  });
});
