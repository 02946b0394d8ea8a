// The ports: every effect main needs from its host, as small interfaces. main/app/ implements them with
// Electron; the preview host and the tests implement them with plain Node.
import type { HostKind } from '../contract/index.ts';

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): { cancel(): void };
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
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

/** electron-store in the app, its engine `conf` under plain Node. */
export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

export interface OpenBrowser {
  open(url: string): Promise<void>;
}

export interface Notifier {
  notify(n: { title: string; body: string; roomId?: string }): void;
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
