import { z } from 'zod';

export const hostKinds = ['electron', 'preview'] as const;
export type HostKind = (typeof hostKinds)[number];

export interface AppInfo {
  name: string;
  version: string;
  /** process.platform of the machine running main: 'win32' | 'darwin' | 'linux' | … */
  platform: string;
  host: HostKind;
  /** Versions that help a bug report; never anything secret. */
  runtime: { node: string; electron: string | null };
}

export const pingInput = z.object({ nonce: z.string().min(1).max(64) }).strict();
export type PingInput = z.input<typeof pingInput>;

export interface PingResult {
  nonce: string;
  /** main's clock, ms since the epoch */
  at: number;
}

/**
 * Event 'app.link': the page's link to Relay Console. Sent by the preview host's bridge script itself
 * (the page notices a lost host by the heartbeat, contract/bridge.ts), never by main: the desktop
 * window's link cannot break. 'refused': the host no longer knows this page's key — it was restarted
 * with a new one, or the page was opened without one. `message` says it in an admin's words.
 */
export type AppLink =
  | { state: 'live' }
  | { state: 'lost'; message: string }
  | { state: 'refused'; why: 'restarted' | 'no-key'; message: string };
