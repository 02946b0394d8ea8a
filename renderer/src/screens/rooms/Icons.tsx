// Small inline icons; every one sits beside a word (never colour or shape alone) and is hidden from
// screen readers.
import type { RoomState } from '../../rooms/model.ts';

const common = { width: 14, height: 14, viewBox: '0 0 16 16', 'aria-hidden': true, focusable: false } as const;

export function StateIcon({ state }: { state: RoomState }) {
  switch (state) {
    case 'in-call':
      return (
        <svg {...common} className="icon">
          <circle cx="8" cy="8" r="6" fill="currentColor" />
        </svg>
      );
    case 'dialing':
      return (
        <svg {...common} className="icon">
          <path d="M8 2a6 6 0 1 1-6 6" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
        </svg>
      );
    case 'idle':
      return (
        <svg {...common} className="icon">
          <circle cx="8" cy="8" r="5" fill="none" stroke="currentColor" strokeWidth="2" />
        </svg>
      );
    case 'offline':
      return (
        <svg {...common} className="icon">
          <path d="M3 3l10 10M13 3L3 13" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
        </svg>
      );
    case 'error':
      return (
        <svg {...common} className="icon">
          <path d="M8 1.5l7 13H1z" fill="currentColor" />
          <path d="M8 6v4M8 12v.5" stroke="var(--surface)" strokeWidth="1.8" strokeLinecap="round" />
        </svg>
      );
    case 'unknown':
      return (
        <svg {...common} className="icon">
          <path d="M5.5 6a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .8-1 1.5V10.5M8 13v.5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
      );
  }
}

export function MicIcon({ muted }: { muted: boolean }) {
  return (
    <svg {...common} className="icon">
      <rect x="5.5" y="1.5" width="5" height="8" rx="2.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M3.5 7.5a4.5 4.5 0 0 0 9 0M8 12v2.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
      {muted && <path d="M2 2l12 12" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />}
    </svg>
  );
}

export function ClockIcon() {
  return (
    <svg {...common} className="icon">
      <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}

export function PinIcon() {
  return (
    <svg {...common} className="icon">
      <path d="M6 1.5h4l-.5 4 2.5 2.5H4l2.5-2.5zM8 8v6.5" fill="currentColor" stroke="currentColor" strokeWidth="1.2" strokeLinejoin="round" />
    </svg>
  );
}
