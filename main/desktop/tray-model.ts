// The tray, as data: the fleet's health (which icon), a tooltip with the counts, and a plain menu model the
// Electron adapter turns into Menu.buildFromTemplate. Pure: the same fleet state always gives the same model,
// and nothing in it depends on the clock (no "for 3 min"), so the menu is rebuilt when the state changes
// and never on a timer.
//
// Health rules (the icon):
//   attention — something needs a person now: a connection needs Reconnect (or failed), a call dropped
//               (the room went offline or unreachable mid-call without anyone hanging up; a meeting that
//               simply ends is not a drop) and nobody has looked since, or a pinned room is offline or
//               unreachable;
//   degraded  — some rooms are offline or unreachable, some rooms' status is stale, or polling is paused
//               (by the user, or a host asked us to back off);
//   ok        — everything else, including no rooms at all.
// The one time-dependent input is a host's back-off end (pausedUntil); the service redraws once when it
// passes (a one-shot for that moment, not a periodic timer).
import { isDeepStrictEqual } from 'node:util';
import type { ConnectionView, PollerStatus, RoomView } from '../../contract/index.ts';

export type TrayHealth = 'ok' | 'degraded' | 'attention';

export type TrayAction =
  | { kind: 'mute' | 'unmute' | 'hangup' | 'open-room'; key: string }
  | { kind: 'open-dashboard' }
  | { kind: 'open-connections' }
  | { kind: 'toggle-pause' }
  | { kind: 'quit' };

export type TrayMenuItem =
  | { type: 'item'; label: string; enabled: boolean; action: TrayAction | null }
  | { type: 'checkbox'; label: string; checked: boolean; enabled: boolean; action: TrayAction }
  | { type: 'submenu'; label: string; enabled: boolean; items: TrayMenuItem[] }
  | { type: 'separator' };

export interface FleetCounts {
  rooms: number;
  inCall: number;
  dialing: number;
  muted: number;
  offline: number;
  unreachable: number;
  stale: number;
  pinned: number;
  /** Connections that need the user to sign in again, by name. */
  reconnect: string[];
  /** Connections that failed for another reason, by name. */
  failed: string[];
}

export interface TrayModel {
  health: TrayHealth;
  /** The first line of the menu and of the tooltip: why the icon looks the way it does. */
  headline: string;
  tooltip: string;
  counts: FleetCounts;
  items: TrayMenuItem[];
}

export interface TrayInput {
  rooms: Iterable<RoomView>;
  connections: readonly ConnectionView[];
  /** null until the poller answered (or where there is none). */
  poller: PollerStatus | null;
  /** Rooms whose call dropped (went offline or unreachable mid-call) and that nobody has looked at since (see notifications.ts). */
  incidents: ReadonlySet<string>;
  /** The time the state is read at: only to tell whether a host's back-off (pausedUntil) is still on. */
  now: number;
}

export interface TrayOptions {
  /** Rooms listed in the menu at most; the rest are behind "N more… open dashboard". */
  maxRooms: number;
  appName: string;
}

export const defaultTrayOptions: TrayOptions = { maxRooms: 8, appName: 'Relay Console' };

/** Windows cuts tray tooltips at 127 characters (NOTIFYICONDATA.szTip). */
export const maxTooltipLength = 127;
const maxNameLength = 40;

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

const isActive = (room: RoomView): boolean => room.call === 'in-call' || room.call === 'dialing';
const isOnline = (room: RoomView): boolean => room.reachability === 'online';

export function countFleet(rooms: Iterable<RoomView>, connections: readonly ConnectionView[]): FleetCounts {
  const counts: FleetCounts = { rooms: 0, inCall: 0, dialing: 0, muted: 0, offline: 0, unreachable: 0, stale: 0, pinned: 0, reconnect: [], failed: [] };
  for (const room of rooms) {
    counts.rooms++;
    if (room.reachability === 'offline') counts.offline++;
    else if (room.reachability === 'error') counts.unreachable++;
    else if (room.call === 'in-call') {
      counts.inCall++;
      if (room.muted === true) counts.muted++;
    } else if (room.call === 'dialing') counts.dialing++;
    if (room.stale) counts.stale++;
    if (room.pinned) counts.pinned++;
  }
  for (const c of connections) {
    if (c.state === 'reconnect-needed') counts.reconnect.push(c.name);
    // Connected but its rooms cannot be read is a failed connection too, never a calm one.
    else if (c.state === 'error' || (c.state === 'connected' && c.roomList?.status === 'failed')) counts.failed.push(c.name);
  }
  return counts;
}

