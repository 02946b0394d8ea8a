// The desktop controller: follows the fleet through the core's events, keeps the tray model current
// (redrawn only when it changed), turns state changes into notifications, and carries out what the tray,
// the notifications and the global shortcut ask for. Room actions go through the core's rooms.act channel:
// the same rooms service, validation and event log as the dashboard's buttons.
// Plain Node: every effect is a port (ports.ts), so all of it is unit-tested without Electron.
import type { ConnectionView, DesktopSettings, DesktopSupport, EventLogEntry, NavigateRequest, PollerStatus, Result, RoomCause, RoomsDiff, RoomsSnapshot, RoomView, ShortcutState } from '../../contract/index.ts';
import { defaultDesktopSettings } from '../../contract/index.ts';
import type { Core } from '../core.ts';
import type { Clock, Logger, Notifier } from '../ports.ts';
import { FleetState, type RoomChange } from './fleet-state.ts';
import {
  actionFailed,
  actionFailureFromLog,
  causeEvent,
  connectionTransitions,
  Incidents,
  NotificationPolicy,
  roomTransition,
  UserIntent,
  type DesktopEvent,
  type NotificationText,
} from './notifications.ts';
import type { Confirmer, DesktopRuntime, LoginItem, RoomActions, ShortcutRegistry, TrayView, WindowControl } from './ports.ts';
import { buildTrayModel, defaultTrayOptions, sameTrayModel, type TrayAction, type TrayModel, type TrayOptions } from './tray-model.ts';

export type CoreLink = Pick<Core, 'dispatch' | 'subscribe'>;

export interface DesktopServiceOptions {
  clock: Clock;
  log: Logger;
  notifier: Notifier;
  confirmer: Confirmer;
  window: WindowControl;
  /** null where the host has no global shortcuts. */
  shortcuts: ShortcutRegistry | null;
  /** null where the host cannot start at login at all. */
  loginItem: LoginItem | null;
  tray?: Partial<TrayOptions>;
  notifications?: { windowMs?: number; maxPerWindow?: number; repeatMs?: number };
}

export interface DesktopService {
  /** Given to the core, which calls it with the settings on start and on every change. */
  runtime: DesktopRuntime;
  /** The tray adapter, once made (null: the OS has no tray, so the window is not hidden on close). */
  setTray(view: TrayView | null): void;
  hasTray(): boolean;
  /** Starts following the core's events and loads the first snapshot. */
  attach(core: CoreLink): Promise<void>;
  /** A tray menu item was clicked. */
  onTrayAction(action: TrayAction): Promise<void>;
  /** The global shortcut was pressed: mute the pinned room(s) in a call. */
  muteShortcut(): Promise<void>;
  /** The window came to the front: alerts shown in the tray count as seen. */
  windowShown(): void;
  trayModel(): TrayModel;
  notificationsShown(): readonly NotificationText[];
  dispose(): void;
}

const message = (r: Result<unknown>): string | null => (r.ok ? null : r.error.message);

/** RoomActions over the core's dispatcher: exactly what the dashboard's buttons call. */
export function roomActionsVia(core: CoreLink): RoomActions {
  return {
    async act(key, action) {
      const r = await core.dispatch('rooms.act', { key, action });
      const m = message(r);
      return m === null ? { ok: true } : { ok: false, message: m };
    },
    async setPaused(paused) {
      const r = await core.dispatch('poller.pause', { paused });
      const m = message(r);
      return m === null ? { ok: true } : { ok: false, message: m };
    },
  };
}

