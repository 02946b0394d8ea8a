import type { Logger } from '../ports.ts';

// Every secret main learns is registered here, so that log lines and error messages can be scrubbed of it
// as a second line of defence (the first is never putting a secret in them).
//
// Two ways in. A connection *holds* the secrets it lives on (hold(id, values), again whenever they change):
// what it no longer holds (a replaced token, a signed-out connection) is forgotten at once. A value being
// tried (a typed password, an app secret on its way to the server) is *added* while it is tried, and
// forgotten when the attempt is over: a wrong one is never needed again, a right one is held by then.
// Added values are also bounded: beyond the limit the oldest value nobody holds goes first.
//
// The scrub is one pass over the line, whatever the number of secrets: each secret (and its URL-encoded
// form) is indexed by its first MIN_LENGTH characters, so at each position of the line one map look-up
// tells which few secrets could start there. An Aho–Corasick automaton (npm has several) does the same in
// one pass too, but builds a node per character of every secret (some 800,000 objects at 20,000 secrets)
// and is rebuilt on each change; secrets are long, random and at least MIN_LENGTH characters, so the
// prefix index is enough, changes in O(1), and needs no new dependency.
const MIN_LENGTH = 4; // shorter strings would scrub ordinary words and numbers
const MASK = '[secret]';

export interface SecretRegistryOptions {
  /** The most values kept (held values are never dropped; connections hold a handful each). */
  limit?: number;
}

export const defaultSecretLimit = 4_096;

interface Entry {
  /** How many holders have it. */
  holders: number;
  /** Added while being tried. */
  added: boolean;
}

export class SecretRegistry {
  readonly #limit: number;
  /** In age order: a Map iterates in insertion order, and a value added again is moved to the end. */
  readonly #entries = new Map<string, Entry>();
  readonly #held = new Map<string, Set<string>>();
  readonly #index = new PrefixIndex();

  constructor(options: SecretRegistryOptions = {}) {
    this.#limit = Math.max(1, options.limit ?? defaultSecretLimit);
  }

  /** How many secrets are known. */
  get size(): number {
    return this.#entries.size;
  }

  /** Values being tried: known until forgotten (or pushed out by newer ones nobody holds). */
  add(...values: (string | null | undefined)[]): void {
    for (const value of values) {
      if (!value || value.length < MIN_LENGTH) continue;
      const entry = this.#entries.get(value);
      if (entry) {
        entry.added = true;
        this.#entries.delete(value);
        this.#entries.set(value, entry);
      } else this.#insert(value, { holders: 0, added: true });
    }
    this.#trim();
  }

  /** The attempt is over: values nobody holds are forgotten. */
  forget(...values: (string | null | undefined)[]): void {
    for (const value of values) {
      const entry = value ? this.#entries.get(value) : undefined;
      if (!entry) continue;
      entry.added = false;
      if (entry.holders === 0) this.#remove(value as string);
    }
  }

  /** What `holder` lives on now; what it held before and no longer does is forgotten (unless held elsewhere). */
  hold(holder: string, values: readonly (string | null | undefined)[]): void {
    const next = new Set(values.filter((v): v is string => typeof v === 'string' && v.length >= MIN_LENGTH));
    const before = this.#held.get(holder) ?? new Set<string>();
    for (const value of next) {
      if (before.has(value)) continue;
      const entry = this.#entries.get(value);
      if (entry) entry.holders++;
      else this.#insert(value, { holders: 1, added: false });
    }
    for (const value of before) {
      if (next.has(value)) continue;
      const entry = this.#entries.get(value);
      if (entry && --entry.holders === 0 && !entry.added) this.#remove(value);
    }
    if (next.size > 0) this.#held.set(holder, next);
    else this.#held.delete(holder);
    this.#trim();
  }

  release(holder: string): void {
    this.hold(holder, []);
  }

