// Actions on rooms (join, mute, unmute, hang up) from the click to the confirmed new state.
// An action is sent once (never retried); main then polls the room at once. The action is shown as
// confirmed only when a poll newer than the click shows the expected state; an error is shown in words.
import type { RoomAction, RoomView, Result } from '../../../contract/index.ts';
import { actionLabel, micLabel, roomState, stateLabel } from './model.ts';
import { formatClock } from './format.ts';
import type { RoomStore } from './store.ts';

export type ActionPhase = 'sending' | 'confirming' | 'confirmed' | 'failed' | 'unconfirmed';

export interface ActionRecord {
  id: number;
  key: string;
  action: RoomAction;
  phase: ActionPhase;
  /** What to show, in words. */
  message: string;
  startedAt: number;
  /** The room as it was when the action was sent: a later poll changes these. */
  baseline: { confirmedAt: number | null; detailAt: number | null; error: string | null };
}

/** Whether the room now shows what the action asked for. */
export function reached(action: RoomAction, room: RoomView): boolean {
  switch (action) {
    case 'mute':
      return room.call === 'in-call' && room.muted === true;
    case 'unmute':
      return room.call === 'in-call' && room.muted === false;
    case 'hangup':
      return room.call !== 'in-call' && room.call !== 'dialing';
    case 'join':
      return room.call === 'in-call' || room.call === 'dialing';
  }
}

function polledSince(action: RoomAction, room: RoomView, baseline: ActionRecord['baseline']): boolean {
  // Mute lives in the per-room detail; the call state in the bulk status.
  if (action === 'mute' || action === 'unmute') return room.detailAt !== baseline.detailAt;
  return room.confirmedAt !== baseline.confirmedAt || room.detailAt !== baseline.detailAt;
}

function describe(room: RoomView): string {
  const mic = micLabel(room);
  const state = stateLabel[roomState(room)];
  return mic ? `${state}, microphone ${mic}` : state;
}

/** The next state of an action after the room changed (or the same record when nothing follows). */
export function judge(record: ActionRecord, room: RoomView | undefined, now: number, timeoutMs = 30_000): ActionRecord {
  if (record.phase !== 'confirming' && record.phase !== 'unconfirmed') return record;
  const label = actionLabel[record.action];
  if (!room) return { ...record, phase: 'failed', message: 'The room is no longer listed.' };
  if (room.pending === null && polledSince(record.action, room, record.baseline)) {
    const at = room.detailAt !== record.baseline.detailAt && room.detailAt !== null ? room.detailAt : room.confirmedAt;
    if (reached(record.action, room)) {
      return { ...record, phase: 'confirmed', message: `${label.done}: confirmed by the room${at === null ? '' : ` at ${formatClock(at)}`}.` };
    }
    if (room.error && room.error.message !== record.baseline.error) return { ...record, phase: 'failed', message: room.error.message };
    const message = `${label.verb} was sent, but the room still reports ${describe(room)}.`;
    return record.phase === 'unconfirmed' && record.message === message ? record : { ...record, phase: 'unconfirmed', message };
  }
  if (record.phase === 'confirming' && now - record.startedAt > timeoutMs) {
    return { ...record, phase: 'unconfirmed', message: `${label.verb} was sent, but no poll has confirmed it yet.` };
  }
  return record;
}

export interface ActionTracker {
  /** The latest action on each room. */
  get(): ReadonlyMap<string, ActionRecord>;
  subscribe(listener: () => void): () => void;
  run(key: string, action: RoomAction, send: () => Promise<Result<null>>): Promise<ActionRecord>;
  /** Forget a finished action (the panel's "dismiss"). */
  clear(key: string): void;
  dispose(): void;
}

export function createActionTracker(store: RoomStore, now: () => number = Date.now): ActionTracker {
  let records: ReadonlyMap<string, ActionRecord> = new Map();
  const listeners = new Set<() => void>();
  let nextId = 1;
  let timer: ReturnType<typeof setInterval> | null = null;

  const watch = (): void => {
    const active = [...records.values()].some((r) => r.phase === 'confirming');
    if (active && timer === null) timer = setInterval(recheck, 1000);
    if (!active && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };

  const set = (record: ActionRecord): void => {
    const current = records.get(record.key);
    if (current && current.id > record.id) return; // a newer action on the room replaced it
    if (current === record) return;
    const next = new Map(records);
    next.set(record.key, record);
    records = next;
    for (const l of [...listeners]) l();
    watch();
  };

  const recheck = (): void => {
    const rooms = store.getState().rooms;
    for (const record of records.values()) set(judge(record, rooms.get(record.key), now()));
  };

  const watching = (): boolean => [...records.values()].some((r) => r.phase === 'confirming' || r.phase === 'unconfirmed');

  // While an action waits for its confirmation: re-judge on every store change and every second (timeout).
  const unsubscribe = store.subscribe(() => {
    if (watching()) recheck();
  });
  return {
    get: () => records,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async run(key, action, send) {
      const room = store.getState().rooms.get(key);
      const label = actionLabel[action];
      const start: ActionRecord = {
        id: nextId++,
        key,
        action,
        phase: 'sending',
        message: `${label.doing}…`,
        startedAt: now(),
        baseline: { confirmedAt: room?.confirmedAt ?? null, detailAt: room?.detailAt ?? null, error: room?.error?.message ?? null },
      };
      set(start);
      let result: Result<null>;
      try {
        result = await send();
      } catch {
        result = { ok: false, error: { code: 'internal', message: `${label.verb} could not be sent.` } };
      }
      const sent: ActionRecord = result.ok
        ? { ...start, phase: 'confirming', message: `${label.doing}… sent, waiting for the room to confirm.` }
        : { ...start, phase: 'failed', message: result.error.message };
      const judged = judge(sent, store.getState().rooms.get(key), now());
      set(judged);
      return records.get(key)?.id === judged.id ? records.get(key)! : judged;
    },
    clear(key) {
      if (!records.has(key)) return;
      const next = new Map(records);
      next.delete(key);
      records = next;
      for (const l of [...listeners]) l();
      watch();
    },
    dispose() {
      unsubscribe();
      if (timer !== null) clearInterval(timer);
      listeners.clear();
    },
  };
}
