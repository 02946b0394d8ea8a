// Freshness. A room whose call state was last confirmed more than two intervals ago is stale: shown as
// such, never as fresh. A room never confirmed counts from when it was added.
export const STALE_FACTOR = 2;

export function isStale(confirmedAt: number | null, addedAt: number, intervalMs: number, now: number): boolean {
  return now - (confirmedAt ?? addedAt) > STALE_FACTOR * intervalMs;
}
