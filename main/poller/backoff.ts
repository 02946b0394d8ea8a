// Per-room exponential backoff with jitter (AWS "full jitter", floored at the base so a failing room is
// never asked again at once): the n-th consecutive failure waits a random time in [base, min(cap, base·2^(n-1))].

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 1_000, capMs: 60_000 };

/** The ceiling of the wait after `failures` consecutive failures (≥ 1). */
export function backoffCeiling(failures: number, options: BackoffOptions = defaultBackoff): number {
  const n = Math.max(1, Math.floor(failures));
  // 2^(n-1) overflows nothing before the cap bites: clamp the exponent.
  return Math.min(options.capMs, options.baseMs * 2 ** Math.min(n - 1, 30));
}

export function backoffDelay(failures: number, random: () => number, options: BackoffOptions = defaultBackoff): number {
  const ceiling = backoffCeiling(failures, options);
  const floor = Math.min(options.baseMs, ceiling);
  return floor + random() * (ceiling - floor);
}
