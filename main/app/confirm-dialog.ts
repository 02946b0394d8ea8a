// The Confirmer port over dialog.showMessageBox: a native "Hang up?" with Cancel as the default button, so
// Enter or Escape never hangs up by accident. No parent window: the window may be hidden in the tray.
import type { Dialog } from 'electron';
import type { Confirmer } from '../desktop/ports.ts';

export function createConfirmer(dialog: Pick<Dialog, 'showMessageBox'>): Confirmer {
  return {
    async confirm({ title, message, detail, confirmLabel }) {
      const { response } = await dialog.showMessageBox({
        type: 'warning',
        title,
        message,
        detail,
        buttons: [confirmLabel, 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        noLink: true,
      });
      return response === 0;
    },
  };
}
