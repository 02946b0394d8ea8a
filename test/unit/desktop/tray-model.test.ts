import { describe, expect, it } from 'vitest';
import type { PollerStatus, RoomView } from '../../../contract/index.ts';
import {
  buildTrayModel,
  compareForTray,
  maxTooltipLength,
  menuActions,
  sameTrayModel,
  type TrayInput,
  type TrayMenuItem,
} from '../../../main/desktop/tray-model.ts';
import { trayIconFile } from '../../../main/desktop/tray-icons.ts';
import { connection, inCall, room } from './fixtures.ts';

const poller: PollerStatus = { paused: false, hosts: [{ origin: 'https://relay.example', budgetPerSec: 2, usedPerSec: 1.2, pausedUntil: null, names: ['Acme HQ'], askedWaitSec: null, slowDown: null }] };

function input(rooms: RoomView[], overrides: Partial<TrayInput> = {}): TrayInput {
  return { rooms, connections: [connection('Acme HQ')], poller, incidents: new Set(), now: 50, ...overrides };
}

/** The menu as lines of text: "label [off]" for disabled items, "> submenu" with its items indented, "---". */
function outline(items: readonly TrayMenuItem[], indent = ''): string[] {
  return items.flatMap((item) => {
    if (item.type === 'separator') return [`${indent}---`];
    const off = item.enabled ? '' : ' [off]';
    if (item.type === 'submenu') return [`${indent}> ${item.label}${off}`, ...outline(item.items, `${indent}  `)];
    if (item.type === 'checkbox') return [`${indent}[${item.checked ? 'x' : ' '}] ${item.label}${off}`];
    return [`${indent}${item.label}${off}`];
  });
}

describe('tray health (the icon)', () => {
  it('is ok when every room is fine, and says so', () => {
    const model = buildTrayModel(input([room('Lobby'), inCall('Board Room')]));
    expect(model.health).toBe('ok');
    expect(model.headline).toBe('All 2 rooms fine');
  });

  it('is ok with no rooms at all', () => {
    const model = buildTrayModel(input([], { connections: [] }));
    expect(model.health).toBe('ok');
    expect(model.headline).toBe('No rooms yet');
  });

  it('is degraded when some rooms are offline or unreachable', () => {
    const model = buildTrayModel(input([room('Lobby', { reachability: 'offline' }), room('Cafe', { reachability: 'error' }), room('Annex')]));
    expect(model.health).toBe('degraded');
    expect(model.headline).toBe('1 room offline, 1 unreachable');
  });

  it('is degraded when statuses are stale, polling is paused, or a host asked to back off', () => {
    expect(buildTrayModel(input([room('Lobby', { stale: true })])).health).toBe('degraded');
    expect(buildTrayModel(input([room('Lobby')], { poller: { ...poller, paused: true } })).headline).toBe('Polling paused');
    const backoff = { ...poller, hosts: [{ origin: 'https://relay.example', budgetPerSec: 2, usedPerSec: 0, pausedUntil: 99, names: ['Acme HQ'], askedWaitSec: null, slowDown: null }] };
    expect(buildTrayModel(input([room('Lobby')], { poller: backoff })).headline).toBe('A server asked to slow down');
    // Once the back-off has ended the same status is fine again.
    expect(buildTrayModel(input([room('Lobby')], { poller: backoff, now: 100 })).health).toBe('ok');
  });

  it('asks for attention when a connection needs Reconnect, before anything else', () => {
    const model = buildTrayModel(
      input([room('Lobby', { reachability: 'offline' })], {
        connections: [connection('Acme HQ', { state: 'reconnect-needed' }), connection('Beta Inc', { state: 'reconnect-needed' })],
      }),
    );
    expect(model.health).toBe('attention');
    expect(model.headline).toBe('Acme HQ needs Reconnect (+1 more)');
  });

  it('asks for attention when a connection cannot read its rooms: connected is not enough', () => {
    const model = buildTrayModel(input([], { connections: [connection('Acme HQ', { roomList: { status: 'failed', message: 'HTTP 500' } })] }));
    expect(model).toMatchObject({ health: 'attention', headline: 'Connection failed: Acme HQ' });
    expect(buildTrayModel(input([room('Lobby')], { connections: [connection('Acme HQ', { roomList: { status: 'read', rooms: 1 } })] })).health).toBe('ok');
  });

  it('asks for attention for a dropped call nobody has looked at, and for a pinned room that is down', () => {
    const lobby = room('Lobby');
    expect(buildTrayModel(input([lobby], { incidents: new Set([lobby.key]) }))).toMatchObject({ health: 'attention', headline: 'Call dropped: Lobby' });
    expect(buildTrayModel(input([room('Lobby', { pinned: true, reachability: 'error' })]))).toMatchObject({
      health: 'attention',
      headline: 'Pinned room unreachable: Lobby',
    });
    // The same room offline but not pinned is only degraded.
    expect(buildTrayModel(input([room('Lobby', { reachability: 'error' })])).health).toBe('degraded');
  });

  it('picks the icon file per health and OS (template image for the calm macOS state)', () => {
    expect(trayIconFile('ok', 'darwin')).toBe('okTemplate.png');
    expect(trayIconFile('attention', 'darwin')).toBe('attention.png');
    expect(trayIconFile('degraded', 'win32')).toBe('degraded.ico');
    expect(trayIconFile('ok', 'linux')).toBe('ok-32.png');
  });
});

