// The in-process control object: the same powers as the /_sim/ HTTP API (tests use either).
import { z } from 'zod';
import { relayError } from '../errors.ts';
import type { FaultInfo, FaultRegistry, FaultSpec } from '../faults.ts';
import type { FailureRecord } from '../world/failures.ts';
import { healthServices, type HealthService, type HealthState } from '../world/health.ts';
import type { LogEntry, RequestLog } from '../request-log.ts';
import { createRateLimiter, type RateLimitMode } from '../rate-limit.ts';
import type { RateLimitSettings, RelayContext } from '../relay/context.ts';
import { applyPatch, type CallState } from '../world/state-machine.ts';
import { snapshotOf, type RoomSnapshot, type World } from '../world/world.ts';

export const roomPatchSchema = z.strictObject({
  callState: z.enum(['inactive', 'dialing', 'active']).optional(),
  /** Only meaningful in a call; ignored otherwise. */
  muted: z.boolean().optional(),
  offline: z.boolean().optional(),
  /** Numeric meeting id (one of the sim's meetings) for a dialing or active room. */
  meetingId: z.string().regex(/^\d+$/).optional(),
  /** true: the room makes no change of its own until released (actions still work). */
  hold: z.boolean().optional(),
});

export interface RoomPatch {
  callState?: CallState;
  muted?: boolean;
  offline?: boolean;
  meetingId?: string;
  hold?: boolean;
}

export const listenerServicePatchSchema = z.strictObject({ online: z.boolean() });
export const healthPatchSchema = z.strictObject({ service: z.enum(healthServices), state: z.enum(['ok', 'hosed']) });

/** What the control API shows of a Listener Service. */
export interface ListenerServiceSnapshot {
  id: string;
  name: string;
  site: string;
  online: boolean;
  since: number;
  /** Ids of the rooms it controls. */
  rooms: string[];
}

export interface MeetingInfo {
  numericId: string;
  title: string;
  moderatorPasscode: string | null;
  participantPasscode: string | null;
  leaderId: number;
}

export class SimControlError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'SimControlError';
    this.status = status;
  }
}

export interface SimControl {
  clock: {
    now(): number;
    freeze(): void;
    resume(): void;
    advance(ms: number): void;
    isFrozen(): boolean;
  };
  rooms: {
    list(): RoomSnapshot[];
    get(id: string): RoomSnapshot | undefined;
    /** Puts a room in a state now; throws SimControlError for an unknown room or meeting. */
    set(id: string, patch: RoomPatch): RoomSnapshot;
  };
  meetings: { list(): MeetingInfo[] };
  listenerServices: {
    list(): ListenerServiceSnapshot[];
    /**
     * Takes one offline (every room it controls then answers ListenerOffline, and a failure record is
     * written) or brings it back; throws SimControlError for an unknown id.
     */
    set(id: string, patch: { online: boolean }): ListenerServiceSnapshot;
  };
  failures: {
    /** The failure records, oldest first. */
    list(): FailureRecord[];
    clear(): void;
  };
  health: {
    get(): Record<HealthService, HealthState>;
    /** A service marked hosed makes GET /api/system/health answer 503. */
    set(service: HealthService, state: HealthState): void;
  };
  faults: {
    /** Returns the rule's id. Throws on an invalid spec. */
    add(spec: FaultSpec): string;
    remove(id: string): boolean;
    clear(): void;
    list(): FaultInfo[];
  };
  tokens: {
    /** Expires one token (OAuth or Relay) or, with no argument, all of them. Returns how many. */
    expire(token?: string): number;
  };
  rateLimit: {
    get(): RateLimitSettings;
    /** Switches the mode (and the strict mode's arrival jitter); the counts start afresh. */
    set(mode: RateLimitMode, options?: { arrivalJitterMs?: number }): void;
  };
  /** The request log, oldest first, secrets masked. */
  log(): LogEntry[];
  clearLog(): void;
}