interface HealthVerdict {
  health: TrayHealth;
  headline: string;
}

/** The icon's state and the sentence that explains it (first reason wins; the order is the rules' order). */
export function fleetHealth(input: TrayInput, rooms: readonly RoomView[], counts: FleetCounts): HealthVerdict {
  const [firstReconnect] = counts.reconnect;
  if (firstReconnect !== undefined) {
    const more = counts.reconnect.length - 1;
    return { health: 'attention', headline: `${firstReconnect} needs Reconnect${more > 0 ? ` (+${more} more)` : ''}` };
  }
  const [firstFailed] = counts.failed;
  if (firstFailed !== undefined) return { health: 'attention', headline: `Connection failed: ${firstFailed}` };
  const dropped = rooms.filter((r) => input.incidents.has(r.key));
  const [firstDropped] = dropped;
  if (firstDropped) {
    return { health: 'attention', headline: dropped.length === 1 ? `Call dropped: ${firstDropped.name}` : `${dropped.length} calls dropped` };
  }
  const pinnedDown = rooms.filter((r) => r.pinned && !isOnline(r));
  const [firstPinnedDown] = pinnedDown;
  if (firstPinnedDown) {
    return {
      health: 'attention',
      headline: pinnedDown.length === 1 ? `Pinned room ${firstPinnedDown.reachability === 'offline' ? 'offline' : 'unreachable'}: ${firstPinnedDown.name}` : `${pinnedDown.length} pinned rooms down`,
    };
  }
  const down: string[] = [];
  if (counts.offline > 0) down.push(`${plural(counts.offline, 'room')} offline`);
  if (counts.unreachable > 0) down.push(`${counts.unreachable} unreachable`);
  if (down.length > 0) return { health: 'degraded', headline: down.join(', ') };
  if (input.poller?.paused) return { health: 'degraded', headline: 'Polling paused' };
  const backingOff = input.poller?.hosts.filter((h) => h.pausedUntil !== null && h.pausedUntil > input.now).length ?? 0;
  if (backingOff > 0) return { health: 'degraded', headline: 'A server asked to slow down' };
  if (counts.stale > 0) return { health: 'degraded', headline: `${plural(counts.stale, 'room')} not confirmed recently` };
  if (counts.rooms === 0) return { health: 'ok', headline: 'No rooms yet' };
  return { health: 'ok', headline: counts.rooms === 1 ? 'The room is fine' : `All ${counts.rooms} rooms fine` };
}