export function createDesktopService(options: DesktopServiceOptions): DesktopService {
  const { clock, log, notifier, confirmer, window, shortcuts, loginItem } = options;
  const trayOptions: TrayOptions = { ...defaultTrayOptions, ...options.tray };
  const fleet = new FleetState();
  const incidents = new Incidents();
  const intent = new UserIntent(clock);
  let settings: DesktopSettings = defaultDesktopSettings;
  const policy = new NotificationPolicy({ clock, notifier, settings: () => settings, ...options.notifications });

  let tray: TrayView | null = null;
  let model: TrayModel = buildTrayModel({ rooms: [], connections: [], poller: null, incidents: incidents.view(), now: clock.now() }, trayOptions);
  let rendered: TrayModel | null = null;
  let actions: RoomActions | null = null;
  let unsubscribe: (() => void) | null = null;
  let registeredShortcut: string | null = null;
  let shortcutState: ShortcutState = { state: 'off' };
  let appliedLogin: boolean | null = null;
  let disposed = false;

  const refresh = (): void => {
    const next = buildTrayModel(
      { rooms: fleet.rooms.values(), connections: fleet.connections, poller: fleet.poller, incidents: incidents.view(), now: clock.now() },
      trayOptions,
    );
    if (!sameTrayModel(next, model)) model = next;
    if (tray && !sameTrayModel(model, rendered)) {
      rendered = model;
      try {
        tray.update(model);
      } catch (error) {
        log.warn('the tray could not be updated', { error: error instanceof Error ? error.message : String(error) });
      }
    }
  };

  // Outages already notified, until none of their rooms carries the cause any more.
  const notifiedCauses = new Set<string>();
  const roomChanges = (changes: readonly RoomChange[], removed: readonly string[]): void => {
    const events: DesktopEvent[] = [];
    const causes = new Map<string, RoomCause>();
    for (const { prev, next } of changes) {
      intent.observe(next);
      const e = roomTransition(prev, next, intent.recent(next.key));
      if (e?.kind === 'call-dropped' && e.roomKey) incidents.add(e.roomKey);
      if (next.call === 'in-call' && next.reachability === 'online') incidents.clear(next.key);
      // A room taken down with others by one cause is part of that outage's one alert, not an alert of its own.
      if (next.cause && prev !== undefined && prev.cause?.key !== next.cause.key) causes.set(next.cause.key, next.cause);
      if (e && !next.cause) events.push(e);
    }
    for (const key of removed) incidents.clear(key);
    if (notifiedCauses.size > 0 || causes.size > 0) {
      const live = new Map<string, RoomView[]>();
      for (const room of fleet.rooms.values()) {
        if (!room.cause) continue;
        const list = live.get(room.cause.key);
        if (list) list.push(room);
        else live.set(room.cause.key, [room]);
      }
      for (const key of notifiedCauses) if (!live.has(key)) notifiedCauses.delete(key);
      for (const cause of causes.values()) {
        if (notifiedCauses.has(cause.key)) continue;
        notifiedCauses.add(cause.key);
        events.push(causeEvent(cause, live.get(cause.key) ?? []));
      }
    }
    policy.submit(events);
  };

  const onDiff = (diff: RoomsDiff): void => {
    const { changes, removed } = fleet.applyDiff(diff);
    roomChanges(changes, removed);
    refresh();
  };

  const onConnections = (list: readonly ConnectionView[]): void => {
    const prev = new Map(fleet.connections.map((c) => [c.id, c]));
    fleet.connections = list;
    policy.submit(connectionTransitions(prev, list));
    refresh();
  };

  // A host's back-off ends at a known time, with no event to say so: redraw once at that moment.
  let backoffTimer: { cancel(): void } | null = null;
  const watchBackoff = (status: PollerStatus | null): void => {
    backoffTimer?.cancel();
    backoffTimer = null;
    const now = clock.now();
    const ends = (status?.hosts ?? []).map((h) => h.pausedUntil).filter((t): t is number => t !== null && t > now);
    if (ends.length > 0) {
      backoffTimer = clock.setTimeout(() => {
        backoffTimer = null;
        refresh();
      }, Math.max(...ends) - now + 1);
    }
  };

  const onPoller = (status: PollerStatus): void => {
    fleet.poller = status;
    watchBackoff(status);
    refresh();
  };

  const onLog = (entries: readonly EventLogEntry[]): void => {
    // The dashboard shows its own failures inline; notify only when the window is not in front.
    if (window.focused()) return;
    const events = entries.map(actionFailureFromLog).filter((e): e is DesktopEvent => e !== null);
    policy.submit(events);
  };

  const reportFailure = (key: string, action: 'mute' | 'unmute' | 'hangup', text: string): void => {
    policy.submit([actionFailed(fleet.rooms.get(key) ?? null, key, action, text)]);
  };

  const runAction = async (key: string, action: 'mute' | 'unmute' | 'hangup'): Promise<void> => {
    if (!actions) return;
    if (action === 'hangup') intent.mark(key);
    const result = await actions.act(key, action);
    if (!result.ok) reportFailure(key, action, result.message);
  };

  const show = (target: NavigateRequest | null): void => {
    if (incidents.acknowledge()) refresh();
    window.show(target);
  };

  const applyShortcut = (accelerator: string | null): ShortcutState => {
    const current = shortcutState.state === 'off' ? null : shortcutState.accelerator;
    if (accelerator === current && (accelerator === null || registeredShortcut !== null)) return shortcutState;
    if (registeredShortcut !== null && shortcuts) shortcuts.unregister(registeredShortcut);
    registeredShortcut = null;
    if (accelerator === null) return (shortcutState = { state: 'off' });
    if (!shortcuts) return (shortcutState = { state: 'unavailable', accelerator, message: 'This host has no global shortcuts.' });
    let ok = false;
    try {
      ok = shortcuts.register(accelerator, () => void service.muteShortcut());
    } catch (error) {
      log.warn('global shortcut refused', { accelerator, error: error instanceof Error ? error.message : String(error) });
    }
    if (!ok) {
      return (shortcutState = {
        state: 'unavailable',
        accelerator,
        message: `${accelerator} could not be registered: another app or the system already uses it. Choose another combination.`,
      });
    }
    registeredShortcut = accelerator;
    return (shortcutState = { state: 'active', accelerator });
  };

  const applyLogin = (enabled: boolean): boolean | null => {
    if (!loginItem || loginItem.unsupportedReason() !== null) return null;
    if (appliedLogin !== enabled) {
      try {
        loginItem.set(enabled);
        appliedLogin = enabled;
      } catch (error) {
        log.warn('login item could not be set', { error: error instanceof Error ? error.message : String(error) });
      }
    }
    return loginItem.get();
  };

  const support = (): DesktopSupport => {
    const loginReason = loginItem ? loginItem.unsupportedReason() : 'Starting at login is not available here.';
    const reasons = [
      tray ? null : 'This desktop has no system tray, so closing the window quits the app.',
      notifier.supported() ? null : 'This system shows no desktop notifications.',
      loginReason,
      shortcuts ? null : 'Global shortcuts are not available here.',
    ].filter((r): r is string => r !== null);
    return {
      desktopApp: true,
      tray: tray !== null,
      notifications: notifier.supported(),
      startAtLogin: loginReason === null,
      shortcut: shortcuts !== null,
      reason: reasons.length > 0 ? reasons.join(' ') : null,
    };
  };

  const service: DesktopService = {
    runtime: {
      support,
      apply(next) {
        const wasQuiet = settings.quiet;
        settings = next;
        if (next.quiet && !wasQuiet) policy.dropHeld();
        return { shortcut: applyShortcut(next.muteShortcut), loginItemActive: applyLogin(next.startAtLogin) };
      },
    },

    setTray(view) {
      tray = view;
      rendered = null;
      refresh();
    },
    hasTray: () => tray !== null,

    async attach(link) {
      actions = roomActionsVia(link);
      unsubscribe = link.subscribe((event, payload) => {
        if (disposed) return;
        try {
          if (event === 'rooms.diff') onDiff(payload as RoomsDiff);
          else if (event === 'connections.changed') onConnections(payload as ConnectionView[]);
          else if (event === 'poller.status') onPoller(payload as PollerStatus);
          else if (event === 'events.appended') onLog(payload as EventLogEntry[]);
        } catch (error) {
          log.warn('desktop: an event could not be handled', { event, error: error instanceof Error ? error.message : String(error) });
        }
      });
      const [rooms, connections, poller] = await Promise.all([
        link.dispatch('rooms.list', undefined),
        link.dispatch('connections.list', undefined),
        link.dispatch('poller.status', undefined),
      ]);
      if (disposed) return;
      // The first answers are the starting point: nothing in them is news, so nothing notifies.
      if (connections.ok) fleet.connections = connections.value as ConnectionView[];
      if (poller.ok) {
        fleet.poller = poller.value as PollerStatus;
        watchBackoff(fleet.poller);
      }
      const early = rooms.ok ? fleet.applySnapshot(rooms.value as RoomsSnapshot) : fleet.giveUpSnapshot();
      if (!rooms.ok) log.info('desktop: no room snapshot yet; following changes only', { reason: rooms.error.message });
      roomChanges(early, []);
      refresh();
    },

    async onTrayAction(action) {
      switch (action.kind) {
        case 'mute':
        case 'unmute':
          return runAction(action.key, action.kind);
        case 'hangup': {
          const room = fleet.rooms.get(action.key);
          if (!room) return;
          const meeting = room.meeting?.title ? ` "${room.meeting.title}"` : '';
          const yes = await confirmer.confirm({
            title: 'Hang up',
            message: `Hang up ${room.name}?`,
            detail: `The room leaves its call${meeting} at once. People in the room are disconnected.`,
            confirmLabel: 'Hang up',
          });
          if (!yes || disposed) return;
          return runAction(action.key, 'hangup');
        }
        case 'open-room':
          return show({ route: 'rooms', roomKey: action.key });
        case 'open-dashboard':
          return show({ route: 'rooms', roomKey: null });
        case 'open-connections':
          return show({ route: 'connections', roomKey: null });
        case 'toggle-pause': {
          if (!actions) return;
          const paused = !(fleet.poller?.paused ?? false);
          const result = await actions.setPaused(paused);
          if (!result.ok) log.warn('polling could not be paused or resumed', { message: result.message });
          return;
        }
        case 'quit':
          return window.quit();
      }
    },

    async muteShortcut() {
      if (!actions) return;
      const targets = [...fleet.rooms.values()].filter(
        (r: RoomView) => r.pinned && r.call === 'in-call' && r.reachability === 'online' && r.muted !== true && r.pending === null && r.allowed.control,
      );
      if (targets.length === 0) {
        if (!settings.quiet && notifier.supported()) {
          notifier.notify({ title: 'Nothing to mute', body: 'No pinned room is in a call with its microphone on. Pin rooms on the dashboard.', target: null });
        }
        return;
      }
      await Promise.all(targets.map((r) => runAction(r.key, 'mute')));
    },

    windowShown() {
      if (incidents.acknowledge()) refresh();
    },

    trayModel: () => model,
    notificationsShown: () => policy.shown,

    dispose() {
      disposed = true;
      unsubscribe?.();
      unsubscribe = null;
      policy.dropHeld();
      backoffTimer?.cancel();
      backoffTimer = null;
      if (registeredShortcut !== null && shortcuts) shortcuts.unregister(registeredShortcut);
      registeredShortcut = null;
      tray?.destroy();
      tray = null;
    },
  };
  return service;
}
