import { describe, expect, it } from 'vitest';
import {
  defaultDesktopSettings,
  type ConnectionView,
  type EventName,
  type EventPayloads,
  type NavigateRequest,
  type PollerStatus,
  type Result,
  type RoomView,
} from '../../../contract/index.ts';
import type { EventSink } from '../../../main/core.ts';
import { createDesktopService, type DesktopServiceOptions } from '../../../main/desktop/desktop-service.ts';
import type { LoginItem, ShortcutRegistry, TrayModel, TrayView } from '../../../main/desktop/ports.ts';
import { menuActions } from '../../../main/desktop/tray-model.ts';
import { silentLogger, type Notifier } from '../../../main/ports.ts';
import { ManualClock, settle } from '../../helpers/manual-clock.ts';
import { connection, inCall, room } from './fixtures.ts';

/** The core as the desktop service sees it: dispatch answers from `answers`, events go out through `emit`. */
function fakeCore(initial: { rooms?: RoomView[]; connections?: ConnectionView[]; poller?: PollerStatus | null; roomsAvailable?: boolean } = {}) {
  const sinks = new Set<EventSink>();
  const calls: { channel: string; payload: unknown }[] = [];
  let seq = 10;
  const state = { paused: initial.poller?.paused ?? false, actResult: { ok: true, value: null } as Result<null> };
  const core = {
    calls,
    state,
    async dispatch(channel: string, payload: unknown): Promise<Result<unknown>> {
      calls.push({ channel, payload });
      switch (channel) {
        case 'rooms.list':
          return initial.roomsAvailable === false
            ? { ok: false, error: { code: 'unavailable', message: 'Room monitoring is not available in this build yet.' } }
            : { ok: true, value: { seq, rooms: initial.rooms ?? [] } };
        case 'connections.list':
          return { ok: true, value: initial.connections ?? [connection('Acme HQ')] };
        case 'poller.status':
          return initial.poller === null ? { ok: false, error: { code: 'unavailable', message: 'no poller' } } : { ok: true, value: { paused: state.paused, hosts: [] } };
        case 'rooms.act':
          return state.actResult;
        case 'poller.pause':
          state.paused = (payload as { paused: boolean }).paused;
          return { ok: true, value: { paused: state.paused, hosts: [] } };
        default:
          return { ok: false, error: { code: 'unknown_channel', message: channel } };
      }
    },
    subscribe(sink: EventSink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
      for (const sink of sinks) sink(event, payload);
    },
    diff(upserted: RoomView[], removed: string[] = []): void {
      seq++;
      core.emit('rooms.diff', { seq, upserted, removed });
    },
    sinkCount: () => sinks.size,
  };
  return core;
}

function setup(overrides: Partial<DesktopServiceOptions> = {}, confirmAnswer = true) {
  const clock = new ManualClock();
  const shown: { title: string; body: string; target: NavigateRequest | null }[] = [];
  const notifier: Notifier = { supported: () => true, notify: (n) => void shown.push(n) };
  const windowCalls: (NavigateRequest | null | 'quit')[] = [];
  let focused = false;
  const questions: string[] = [];
  const registered = new Map<string, () => void>();
  const taken = new Set(['Ctrl+Alt+T']);
  const shortcuts: ShortcutRegistry = {
    register(acc, cb) {
      if (taken.has(acc)) return false;
      registered.set(acc, cb);
      return true;
    },
    unregister: (acc) => void registered.delete(acc),
  };
  const login = { value: false, sets: [] as boolean[] };
  const loginItem: LoginItem = { unsupportedReason: () => null, set: (v) => void (login.sets.push(v), (login.value = v)), get: () => login.value };
  const service = createDesktopService({
    clock,
    log: silentLogger,
    notifier,
    confirmer: { confirm: async (q) => (questions.push(q.message), confirmAnswer) },
    window: { show: (t) => void windowCalls.push(t), focused: () => focused, quit: () => void windowCalls.push('quit') },
    shortcuts,
    loginItem,
    ...overrides,
  });
  const updates: TrayModel[] = [];
  const tray: TrayView & { destroyed: boolean } = { destroyed: false, update: (m) => void updates.push(m), destroy: () => void (tray.destroyed = true) };
  return { clock, service, shown, windowCalls, questions, registered, login, updates, tray, setFocused: (f: boolean) => (focused = f) };
}