/** Busiest first: pinned rooms in a call, then rooms in a call, then pinned rooms that are not (most recent activity first). */
export function compareForTray(a: RoomView, b: RoomView): number {
  const group = (r: RoomView): number => (isActive(r) ? (r.pinned ? 0 : 1) : 2);
  const callRank = (r: RoomView): number => (r.call === 'in-call' ? 0 : r.call === 'dialing' ? 1 : 2);
  return (
    group(a) - group(b) ||
    callRank(a) - callRank(b) ||
    (b.since ?? 0) - (a.since ?? 0) ||
    a.name.localeCompare(b.name) ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

function roomStateText(room: RoomView): string {
  switch (room.pending) {
    case 'mute':
      return 'muting…';
    case 'unmute':
      return 'unmuting…';
    case 'hangup':
      return 'hanging up…';
    case 'join':
      return 'joining…';
    default:
      break;
  }
  if (room.reachability === 'offline') return 'offline';
  if (room.reachability === 'error') return 'unreachable';
  const base =
    room.call === 'in-call' ? (room.muted === true ? 'in a call, muted' : 'in a call') : room.call === 'dialing' ? 'dialing…' : room.call === 'idle' ? 'idle' : 'status unknown';
  return room.stale ? `${base} (not confirmed)` : base;
}

function roomItem(room: RoomView): TrayMenuItem {
  const free = room.allowed.control && room.pending === null && isOnline(room);
  const muted = room.muted === true;
  const items: TrayMenuItem[] = [
    {
      type: 'item',
      label: muted ? 'Unmute' : 'Mute',
      enabled: free && room.call === 'in-call',
      action: { kind: muted ? 'unmute' : 'mute', key: room.key },
    },
    { type: 'item', label: 'Hang up…', enabled: free && isActive(room), action: { kind: 'hangup', key: room.key } },
  ];
  if (!room.allowed.control && room.allowed.reason) items.push({ type: 'item', label: clip(room.allowed.reason, 60), enabled: false, action: null });
  items.push({ type: 'separator' }, { type: 'item', label: 'Open in dashboard', enabled: true, action: { kind: 'open-room', key: room.key } });
  return {
    type: 'submenu',
    label: `${room.pinned ? '★ ' : ''}${clip(room.name, maxNameLength)} — ${roomStateText(room)}`,
    enabled: true,
    items,
  };
}

function countsLine(counts: FleetCounts): string {
  if (counts.rooms === 0) return 'No rooms';
  const parts = [plural(counts.rooms, 'room')];
  if (counts.inCall > 0) parts.push(`${counts.inCall} in a call`);
  if (counts.dialing > 0) parts.push(`${counts.dialing} dialing`);
  if (counts.offline > 0) parts.push(`${counts.offline} offline`);
  if (counts.unreachable > 0) parts.push(`${counts.unreachable} unreachable`);
  return parts.join(' · ');
}

function tooltipText(appName: string, verdict: HealthVerdict, counts: FleetCounts): string {
  const lines = [appName, clip(verdict.headline, 60)];
  const countText = countsLine(counts);
  if (countText !== verdict.headline) lines.push(countText);
  return clip(lines.join('\n'), maxTooltipLength);
}

export function buildTrayModel(input: TrayInput, options: TrayOptions = defaultTrayOptions): TrayModel {
  const rooms = [...input.rooms];
  const counts = countFleet(rooms, input.connections);
  const verdict = fleetHealth(input, rooms, counts);
  const listed = rooms.filter((r) => isActive(r) || r.pinned).sort(compareForTray);
  const shown = listed.slice(0, Math.max(0, options.maxRooms));
  const hidden = listed.length - shown.length;

  const items: TrayMenuItem[] = [
    { type: 'item', label: clip(verdict.headline, 60), enabled: false, action: null },
    { type: 'item', label: countsLine(counts), enabled: false, action: null },
  ];
  for (const name of counts.reconnect.slice(0, 3)) {
    items.push({ type: 'item', label: `Reconnect ${clip(name, maxNameLength)}…`, enabled: true, action: { kind: 'open-connections' } });
  }
  items.push({ type: 'separator' });
  if (shown.length === 0) items.push({ type: 'item', label: 'No room is in a call', enabled: false, action: null });
  for (const room of shown) items.push(roomItem(room));
  if (hidden > 0) items.push({ type: 'item', label: `${hidden} more… open dashboard`, enabled: true, action: { kind: 'open-dashboard' } });
  items.push(
    { type: 'separator' },
    { type: 'item', label: 'Open dashboard', enabled: true, action: { kind: 'open-dashboard' } },
    { type: 'checkbox', label: 'Pause polling', checked: input.poller?.paused ?? false, enabled: input.poller !== null, action: { kind: 'toggle-pause' } },
    { type: 'separator' },
    { type: 'item', label: `Quit ${options.appName}`, enabled: true, action: { kind: 'quit' } },
  );

  return { health: verdict.health, headline: verdict.headline, tooltip: tooltipText(options.appName, verdict, counts), counts, items };
}

/** Structural equality: the tray is redrawn only when this is false. */
export function sameTrayModel(a: TrayModel | null, b: TrayModel | null): boolean {
  return isDeepStrictEqual(a, b);
}

/** Every action in a menu, depth first (tests and the test hook use it to find an item). */
export function menuActions(items: readonly TrayMenuItem[]): { label: string; action: TrayAction; enabled: boolean }[] {
  const out: { label: string; action: TrayAction; enabled: boolean }[] = [];
  for (const item of items) {
    if (item.type === 'submenu') out.push(...menuActions(item.items));
    else if (item.type !== 'separator' && item.action) out.push({ label: item.label, action: item.action, enabled: item.enabled });
  }
  return out;
}
