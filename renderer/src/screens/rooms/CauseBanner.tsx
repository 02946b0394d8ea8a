// One line per outage above the board: rooms offline for one reason (their Listener Service) are said once,
// "12 rooms offline at Austin: Listener Service AUS-LS1 is offline", not once per room.
import { useMemo } from 'react';
import type { RoomView } from '../../../../contract/index.ts';

/** One line per outage (main words it: RoomCause.line), largest first. */
export function causeLinesOf(rooms: Iterable<RoomView>): { key: string; line: string }[] {
  const groups = new Map<string, { line: string; rooms: number }>();
  for (const room of rooms) {
    if (!room.cause) continue;
    const g = groups.get(room.cause.key) ?? { line: room.cause.line, rooms: 0 };
    g.rooms++;
    groups.set(room.cause.key, g);
  }
  return [...groups.entries()].sort((a, b) => b[1].rooms - a[1].rooms).map(([key, g]) => ({ key, line: g.line }));
}

export function CauseBanner({ rooms, version }: { rooms: ReadonlyMap<string, RoomView>; version: number }) {
  const lines = useMemo(() => (void version, causeLinesOf(rooms.values())), [rooms, version]);
  if (lines.length === 0) return null;
  return (
    <ul className="cause-banner" role="status" aria-label="Outages" data-testid="root-causes">
      {lines.map((l) => (
        <li key={l.key}>{l.line}</li>
      ))}
    </ul>
  );
}
