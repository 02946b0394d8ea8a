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
