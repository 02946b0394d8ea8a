// The control API over HTTP, under /_sim/ (the server lets through only callers guard.ts accepts).
// Bodies and replies are JSON; errors are {error: string}.
import { z } from 'zod';
import type { DemoCredentials } from '../credentials.ts';
import { faultSpecSchema } from '../faults.ts';
import { query, readJson, sendEmpty, sendJson, type Ctx } from '../http.ts';
import { healthPatchSchema, listenerServicePatchSchema, roomPatchSchema, SimControlError, type SimControl } from './control.ts';

const advanceBody = z.strictObject({ ms: z.number().int().min(0) });
const expireBody = z.strictObject({ token: z.string().min(1).optional() }).nullish();
const rateLimitBody = z.strictObject({ mode: z.enum(['strict', 'lenient', 'off']), arrivalJitterMs: z.number().min(0).max(1_000).optional() });

export interface ControlDeps {
  control: SimControl;
  credentials: () => DemoCredentials;
  urls: () => Record<string, string>;
}

const fail = (ctx: Ctx, status: number, error: string) => sendJson(ctx, 'control', status, { error });

/** The parsed body in a box (a valid body may itself be null), or null once an error is sent. */
async function body<T>(ctx: Ctx, schema: z.ZodType<T>): Promise<{ value: T } | null> {
  const raw = await readJson(ctx);
  if (!raw.ok) {
    fail(ctx, 400, raw.reason === 'malformed' ? 'The body is not valid JSON' : 'The body is too large');
    return null;
  }
  const parsed = schema.safeParse(raw.value);
  if (!parsed.success) {
    fail(ctx, 400, parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    return null;
  }
  return { value: parsed.data };
}

export async function routeControl(ctx: Ctx, deps: ControlDeps): Promise<void> {
  const { control } = deps;
  const seg = ctx.path.split('/').filter(Boolean).slice(1); // drop "_sim"
  const [what, a] = seg;
  const m = ctx.method;
  const ok = (value: unknown) => sendJson(ctx, 'control', 200, value);
  try {
    switch (what) {
      case undefined:
        return ok({ urls: deps.urls(), paths: ['credentials', 'rooms', 'rooms/:id', 'meetings', 'clock', 'faults', 'tokens/expire', 'log', 'rate-limit', 'listenerservices', 'listenerservices/:id', 'failures', 'health'] });
      case 'credentials':
        return m === 'GET' ? ok(deps.credentials()) : fail(ctx, 405, 'GET only');
      case 'meetings':
        return m === 'GET' ? ok(control.meetings.list()) : fail(ctx, 405, 'GET only');
      case 'rooms': {
        if (a === undefined) return m === 'GET' ? ok(control.rooms.list()) : fail(ctx, 405, 'GET only');
        if (m === 'GET') {
          const room = control.rooms.get(a);
          return room ? ok(room) : fail(ctx, 404, `No room ${a}`);
        }
        if (m !== 'POST' && m !== 'PUT' && m !== 'PATCH') return fail(ctx, 405, 'GET, POST, PUT or PATCH');
        const patch = await body(ctx, roomPatchSchema);
        return patch ? ok(control.rooms.set(a, patch.value)) : undefined;
      }
      case 'listenerservices': {
        if (a === undefined) return m === 'GET' ? ok(control.listenerServices.list()) : fail(ctx, 405, 'GET only');
        if (m === 'GET') {
          const found = control.listenerServices.list().find((ls) => ls.id === a);
          return found ? ok(found) : fail(ctx, 404, `No Listener Service ${a}`);
        }
        if (m !== 'POST' && m !== 'PUT' && m !== 'PATCH') return fail(ctx, 405, 'GET, POST, PUT or PATCH');
        const patch = await body(ctx, listenerServicePatchSchema);
        return patch ? ok(control.listenerServices.set(a, patch.value)) : undefined;
      }
      case 'failures':
        if (m === 'GET') return ok(control.failures.list());
        if (m === 'DELETE') {
          control.failures.clear();
          return sendEmpty(ctx);
        }
        return fail(ctx, 405, 'GET or DELETE');
      case 'health': {
        if (m === 'GET') return ok(control.health.get());
        if (m !== 'POST' && m !== 'PUT') return fail(ctx, 405, 'GET, POST or PUT');
        const patch = await body(ctx, healthPatchSchema);
        if (!patch) return;
        control.health.set(patch.value.service, patch.value.state);
        return ok(control.health.get());
      }
      case 'clock': {
        if (a === undefined && m === 'GET') return ok({ now: control.clock.now(), frozen: control.clock.isFrozen() });
        if (m !== 'POST') return fail(ctx, 405, 'POST /_sim/clock/freeze | resume | advance');
        if (a === 'freeze') control.clock.freeze();
        else if (a === 'resume') control.clock.resume();
        else if (a === 'advance') {
          const b = await body(ctx, advanceBody);
          if (!b) return;
          control.clock.advance(b.value.ms);
        } else return fail(ctx, 404, 'clock actions: freeze, resume, advance');
        return ok({ now: control.clock.now(), frozen: control.clock.isFrozen() });
      }
      case 'faults': {
        if (a !== undefined) {
          if (m !== 'DELETE') return fail(ctx, 405, 'DELETE only');
          return control.faults.remove(a) ? sendEmpty(ctx) : fail(ctx, 404, `No fault ${a}`);
        }
        if (m === 'GET') return ok(control.faults.list());
        if (m === 'DELETE') {
          control.faults.clear();
          return sendEmpty(ctx);
        }
        if (m !== 'POST') return fail(ctx, 405, 'GET, POST or DELETE');
        const spec = await body(ctx, faultSpecSchema);
        return spec ? sendJson(ctx, 'control', 201, { id: control.faults.add(spec.value) }) : undefined;
      }
      case 'tokens': {
        if (a !== 'expire' || m !== 'POST') return fail(ctx, 404, 'POST /_sim/tokens/expire');
        const b = await body(ctx, expireBody);
        return b ? ok({ expired: control.tokens.expire(b.value?.token ?? undefined) }) : undefined;
      }
      case 'log': {
        if (m === 'DELETE') {
          control.clearLog();
          return sendEmpty(ctx);
        }
        if (m !== 'GET') return fail(ctx, 405, 'GET or DELETE');
        const prefix = query(ctx).get('path');
        const entries = control.log();
        return ok(prefix ? entries.filter((e) => e.path.startsWith(prefix)) : entries);
      }
      case 'rate-limit': {
        if (m === 'GET') return ok(control.rateLimit.get());
        if (m !== 'POST' && m !== 'PUT') return fail(ctx, 405, 'GET, POST or PUT');
        const b = await body(ctx, rateLimitBody);
        if (!b) return;
        control.rateLimit.set(b.value.mode, { arrivalJitterMs: b.value.arrivalJitterMs });
        return ok(control.rateLimit.get());
      }
    }
    return fail(ctx, 404, `No control path ${ctx.path}`);
  } catch (e) {
    if (e instanceof SimControlError) return fail(ctx, e.status, e.message);
    throw e;
  }
}
