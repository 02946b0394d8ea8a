import type { Logger } from '../ports.ts';

// Every secret main learns is registered here, so that log lines and error messages can be scrubbed of it
// as a second line of defence (the first is never putting a secret in them).
const MIN_LENGTH = 4; // shorter strings would scrub ordinary words and numbers

export class SecretRegistry {
  readonly #secrets = new Set<string>();

  add(...values: (string | null | undefined)[]): void {
    for (const value of values) if (value && value.length >= MIN_LENGTH) this.#secrets.add(value);
  }

  forget(...values: (string | null | undefined)[]): void {
    for (const value of values) if (value) this.#secrets.delete(value);
  }

  /** The text with every known secret (and its URL-encoded form) replaced by "[secret]". */
  scrub(text: string, extra: readonly string[] = []): string {
    let out = text;
    for (const secret of [...extra.filter((s) => s.length >= MIN_LENGTH), ...this.#secrets]) {
      out = out.split(secret).join('[secret]');
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret) out = out.split(encoded).join('[secret]');
    }
    return out;
  }
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
