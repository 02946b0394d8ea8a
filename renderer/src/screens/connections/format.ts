// Words for connections: kinds, states, roles and expiry ("in 13 days"). Pure, so unit tests run it.
import type { ConnectionCheck, ConnectionKind, ConnectionView, JITTER_MARGIN_MS, LIMIT_WINDOW_MS, RELAY_LIMIT_PER_SEC } from '../../../../contract/index.ts';
import { formatShortTime } from '../../rooms/format.ts';

export const kindLabels: Record<ConnectionKind, { title: string; hint: string }> = {
  code: { title: 'Sign in with BlueJeans', hint: 'Sign in in your web browser with an enterprise app key and secret.' },
  client: { title: 'Enterprise app', hint: 'The app key and secret from Admin › OAuth apps. Renews itself.' },
  password: { title: 'User password', hint: 'A BlueJeans user name and password. The password is not kept.' },
  relay: { title: 'Relay account', hint: 'A Relay user name and password (HTTP Basic, used once).' },
  pairing: { title: 'Room pairing', hint: 'Zero Touch: the pairing code shown in one room. Lasts one day.' },
  meeting: { title: 'Meeting passcode', hint: 'A meeting ID and passcode, used to join that meeting.' },
};

export const kindOrder: ConnectionKind[] = ['code', 'client', 'password', 'relay', 'pairing', 'meeting'];

/** Connected, but its room list could not be read: never shown as "Connected". */
export function roomsUnread(view: ConnectionView): boolean {
  return view.state === 'connected' && view.roomList?.status === 'failed';
}

export function stateLabel(view: ConnectionView): string {
  switch (view.state) {
    case 'connected':
      return roomsUnread(view) ? 'Rooms not read' : 'Connected';
    case 'connecting':
      return 'Connecting…';
    case 'reconnect-needed':
      return view.signOutPending ? 'Signing out on the server…' : 'Reconnect needed';
    case 'error':
      return 'Problem';
  }
}

const roleWords: Record<string, string> = {
  ROLE_READWRITE: 'Read-write',
  ROLE_READONLY: 'Read-only',
  ROLE_PAIRINGCODE: 'One room (pairing)',
};

/** The roles as people say them: read-write implies read-only, so only the strongest is shown. */
export function rolesLabel(view: ConnectionView): string {
  if (view.meeting) return view.meeting.scope === 'moderator' ? 'Meeting moderator' : 'Meeting participant';
  if (view.roles.includes('ROLE_PAIRINGCODE')) return roleWords['ROLE_PAIRINGCODE']!;
  if (view.roles.includes('ROLE_READWRITE')) return roleWords['ROLE_READWRITE']!;
  if (view.roles.includes('ROLE_READONLY')) return `${roleWords['ROLE_READONLY']!} (controls rooms, no provisioning)`;
  return view.roles.length ? view.roles.join(', ') : '—';
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "in 13 days", "in 5 hours", "in 3 minutes", "2 days ago"; "now" under a minute. */
export function relativeTime(at: number, now: number): string {
  const diff = at - now;
  const abs = Math.abs(diff);
  const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'always' });
  for (const [unit, ms] of UNITS) {
    if (abs >= ms) return rtf.format(Math.trunc(diff / ms), unit);
  }
  return 'now';
}

export function expiryLabel(view: ConnectionView, now: number): string {
  if (view.state === 'reconnect-needed') return 'No valid token';
  if (view.expiresAt === null) return '—';
  return view.expiresAt > now ? `Expires ${relativeTime(view.expiresAt, now)}` : `Expired ${relativeTime(view.expiresAt, now)}`;
}

/** contract/budget.ts (the renderer imports types only; these types hold the copies to it). */
const RELAY_LIMIT: typeof RELAY_LIMIT_PER_SEC = 2;
const WINDOW_MS: typeof LIMIT_WINDOW_MS = 1_000;
const MARGIN_MS: typeof JITTER_MARGIN_MS = 100;
/** The limits a connection's Polling choice offers (requests a second the server allows); null = no limit. */
export const pollBudgetChoices: readonly (number | null)[] = [1, RELAY_LIMIT, 5, 10, 20, null];

/** A request budget in words, for the Polling choice of a connection. */
export function pollBudgetLabel(perSec: number | null): string {
  if (perSec === null) return 'No limit (on-premises servers)';
  const n = `${perSec} request${perSec === 1 ? '' : 's'} a second`;
  return perSec === RELAY_LIMIT ? `${n} (Relay's limit)` : n;
}

/** What a budget guarantees, in plain words (contract/budget.ts: budgetSpacingMs). */
export function pollBudgetGuarantee(perSec: number | null): string {
  if (perSec === null) return 'Sends as fast as the rooms need: only for a server without a request limit (Relay itself refuses that).';
  const guard = (WINDOW_MS + MARGIN_MS) / 1000;
  const rate = Math.floor((perSec * 1000 * 10) / (WINDOW_MS + MARGIN_MS)) / 10;
  const n = perSec === 1 ? '1 request' : `${perSec} requests`;
  return `At most ${n} in any ${guard} s (about ${rate} a second), so the server never counts more than ${perSec} in a second, even when the network moves requests by up to ${MARGIN_MS / 1000} s. Connections to the same server share the strictest limit, and sign-in, sign-out and actions count too.`;
}

/** Why a connected connection shows no rooms, in words; null when its rooms were read (or it is not connected). */
export function roomListProblem(view: ConnectionView): string | null {
  if (!roomsUnread(view) || view.roomList?.status !== 'failed') return null;
  return `The rooms could not be read: ${view.roomList.message} Relay Console keeps trying.`;
}

/** The room list in a few words: how many rooms, or that it could not be read. */
export function roomListLabel(view: ConnectionView): string {
  const list = view.roomList;
  if (!list) return 'Reading…';
  if (list.status === 'failed') return 'Could not be read';
  return `${list.rooms} room${list.rooms === 1 ? '' : 's'}`;
}

/** The last "Check connection", e.g. "Checked at 14:03: Relay answered in 85 ms." */
export function checkLabel(check: ConnectionCheck): string {
  const time = formatShortTime(check.at);
  return check.ok ? `Checked at ${time}: ${check.message}` : `Check at ${time} failed: ${check.message}`;
}
