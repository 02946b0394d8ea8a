// The pieces a room row, a tile and the detail panel share: the state badge (word + icon + colour,
// with "stale" laid over it), the microphone, and the ticking times.
import type { RoomView } from '../../../../contract/index.ts';
import { floorWords, micLabel, roomState, stateLabel } from '../../rooms/model.ts';
import { formatAge, formatClock, formatDuration, formatSince } from '../../rooms/format.ts';
import { ClockIcon, MicIcon, StateIcon } from './Icons.tsx';

export function StateBadge({ room }: { room: RoomView }) {
  const state = roomState(room);
  return (
    <span className="state-badge" data-state={state} data-stale={room.stale || undefined}>
      <span className={`rstate rstate-${state}${room.stale ? ' is-stale' : ''}`}>
        <StateIcon state={state} />
        <span className="rstate-word">{stateLabel[state]}</span>
      </span>
      {room.stale && (
        <span className="stale-tag" title="No fresh status: the last confirmation is older than two polling intervals.">
          <ClockIcon />
          stale
        </span>
      )}
      {room.pending && <span className="pending-tag">{pendingWord[room.pending]}</span>}
    </span>
  );
}

const pendingWord = { join: 'joining…', mute: 'muting…', unmute: 'unmuting…', hangup: 'hanging up…' } as const;

export function Mic({ room }: { room: RoomView }) {
  const mic = micLabel(room);
  if (mic === null) return <span className="mic mic-none">—</span>;
  // The icon says "microphone" (as for muted and live), so the word fits the board's narrowest column.
  if (mic === 'unknown') {
    return (
      <span className="mic mic-unknown" data-mic="unknown" title="Microphone not known yet: the room's own status has not been read.">
        <MicIcon muted={false} />
        unknown
      </span>
    );
  }
  // The microphone comes from the room's own status call, which may be older than the call state (the
  // bulk call): say when it was read.
  return (
    <span className={`mic mic-${mic}`} data-mic={mic} title={room.detailAt === null ? undefined : `Microphone as of ${formatClock(room.detailAt)}`}>
      <MicIcon muted={mic === 'muted'} />
      {mic}
    </span>
  );
}

export function meetingText(room: RoomView): string {
  if (!room.meeting) return '—';
  return room.meeting.title ? `${room.meeting.title} (${room.meeting.id})` : `Meeting ${room.meeting.id}`;
}

export function TimeInState({ room, now }: { room: RoomView; now: number }) {
  return <span className="time">{formatSince(room.since, now)}</span>;
}

/** How fresh the status is: "3 s ago", in the warning colour once it is stale. */
export function Updated({ room, now }: { room: RoomView; now: number }) {
  return (
    <span className={room.stale ? 'time time-stale' : 'time'} title={`Polled every ${formatDuration(room.intervalMs)}`}>
      {formatAge(room.confirmedAt, now)}
    </span>
  );
}

/** One sentence for screen readers: the whole room at once. */
export function roomSummary(room: RoomView, now: number): string {
  const parts = [room.name, room.site ?? null, room.floor ? floorWords(room.floor) : null, stateLabel[roomState(room)]];
  if (room.stale) parts.push('stale');
  const mic = micLabel(room);
  if (mic) parts.push(`microphone ${mic}`);
  if (room.meeting) parts.push(meetingText(room));
  if (room.since !== null) parts.push(`for ${formatDuration(now - room.since)}`);
  parts.push(`updated ${formatAge(room.confirmedAt, now)}`);
  if (room.pinned) parts.push('pinned');
  if (room.error) parts.push(room.error.message);
  return parts.filter(Boolean).join(', ');
}