const action = (model: TrayModel, label: string, key?: string) => {
  const found = menuActions(model.items).find((a) => a.label === label && (key === undefined || ('key' in a.action && a.action.key === key)));
  if (!found) throw new Error(`no "${label}" in the tray menu`);
  return found.action;
};

describe('desktop service: the tray follows the state', () => {
  it('draws the snapshot once attached, then redraws only when the model changed', async () => {
    const { service, updates, tray } = setup();
    const board = inCall('Board Room');
    const core = fakeCore({ rooms: [board, room('Lobby')] });
    service.setTray(tray);
    await service.attach(core);
    expect(updates.at(-1)?.headline).toBe('All 2 rooms fine');
    const before = updates.length;
    // A poll that only refreshes confirmedAt: nothing shown changed, so no redraw.
    core.diff([{ ...board, confirmedAt: 5_000 }]);
    expect(updates).toHaveLength(before);
    core.diff([{ ...board, muted: true }]);
    expect(updates).toHaveLength(before + 1);
    expect(menuActions(updates.at(-1)?.items ?? []).map((a) => a.label)).toContain('Unmute');
  });

  it('has no timer of its own: nothing changes while time passes', async () => {
    const { service, updates, tray, clock } = setup();
    service.setTray(tray);
    await service.attach(fakeCore({ rooms: [inCall('Board Room')] }));
    const before = updates.length;
    clock.advance(10 * 60_000);
    expect(updates).toHaveLength(before);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('follows connections and the poller status', async () => {
    const { service, updates, tray } = setup();
    service.setTray(tray);
    const core = fakeCore({ rooms: [room('Lobby')] });
    await service.attach(core);
    core.emit('poller.status', { paused: true, hosts: [] });
    expect(updates.at(-1)?.headline).toBe('Polling paused');
    core.emit('connections.changed', [connection('Acme HQ', { state: 'reconnect-needed' })]);
    expect(updates.at(-1)).toMatchObject({ health: 'attention', headline: 'Acme HQ needs Reconnect' });
  });

  it('redraws once when a host\'s back-off ends (a one-shot for that moment, not a periodic timer)', async () => {
    const { service, updates, tray, clock } = setup();
    service.setTray(tray);
    const core = fakeCore({ rooms: [room('Lobby')] });
    await service.attach(core);
    core.emit('poller.status', { paused: false, hosts: [{ origin: 'https://relay.example', budgetPerSec: 2, usedPerSec: 0, pausedUntil: clock.now() + 30_000, names: ['Acme HQ'], askedWaitSec: null, slowDown: null }] });
    expect(updates.at(-1)?.headline).toBe('A server asked to slow down');
    expect(clock.pendingTimers()).toBe(1);
    clock.advance(30_001);
    expect(updates.at(-1)?.health).toBe('ok');
    expect(clock.pendingTimers()).toBe(0);
  });

  it('works without a room snapshot (no rooms service yet) and takes the diffs as they come', async () => {
    const { service, shown } = setup();
    const core = fakeCore({ roomsAvailable: false });
    await service.attach(core);
    core.diff([room('Lobby')]);
    core.diff([room('Lobby', { reachability: 'offline' })]);
    expect(service.trayModel().counts.offline).toBe(1);
    expect(shown.map((n) => n.title)).toEqual(['Lobby went offline']);
  });

  it('ignores diffs already included in the snapshot', async () => {
    const { service, shown } = setup();
    const core = fakeCore({ rooms: [room('Lobby')] });
    await service.attach(core);
    core.emit('rooms.diff', { seq: 3, upserted: [room('Lobby', { reachability: 'offline' })], removed: [] });
    expect(shown).toEqual([]);
    expect(service.trayModel().counts.offline).toBe(0);
  });
});

describe('desktop service: notifications', () => {
  it('notifies a room going offline, a dropped call and a connection needing Reconnect; nothing for the start-up state', async () => {
    const { service, shown } = setup();
    const core = fakeCore({ rooms: [room('Lobby', { reachability: 'offline' }), inCall('Board Room'), room('Annex')] });
    await service.attach(core);
    expect(shown).toEqual([]);
    core.diff([room('Annex', { reachability: 'offline' })]);
    core.diff([room('Board Room', { reachability: 'offline', call: 'unknown', meeting: null })]);
    core.emit('connections.changed', [connection('Acme HQ', { state: 'reconnect-needed' })]);
    // One alert for Board Room: the drop, which says it went offline (not also "Board Room went offline").
    expect(shown.map((n) => n.title)).toEqual(['Annex went offline', 'Call dropped in Board Room', 'Acme HQ needs Reconnect']);
    expect(shown[1]).toEqual({
      title: 'Call dropped in Board Room',
      body: 'It went offline during "Weekly sync"; nobody hung up. HQ · Acme HQ',
      target: { route: 'rooms', roomKey: 'c1/board-room' },
    });
  });

  it('a meeting that simply ends notifies nothing and leaves the tray calm', async () => {
    const { service, shown, updates, tray } = setup();
    service.setTray(tray);
    const core = fakeCore({ rooms: [inCall('Board Room'), inCall('Annex', { pinned: true })] });
    await service.attach(core);
    core.diff([room('Board Room'), room('Annex', { pinned: true })]);
    expect(shown).toEqual([]);
    expect(updates.at(-1)).toMatchObject({ health: 'ok', headline: 'All 2 rooms fine' });
  });

  it('a dropped call makes the tray ask for attention until someone opens the dashboard', async () => {
    const { service, updates, tray, windowCalls } = setup();
    service.setTray(tray);
    const core = fakeCore({ rooms: [inCall('Board Room')] });
    await service.attach(core);
    core.diff([room('Board Room', { reachability: 'error', error: { code: 'timeout', message: 'No answer' } })]);
    expect(updates.at(-1)).toMatchObject({ health: 'attention', headline: 'Call dropped: Board Room' });
    // Further news from the room that is still down is not a new drop: once seen, it stays seen.
    await service.onTrayAction({ kind: 'open-dashboard' });
    core.diff([room('Board Room', { reachability: 'offline', call: 'unknown' })]);
    expect(windowCalls).toEqual([{ route: 'rooms', roomKey: null }]);
    expect(updates.at(-1)).toMatchObject({ health: 'degraded', headline: '1 room offline' });
    core.diff([inCall('Board Room')]);
    expect(updates.at(-1)?.health).toBe('ok');
  });

  it('a hang-up from the tray is not a drop, even if the room goes down as it leaves', async () => {
    const { service, shown, updates, tray } = setup();
    service.setTray(tray);
    const core = fakeCore({ rooms: [inCall('Board Room'), inCall('Annex')] });
    await service.attach(core);
    await service.onTrayAction({ kind: 'hangup', key: 'c1/board-room' });
    core.diff([room('Board Room', { reachability: 'offline', call: 'unknown' })]);
    // A hang-up seen on the dashboard (pending) counts as asked too.
    core.diff([inCall('Annex', { pending: 'hangup' })]);
    core.diff([room('Annex', { reachability: 'error' })]);
    expect(shown.map((n) => n.title)).toEqual(['Board Room went offline', 'Annex went offline']);
    expect(updates.at(-1)?.health).toBe('degraded');
  });

  it('a failed tray action notifies; dashboard failures only while the window is not in front', async () => {
    const { service, shown, setFocused } = setup();
    const core = fakeCore({ rooms: [inCall('Board Room')] });
    await service.attach(core);
    core.state.actResult = { ok: false, error: { code: 'timeout', message: 'The room did not answer in time.' } };
    await service.onTrayAction({ kind: 'mute', key: 'c1/board-room' });
    expect(shown).toEqual([{ title: 'Could not mute Board Room', body: 'The room did not answer in time.', target: { route: 'rooms', roomKey: 'c1/board-room' } }]);
    const entry = { id: 1, at: 0, roomKey: 'c1/lobby', roomName: 'Lobby', connectionName: 'Acme HQ', kind: 'error' as const, cause: 'user' as const, message: 'Unmute failed' };
    setFocused(true);
    core.emit('events.appended', [entry]);
    expect(shown).toHaveLength(1);
    setFocused(false);
    core.emit('events.appended', [{ ...entry, id: 2 }]);
    expect(shown.map((n) => n.title)).toEqual(['Could not mute Board Room', 'An action on Lobby failed']);
  });

  it('obeys the switches and quiet mode as the core applies them', async () => {
    const { service, shown } = setup();
    const core = fakeCore({ rooms: [room('A'), room('B')] });
    await service.attach(core);
    service.runtime.apply({ ...defaultDesktopSettings, quiet: true });
    core.diff([room('A', { reachability: 'offline' })]);
    service.runtime.apply({ ...defaultDesktopSettings, notifications: { ...defaultDesktopSettings.notifications, 'room-offline': false } });
    core.diff([room('B', { reachability: 'offline' })]);
    expect(shown).toEqual([]);
  });
});

describe('desktop service: tray actions', () => {
  it('mutes and unmutes through rooms.act, the dashboard\'s own channel', async () => {
    const { service } = setup();
    const core = fakeCore({ rooms: [inCall('Board Room')] });
    await service.attach(core);
    await service.onTrayAction(action(service.trayModel(), 'Mute'));
    core.diff([inCall('Board Room', { muted: true })]);
    await service.onTrayAction(action(service.trayModel(), 'Unmute'));
    expect(core.calls.filter((c) => c.channel === 'rooms.act').map((c) => c.payload)).toEqual([
      { key: 'c1/board-room', action: 'mute' },
      { key: 'c1/board-room', action: 'unmute' },
    ]);
  });

  it('asks before hanging up, and does nothing when the answer is no', async () => {
    const no = setup({}, false);
    const core = fakeCore({ rooms: [inCall('Board Room')] });
    await no.service.attach(core);
    await no.service.onTrayAction(action(no.service.trayModel(), 'Hang up…'));
    expect(no.questions).toEqual(['Hang up Board Room?']);
    expect(core.calls.some((c) => c.channel === 'rooms.act')).toBe(false);

    const yes = setup({}, true);
    const core2 = fakeCore({ rooms: [inCall('Board Room')] });
    await yes.service.attach(core2);
    await yes.service.onTrayAction(action(yes.service.trayModel(), 'Hang up…'));
    expect(core2.calls.filter((c) => c.channel === 'rooms.act').map((c) => c.payload)).toEqual([{ key: 'c1/board-room', action: 'hangup' }]);
  });

  it('pauses and resumes polling, opens rooms and connections, and quits', async () => {
    const { service, windowCalls } = setup();
    const core = fakeCore({ rooms: [inCall('Board Room')] });
    await service.attach(core);
    await service.onTrayAction({ kind: 'toggle-pause' });
    expect(core.calls.filter((c) => c.channel === 'poller.pause').map((c) => c.payload)).toEqual([{ paused: true }]);
    core.emit('poller.status', { paused: true, hosts: [] });
    await service.onTrayAction({ kind: 'toggle-pause' });
    expect(core.calls.filter((c) => c.channel === 'poller.pause').at(-1)?.payload).toEqual({ paused: false });
    await service.onTrayAction(action(service.trayModel(), 'Open in dashboard'));
    await service.onTrayAction({ kind: 'open-connections' });
    await service.onTrayAction({ kind: 'quit' });
    expect(windowCalls).toEqual([{ route: 'rooms', roomKey: 'c1/board-room' }, { route: 'connections', roomKey: null }, 'quit']);
  });
});

describe('desktop service: shortcut and login item', () => {
  it('registers the mute shortcut when set, swaps it on change, and reports a taken one', () => {
    const { service, registered } = setup();
    expect(service.runtime.apply({ ...defaultDesktopSettings, muteShortcut: 'Ctrl+Alt+M' }).shortcut).toEqual({ state: 'active', accelerator: 'Ctrl+Alt+M' });
    expect([...registered.keys()]).toEqual(['Ctrl+Alt+M']);
    const taken = service.runtime.apply({ ...defaultDesktopSettings, muteShortcut: 'Ctrl+Alt+T' }).shortcut;
    expect(taken).toMatchObject({ state: 'unavailable', accelerator: 'Ctrl+Alt+T' });
    expect([...registered.keys()]).toEqual([]);
    expect(service.runtime.apply(defaultDesktopSettings).shortcut).toEqual({ state: 'off' });
  });

  it('the shortcut mutes the pinned room in a call, and says so when there is none', async () => {
    const { service, registered, shown } = setup();
    const core = fakeCore({ rooms: [inCall('Pinned', { pinned: true }), inCall('Other'), inCall('Pinned muted', { pinned: true, muted: true })] });
    await service.attach(core);
    service.runtime.apply({ ...defaultDesktopSettings, muteShortcut: 'Ctrl+Alt+M' });
    registered.get('Ctrl+Alt+M')?.();
    await settle();
    expect(core.calls.filter((c) => c.channel === 'rooms.act').map((c) => c.payload)).toEqual([{ key: 'c1/pinned', action: 'mute' }]);
    core.diff([inCall('Pinned', { pinned: true, muted: true })]);
    await service.muteShortcut();
    expect(shown.map((n) => n.title)).toEqual(['Nothing to mute']);
  });

  it('sets the login item only when the setting changes, and reports what the OS says', () => {
    const { service, login } = setup();
    expect(service.runtime.apply(defaultDesktopSettings).loginItemActive).toBe(false);
    expect(service.runtime.apply({ ...defaultDesktopSettings, startAtLogin: true }).loginItemActive).toBe(true);
    service.runtime.apply({ ...defaultDesktopSettings, startAtLogin: true, quiet: true });
    expect(login.sets).toEqual([false, true]);
  });

  it('says what this host cannot do', () => {
    const { service } = setup({ loginItem: { unsupportedReason: () => 'Not on Linux.', set: () => {}, get: () => null }, shortcuts: null });
    expect(service.runtime.support()).toMatchObject({ desktopApp: true, tray: false, startAtLogin: false, shortcut: false });
    expect(service.runtime.support().reason).toMatch(/no system tray.*Not on Linux/);
    expect(service.runtime.apply({ ...defaultDesktopSettings, muteShortcut: 'Ctrl+Alt+M', startAtLogin: true })).toEqual({
      shortcut: { state: 'unavailable', accelerator: 'Ctrl+Alt+M', message: 'This host has no global shortcuts.' },
      loginItemActive: null,
    });
  });

  it('cleans up on dispose: shortcut, tray, event subscription', async () => {
    const { service, registered, tray } = setup();
    const core = fakeCore();
    service.setTray(tray);
    await service.attach(core);
    service.runtime.apply({ ...defaultDesktopSettings, muteShortcut: 'Ctrl+Alt+M' });
    service.dispose();
    expect(registered.size).toBe(0);
    expect(tray.destroyed).toBe(true);
    expect(core.sinkCount()).toBe(0);
  });
});
