import { describe, expect, it } from 'vitest';
import { defaultDesktopSettings, type DesktopSettings, type EventLogEntry } from '../../../contract/index.ts';
import {
  actionFailed,
  actionFailureFromLog,
  connectionTransitions,
  describeEvent,
  NotificationPolicy,
  roomTransition,
  summarize,
  UserIntent,
  type DesktopEvent,
} from '../../../main/desktop/notifications.ts';
import type { Notifier } from '../../../main/ports.ts';
import { ManualClock } from '../../helpers/manual-clock.ts';
import { connection, inCall, room } from './fixtures.ts';

function recordingNotifier(supported = true): Notifier & { shown: { title: string; body: string; target: unknown }[] } {
  const shown: { title: string; body: string; target: unknown }[] = [];
  return { shown, supported: () => supported, notify: (n) => void shown.push(n) };
}

const offline = (name: string, site = 'HQ'): DesktopEvent => roomTransition(room(name, { site }), room(name, { site, reachability: 'offline' }), false) as DesktopEvent;
/** A drop as Relay shows one: a room in a call stops answering (the poller marks it offline, call unknown). */
const dropped = (name: string, site = 'HQ'): DesktopEvent =>
  roomTransition(inCall(name, { site }), room(name, { site, reachability: 'offline', call: 'unknown' }), false) as DesktopEvent;

