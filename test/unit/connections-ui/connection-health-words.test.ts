// A connection's rooms and its last check, in words on its row: a connection whose room list cannot be
// read is never shown as "Connected".
import { describe, expect, it } from 'vitest';
import type { ConnectionView } from '../../../contract/index.ts';
import { connectionViewOf } from '../../helpers/connection-view.ts';
import { checkLabel, roomListLabel, roomListProblem, stateLabel } from '../../../renderer/src/screens/connections/format.ts';
import { formatShortTime } from '../../../renderer/src/rooms/format.ts';

const view = (over: Partial<ConnectionView>): ConnectionView => connectionViewOf(over);

describe('a connection whose rooms cannot be read is not "Connected"', () => {
  it('says so in the state and in words', () => {
    const failed = view({ roomList: { status: 'failed', message: 'relay.example.com had a problem (HTTP 500). Try again in a moment.' } });
    expect(stateLabel(failed)).toBe('Rooms not read');
    expect(roomListProblem(failed)).toBe('The rooms could not be read: relay.example.com had a problem (HTTP 500). Try again in a moment. Relay Console keeps trying.');
    expect(stateLabel(view({ roomList: { status: 'read', rooms: 6 } }))).toBe('Connected');
    expect(roomListProblem(view({ roomList: { status: 'read', rooms: 6 } }))).toBeNull();
    // Not connected: the connection's own state says what matters.
    expect(stateLabel({ ...failed, state: 'reconnect-needed' })).toBe('Reconnect needed');
    expect(roomListProblem({ ...failed, state: 'reconnect-needed' })).toBeNull();
  });

  it('counts the rooms read', () => {
    expect(roomListLabel(view({ roomList: { status: 'read', rooms: 1 } }))).toBe('1 room');
    expect(roomListLabel(view({ roomList: { status: 'read', rooms: 24 } }))).toBe('24 rooms');
    expect(roomListLabel(view({ roomList: null }))).toBe('Reading…');
    expect(roomListLabel(view({ roomList: { status: 'failed', message: 'x' } }))).toBe('Could not be read');
  });

  it('says how the last check went', () => {
    const at = new Date(2026, 0, 5, 14, 3).getTime();
    const time = formatShortTime(at);
    expect(checkLabel({ at, ok: true, message: 'Relay answered in 85 ms.' })).toBe(`Checked at ${time}: Relay answered in 85 ms.`);
    expect(checkLabel({ at, ok: false, message: 'The server did not answer.' })).toBe(`Check at ${time} failed: The server did not answer.`);
  });
});
