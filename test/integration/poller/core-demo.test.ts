// The whole path through the core's dispatcher: "Explore with demo rooms" starts the built-in simulator,
// the poller follows the new connection and the rooms appear as diffs; an action goes out and is
// confirmed; the event log exports as CSV; removing the connection stops its rooms at once.
import { describe, expect, it } from 'vitest';
import type { ConnectionView, EventName, RoomView, RoomsDiff, RoomsSnapshot } from '../../../contract/index.ts';
import { createCore } from '../../../main/core.ts';

const host = { kind: 'preview' as const, version: '0', platform: 'linux', electronVersion: null };

describe('rooms through the core', () => {
  it('polls the demo connection’s rooms, acts on one, exports the log, and drops them when the connection goes', async () => {
    const core = createCore({ host });
    const events: { event: EventName; payload: unknown }[] = [];
    core.subscribe((event, payload) => events.push({ event, payload }));
    try {
      const started = await core.dispatch('demo.start', undefined);
      expect(started.ok).toBe(true);
      const connection = (started as { value: ConnectionView }).value;

      const list = async (): Promise<RoomView[]> => {
        const r = await core.dispatch('rooms.list', undefined);
        return r.ok ? (r.value as RoomsSnapshot).rooms : [];
      };
      // The room list, then the bulk call: every room's call state is known.
      await expect.poll(async () => (await list()).filter((v) => v.call !== 'unknown' || v.reachability === 'offline').length, { timeout: 15_000 }).toBe(24);
      const rooms = await list();
      expect(new Set(rooms.map((v) => v.connectionId))).toEqual(new Set([connection.id]));
      expect(rooms.every((v) => v.allowed.control && v.connectionName === connection.name)).toBe(true);
      expect(events.some((e) => e.event === 'rooms.diff' && (e.payload as RoomsDiff).upserted.length > 0)).toBe(true);

      const status = await core.dispatch('poller.status', undefined);
      expect(status).toMatchObject({ ok: true, value: { paused: false, hosts: [{ origin: connection.bases.relay, budgetPerSec: 2 }] } });

      // Mute (or unmute) a room in a call: sent once, then confirmed by the next poll.
      // (The simulator's demo mix is exact: a third of its 24 rooms start in a call.)
      const inCall = rooms.find((v) => v.call === 'in-call');
      expect(inCall).toBeDefined();
      const key = (inCall as RoomView).key;
      const action = (inCall as RoomView).muted ? 'unmute' : 'mute';
      const acted = await core.dispatch('rooms.act', { key, action });
      expect(acted).toEqual({ ok: true, value: null });
      await expect
        .poll(async () => (await list()).find((v) => v.key === key), { timeout: 10_000 })
        .toMatchObject({ pending: null, muted: action === 'mute' });
      expect(await core.dispatch('rooms.act', { key: rooms[0]!.key, action: 'explode' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(await core.dispatch('rooms.act', { key: 'nope/none', action: 'mute' })).toMatchObject({ ok: false, error: { code: 'not_found' } });

      const csv = await core.dispatch('events.csv', {});
      expect(csv.ok).toBe(true);
      expect((csv as { value: string }).value.split('\r\n')[0]).toBe('Time,Kind,Cause,Room,Connection,Message');
      const log = await core.dispatch('events.list', { kinds: ['connection'] });
      expect((log as { value: { message: string }[] }).value.some((e) => e.message === 'Polling started.')).toBe(true);

      // Removed: every room leaves in a diff, and the board is empty.
      const removed = await core.dispatch('connections.remove', { id: connection.id });
      expect(removed.ok).toBe(true);
      await expect.poll(async () => (await list()).length, { timeout: 5_000 }).toBe(0);
      await expect
        .poll(() => new Set(events.filter((e) => e.event === 'rooms.diff').flatMap((e) => (e.payload as RoomsDiff).removed)).size, { timeout: 5_000 })
        .toBe(24);
    } finally {
      await core.dispose();
    }
  });
});
