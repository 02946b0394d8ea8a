// "Remove this connection?" as a modal <dialog>: focus stays inside, Escape cancels, Cancel is focused.
import { useEffect, useId, useRef } from 'react';

interface Props {
  name: string;
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmRemove({ name, busy, onConfirm, onCancel }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal?.();
    return () => dialog?.close?.();
  }, []);
  return (
    <dialog
      ref={ref}
      className="conn-confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={`${id}-title`}>Remove “{name}”?</h2>
      <p id={`${id}-body`}>Relay Console signs out (deleting its tokens on the server where it can) and forgets the saved credentials. Its rooms leave the board.</p>
      <div className="conn-dialog-actions">
        <button type="button" autoFocus onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="conn-danger" onClick={onConfirm} disabled={busy}>
          {busy ? 'Removing…' : 'Remove'}
        </button>
      </div>
    </dialog>
  );
}
