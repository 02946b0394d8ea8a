// A synthetic window.relay for measuring and testing the renderer alone: N rooms, diffs at a set rate,
// and in-page answers to actions. `installFakeRelay` runs IN THE PAGE (page.addInitScript), so it must be
// self-contained: no imports at run time, no closures over this module.
import type { ConnectionView, EventLogEntry, RoomView, RoomsDiff } from '../../contract/index.ts';

export interface FakeRelayOptions {
  rooms: number;
  /** Room changes per second, spread over `batchesPerSecond` diffs (main coalesces to a few a second). */
  changesPerSecond: number;
  batchesPerSecond: number;
  seed: number;
  /** Milliseconds from an action to its confirming diff. */
  actDelayMs: number;
  /** Send each diff through JSON like the preview bridge does (the parse is part of the cost). */
  serialize: boolean;
}

export const defaultFakeOptions: FakeRelayOptions = { rooms: 60, changesPerSecond: 0, batchesPerSecond: 4, seed: 7, actDelayMs: 300, serialize: true };

/** What tests and the bench reach through `window.__fakeRelay`. */
export interface FakeRelayHandle {
  rooms: Map<string, RoomView>;
  calls: { method: string; input: unknown }[];
  diffs: number;
  /** Milliseconds each diff kept the page busy: the listeners plus React's synchronous render and commit. */
  diffMs: number[];
  /** Change a room and send the diff at once. */
  setRoom(key: string, patch: Partial<RoomView>): void;
  /** Send a diff with a sequence gap (the renderer must fetch the snapshot again). */
  skipSeq(): void;
  /** The next call of this method fails with this error (as main would answer). */
  failNext(method: string, error: { code: string; message: string }): void;
  start(): void;
  stop(): void;
}

declare global {
  interface Window {
    __fakeRelay?: FakeRelayHandle;
  }
}

