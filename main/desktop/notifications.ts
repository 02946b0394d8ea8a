// Desktop notifications: what deserves one, and how many. Pure logic on the Clock port.
//
// Four kinds, detected from successive states:
//   room-offline      — a room that was reachable goes offline (or unreachable);
//   call-dropped      — a room loses its call by going offline or into error while in a call, when nobody
//                       asked it to leave: no hang-up or join was pending, seen or sent by this app in the last
//                       minute. A plain 'in-call' → idle is a meeting that ended: Relay's status does not say
//                       why a call ended, and counting every normal end as a drop would cry wolf all day.
//                       So every drop is also a room going offline: it is ONE alert, the drop (with the
//                       meeting's title), which falls back to the plain offline alert when drop alerts are off.
//                       A room that goes offline while someone is hanging it up is only "offline".
//   reconnect-needed  — a connection enters 'reconnect-needed';
//   action-failed     — a mute, unmute or hang-up failed (from the tray, the shortcut, or — while the window
//                       is not in front — the dashboard, as the rooms service logs it).
// Rooms that go offline because their Listener Service is offline (RoomView.cause) are one 'room-offline'
// alert for the outage ("12 rooms offline at Austin: Listener Service AUS-LS1 is offline"), once per outage,
// never one per room (causeEvent; the desktop service groups them).
// Rooms seen for the first time never notify (start-up is not an outage).
//
// Then the policy: per-kind switches and quiet mode; the same alert for the same room at most once a minute
// (flapping rooms); and a rate limit — at most `maxPerWindow` notifications in `windowMs`. Whatever goes over
// is held and shown as ONE summary when the window ends ("12 rooms went offline at HQ"), so a site-wide
// outage gives one notification, not hundreds.
import { describeCause, notificationKinds, type ConnectionView, type DesktopSettings, type EventLogEntry, type NotificationKind, type RoomAction, type RoomCause, type RoomView } from '../../contract/index.ts';
import type { Clock, Notifier } from '../ports.ts';
import type { NavigateRequest as NotificationTarget } from '../../contract/index.ts';

export interface DesktopEvent {
  kind: NotificationKind;
  roomKey: string | null;
  roomName: string | null;
  site: string | null;
  connectionName: string | null;
  /** For connection events: which connection. */
  connectionId: string | null;
  /** call-dropped: the title of the meeting the room was in, if known. */
  meeting: string | null;
  /** Words from the server or the failure, if any. */
  detail: string | null;
  /** action-failed: which action. */
  action: Exclude<RoomAction, 'join'> | null;
  /** An outage of several rooms with one cause: its identity, its line and how many rooms it takes down. */
  cause: { key: string; line: string; rooms: number } | null;
}

/** The one alert of an outage: its rooms, as the fleet has them now. */
export function causeEvent(cause: RoomCause, rooms: readonly Pick<RoomView, 'site' | 'connectionName' | 'connectionId'>[]): DesktopEvent {
  const sites = rooms.map((r) => r.site);
  // As the fleet has it now (the cause's own line was made when the outage began).
  const [first] = rooms;
  return {
    kind: 'room-offline',
    roomKey: null,
    roomName: null,
    site: new Set(sites).size === 1 ? (sites[0] ?? null) : null,
    connectionName: first?.connectionName ?? null,
    connectionId: first?.connectionId ?? null,
    meeting: null,
    detail: null,
    action: null,
    cause: { key: cause.key, line: describeCause(cause, sites), rooms: rooms.length },
  };
}

const roomFields = (room: RoomView): Pick<DesktopEvent, 'roomKey' | 'roomName' | 'site' | 'connectionName' | 'connectionId'> => ({
  roomKey: room.key,
  roomName: room.name,
  site: room.site,
  connectionName: room.connectionName,
  connectionId: room.connectionId,
});

/**
 * What one room's change means, or null. `userCaused`: a hang-up or join was pending or sent recently, so
 * leaving the call was asked for.
 */
