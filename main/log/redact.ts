// Belt and braces: callers never pass secrets to the logger, and this masks any field whose name says
// it holds one, plus anything that looks like a bearer token in a string.
const secretKey = /token|secret|password|passcode|authorization|cookie|code$/i;
const tokenLike = /\b[a-z0-9]{32}(@[a-z0-9]+)?\b/gi;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[…]';
  if (typeof value === 'string') return value.replace(tokenLike, '[redacted]');
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = secretKey.test(k) ? '[redacted]' : redact(v, depth + 1);
    return out;
  }
  return value;
}
