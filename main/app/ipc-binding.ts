// Binds every contract channel to ipcMain. Each call is checked twice before core sees it: the sender
// frame must be the app's own top-level page (checklist item 17), and the dispatcher validates the
// payload with the channel's schema. Both failures answer with a typed error; nothing throws to the page.
import type { WebContents, WebFrameMain } from 'electron';
import { channels, fail, type Result } from '../../contract/index.ts';
import type { Core } from '../core.ts';
import type { Logger } from '../ports.ts';
import { isTrustedPageUrl } from './app-origin.ts';

export type SenderFrame = Pick<WebFrameMain, 'url' | 'parent'>;

/** What a handler reads from the call: only the sender frame and the one payload argument. */
export type InvokeListener = (event: { readonly senderFrame: SenderFrame | null }, payload: unknown) => Promise<Result<unknown>>;

/** The slice of ipcMain the binding uses (Electron's ipcMain satisfies it). */
export interface InvokeRegistry {
  handle(channel: string, listener: InvokeListener): void;
  removeHandler(channel: string): void;
}

/** A window events are pushed to (a BrowserWindow in the app). */
export interface EventTarget {
  isDestroyed(): boolean;
  webContents: Pick<WebContents, 'send' | 'getURL'>;
}

export interface BindIpcOptions {
  ipcMain: InvokeRegistry;
  core: Pick<Core, 'dispatch' | 'subscribe'>;
  /** The electron-vite dev server's URL in development; null in a packaged app. */
  devServerUrl: string | null;
  windows(): readonly EventTarget[];
  log: Logger;
}

export const forbiddenSenderMessage =
  "This request did not come from Relay Console's own window, so it was refused.";

export function isTrustedSender(frame: SenderFrame | null, devServerUrl: string | null): boolean {
  // null: the frame navigated away or was destroyed before the call arrived; nobody to trust.
  if (!frame) return false;
  try {
    // Only the top-level page talks to main; a sub-frame (none is allowed by the CSP) never does.
    return frame.parent === null && isTrustedPageUrl(frame.url, devServerUrl);
  } catch {
    return false; // a disposed frame throws on access
  }
}

/** Binds all channels and the event fan-out; returns a function that unbinds them. */
export function bindIpc(options: BindIpcOptions): () => void {
  const { ipcMain, core, devServerUrl, log } = options;
  const defs = Object.values(channels);

  for (const def of defs) {
    ipcMain.handle(def.channel, async (event, payload) => {
      if (!isTrustedSender(event.senderFrame, devServerUrl)) {
        log.warn('ipc call refused: foreign sender', { channel: def.channel });
        return fail('forbidden_sender', forbiddenSenderMessage);
      }
      return core.dispatch(def.channel, payload);
    });
  }

  const unsubscribe = core.subscribe((event, payload) => {
    for (const win of options.windows()) {
      if (win.isDestroyed() || !isTrustedPageUrl(win.webContents.getURL(), devServerUrl)) continue;
      win.webContents.send(event, payload);
    }
  });

  return () => {
    unsubscribe();
    for (const def of defs) ipcMain.removeHandler(def.channel);
  };
}