export function roomTransition(prev: RoomView | undefined, next: RoomView, userCaused: boolean): DesktopEvent | null {
  if (!prev) return null;
  const wasOnline = prev.reachability === 'online';
  const isOnline = next.reachability === 'online';
  const wentDown = wasOnline && !isOnline;
  // Only a room that was reachable can go down: one already offline or unreachable that was last seen in a
  // call is not a new drop each time its status changes.
  if (!wentDown) return null;
  const leftCall = prev.call === 'in-call' && !isOnline;
  const dropped = leftCall && !userCaused && !asked(prev) && !asked(next);
  return {
    kind: dropped ? 'call-dropped' : 'room-offline',
    ...roomFields(next),
    meeting: dropped ? (prev.meeting?.title ?? null) : null,
    detail: next.error?.message ?? null,
    action: null,
    cause: null,
  };
}

const asked = (room: RoomView): boolean => room.pending === 'hangup' || room.pending === 'join';

/** Connections that entered 'reconnect-needed' (one that appears already needing it counts too: it needs a person). */
export function connectionTransitions(prev: ReadonlyMap<string, ConnectionView>, next: readonly ConnectionView[]): DesktopEvent[] {
  const out: DesktopEvent[] = [];
  for (const c of next) {
    if (c.state !== 'reconnect-needed' || prev.get(c.id)?.state === 'reconnect-needed') continue;
    out.push({
      kind: 'reconnect-needed',
      roomKey: null,
      roomName: null,
      site: null,
      connectionName: c.name,
      connectionId: c.id,
      meeting: null,
      detail: c.reason,
      action: null,
      cause: null,
    });
  }
  return out;
}

const actionWords: Record<Exclude<RoomAction, 'join'>, string> = { mute: 'mute', unmute: 'unmute', hangup: 'hang up' };

export function actionFailed(room: Pick<RoomView, 'key' | 'name' | 'site' | 'connectionName' | 'connectionId'> | null, key: string, action: Exclude<RoomAction, 'join'>, message: string): DesktopEvent {
  return {
    kind: 'action-failed',
    roomKey: key,
    roomName: room?.name ?? null,
    site: room?.site ?? null,
    connectionName: room?.connectionName ?? null,
    connectionId: room?.connectionId ?? null,
    meeting: null,
    detail: message,
    action,
    cause: null,
  };
}

/** An event-log line the rooms service wrote for a person's failed action (kind 'error', cause 'user'). */
export function actionFailureFromLog(entry: EventLogEntry): DesktopEvent | null {
  if (entry.kind !== 'error' || entry.cause !== 'user' || entry.roomKey === null) return null;
  return {
    kind: 'action-failed',
    roomKey: entry.roomKey,
    roomName: entry.roomName,
    site: null,
    connectionName: entry.connectionName,
    connectionId: null,
    meeting: null,
    detail: entry.message,
    action: null,
    cause: null,
  };
}

/** Remembers which rooms a person asked to leave a call (hang-up or join), so their leaving is not a "drop". */
export class UserIntent {
  readonly #clock: Clock;
  readonly #ttlMs: number;
  readonly #marks = new Map<string, number>();

  constructor(clock: Clock, ttlMs = 60_000) {
    this.#clock = clock;
    this.#ttlMs = ttlMs;
  }

  mark(key: string): void {
    this.#marks.set(key, this.#clock.now());
  }

  /** Also learns from what it sees: a room with a hang-up or join pending. */
  observe(room: RoomView): void {
    if (asked(room)) this.mark(room.key);
  }

  recent(key: string): boolean {
    const at = this.#marks.get(key);
    if (at === undefined) return false;
    if (this.#clock.now() - at > this.#ttlMs) {
      this.#marks.delete(key);
      return false;
    }
    return true;
  }
}

/** Rooms whose call dropped (see call-dropped above) and that nobody has looked at: they make the tray icon ask for attention. */
export class Incidents {
  readonly #keys = new Set<string>();

  add(key: string): void {
    this.#keys.add(key);
  }
  /** The room is back online in a call, or gone. */
  clear(key: string): boolean {
    return this.#keys.delete(key);
  }
  /** The user opened the dashboard: they have seen it. */
  acknowledge(): boolean {
    const had = this.#keys.size > 0;
    this.#keys.clear();
    return had;
  }
  view(): ReadonlySet<string> {
    return this.#keys;
  }
}