export function createControl(world: World, relay: RelayContext, faults: FaultRegistry, log: RequestLog): SimControl {
  const { clock } = world;
  const lsSnapshot = (id: string): ListenerServiceSnapshot => {
    const ls = world.listenerServices.byId(id);
    if (!ls) throw new SimControlError(404, `No Listener Service ${id}`);
    const rooms = world.rooms.list.filter((r) => r.listenerServiceId === id).map((r) => r.id);
    return { id: ls.id, name: ls.name, site: ls.site.code, online: ls.online, since: ls.since, rooms };
  };
  return {
    clock: {
      now: () => clock.now(),
      freeze: () => clock.freeze(),
      resume: () => clock.resume(),
      advance: (ms) => clock.advance(ms),
      isFrozen: () => clock.isFrozen(),
    },
    rooms: {
      list() {
        const now = clock.now();
        return world.rooms.list.map((r) => snapshotOf(world, r, now));
      },
      get(id) {
        const room = world.rooms.byId(id);
        return room ? snapshotOf(world, room, clock.now()) : undefined;
      },
      set(id, patch) {
        const parsed = roomPatchSchema.safeParse(patch);
        if (!parsed.success) throw new SimControlError(400, `Invalid room patch: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
        const room = world.rooms.byId(id);
        if (!room) throw new SimControlError(404, `No room ${id}`);
        let meeting: number | undefined;
        if (parsed.data.meetingId !== undefined) {
          const m = world.meetings.byNumericId(parsed.data.meetingId);
          if (!m) throw new SimControlError(400, `No meeting ${parsed.data.meetingId} in the sim (see meetings.list())`);
          meeting = world.meetings.all.indexOf(m);
        }
        const now = clock.now();
        const state = world.stateOf(room, now);
        const { meetingId: _meetingId, ...rest } = parsed.data;
        applyPatch(state, now, meeting === undefined ? rest : { ...rest, meeting }, world.timing, world.meetings.all.length);
        return snapshotOf(world, room, now);
      },
    },
    meetings: {
      list: () =>
        world.meetings.all.map((m) => ({
          numericId: m.numericId,
          title: m.title,
          moderatorPasscode: m.moderatorPasscode,
          participantPasscode: m.participantPasscode,
          leaderId: m.leaderId,
        })),
    },
    listenerServices: {
      list: () => world.listenerServices.list.map((ls) => lsSnapshot(ls.id)),
      set(id, patch) {
        const parsed = listenerServicePatchSchema.safeParse(patch);
        if (!parsed.success) throw new SimControlError(400, 'A Listener Service patch is {online: boolean}');
        const now = clock.now();
        const before = lsSnapshot(id);
        if (world.listenerServices.setOnline(id, parsed.data.online, now) && !parsed.data.online) {
          const e = relayError('ListenerOffline', undefined, { listenerServiceId: id });
          world.failures.add({
            subjectClass: 'ListenerService',
            subjectId: id,
            errorDate: now,
            errorCode: e.body.errorCode,
            errorMessage: e.body.errorMessage,
            errorName: e.body.errorName,
            errorDetails: e.body.errorDetails,
          });
        }
        return { ...before, ...lsSnapshot(id) };
      },
    },
    failures: {
      list: () => world.failures.list(),
      clear: () => world.failures.clear(),
    },
    health: {
      get: () => world.health.get(),
      set(service, state) {
        const parsed = healthPatchSchema.safeParse({ service, state });
        if (!parsed.success) throw new SimControlError(400, `A health patch is {service: ${healthServices.join('|')}, state: ok|hosed}`);
        world.health.set(parsed.data.service, parsed.data.state);
      },
    },
    faults: {
      add: (spec) => faults.add(spec),
      remove: (id) => faults.remove(id),
      clear: () => faults.clear(),
      list: () => faults.list(),
    },
    tokens: { expire: (token) => world.tokens.expire(token) },
    rateLimit: {
      get: () => ({ ...relay.rateLimit }),
      set(mode, options = {}) {
        if (mode !== 'strict' && mode !== 'lenient' && mode !== 'off') throw new SimControlError(400, 'rate limit mode is strict, lenient or off');
        const jitter = options.arrivalJitterMs ?? relay.rateLimit.arrivalJitterMs;
        if (!Number.isFinite(jitter) || jitter < 0 || jitter > 1_000) throw new SimControlError(400, 'arrivalJitterMs is 0 … 1000');
        relay.rateLimit = { mode, arrivalJitterMs: jitter };
        relay.limiter = createRateLimiter(mode, { now: () => clock.now(), arrivalJitterMs: jitter, seed: world.seed });
      },
    },
    log: () => log.entries(),
    clearLog: () => log.clear(),
  };
}
