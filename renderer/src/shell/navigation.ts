// Navigation requests from main (event 'app.navigate'): a tray item or a desktop notification asked for a
// screen, and maybe a room. The screen is switched here; the room is handed to the dashboard through a
// one-slot mailbox, because the dashboard may mount only after the switch (it reads the slot on mount and
// listens for the DOM event while mounted).
import { useEffect } from 'react';
import type { RouteId } from './routes.ts';
import { relay } from '../relay.ts';

export const openRoomEvent = 'relay:open-room';
let pendingRoom: string | null = null;

/** For the dashboard: the room main asked to open and that nobody has taken yet (taking clears it). */
export function takeRequestedRoom(): string | null {
  const key = pendingRoom;
  pendingRoom = null;
  return key;
}

/** Subscribes the app shell to main's navigation requests. */
export function useNavigationRequests(go: (route: RouteId) => void): void {
  useEffect(() => {
    const api = relay();
    if (!api) return;
    return api.on('app.navigate', (request) => {
      go(request.route);
      if (request.roomKey !== null) {
        pendingRoom = request.roomKey;
        window.dispatchEvent(new CustomEvent(openRoomEvent, { detail: { key: request.roomKey } }));
      }
    });
  }, [go]);
}