// ---- words ----

export interface NotificationText {
  title: string;
  body: string;
  target: NotificationTarget | null;
}

const roomTarget = (key: string | null): NotificationTarget => ({ route: 'rooms', roomKey: key });

export function describeEvent(e: DesktopEvent): NotificationText {
  const room = e.roomName ?? 'A room';
  const where = [e.site, e.connectionName].filter((p): p is string => p !== null && p !== '').join(' · ');
  if (e.cause) {
    return {
      title: e.cause.line,
      body: `Relay cannot reach ${e.cause.rooms === 1 ? 'the room' : 'these rooms'} until the Listener Service is back.${e.connectionName ? ` ${e.connectionName}.` : ''} Click to open the dashboard.`,
      target: roomTarget(null),
    };
  }
  switch (e.kind) {
    case 'room-offline':
      return {
        title: `${room} went offline`,
        body: [where, e.detail].filter(Boolean).join(' — ') || 'Relay cannot reach the room.',
        target: roomTarget(e.roomKey),
      };
    case 'call-dropped':
      return {
        title: `Call dropped in ${room}`,
        body: [`It went offline during ${e.meeting ? `"${e.meeting}"` : 'the call'}; nobody hung up.`, [where, e.detail].filter(Boolean).join(' — ')].filter(Boolean).join(' '),
        target: roomTarget(e.roomKey),
      };
    case 'reconnect-needed':
      return {
        title: `${e.connectionName ?? 'A connection'} needs Reconnect`,
        body: e.detail ?? 'Sign in again to keep its rooms up to date.',
        target: { route: 'connections', roomKey: null },
      };
    case 'action-failed':
      return {
        title: e.action ? `Could not ${actionWords[e.action]} ${room}` : `An action on ${room} failed`,
        body: e.detail ?? 'The room did not accept the request.',
        target: roomTarget(e.roomKey),
      };
  }
}

const kindPhrase: Record<NotificationKind, (n: number) => string> = {
  'room-offline': (n) => (n === 1 ? '1 room went offline' : `${n} rooms went offline`),
  'call-dropped': (n) => (n === 1 ? '1 call dropped' : `${n} calls dropped`),
  'reconnect-needed': (n) => (n === 1 ? '1 connection needs Reconnect' : `${n} connections need Reconnect`),
  'action-failed': (n) => (n === 1 ? '1 action failed' : `${n} actions failed`),
};

/**
 * One notification for many events: counts per kind, the site when they share one, a few names. A dropped
 * call is a room that went offline too, so it counts among the rooms that went offline as well
 * ("5 rooms went offline, 2 calls dropped": five rooms in all).
 */
export function summarize(events: readonly DesktopEvent[]): NotificationText {
  const byKind = new Map<NotificationKind, number>();
  // An outage counts as the rooms it takes down.
  for (const e of events) byKind.set(e.kind, (byKind.get(e.kind) ?? 0) + (e.cause?.rooms ?? 1));
  const dropped = byKind.get('call-dropped') ?? 0;
  if (dropped > 0) byKind.set('room-offline', (byKind.get('room-offline') ?? 0) + dropped);
  const phrases = notificationKinds.filter((kind) => byKind.has(kind)).map((kind) => kindPhrase[kind](byKind.get(kind) ?? 0));
  const roomEvents = events.filter((e) => e.roomKey !== null || e.cause !== null);
  const sites = new Set(roomEvents.map((e) => e.site));
  let place = '';
  if (roomEvents.length === events.length && sites.size === 1) {
    const [only] = sites;
    if (only) place = ` at ${only}`;
  } else if (roomEvents.length === events.length && sites.size > 1 && !sites.has(null)) {
    place = ` at ${sites.size} sites`;
  }
  const names = [...new Set(events.map((e) => e.cause?.line ?? e.roomName ?? e.connectionName).filter((n): n is string => n !== null))];
  const shown = names.slice(0, 3);
  const rest = names.length - shown.length;
  const list = shown.length === 0 ? '' : `${shown.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}. `;
  const onlyConnections = events.every((e) => e.kind === 'reconnect-needed');
  return {
    title: `${phrases.join(', ')}${place}`,
    body: `${list}Click to open ${onlyConnections ? 'Connections' : 'the dashboard'}.`,
    target: onlyConnections ? { route: 'connections', roomKey: null } : roomTarget(null),
  };
}

