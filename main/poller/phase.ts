// Where in its interval a room is polled. As Prometheus staggers scrape targets, the phase is a stable hash
// of the room's key modulo the interval, pinned to absolute time: load is flat, and the same after a
// restart or an outage (rooms never line up). A little random jitter on top keeps clients apart.

/** FNV-1a, 32 bits: stable across runs and platforms. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The room's offset within an interval, in [0, intervalMs). */
export function phaseOf(key: string, intervalMs: number): number {
  return intervalMs > 0 ? hash32(key) % Math.floor(intervalMs) : 0;
}

/**
 * The first grid point `phase + k·interval` (absolute ms) at or after `earliest`. Polls stay on the room's
 * grid, so a late poll does not drift the schedule.
 */
export function nextSlot(earliest: number, intervalMs: number, phase: number): number {
  if (!(intervalMs > 0)) return earliest;
  const k = Math.ceil((earliest - phase) / intervalMs);
  return phase + k * intervalMs;
}

export interface JitterOptions {
  /** Fraction of the interval, e.g. 0.05 = ±5 %. */
  fraction: number;
  /** Upper bound in ms whatever the interval. */
  maxMs: number;
}

/** A random offset in [-bound, +bound], bound = min(fraction·interval, maxMs). */
export function jitter(intervalMs: number, options: JitterOptions, random: () => number): number {
  const bound = Math.min(intervalMs * options.fraction, options.maxMs);
  return bound > 0 ? (random() * 2 - 1) * bound : 0;
}
