// A change that holds for this session but did not reach the disk. The settings store throws it; a caller
// that answers the user (desktop.settings.set) lets it reach the IPC edge as the 'not_saved' error value,
// others (the vault, pins, the window position) rely on the store's notice and carry on.
import { AppError } from '../ipc/app-error.ts';

export class NotSavedError extends AppError {
  constructor(why: string, options?: { cause?: unknown }) {
    super('not_saved', `This change holds for this session only: it could not be saved (${why}).`, options);
    this.name = 'NotSavedError';
  }
}