// ---- the policy ----

export interface NotificationPolicyOptions {
  clock: Clock;
  notifier: Notifier;
  settings(): DesktopSettings;
  /** The rate-limit window (default 10 s) and how many single notifications fit in it (default 3). */
  windowMs?: number;
  maxPerWindow?: number;
  /** The same alert for the same room or connection at most once in this long (default 60 s). */
  repeatMs?: number;
}

export class NotificationPolicy {
  readonly #clock: Clock;
  readonly #notifier: Notifier;
  readonly #settings: () => DesktopSettings;
  readonly #windowMs: number;
  readonly #max: number;
  readonly #repeatMs: number;
  readonly #lastByKey = new Map<string, number>();
  #windowStart: number | null = null;
  #sentInWindow = 0;
  #held: DesktopEvent[] = [];
  #timer: { cancel(): void } | null = null;
  /** What was shown, newest last (the test hook reads it; capped). */
  readonly shown: NotificationText[] = [];

  constructor(options: NotificationPolicyOptions) {
    this.#clock = options.clock;
    this.#notifier = options.notifier;
    this.#settings = options.settings;
    this.#windowMs = options.windowMs ?? 10_000;
    this.#max = Math.max(1, options.maxPerWindow ?? 3);
    this.#repeatMs = options.repeatMs ?? 60_000;
  }

  /** One batch of events (from one state change). */
  submit(events: readonly DesktopEvent[]): void {
    const settings = this.#settings();
    if (settings.quiet || !this.#notifier.supported()) return;
    const now = this.#clock.now();
    const wanted: DesktopEvent[] = [];
    for (const event of events) {
      const e = this.#switched(event, settings);
      if (!e) continue;
      const id = `${e.kind}:${e.cause?.key ?? e.roomKey ?? e.connectionId ?? ''}`;
      const last = this.#lastByKey.get(id);
      if (last !== undefined && now - last < this.#repeatMs) continue;
      this.#lastByKey.set(id, now);
      wanted.push(e);
    }
    if (wanted.length === 0) return;

    if (this.#windowStart === null || (now - this.#windowStart >= this.#windowMs && this.#held.length === 0)) {
      this.#windowStart = now;
      this.#sentInWindow = 0;
    }
    // A batch that does not fit what is left of the window is held whole: one summary, not a few singles
    // and then a summary of the rest.
    if (this.#held.length === 0 && wanted.length <= this.#max - this.#sentInWindow) {
      for (const e of wanted) this.#show(describeEvent(e));
      this.#sentInWindow += wanted.length;
      return;
    }
    this.#held.push(...wanted);
    this.#timer ??= this.#clock.setTimeout(() => this.#flush(), Math.max(0, this.#windowStart + this.#windowMs - now));
  }

  /** Quiet mode switched on, or the app quits: drop what is held. */
  dropHeld(): void {
    this.#timer?.cancel();
    this.#timer = null;
    this.#held = [];
  }

  #flush(): void {
    this.#timer = null;
    const held = this.#held;
    this.#held = [];
    const settings = this.#settings();
    const still = held.filter((e) => this.#switched(e, settings) !== null);
    if (settings.quiet || still.length === 0) return;
    this.#show(still.length === 1 && still[0] ? describeEvent(still[0]) : summarize(still));
    // The summary opens the next window and uses one of its places.
    this.#windowStart = this.#clock.now();
    this.#sentInWindow = 1;
  }

  /** The event as it may be shown under the switches, or null (with drop alerts off, a drop is still a room that went offline). */
  #switched(e: DesktopEvent, settings: DesktopSettings): DesktopEvent | null {
    if (settings.notifications[e.kind]) return e;
    if (e.kind === 'call-dropped' && settings.notifications['room-offline']) return { ...e, kind: 'room-offline', meeting: null };
    return null;
  }

  #show(text: NotificationText): void {
    this.shown.push(text);
    if (this.shown.length > 50) this.shown.shift();
    this.#notifier.notify(text);
  }
}
