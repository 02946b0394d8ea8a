// A control that says why it is not available: the reason sits under it in words (aria-disabled keeps it
// focusable, so a screen reader reaches the button and hears the reason too).
import { useId } from 'react';

interface Props {
  label: string;
  reason: string | null;
  onClick(): void;
  danger?: boolean;
  testId?: string;
  /** The reason is already shown elsewhere (one notice for all controls): point at it instead. */
  reasonId?: string;
}

export function ActionButton({ label, reason, onClick, danger, testId, reasonId }: Props) {
  const ownId = useId();
  const id = reasonId ?? ownId;
  return (
    <div className="action">
      <button
        type="button"
        className={danger ? 'btn-danger' : 'primary'}
        aria-disabled={reason !== null}
        aria-describedby={reason ? id : undefined}
        onClick={() => reason === null && onClick()}
        data-testid={testId}
      >
        {label}
      </button>
      {reason && !reasonId && (
        <span id={id} className="reason">
          {reason}
        </span>
      )}
    </div>
  );
}
