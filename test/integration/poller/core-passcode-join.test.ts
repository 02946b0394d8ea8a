// A join through a Meeting passcode connection: the room's join uses the passcode that connection was
// added with (held in memory by the connection manager), so the admin need not type it again.
import { describe, expect, it } from 'vitest';
import type { ConnectionView, RoomView, RoomsSnapshot } from '../../../contract/index.ts';
import { createCore } from '../../../main/core.ts';
import { startSim, type RunningSim } from '../../../sim/index.ts';

const host = { kind: 'preview' as const, version: '0', platform: 'linux', electronVersion: null };

describe('join through a Meeting passcode connection', () => {
  it('joins with the kept passcode, and refuses one made for another meeting', async () => {
    let sim: RunningSim | undefined;
    const core = createCore({
      host,
      startDemoSim: async () => {
        sim = await startSim({ rooms: 6, seed: 3, port: 0 });
        return { url: sim.url, relayAccount: sim.credentials.relayAccount, close: () => (sim as RunningSim).close() };
      },
    });
    try {
      const demo = await core.dispatch('demo.start', undefined);
      expect(demo.ok).toBe(true);
      const bases = (demo as { value: ConnectionView }).value.bases;
      const added = await core.dispatch('connections.add', { kind: 'meeting', meetingId: '4085551212', passcode: '1357', bases });
      expect(added).toMatchObject({ ok: true, value: { kind: 'meeting', state: 'connected' } });
      const meetingConn = (added as { value: ConnectionView }).value;

      const list = async (): Promise<RoomView[]> => {
        const r = await core.dispatch('rooms.list', undefined);
        return r.ok ? (r.value as RoomsSnapshot).rooms : [];
      };
      await expect.poll(async () => (await list()).filter((v) => v.call === 'idle' && v.reachability === 'online').length, { timeout: 15_000 }).toBeGreaterThan(0);
      const idle = (await list()).find((v) => v.call === 'idle' && v.reachability === 'online') as RoomView;

      // Without a passcode the pre-join check asks for one: the join is refused in words.
      const bare = await core.dispatch('rooms.join', { key: idle.key, meetingId: '4085551212' });
      expect(bare).toMatchObject({ ok: false, error: { code: 'rejected' } });
      // A passcode connection for another meeting is refused before anything is sent.
      const other = await core.dispatch('rooms.join', { key: idle.key, meetingId: '494435558', passcodeConnectionId: meetingConn.id });
      expect(other).toMatchObject({ ok: false, error: { message: expect.stringContaining('4085551212') } });

      const joined = await core.dispatch('rooms.join', { key: idle.key, meetingId: '4085551212', passcodeConnectionId: meetingConn.id });
      expect(joined).toEqual({ ok: true, value: null });
      // The pre-join check went out with the passcode (masked in the sim's log), then the join itself.
      const sent = (sim as RunningSim).control.log().filter((e) => e.path.includes('4085551212/joinflow') || e.path.endsWith('/join'));
      expect(sent.at(-2)?.query).toHaveProperty('passcode');
      expect(sent.at(-1)).toMatchObject({ method: 'POST', status: 204 });
      await expect.poll(async () => (await list()).find((v) => v.key === idle.key)?.call, { timeout: 15_000 }).not.toBe('idle');

      // Removed: its passcode is gone with it.
      await core.dispatch('connections.remove', { id: meetingConn.id });
      const gone = await core.dispatch('rooms.join', { key: idle.key, meetingId: '4085551212', passcodeConnectionId: meetingConn.id });
      expect(gone).toMatchObject({ ok: false });
    } finally {
      await core.dispose();
    }
  });
});