describe('detecting what deserves a notification', () => {
  it('a room that was reachable going offline or unreachable', () => {
    expect(roomTransition(room('Lobby'), room('Lobby', { reachability: 'offline' }), false)).toMatchObject({ kind: 'room-offline', roomName: 'Lobby', site: 'HQ' });
    expect(roomTransition(room('Lobby'), room('Lobby', { reachability: 'error', error: { code: 'timeout', message: 'No answer' } }), false)).toMatchObject({
      kind: 'room-offline',
      detail: 'No answer',
    });
    expect(roomTransition(room('Lobby', { reachability: 'offline' }), room('Lobby', { reachability: 'error' }), false)).toBeNull();
  });

  it('a room seen for the first time never notifies (start-up is not an outage)', () => {
    expect(roomTransition(undefined, room('Lobby', { reachability: 'offline' }), false)).toBeNull();
  });

  it('a call lost to the room going offline or unreachable is a drop', () => {
    const before = inCall('Board Room');
    const unreachable = room('Board Room', { reachability: 'error', error: { code: 'timeout', message: 'No answer' } });
    expect(roomTransition(before, unreachable, false)).toMatchObject({ kind: 'call-dropped', roomKey: 'c1/board-room', meeting: 'Weekly sync', detail: 'No answer' });
    expect(roomTransition(before, room('Board Room', { reachability: 'offline', call: 'unknown', meeting: null }), false)).toMatchObject({
      kind: 'call-dropped',
      meeting: 'Weekly sync',
    });
    // Still shown in a call, but no longer reachable: the same drop (one event, not also "went offline").
    expect(roomTransition(before, inCall('Board Room', { reachability: 'offline' }), false)).toMatchObject({ kind: 'call-dropped' });
  });

  it('a meeting that simply ends (in a call → idle, still online) is not a drop: Relay does not say why a call ended', () => {
    const before = inCall('Board Room');
    expect(roomTransition(before, room('Board Room'), false)).toBeNull();
    expect(roomTransition(before, room('Board Room', { call: 'unknown' }), false)).toBeNull();
    expect(roomTransition(before, room('Board Room', { stale: true }), false)).toBeNull();
  });

  it('a call someone asked to leave is never a drop; a room that also went down is only "offline"', () => {
    const before = inCall('Board Room');
    const lost = room('Board Room', { reachability: 'error' });
    expect(roomTransition(before, room('Board Room'), true)).toBeNull();
    expect(roomTransition(before, lost, true)).toMatchObject({ kind: 'room-offline', meeting: null });
    expect(roomTransition(inCall('Board Room', { pending: 'hangup' }), lost, false)).toMatchObject({ kind: 'room-offline' });
    expect(roomTransition(before, room('Board Room', { pending: 'join', reachability: 'error' }), false)).toMatchObject({ kind: 'room-offline' });
  });

  it('a room already down that was last seen in a call is not dropped again on every change', () => {
    const down = inCall('Board Room', { reachability: 'error' });
    expect(roomTransition(down, inCall('Board Room', { reachability: 'offline' }), false)).toBeNull();
    expect(roomTransition(down, { ...down, stale: true }, false)).toBeNull();
  });

  it('muting, unmuting or a call state not yet known is not a drop', () => {
    expect(roomTransition(inCall('Board Room'), inCall('Board Room', { muted: true }), false)).toBeNull();
    expect(roomTransition(inCall('Board Room'), inCall('Board Room', { call: 'unknown' }), false)).toBeNull();
  });

  it('remembers hang-ups it saw or sent for a minute', () => {
    const clock = new ManualClock();
    const intent = new UserIntent(clock);
    intent.observe(inCall('Board Room', { pending: 'hangup' }));
    expect(intent.recent('c1/board-room')).toBe(true);
    clock.advance(61_000);
    expect(intent.recent('c1/board-room')).toBe(false);
    intent.mark('c1/lobby');
    expect(intent.recent('c1/lobby')).toBe(true);
  });

  it('a connection entering reconnect-needed, once', () => {
    const prev = new Map([['acme-hq', connection('Acme HQ')]]);
    const needs = connection('Acme HQ', { state: 'reconnect-needed', reason: 'The Relay token expired.' });
    expect(connectionTransitions(prev, [needs])).toEqual([expect.objectContaining({ kind: 'reconnect-needed', connectionName: 'Acme HQ', detail: 'The Relay token expired.' })]);
    expect(connectionTransitions(new Map([['acme-hq', needs]]), [needs])).toEqual([]);
  });

  it('a failed action, from a result or from the rooms service\'s event log', () => {
    expect(actionFailed(room('Lobby'), 'c1/lobby', 'hangup', 'The room did not answer.')).toMatchObject({ kind: 'action-failed', action: 'hangup' });
    const entry: EventLogEntry = { id: 1, at: 0, roomKey: 'c1/lobby', roomName: 'Lobby', connectionName: 'Acme HQ', kind: 'error', cause: 'user', message: 'Mute failed: timeout' };
    expect(actionFailureFromLog(entry)).toMatchObject({ kind: 'action-failed', roomKey: 'c1/lobby', detail: 'Mute failed: timeout' });
    expect(actionFailureFromLog({ ...entry, cause: 'poll' })).toBeNull();
    expect(actionFailureFromLog({ ...entry, kind: 'action' })).toBeNull();
  });
});

