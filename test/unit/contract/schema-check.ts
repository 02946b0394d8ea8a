// Small helpers for the contract's schema tests: what a schema makes of a value, and in which words it refuses.
import { expect } from 'vitest';
import type { z } from 'zod';

/** The value as main receives it after validation; fails the test when the schema refuses it. */
export function accepted<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  expect(r.success, `${JSON.stringify(value)} should be accepted: ${r.error?.issues.map((i) => i.message).join('; ')}`).toBe(true);
  return r.data as z.output<S>;
}

/** The messages of a refusal (the words the admin reads); fails the test when the schema accepts the value. */
export function refusal(schema: z.ZodType, value: unknown): string[] {
  const r = schema.safeParse(value);
  expect(r.success, `${JSON.stringify(value)} should be refused`).toBe(false);
  return r.error?.issues.map((i) => i.message) ?? [];
}

/** The schema refuses the value, and says `words` (exactly, as one of its messages). */
export function refusedWith(schema: z.ZodType, value: unknown, words: string): void {
  expect(refusal(schema, value)).toContain(words);
}
