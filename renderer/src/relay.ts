// The renderer's only way out: `window.relay`, put there by the Electron preload or the preview bridge.
import type { RelayApi, Result } from '../../contract/index.ts';

declare global {
  interface Window {
    relay?: RelayApi;
  }
}

/** The bridge, or null when the page was opened without one (e.g. a plain `vite preview`). */
export function relay(): RelayApi | null {
  return window.relay ?? null;
}

/** Turns a failed result into a sentence for the screen. */
export function describeFailure<T>(result: Result<T>): string | null {
  return result.ok ? null : result.error.message;
}
