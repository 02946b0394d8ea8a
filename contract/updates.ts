// Updates of the desktop app: where the feed comes from (the organisation's policy file or Settings), the
// state of a check or download in words, and what the admin may do next. main decides every state; the
// renderer only shows it and sends the admin's clicks.
import { z } from 'zod';
import { defineChannel, returns, type ChannelDef } from './define.ts';

export const updatePhases = ['off', 'idle', 'checking', 'up-to-date', 'available', 'downloading', 'downloaded', 'failed'] as const;
export type UpdatePhase = (typeof updatePhases)[number];

/** Where the feed in force comes from: the policy file an administrator deployed, Settings, or nowhere (off). */
export type UpdateFeedSource = 'policy' | 'settings' | 'none';

export interface UpdateStatus {
  phase: UpdatePhase;
  /** The state in an admin's words ("Checking for updates…", "Version 1.4.0 is available.", "The check failed: …"). */
  message: string;
  /** The version running now. */
  currentVersion: string;
  /** The newer version the feed offers, once a check found one; null otherwise. */
  availableVersion: string | null;
  /** 0–100 while downloading; null otherwise. */
  percent: number | null;
  /** When the last check ended (ms since the epoch); null before the first. */
  checkedAt: number | null;
  feed: { url: string | null; source: UpdateFeedSource };
  /** The organisation's policy decides (updates turned off, or the feed pinned): Settings cannot change it. */
  managed: boolean;
  /** One-off notices, e.g. a policy file that could not be read and is ignored. */
  notices: string[];
  /** What the buttons may do now. `install` restarts the app: only ever on the admin's click. */
  actions: { check: boolean; download: boolean; install: boolean; configure: boolean };
}

// ---- the feed address ----

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
// scheme, host, port, path: no user info, query or fragment (the generic feed is a folder of files). Parsed
// by hand: the contract sees neither DOM nor Node (no URL type).
const FEED = /^(https?):\/\/([a-z0-9.-]+|\[[0-9a-f:]+\])(?::(\d{1,5}))?(\/[A-Za-z0-9._~%!$&'()*+,;=:@/-]*)?$/i;

export type FeedUrlCheck = { ok: true; url: string } | { ok: false; message: string };

/**
 * Checks an update feed address: https anywhere, plain http only on this computer (a test server), a folder
 * with latest.yml in it. Returns it with a lower-case scheme and host and a trailing slash.
 */
export function checkFeedUrl(value: string): FeedUrlCheck {
  const text = value.trim();
  if (text.length === 0) return { ok: false, message: 'Type the address of the update server, e.g. https://updates.example.org/relay-console/.' };
  if (text.length > 2048) return { ok: false, message: 'That address is too long.' };
  const m = FEED.exec(text);
  if (!m) return { ok: false, message: 'That is not an https:// address of a folder (no user name, "?" or "#").' };
  const port = m[3] === undefined ? null : Number(m[3]);
  if (port !== null && (port < 1 || port > 65535)) return { ok: false, message: 'The port must be between 1 and 65535.' };
  // Stryker disable StringLiteral: equivalent, the scheme and host groups are always there when the pattern matched
  const scheme = (m[1] ?? '').toLowerCase();
  const host = (m[2] ?? '').toLowerCase();
  // Stryker restore StringLiteral
  if (scheme !== 'https' && !LOOPBACK_HOSTS.has(host)) {
    return { ok: false, message: 'Updates are only fetched over https:// (plain http:// only from this computer, for testing).' };
  }
  const path = m[4] ?? '';
  return { ok: true, url: `${scheme}://${host}${port === null ? '' : `:${port}`}${path.endsWith('/') ? path : `${path}/`}` };
}

export const feedUrlInput = z
  .string()
  .max(2048)
  .transform((value, ctx) => {
    const checked = checkFeedUrl(value);
    if (checked.ok) return checked.url;
    // The dispatcher ends the sentence itself.
    ctx.addIssue({ code: 'custom', message: checked.message.replace(/\.$/, '') });
    return z.NEVER;
  });

/** updates.setFeed: the feed Settings keeps; null turns updates off. Refused while a policy decides. */
export const setFeedInput = z.object({ feedUrl: feedUrlInput.nullable() }).strict();
export type SetFeedInput = z.input<typeof setFeedInput>;

// ---- channels and events (spread into channels.ts) ----

export const updateChannels = {
  updatesStatus: defineChannel('updates.status', z.undefined(), returns<UpdateStatus>()),
  /** Asks the feed now; answers with the status once the check ended (or failed, within its deadline). */
  updatesCheck: defineChannel('updates.check', z.undefined(), returns<UpdateStatus>()),
  /** Downloads the version a check found; electron-updater verifies it before it counts as downloaded. */
  updatesDownload: defineChannel('updates.download', z.undefined(), returns<UpdateStatus>()),
  /** Quits and installs the downloaded version: the admin's click, never automatic. */
  updatesInstall: defineChannel('updates.install', z.undefined(), returns<UpdateStatus>()),
  updatesSetFeed: defineChannel('updates.setFeed', setFeedInput, returns<UpdateStatus>()),
} as const satisfies Record<string, ChannelDef>;

export interface UpdateEventPayloads {
  /** After every change of the update state. */
  'updates.status': UpdateStatus;
}
export const updateEventNames = ['updates.status'] as const;
