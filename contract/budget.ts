// The request budget: Relay's rate limit (reference §2.0) and the margin Relay Console keeps under it.
// The one source of these numbers for main and the renderer (which imports types only and checks its
// copies against these literal types) and the words that explain them.

/**
 * Relay asks clients to stay below 2 requests a second (reference §2.0). A strict server counts them per
 * token in any rolling 1,000 ms window and answers 429 to the third.
 */
export const RELAY_LIMIT_PER_SEC = 2;

/** The rolling window a strict server counts requests in. */
export const LIMIT_WINDOW_MS = 1_000;

/**
 * Room for network jitter: under a limit of n a second, no n + 1 requests to one host leave within
 * 1,000 + 100 ms, so the server never counts n + 1 in a second while the network moves any two requests
 * closer by up to 100 ms.
 */
export const JITTER_MARGIN_MS = 100;

/** A connection's request budget unless the admin sets another: Relay's limit. */
export const defaultPollBudget = RELAY_LIMIT_PER_SEC;

/** The fewest ms between two requests to one host under a limit of `perSec` a second: 550 ms at Relay's 2 (≈ 1.8 a second). */
export function budgetSpacingMs(perSec: number): number {
  return (LIMIT_WINDOW_MS + JITTER_MARGIN_MS) / perSec;
}

/**
 * The longest wait a 429's Retry-After is honoured for (a server asking for hours or years would freeze
 * the board): after it, one request probes; if that is refused too, the wait starts again.
 */
export const RETRY_AFTER_CAP_SEC = 120;
