// The app's one room store, fed from window.relay for the whole session (the board opens instantly when
// one comes back to it), with the action tracker beside it.
import { useSyncExternalStore } from 'react';
import { notConnectedMessage, relay } from '../relay.ts';
import { createActionTracker, type ActionRecord, type ActionTracker } from './actions.ts';
import { connectRoomStore, createRoomStore, type RoomFeed, type RoomsState, type RoomStore } from './store.ts';

interface Live {
  store: RoomStore;
  feed: RoomFeed | null;
  actions: ActionTracker;
}

let live: Live | null = null;

export function liveRooms(): Live {
  if (!live) {
    const store = createRoomStore();
    const api = relay();
    let feed: RoomFeed | null = null;
    if (api) feed = connectRoomStore(api, store);
    else store.fail(notConnectedMessage);
    live = { store, feed, actions: createActionTracker(store) };
  }
  return live;
}

export function useRoomsState(): RoomsState {
  const { store } = liveRooms();
  return useSyncExternalStore(store.subscribe, store.getState);
}

export function useActions(): ReadonlyMap<string, ActionRecord> {
  const { actions } = liveRooms();
  return useSyncExternalStore(actions.subscribe, actions.get);
}
