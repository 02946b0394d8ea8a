// `npx node bench/secrets/scrub.ts [--secrets 20000] [--lines 2000]`: the cost of scrubbing one log line
// with N secrets registered, for the lines main writes (an HTTP failure's fields, an error sentence, a
// line holding a secret). The registry is built with room for all N (its default limit is smaller).
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { SecretRegistry } from '../../main/vault/redact.ts';

const { values } = parseArgs({ options: { secrets: { type: 'string', default: '20000' }, lines: { type: 'string', default: '2000' } } });
const n = Number(values.secrets);
const linesPerKind = Number(values.lines);

const alnum = (length: number): string => [...randomBytes(length)].map((b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');
const registry = new SecretRegistry({ limit: n });
const secrets: string[] = [];
for (let i = 0; i < n; i++) {
  // The mix main holds: Relay tokens, Seam tokens with their partition, typed passwords and app secrets.
  const s = i % 3 === 0 ? alnum(32) : i % 3 === 1 ? `${alnum(32)}@z2` : `Pass word ${alnum(10)}!`;
  secrets.push(s);
  registry.add(s);
}
const known = secrets[Math.floor(n / 2)] as string;
const kinds: Record<string, string> = {
  'http failure fields': JSON.stringify({ method: 'GET', host: 'relay.bluejeans.com', path: '/api/endpoints/5f8772d7e16c9da04f43df5e/status', code: 'server_error', status: 502, ms: 41 }),
  'error sentence': 'The server is having trouble (HTTP 502); Relay Console will retry. (The server said: "Service unavailable.")',
  'line with a secret': `{"path":"/api/auth/accesstokens/${known}","code":"server_error","status":500}`,
};

console.log(`secret registry scrub, ${n.toLocaleString('en')} secrets registered (${registry.size} kept)`);
console.log('| line | chars | µs per line (median of 5 runs) |');
console.log('|---|--:|--:|');
for (const [kind, line] of Object.entries(kinds)) {
  const runs: number[] = [];
  let out = '';
  for (let r = 0; r < 5; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < linesPerKind; i++) out = registry.scrub(line);
    runs.push(Number(process.hrtime.bigint() - t0) / 1000 / linesPerKind);
  }
  runs.sort((a, b) => a - b);
  if (kind === 'line with a secret' && out.includes(known)) throw new Error('the secret was not scrubbed');
  console.log(`| ${kind} | ${line.length} | ${(runs[2] as number).toFixed(2)} |`);
}