describe('tray menu', () => {
  it('lists rooms in a call and pinned rooms with their controls, then the app items', () => {
    const rooms = [
      inCall('Board Room', { muted: true, since: 5_000 }),
      room('Lobby', { pinned: true }),
      room('Storage'), // idle and not pinned: not listed
      room('Annex', { call: 'dialing', since: 9_000 }),
    ];
    expect(outline(buildTrayModel(input(rooms)).items)).toEqual([
      'All 4 rooms fine [off]',
      '4 rooms · 1 in a call · 1 dialing [off]',
      '---',
      '> Board Room — in a call, muted',
      '  Unmute',
      '  Hang up…',
      '  ---',
      '  Open in dashboard',
      '> Annex — dialing…',
      '  Mute [off]',
      '  Hang up…',
      '  ---',
      '  Open in dashboard',
      '> ★ Lobby — idle',
      '  Mute [off]',
      '  Hang up… [off]',
      '  ---',
      '  Open in dashboard',
      '---',
      'Open dashboard',
      '[ ] Pause polling',
      '---',
      'Quit Relay Console',
    ]);
  });

  it('carries action ids for every control', () => {
    const board = inCall('Board Room');
    const actions = menuActions(buildTrayModel(input([board])).items).map((a) => a.action);
    expect(actions).toEqual([
      { kind: 'mute', key: board.key },
      { kind: 'hangup', key: board.key },
      { kind: 'open-room', key: board.key },
      { kind: 'open-dashboard' },
      { kind: 'toggle-pause' },
      { kind: 'quit' },
    ]);
  });

  it('disables controls while an action is pending, for offline rooms, and where the role forbids them (saying why)', () => {
    const items = buildTrayModel(
      input([
        inCall('Pending', { pending: 'mute' }),
        inCall('Gone', { reachability: 'offline' }),
        inCall('Read only', { allowed: { control: false, reason: 'This connection can only watch rooms.' } }),
      ]),
    ).items;
    const lines = outline(items);
    expect(lines).toContain('> Pending — muting…');
    expect(lines).toContain('> Gone — offline');
    const readOnly = lines.indexOf('> Read only — in a call');
    expect(lines.slice(readOnly + 1, readOnly + 4)).toEqual(['  Mute [off]', '  Hang up… [off]', '  This connection can only watch rooms. [off]']);
    expect(menuActions(items).filter((a) => a.enabled && (a.action.kind === 'mute' || a.action.kind === 'hangup'))).toEqual([]);
  });

  it('says so when no room is in a call, and offers Reconnect for connections that need it', () => {
    const lines = outline(buildTrayModel(input([room('Lobby')], { connections: [connection('Acme HQ', { state: 'reconnect-needed' })] })).items);
    expect(lines).toContain('No room is in a call [off]');
    expect(lines).toContain('Reconnect Acme HQ…');
  });

  it('shows the pause state as a checked item, disabled until the poller answers', () => {
    expect(outline(buildTrayModel(input([], { poller: { ...poller, paused: true } })).items)).toContain('[x] Pause polling');
    expect(outline(buildTrayModel(input([], { poller: null })).items)).toContain('[ ] Pause polling [off]');
  });

  it('stays short with many rooms: the busiest first, then "N more… open dashboard"', () => {
    const rooms = Array.from({ length: 40 }, (_, i) => inCall(`Room ${String(i).padStart(2, '0')}`, { since: i * 1_000 }));
    rooms.push(room('Pinned idle', { pinned: true }), inCall('Pinned busy', { pinned: true, since: 1 }));
    const model = buildTrayModel(input(rooms), { maxRooms: 5, appName: 'Relay Console' });
    const submenus = model.items.filter((i) => i.type === 'submenu').map((i) => i.label);
    // Pinned and in a call first; then in-call rooms with the most recent activity.
    expect(submenus).toEqual([
      '★ Pinned busy — in a call',
      'Room 39 — in a call',
      'Room 38 — in a call',
      'Room 37 — in a call',
      'Room 36 — in a call',
    ]);
    const more = model.items.find((i) => i.type === 'item' && i.label.includes('more'));
    expect(more).toEqual({ type: 'item', label: '37 more… open dashboard', enabled: true, action: { kind: 'open-dashboard' } });
    expect(model.items.length).toBeLessThanOrEqual(5 + 10);
  });

  it('lists at most 8 rooms by default, as the README promises, the ninth behind "1 more…"', () => {
    const rooms = (n: number) => Array.from({ length: n }, (_, i) => inCall(`Room ${i + 1}`, { since: i * 1_000 }));
    const submenus = (model: ReturnType<typeof buildTrayModel>) => model.items.filter((i) => i.type === 'submenu');
    const eight = buildTrayModel(input(rooms(8)));
    expect(submenus(eight)).toHaveLength(8);
    expect(outline(eight.items).some((line) => line.includes('more…'))).toBe(false);
    const nine = buildTrayModel(input(rooms(9)));
    expect(submenus(nine).map((i) => i.type === 'submenu' && i.label)).not.toContain('Room 1 — in a call');
    expect(submenus(nine)).toHaveLength(8);
    expect(outline(nine.items)).toContain('1 more… open dashboard');
  });

  it('orders in-call before dialing, then by most recent activity, then by name', () => {
    const sorted = [room('B', { call: 'dialing', since: 9 }), inCall('C', { since: 1 }), inCall('A', { since: 1 }), inCall('D', { since: 5 })].sort(compareForTray);
    expect(sorted.map((r) => r.name)).toEqual(['D', 'A', 'C', 'B']);
  });

  it('clips long names and keeps the tooltip within what Windows shows', () => {
    const long = 'A'.repeat(200);
    const model = buildTrayModel(input([inCall(long, { pinned: true, reachability: 'error' })], { connections: [connection(long, { state: 'reconnect-needed' })] }));
    expect(model.tooltip.length).toBeLessThanOrEqual(maxTooltipLength);
    expect(model.tooltip.startsWith('Relay Console\n')).toBe(true);
    const sub = model.items.find((i) => i.type === 'submenu');
    expect(sub?.type === 'submenu' && sub.label.length).toBeLessThan(70);
  });

  it('puts the counts in the tooltip', () => {
    const model = buildTrayModel(input([inCall('A'), inCall('B'), room('C', { reachability: 'offline' })]));
    expect(model.tooltip).toBe('Relay Console\n1 room offline\n3 rooms · 2 in a call · 1 offline');
  });
});

describe('rebuilding only on change', () => {
  it('gives structurally equal models for the same state, whatever the object identity', () => {
    const a = buildTrayModel(input([inCall('Board Room'), room('Lobby')]));
    const b = buildTrayModel(input([room('Lobby'), inCall('Board Room')].map((r) => ({ ...r }))));
    expect(sameTrayModel(a, b)).toBe(true);
  });

  it('differs when something shown changes, and not for what the menu does not show', () => {
    const base = buildTrayModel(input([inCall('Board Room')]));
    expect(sameTrayModel(base, buildTrayModel(input([inCall('Board Room', { muted: true })])))).toBe(false);
    // confirmedAt moves with every poll; the menu does not show it, so the tray is not redrawn.
    expect(sameTrayModel(base, buildTrayModel(input([inCall('Board Room', { confirmedAt: 99_999, detailAt: 99_999 })])))).toBe(true);
  });
});
