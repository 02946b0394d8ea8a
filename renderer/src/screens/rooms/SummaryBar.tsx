// The counts at the top: how many rooms are in a call, muted, dialing, offline, stale… Each count is also
// a filter toggle (aria-pressed): pressing "Offline" shows only the offline rooms.
import type { RoomCounts, StatusToken } from '../../rooms/model.ts';
import { StateIcon, ClockIcon, MicIcon, PinIcon } from './Icons.tsx';

const items: { token: StatusToken; label: string }[] = [
  { token: 'in-call', label: 'In call' },
  { token: 'muted', label: 'Muted' },
  { token: 'dialing', label: 'Dialing' },
  { token: 'idle', label: 'Idle' },
  { token: 'offline', label: 'Offline' },
  { token: 'error', label: 'Error' },
  { token: 'unknown', label: 'Unknown' },
  { token: 'stale', label: 'Stale' },
  { token: 'pinned', label: 'Pinned' },
];

function Icon({ token }: { token: StatusToken }) {
  if (token === 'muted') return <MicIcon muted />;
  if (token === 'stale') return <ClockIcon />;
  if (token === 'pinned') return <PinIcon />;
  return <StateIcon state={token} />;
}

interface Props {
  counts: RoomCounts;
  shown: number;
  active: readonly StatusToken[];
  onToggle(token: StatusToken): void;
}

export function SummaryBar({ counts, shown, active, onToggle }: Props) {
  return (
    <div className="summary" role="group" aria-label="Room counts; each one filters the board">
      <span className="summary-total" data-testid="rooms-total">
        <strong>{counts.total.toLocaleString()}</strong> {counts.total === 1 ? 'room' : 'rooms'}
        {shown !== counts.total && <span className="muted"> · {shown.toLocaleString()} shown</span>}
      </span>
      {items
        // "Unknown" (not polled yet) only while some room is, or while it filters.
        .filter(({ token }) => token !== 'unknown' || counts.unknown > 0 || active.includes('unknown'))
        .map(({ token, label }) => (
        <button
          key={token}
          type="button"
          className={`count count-${token}`}
          aria-pressed={active.includes(token)}
          onClick={() => onToggle(token)}
          data-testid={`count-${token}`}
        >
          <Icon token={token} />
          <span className="count-label">{label}</span>
          <span className="count-value">{counts[token].toLocaleString()}</span>
        </button>
      ))}
    </div>
  );
}