export function installFakeRelay(opts: FakeRelayOptions): void {
  type Listener = (payload: unknown) => void;
  let state = opts.seed >>> 0 || 1;
  const rand = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const pickInt = (n: number): number => Math.floor(rand() * n);
  const sites = ['San Francisco HQ', 'Austin', 'New York', 'London', 'Berlin', 'Bengaluru', 'Tokyo', 'São Paulo'];
  const words = ['Atlas', 'Boreal', 'Cedar', 'Delta', 'Ember', 'Fjord', 'Granite', 'Harbor', 'Iris', 'Juniper', 'Kestrel', 'Lumen'];
  const systems = ['Cisco TelePresence', 'Polycom HDX', 'Lifesize Icon', 'Zoom Rooms appliance'];
  const now0 = Date.now();
  const listeners = new Map<string, Set<Listener>>();
  const rooms = new Map<string, RoomView>();
  const calls: { method: string; input: unknown }[] = [];
  const events: EventLogEntry[] = [];
  let seq = 1;
  let eventId = 1;
  let timer: ReturnType<typeof setInterval> | null = null;
  let paused = false;

  const emit = (event: string, payload: unknown): void => {
    const data = opts.serialize ? JSON.parse(JSON.stringify(payload)) : payload;
    for (const l of listeners.get(event) ?? []) l(data);
  };
  const ok = <T,>(value: T) => Promise.resolve({ ok: true as const, value });
  const fail = (code: string, message: string) => Promise.resolve({ ok: false as const, error: { code, message } });

  for (let i = 0; i < opts.rooms; i++) {
    const readOnly = i % 10 === 9; // every tenth room: a connection that may not control
    const connectionId = readOnly ? 'c2' : 'c1';
    const site = sites[i % sites.length]!;
    const r = rand();
    const call = r < 0.35 ? 'in-call' : r < 0.4 ? 'dialing' : 'idle';
    const offline = rand() < 0.04;
    const key = `${connectionId}/ep${String(i).padStart(5, '0')}`;
    rooms.set(key, {
      key,
      connectionId,
      connectionName: readOnly ? 'Globex (pairing)' : 'Acme (demo)',
      endpointId: `ep${i}`,
      name: `${words[i % words.length]} ${Math.floor(i / words.length) + 1}`,
      site,
      floor: String(1 + pickInt(9)),
      system: systems[i % systems.length]!,
      call: offline ? 'unknown' : call,
      reachability: offline ? 'offline' : 'online',
      muted: call === 'in-call' && !offline ? rand() < 0.3 : null,
      meeting: call === 'in-call' && !offline ? { id: String(100000000 + i), title: `Weekly sync ${i}` } : null,
      since: now0 - pickInt(3_600_000),
      confirmedAt: now0 - pickInt(4000),
      detailAt: now0 - pickInt(8000),
      intervalMs: call === 'in-call' ? 5000 : call === 'dialing' ? 2000 : 20000,
      stale: false,
      error: null,
      pinned: false,
      pending: null,
      allowed: readOnly ? { control: false, reason: 'A pairing-code token controls only its own room.' } : { control: true, reason: null },
    });
  }

  const log = (room: RoomView | null, kind: EventLogEntry['kind'], cause: EventLogEntry['cause'], message: string): void => {
    const entry: EventLogEntry = {
      id: eventId++,
      at: Date.now(),
      roomKey: room?.key ?? null,
      roomName: room?.name ?? null,
      connectionName: room?.connectionName ?? null,
      kind,
      cause,
      message,
    };
    events.push(entry);
    if (events.length > 20000) events.shift();
    emit('events.appended', [entry]);
  };

  const send = (upserted: RoomView[], removed: string[] = []): void => {
    const diff: RoomsDiff = { seq: ++seq, upserted, removed };
    handle.diffs++;
    const t0 = performance.now();
    emit('rooms.diff', diff);
    // React flushes a store update in a microtask queued during emit: this one runs after it.
    queueMicrotask(() => handle.diffMs.push(performance.now() - t0));
  };

  const update = (key: string, patch: Partial<RoomView>): RoomView | null => {
    const old = rooms.get(key);
    if (!old) return null;
    const next = { ...old, ...patch };
    rooms.set(key, next);
    return next;
  };

  const keys = [...rooms.keys()];
  const tick = (): void => {
    const n = Math.round(opts.changesPerSecond / opts.batchesPerSecond);
    const now = Date.now();
    const out: RoomView[] = [];
    for (let i = 0; i < n; i++) {
      const key = keys[pickInt(keys.length)]!;
      const r = rooms.get(key)!;
      if (r.pending) continue;
      const roll = rand();
      let patch: Partial<RoomView>;
      if (roll < 0.6) patch = { confirmedAt: now }; // a poll that confirms the same state
      else if (roll < 0.8 && r.call === 'in-call') patch = { muted: !r.muted, detailAt: now, confirmedAt: now };
      else {
        const call = r.call === 'idle' ? 'dialing' : r.call === 'dialing' ? 'in-call' : 'idle';
        patch = {
          call,
          since: now,
          confirmedAt: now,
          muted: call === 'in-call' ? false : null,
          meeting: call === 'idle' ? null : { id: '555000111', title: 'Stand-up' },
          intervalMs: call === 'in-call' ? 5000 : call === 'dialing' ? 2000 : 20000,
        };
      }
      const next = update(key, patch);
      if (!next) continue;
      out.push(next);
      if (next.call !== r.call) log(next, 'state', 'poll', `${r.call} → ${next.call}`);
    }
    if (out.length > 0) send(out);
  };

  const act = (key: string, action: 'mute' | 'unmute' | 'hangup' | 'join', meetingId?: string) => {
    const room = rooms.get(key);
    if (!room) return fail('not_found', 'No such room.');
    if (!room.allowed.control) return fail('forbidden', room.allowed.reason ?? 'Not allowed.');
    const pending = update(key, { pending: action });
    if (pending) send([pending]);
    log(room, 'action', 'user', `${action} sent`);
    setTimeout(() => {
      const now = Date.now();
      const patch: Partial<RoomView> =
        action === 'mute'
          ? { muted: true }
          : action === 'unmute'
            ? { muted: false }
            : action === 'hangup'
              ? { call: 'idle', muted: null, meeting: null, since: now }
              : { call: 'in-call', muted: false, meeting: { id: meetingId ?? '0', title: null }, since: now };
      const next = update(key, { ...patch, pending: null, confirmedAt: now, detailAt: now });
      if (next) {
        send([next]);
        log(next, 'state', 'poll', `${action} confirmed`);
      }
    }, opts.actDelayMs);
    return ok(null);
  };

  const connections: ConnectionView[] = [
    {
      id: 'm1',
      name: 'Board meeting passcode',
      kind: 'meeting',
      state: 'connected',
      reason: null,
      roles: [],
      enterprise: null,
      expiresAt: null,
      capabilities: { canView: false, canControl: false, canProvision: false, zeroTouch: null },
      bases: { api: 'http://127.0.0.1', authorize: 'http://127.0.0.1', relay: 'http://127.0.0.1' },
      demo: true,
      persisted: false,
      account: '111222333',
      meeting: { numericId: '111222333', scope: 'moderator' },
      pollBudget: 2,
      signOutPending: false,
      createdAt: now0,
    },
  ];

  const record = (method: string, input: unknown): void => {
    calls.push({ method, input });
  };
  const failures = new Map<string, { code: string; message: string }>();

  const api: Record<string, unknown> = {
    appInfo: () => ok({ name: 'Relay Console', version: 'bench', platform: 'linux', host: 'preview', runtime: { node: '-', electron: null } }),
    roomsList: () => {
      record('roomsList', undefined);
      if (opts.changesPerSecond > 0 && timer === null) handle.start();
      const snapshot = { seq, rooms: [...rooms.values()] };
      return ok(opts.serialize ? JSON.parse(JSON.stringify(snapshot)) : snapshot);
    },
    roomsFocus: (input: { keys: string[] }) => (record('roomsFocus', input), ok(null)),
    roomPin: (input: { key: string; pinned: boolean }) => {
      record('roomPin', input);
      const next = update(input.key, { pinned: input.pinned });
      if (next) send([next]);
      return ok(null);
    },
    roomDetail: (input: { key: string }) => {
      record('roomDetail', input);
      const room = rooms.get(input.key);
      if (!room) return fail('not_found', 'No such room.');
      const start = Math.floor(Date.now() / 3_600_000) * 3_600_000;
      return ok({
        room,
        meetings: [
          { id: '111222333', title: 'Board meeting', start, end: start + 3_600_000, passcodeRequired: true },
          { id: '444555666', title: 'Open stand-up', start: start + 3_600_000, end: start + 4_500_000, passcodeRequired: false },
          { id: '777888999', title: 'Quarterly review', start: start + 86_400_000, end: start + 90_000_000, passcodeRequired: false },
        ],
        paired: room.allowed.control ? [{ name: 'Ada Lovelace', since: start, lastSeen: Date.now() - 5000 }] : null,
      });
    },
    roomJoinFlow: (input: { key: string; meetingId: string; passcode?: string }) => {
      record('roomJoinFlow', input);
      if (input.meetingId !== '111222333') return ok('JOIN_NOW');
      if (input.passcode === undefined) return ok('GET_PASSCODE');
      return ok(input.passcode === '2468' ? 'JOIN_NOW' : 'GET_GOOD_PASSCODE');
    },
    roomJoin: (input: { key: string; meetingId: string }) => (record('roomJoin', input), act(input.key, 'join', input.meetingId)),
    roomAct: (input: { key: string; action: 'mute' | 'unmute' | 'hangup' }) => (record('roomAct', input), act(input.key, input.action)),
    eventLogList: (input?: { text?: string; kinds?: string[]; roomKey?: string; limit?: number }) => {
      record('eventLogList', input);
      const text = input?.text?.toLowerCase();
      const list = events
        .filter((e) => (!input?.kinds || input.kinds.includes(e.kind)) && (!input?.roomKey || e.roomKey === input.roomKey))
        .filter((e) => !text || `${e.message}\n${e.roomName ?? ''}\n${e.connectionName ?? ''}`.toLowerCase().includes(text))
        .slice(-(input?.limit ?? 1000))
        .reverse();
      return ok(list);
    },
    eventLogCsv: (input?: { roomKey?: string }) => {
      record('eventLogCsv', input);
      const rows = events.filter((e) => !input?.roomKey || e.roomKey === input.roomKey).map((e) => `${new Date(e.at).toISOString()},${e.roomName ?? ''},${e.kind},${e.cause},"${e.message}"`);
      return ok(['time,room,kind,cause,message', ...rows].join('\n') + '\n');
    },
    pollerStatus: () => ok({ paused, hosts: [{ origin: 'http://127.0.0.1:8787', budgetPerSec: 2, usedPerSec: 1.8, pausedUntil: null, names: ['Demo rooms (simulator)'], askedWaitSec: null, slowDown: null }] }),
    pollerPause: (input: { paused: boolean }) => {
      paused = input.paused;
      return ok({ paused, hosts: [] });
    },
    connectionsList: () => ok(connections),
    on: (event: string, listener: Listener) => {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  };

  const handle: FakeRelayHandle = {
    rooms,
    calls,
    diffs: 0,
    diffMs: [],
    setRoom(key, patch) {
      const next = update(key, patch);
      if (next) send([next]);
    },
    skipSeq() {
      seq += 2;
    },
    failNext(method, error) {
      failures.set(method, error);
    },
    start() {
      if (timer === null && opts.changesPerSecond > 0) timer = setInterval(tick, 1000 / opts.batchesPerSecond);
    },
    stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
    },
  };

  const unavailable = () => fail('unavailable', 'Not available in the synthetic relay.');
  const withFailures = (name: string, method: unknown): unknown => {
    if (typeof method !== 'function' || name === 'on') return method;
    return (...args: unknown[]) => {
      const failure = failures.get(name);
      if (!failure) return (method as (...a: unknown[]) => unknown)(...args);
      failures.delete(name);
      record(name, args[0]);
      return fail(failure.code, failure.message);
    };
  };
  Object.defineProperty(window, 'relay', {
    value: new Proxy(api, { get: (target, name: string) => (name in target ? withFailures(name, target[name]) : unavailable) }),
    configurable: false,
    writable: false,
  });
  window.__fakeRelay = handle;
}
