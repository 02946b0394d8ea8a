// The renderer's only way out: `window.relay`, put there by the Electron preload or the preview bridge.
import type { RelayApi, Result } from '../../contract/index.ts';

declare global {
  interface Window {
    relay?: RelayApi;
  }
}

/** What a page says when it was opened without Relay Console behind it (e.g. the built files on their own). */
export const notConnectedMessage = 'This page is not connected to Relay Console: open the address Relay Console printed, or the desktop app.';

/** The bridge, or null when the page was opened without one (e.g. a plain `vite preview`). */
export function relay(): RelayApi | null {
  return window.relay ?? null;
}

/** Turns a failed result into a sentence for the screen. */
export function describeFailure<T>(result: Result<T>): string | null {
  return result.ok ? null : result.error.message;
}
