// RoomViews for the renderer's unit tests.
import type { RoomView } from '../../../contract/index.ts';

export function room(id: string, patch: Partial<RoomView> = {}): RoomView {
  return {
    key: `c1/${id}`,
    connectionId: 'c1',
    connectionName: 'Acme',
    endpointId: id,
    name: `Room ${id}`,
    site: 'Berlin',
    floor: '2',
    system: 'Cisco TelePresence',
    call: 'idle',
    reachability: 'online',
    muted: null,
    meeting: null,
    since: 1_000,
    confirmedAt: 2_000,
    detailAt: 2_000,
    intervalMs: 20_000,
    stale: false,
    error: null,
    pinned: false,
    pending: null,
    allowed: { control: true, reason: null },
    ...patch,
  };
}
