// The ports: every effect main needs from its host, as small interfaces. main/app/ implements them with
// Electron; the preview host and the tests implement them with plain Node.
import type { HostKind, NavigateRequest } from '../contract/index.ts';

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): { cancel(): void };
}

/** The longest delay a Node timer takes (2^31 − 1 ms, ~24.8 days): above it Node fires after 1 ms and warns. */
export const MAX_TIMER_DELAY_MS = 2_147_483_647;

/** Every timer delay of main, made safe: 0 … MAX_TIMER_DELAY_MS (a far deadline re-arms, see auth/timers.ts). */
export function clampDelay(ms: number): number {
  if (Number.isNaN(ms) || ms <= 0) return 0;
  return Math.min(ms, MAX_TIMER_DELAY_MS);
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, clampDelay(ms));
    t.unref?.();
    return { cancel: () => clearTimeout(t) };
  },
};

/** safeStorage in the app. Async because that is the API Electron recommends now. */
export interface SecretCipher {
  /** 'ok', or why secrets cannot be encrypted at rest on this machine. */
  availability(): Promise<{ available: true; backend: string } | { available: false; reason: string }>;
  encrypt(plain: string): Promise<Uint8Array>;
  decrypt(cipher: Uint8Array): Promise<string>;
}

/**
 * electron-store in the app, its engine `conf` under plain Node (both through main/vault/guarded-store.ts).
 * `set` and `delete` throw NotSavedError (main/vault/not-saved.ts) when the change holds for this session
 * but did not reach the disk.
 */
export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  /** Optional: the notices since the last call (a damaged file moved aside, a save that failed). */
  notices?(): string[];
  /** Optional: be told when a notice arrives while running; returns the unsubscribe. */
  onNotice?(listener: () => void): () => void;
  /** Optional: copy the file as it is now beside it (before a bad part is dropped); returns where it went. */
  copyAside?(): string | null;
  /** Optional: where the key of "store anyway" secrets is kept, apart from the settings themselves. */
  keyFile?: KeyFile;
}

/** The key of "store anyway" secrets (base64), in a file of its own. */
export interface KeyFile {
  /** null when there is none (or it could not be read: the store has a notice then). */
  read(): string | null;
  /** Throws NotSavedError when it could not be written. */
  write(key: string): void;
  remove(): void;
}

export interface OpenBrowser {
  open(url: string): Promise<void>;
}

/** Desktop notifications (Electron's Notification in the app; main/desktop decides what to show). */
export interface Notifier {
  /** False where the OS has no notification service. */
  supported(): boolean;
  /** `target`: where a click leads (a room on the dashboard, the connections screen); null: the window. */
  notify(n: { title: string; body: string; target: NavigateRequest | null }): void;
}

export interface HostInfo {
  kind: HostKind;
  version: string;
  platform: string;
  electronVersion: string | null;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
