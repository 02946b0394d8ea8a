// Rooms and connections as the core's events carry them, with only what a test changes spelled out.
import { connectionViewOf } from '../../helpers/connection-view.ts';
import type { ConnectionView, RoomView } from '../../../contract/index.ts';
import { defaultBases } from '../../../contract/index.ts';

export function room(name: string, overrides: Partial<RoomView> = {}): RoomView {
  const endpointId = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return {
    key: `c1/${endpointId}`,
    connectionId: 'c1',
    connectionName: 'Acme HQ',
    endpointId,
    name,
    site: 'HQ',
    floor: null,
    system: 'Cisco TelePresence',
    call: 'idle',
    reachability: 'online',
    muted: null,
    meeting: null,
    since: 1_000,
    confirmedAt: 1_000,
    detailAt: null,
    intervalMs: 20_000,
    stale: false,
    error: null,
    pinned: false,
    pending: null,
    allowed: { control: true, reason: null },
    ...overrides,
  };
}

export const inCall = (name: string, overrides: Partial<RoomView> = {}): RoomView =>
  room(name, { call: 'in-call', muted: false, meeting: { id: '111222333', title: 'Weekly sync' }, intervalMs: 5_000, ...overrides });

export function connection(name: string, overrides: Partial<ConnectionView> = {}): ConnectionView {
  return connectionViewOf({ id: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'), name, kind: 'client', bases: defaultBases, persisted: true, ...overrides });
}