describe('words and click targets', () => {
  it('says what happened and opens the room on click', () => {
    expect(describeEvent(offline('Lobby'))).toEqual({ title: 'Lobby went offline', body: 'HQ · Acme HQ', target: { route: 'rooms', roomKey: 'c1/lobby' } });
    expect(describeEvent(dropped('Board Room'))).toEqual({
      title: 'Call dropped in Board Room',
      body: 'It went offline during "Weekly sync"; nobody hung up. HQ · Acme HQ',
      target: { route: 'rooms', roomKey: 'c1/board-room' },
    });
    const noTitle = roomTransition(inCall('Annex', { meeting: null }), room('Annex', { reachability: 'error', error: { code: 'timeout', message: 'No answer' } }), false);
    expect(describeEvent(noTitle as DesktopEvent).body).toBe('It went offline during the call; nobody hung up. HQ · Acme HQ — No answer');
    expect(describeEvent(actionFailed(room('Lobby'), 'c1/lobby', 'unmute', 'Busy')).title).toBe('Could not unmute Lobby');
  });

  it('sends Reconnect to the connections screen', () => {
    const [e] = connectionTransitions(new Map(), [connection('Acme HQ', { state: 'reconnect-needed' })]);
    expect(describeEvent(e as DesktopEvent)).toMatchObject({ title: 'Acme HQ needs Reconnect', target: { route: 'connections', roomKey: null } });
  });

  it('summarizes many events: counts, the shared site, a few names', () => {
    const events = Array.from({ length: 12 }, (_, i) => offline(`Room ${i + 1}`, 'Site X'));
    expect(summarize(events)).toEqual({
      title: '12 rooms went offline at Site X',
      body: 'Room 1, Room 2, Room 3 and 9 more. Click to open the dashboard.',
      target: { route: 'rooms', roomKey: null },
    });
    expect(summarize([offline('A', 'North'), offline('B', 'South')]).title).toBe('2 rooms went offline at 2 sites');
    // A drop is a room that went offline too: it counts among them.
    expect(summarize([dropped('C'), offline('A'), offline('B')])).toEqual({
      title: '3 rooms went offline, 1 call dropped at HQ',
      body: 'C, A, B. Click to open the dashboard.',
      target: { route: 'rooms', roomKey: null },
    });
    expect(summarize([dropped('C'), dropped('D')]).title).toBe('2 rooms went offline, 2 calls dropped at HQ');
  });
});

