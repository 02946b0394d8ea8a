// Fault injection: rules that match requests by path (prefix or glob) and method, each applied to a
// number of requests (or all). Latencies add up; the first matching rule of any other kind answers.
import { z } from 'zod';

export const faultKinds = ['latency', 'status', 'reset', 'rate_limit', 'malformed_json', 'html', 'huge_body', 'stall', 'slow_drip'] as const;
export type FaultKind = (typeof faultKinds)[number];

export const faultSpecSchema = z.strictObject({
  match: z
    .strictObject({
      /** A prefix (`/api/endpoints`) or a glob (`/api/endpoints/*\/status`; `*` = one segment, `**` = any). */
      path: z.string().startsWith('/').optional(),
      method: z.string().min(1).optional(),
    })
    .optional(),
  kind: z.enum(faultKinds),
  /** latency: delay added before the request is handled; slow_drip: the gap between two bytes (default 3000). */
  ms: z.number().int().min(0).max(600_000).optional(),
  /** status: which 5xx (default 500); html: the page's status (default 502). */
  status: z.union([z.literal(500), z.literal(502), z.literal(503)]).optional(),
  /** How many requests the rule applies to; unlimited when left out. */
  count: z.number().int().positive().optional(),
  /** rate_limit: the Retry-After value (default 1); a hostile server may ask for years (99999999). */
  retryAfterSec: z.number().int().min(0).max(1_000_000_000).optional(),
  /** rate_limit: send Retry-After as an HTTP date (that many seconds after the sim's now), not seconds. */
  retryAfterAsDate: z.boolean().optional(),
  /** huge_body: size of the body in bytes (default 8 MiB); slow_drip: its length (default 4096). */
  bytes: z.number().int().positive().max(256 * 1024 * 1024).optional(),
});

export type FaultSpec = z.infer<typeof faultSpecSchema>;

export interface FaultInfo extends FaultSpec {
  id: string;
  /** Requests it has answered or delayed so far. */
  applied: number;
  /** Requests left, or null for unlimited. */
  remaining: number | null;
}

interface Rule {
  info: FaultInfo;
  test: (method: string, path: string) => boolean;
}

export interface FaultMatch {
  latencyMs: number;
  terminal: FaultInfo | null;
}

export interface FaultRegistry {
  add(spec: FaultSpec): string;
  remove(id: string): boolean;
  clear(): void;
  list(): FaultInfo[];
  /** null when no rule applies (the fast path when there are no rules). Counts the use. */
  match(method: string, path: string): FaultMatch | null;
}

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        re += '.*';
        i++;
      } else re += '[^/]*';
    } else re += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function matcher(spec: FaultSpec): Rule['test'] {
  const method = spec.match?.method?.toUpperCase();
  const path = spec.match?.path;
  const pathTest = !path ? () => true : path.includes('*') ? ((re) => (p: string) => re.test(p))(globToRegExp(path)) : (p: string) => p.startsWith(path);
  return method ? (m, p) => m === method && pathTest(p) : (_m, p) => pathTest(p);
}

export function createFaults(): FaultRegistry {
  let rules: Rule[] = [];
  let nextId = 1;
  const use = (rule: Rule) => {
    rule.info.applied++;
    if (rule.info.remaining !== null && --rule.info.remaining <= 0) rules = rules.filter((r) => r !== rule);
  };
  return {
    add(spec) {
      const parsed = faultSpecSchema.parse(spec);
      const id = `f${nextId++}`;
      rules.push({ info: { ...parsed, id, applied: 0, remaining: parsed.count ?? null }, test: matcher(parsed) });
      return id;
    },
    remove(id) {
      const before = rules.length;
      rules = rules.filter((r) => r.info.id !== id);
      return rules.length < before;
    },
    clear() {
      rules = [];
    },
    list: () => rules.map((r) => ({ ...r.info })),
    match(method, path) {
      if (rules.length === 0) return null;
      let latencyMs = 0;
      let terminal: FaultInfo | null = null;
      let hit = false;
      for (const rule of rules.slice()) {
        if (!rule.test(method, path)) continue;
        if (rule.info.kind === 'latency') {
          latencyMs += rule.info.ms ?? 0;
          use(rule);
          hit = true;
        } else if (!terminal) {
          terminal = { ...rule.info };
          use(rule);
          hit = true;
        }
      }
      return hit ? { latencyMs, terminal } : null;
    },
  };
}
