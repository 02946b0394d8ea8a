// The poller bar in an admin's words: which connections a host serves (never its address), the request
// rate against the host's limit, and what the server asked for (a wait, a slow-down) while it lasts.
import type { PollerStatus, RETRY_AFTER_CAP_SEC } from '../../../contract/index.ts';
import { formatClock } from './format.ts';

type Host = PollerStatus['hosts'][number];

/** contract/budget.ts (the renderer imports types only; the type holds this copy to it). */
const CAP_SEC: typeof RETRY_AFTER_CAP_SEC = 120;

/** The connections a host serves, by name: "Demo rooms", "HQ and Lab", "HQ and 3 more". */
export function hostLabel(h: Host): string {
  if (h.names.length === 0) return 'Relay server';
  if (h.names.length <= 2) return h.names.join(' and ');
  return `${h.names[0]} and ${h.names.length - 1} more`;
}

/** "1.8 of 2 requests a second" or "3.2 requests a second (no limit)". */
export function hostRate(h: Host): string {
  const used = h.usedPerSec.toFixed(1);
  return h.budgetPerSec === null ? `${used} requests a second (no limit)` : `${used} of ${h.budgetPerSec} requests a second`;
}

/**
 * While the server asks us to wait: "The server asked to wait 99999999 s (Relay Console waits at most
 * 120 s, then tries once): polling again in 52 s." After it, while the episode lasts: "The server asked to
 * slow down 3 times since 10:02:03." Otherwise null.
 */
export function hostNotice(h: Host, now: number): string | null {
  if (h.pausedUntil !== null && h.pausedUntil > now) {
    const left = Math.max(1, Math.ceil((h.pausedUntil - now) / 1000));
    const asked = h.askedWaitSec ?? left;
    const capped = asked > CAP_SEC ? ` (Relay Console waits at most ${CAP_SEC} s, then tries once)` : '';
    return `The server asked to wait ${asked} s${capped}: polling again in ${left} s.`;
  }
  if (h.slowDown) {
    const times = h.slowDown.count === 1 ? 'once' : `${h.slowDown.count} times`;
    return `The server asked to slow down ${times} since ${formatClock(h.slowDown.since)}; Relay Console waited as asked.`;
  }
  return null;
}
