// Belt and braces for the console log. Secrets are kept out of log lines by value first: the core's
// logger scrubs every secret main knows (main/vault/redact.ts). Here, what is left to mask by name is
// only what certainly holds a secret: fields named for one (never a guess such as "ends in code", which
// blanked every error code), credentials in a URL's query (an OAuth `code=` among them), and anything
// shaped like a BlueJeans token that the registry did not know.
const secretKeys = new Set([
  'password',
  'passcode',
  'meetingpasscode',
  'secret',
  'clientsecret',
  'token',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'relaytoken',
  'seamtoken',
  'seamaccesstoken',
  'xaccesstoken',
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
]);
const isSecretKey = (key: string): boolean => secretKeys.has(key.toLowerCase().replace(/[-_]/g, ''));

/** `?code=…`, `&access_token=…`: the value of a credential in a query or fragment. */
const secretParam =
  /([?&#;](?:code|access_token|accesstoken|refresh_token|client_secret|password|passcode|meetingpasscode|seamaccesstoken|token)=)[^&#;\s"'<>]*/gi;
/** Relay and Seam tokens: 32 letters and digits, a Seam token with its `@partition`. */
const tokenLike = /\b[a-z0-9]{32}(@[a-z0-9]+)?\b/gi;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[…]';
  if (typeof value === 'string') return value.replace(secretParam, '$1[redacted]').replace(tokenLike, '[redacted]');
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = isSecretKey(k) ? '[redacted]' : redact(v, depth + 1);
    return out;
  }
  return value;
}
