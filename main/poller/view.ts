// What the renderer sees of a room: its RoomView, with what the connection's role and state allow.
import type { ConnectionView, RoomView } from '../../contract/index.ts';
import type { RoomEntry } from './room-state.ts';

export function toView(room: RoomEntry, conn: { view: ConnectionView; active: boolean }): RoomView {
  const v = conn.view;
  let allowed: RoomView['allowed'];
  if (!v.capabilities.canControl) {
    allowed = { control: false, reason: `The role of "${v.name}" lets it watch rooms but not control them.` };
  } else if (!conn.active) {
    allowed = { control: false, reason: v.reason ?? `"${v.name}" is not connected.` };
  } else allowed = { control: true, reason: null };
  return {
    key: room.key,
    connectionId: room.connectionId,
    connectionName: v.name,
    endpointId: room.endpointId,
    name: room.info.name,
    site: room.info.site,
    floor: room.info.floor,
    system: room.info.system,
    call: room.call,
    reachability: room.reachability,
    muted: room.muted,
    meeting: room.meeting,
    since: room.since,
    confirmedAt: room.confirmedAt,
    detailAt: room.detailAt,
    intervalMs: room.intervalMs,
    stale: room.stale,
    error: room.error,
    pinned: room.pinned,
    pending: room.pending,
    allowed,
  };
}
