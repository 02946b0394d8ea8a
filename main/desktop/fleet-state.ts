// main's own copy of what the dashboard shows, fed by the same events the renderer gets (rooms.diff,
// connections.changed, poller.status) after one snapshot. The tray and the notifications read it; nothing
// here polls or keeps a timer.
import type { ConnectionView, PollerStatus, RoomsDiff, RoomsSnapshot, RoomView } from '../../contract/index.ts';

export interface RoomChange {
  prev: RoomView | undefined;
  next: RoomView;
}

export class FleetState {
  readonly rooms = new Map<string, RoomView>();
  connections: readonly ConnectionView[] = [];
  poller: PollerStatus | null = null;
  /** The last diff applied; diffs with a seq at or below it are already included. -1: no snapshot yet. */
  #seq = -1;
  #snapshotLoaded = false;
  /** Diffs that arrived before the snapshot answered. */
  #early: RoomsDiff[] = [];

  get snapshotLoaded(): boolean {
    return this.#snapshotLoaded;
  }

  /** The rooms.list answer. Rooms in it are "first seen": they never notify. Returns the early diffs' changes. */
  applySnapshot(snapshot: RoomsSnapshot): RoomChange[] {
    this.rooms.clear();
    for (const room of snapshot.rooms) this.rooms.set(room.key, room);
    this.#seq = snapshot.seq;
    this.#snapshotLoaded = true;
    const early = this.#early;
    this.#early = [];
    return early.flatMap((d) => this.applyDiff(d).changes);
  }

  /** No snapshot can be had (no rooms service yet): take diffs as they come. */
  giveUpSnapshot(): RoomChange[] {
    this.#snapshotLoaded = true;
    const early = this.#early;
    this.#early = [];
    return early.flatMap((d) => this.applyDiff(d).changes);
  }

  applyDiff(diff: RoomsDiff): { changes: RoomChange[]; removed: string[] } {
    if (!this.#snapshotLoaded) {
      this.#early.push(diff);
      return { changes: [], removed: [] };
    }
    if (this.#seq >= 0 && diff.seq <= this.#seq) return { changes: [], removed: [] };
    this.#seq = diff.seq;
    const changes: RoomChange[] = [];
    for (const next of diff.upserted) {
      changes.push({ prev: this.rooms.get(next.key), next });
      this.rooms.set(next.key, next);
    }
    const removed = diff.removed.filter((key) => this.rooms.delete(key));
    return { changes, removed };
  }
}