describe('the notification policy', () => {
  function setup(settings: Partial<DesktopSettings> = {}, notifierSupported = true) {
    const clock = new ManualClock();
    const notifier = recordingNotifier(notifierSupported);
    let current: DesktopSettings = { ...defaultDesktopSettings, ...settings };
    const policy = new NotificationPolicy({ clock, notifier, settings: () => current });
    return { clock, notifier, policy, set: (s: Partial<DesktopSettings>) => (current = { ...current, ...s }) };
  }

  it('shows single events one by one, up to three in ten seconds', () => {
    const { notifier, policy } = setup();
    policy.submit([offline('A')]);
    policy.submit([offline('B')]);
    policy.submit([offline('C')]);
    expect(notifier.shown.map((n) => n.title)).toEqual(['A went offline', 'B went offline', 'C went offline']);
  });

  it('turns a site-wide outage into ONE summary, not hundreds', () => {
    const { clock, notifier, policy } = setup();
    const outage = Array.from({ length: 200 }, (_, i) => offline(`Room ${i}`, 'Site X'));
    // The poller's diffs arrive in a few batches a second.
    for (let i = 0; i < 200; i += 25) {
      policy.submit(outage.slice(i, i + 25));
      clock.advance(500);
    }
    expect(notifier.shown).toEqual([]);
    clock.advance(10_000);
    expect(notifier.shown).toHaveLength(1);
    expect(notifier.shown[0]?.title).toBe('200 rooms went offline at Site X');
    clock.advance(60_000);
    expect(notifier.shown).toHaveLength(1);
  });

  it('holds what goes over the limit and summarizes it when the window ends', () => {
    const { clock, notifier, policy } = setup();
    policy.submit([offline('A')]);
    policy.submit([offline('B')]);
    policy.submit([offline('C')]);
    clock.advance(1_000);
    policy.submit([offline('D')]);
    policy.submit([offline('E')]);
    expect(notifier.shown).toHaveLength(3);
    clock.advance(8_999);
    expect(notifier.shown).toHaveLength(3);
    clock.advance(1);
    expect(notifier.shown.map((n) => n.title)).toEqual(['A went offline', 'B went offline', 'C went offline', '2 rooms went offline at HQ']);
  });

  it('shows a lone held event as itself, not as a summary of one', () => {
    const { clock, notifier, policy } = setup();
    policy.submit([offline('A'), offline('B'), offline('C')]);
    policy.submit([offline('D')]);
    clock.advance(10_000);
    expect(notifier.shown.map((n) => n.title)).toEqual(['A went offline', 'B went offline', 'C went offline', 'D went offline']);
  });

  it('starts afresh once the window has passed', () => {
    const { clock, notifier, policy } = setup();
    policy.submit([offline('A'), offline('B'), offline('C')]);
    clock.advance(10_000);
    policy.submit([offline('D'), offline('E')]);
    expect(notifier.shown).toHaveLength(5);
  });

  it('notifies the same alert for the same room at most once a minute (flapping rooms)', () => {
    const { clock, notifier, policy } = setup();
    policy.submit([offline('A')]);
    clock.advance(30_000);
    policy.submit([offline('A')]);
    expect(notifier.shown).toHaveLength(1);
    clock.advance(31_000);
    policy.submit([offline('A')]);
    expect(notifier.shown).toHaveLength(2);
  });

  it('respects the per-kind switches', () => {
    const { notifier, policy } = setup({ notifications: { ...defaultDesktopSettings.notifications, 'room-offline': false } });
    policy.submit([offline('A')]);
    policy.submit([actionFailed(room('B'), 'c1/b', 'mute', 'Busy')]);
    expect(notifier.shown.map((n) => n.title)).toEqual(['Could not mute B']);
  });

  it('a drop is one alert; with drop alerts off it is the plain offline alert; with both off, nothing', () => {
    const on = setup();
    on.policy.submit([dropped('A')]);
    expect(on.notifier.shown.map((n) => n.title)).toEqual(['Call dropped in A']);

    const dropsOff = setup({ notifications: { ...defaultDesktopSettings.notifications, 'call-dropped': false } });
    dropsOff.policy.submit([dropped('A')]);
    expect(dropsOff.notifier.shown).toEqual([describeEvent(offline('A'))]);
    // It is the same alert as the room going offline: not repeated within the minute.
    dropsOff.policy.submit([offline('A')]);
    expect(dropsOff.notifier.shown).toHaveLength(1);

    const bothOff = setup({ notifications: { ...defaultDesktopSettings.notifications, 'call-dropped': false, 'room-offline': false } });
    bothOff.policy.submit([dropped('A')]);
    expect(bothOff.notifier.shown).toEqual([]);
  });

  it('a site-wide outage during meetings is ONE summary that counts the dropped calls', () => {
    const { clock, notifier, policy } = setup();
    const batch = [
      ...Array.from({ length: 10 }, (_, i) => offline(`Room ${i + 1}`, 'Site X')),
      ...Array.from({ length: 3 }, (_, i) => dropped(`Meeting ${i + 1}`, 'Site X')),
    ];
    policy.submit(batch);
    expect(notifier.shown).toEqual([]);
    clock.advance(10_000);
    expect(notifier.shown).toEqual([
      { title: '13 rooms went offline, 3 calls dropped at Site X', body: 'Room 1, Room 2, Room 3 and 10 more. Click to open the dashboard.', target: { route: 'rooms', roomKey: null } },
    ]);
  });

  it('a held drop shown alone still opens its room', () => {
    const { clock, notifier, policy } = setup();
    policy.submit([offline('A'), offline('B'), offline('C')]);
    policy.submit([dropped('Board Room')]);
    clock.advance(10_000);
    expect(notifier.shown.at(-1)).toMatchObject({ title: 'Call dropped in Board Room', target: { route: 'rooms', roomKey: 'c1/board-room' } });
  });

  it('shows nothing in quiet mode, and drops what was held when quiet mode starts', () => {
    const { clock, notifier, policy, set } = setup();
    policy.submit([offline('A'), offline('B'), offline('C'), offline('D')]);
    set({ quiet: true });
    policy.dropHeld();
    clock.advance(20_000);
    policy.submit([offline('E')]);
    expect(notifier.shown).toEqual([]);
  });

  it('shows nothing where the OS has no notifications', () => {
    const { notifier, policy } = setup({}, false);
    policy.submit([offline('A')]);
    expect(notifier.shown).toEqual([]);
  });
});