  /** The text with every known secret (and its URL-encoded form), and every one of `extra`, replaced by "[secret]". */
  scrub(text: string, extra: readonly string[] = []): string {
    let out = text;
    // A request's own secrets (one or two, usually known already).
    for (const secret of extra) {
      if (secret.length < MIN_LENGTH || this.#entries.has(secret)) continue;
      out = out.split(secret).join(MASK);
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret) out = out.split(encoded).join(MASK);
    }
    return this.#index.replace(out, MASK);
  }

  #insert(value: string, entry: Entry): void {
    this.#entries.set(value, entry);
    this.#index.add(value);
    const encoded = encodeURIComponent(value);
    if (encoded !== value) this.#index.add(encoded);
  }

  #remove(value: string): void {
    this.#entries.delete(value);
    this.#index.remove(value);
    const encoded = encodeURIComponent(value);
    if (encoded !== value) this.#index.remove(encoded);
  }

  /** Oldest first, values nobody holds. */
  #trim(): void {
    if (this.#entries.size <= this.#limit) return;
    for (const [value, entry] of this.#entries) {
      if (this.#entries.size <= this.#limit) return;
      if (entry.holders === 0) this.#remove(value);
    }
  }
}

/** Patterns of at least MIN_LENGTH characters, found in one pass: keyed by a hash of their first MIN_LENGTH characters. */
class PrefixIndex {
  /** hash → patterns with that prefix hash, longest first (so a secret that holds another is masked whole). */
  readonly #byPrefix = new Map<number, string[]>();
  /** pattern → how many values gave it (a value and another's encoded form may coincide). */
  readonly #count = new Map<string, number>();

  add(pattern: string): void {
    const n = this.#count.get(pattern) ?? 0;
    this.#count.set(pattern, n + 1);
    if (n > 0) return;
    const key = prefixHash(pattern, 0);
    const list = this.#byPrefix.get(key);
    if (!list) return void this.#byPrefix.set(key, [pattern]);
    let i = 0;
    while (i < list.length && (list[i] as string).length >= pattern.length) i++;
    list.splice(i, 0, pattern);
  }

  remove(pattern: string): void {
    const n = this.#count.get(pattern);
    if (n === undefined) return;
    if (n > 1) return void this.#count.set(pattern, n - 1);
    this.#count.delete(pattern);
    const key = prefixHash(pattern, 0);
    const list = this.#byPrefix.get(key);
    if (!list) return;
    const i = list.indexOf(pattern);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.#byPrefix.delete(key);
  }

  replace(text: string, mask: string): string {
    if (this.#byPrefix.size === 0 || text.length < MIN_LENGTH) return text;
    let out = '';
    let from = 0;
    for (let i = 0; i + MIN_LENGTH <= text.length; ) {
      const list = this.#byPrefix.get(prefixHash(text, i));
      const hit = list?.find((p) => text.startsWith(p, i));
      if (hit === undefined) {
        i++;
        continue;
      }
      out += text.slice(from, i) + mask;
      i += hit.length;
      from = i;
    }
    return from === 0 ? text : out + text.slice(from);
  }
}

/** A 32-bit hash of the MIN_LENGTH characters at `at` (no substring is made). */
function prefixHash(text: string, at: number): number {
  let h = 0;
  for (let k = 0; k < MIN_LENGTH; k++) h = (Math.imul(h, 31) + text.charCodeAt(at + k)) | 0;
  return h;
}

/** A Logger that scrubs every known secret from the message and the fields before they are written. */
export function scrubbingLogger(log: Logger, registry: SecretRegistry): Logger {
  const clean = (fields?: Record<string, unknown>): Record<string, unknown> | undefined => {
    if (!fields) return fields;
    try {
      return JSON.parse(registry.scrub(JSON.stringify(fields))) as Record<string, unknown>;
    } catch {
      return { note: 'fields not serialisable' };
    }
  };
  return {
    info: (m, f) => log.info(registry.scrub(m), clean(f)),
    warn: (m, f) => log.warn(registry.scrub(m), clean(f)),
    error: (m, f) => log.error(registry.scrub(m), clean(f)),
  };
}
