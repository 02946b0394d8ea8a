// Placing periodic polls on a budget's slot grid. Under a budget of r requests per second the token bucket
// sends at most one request per 1000/r ms, so time falls into slots of (about) that length, counted from
// the epoch. A poll every P slots at offset o (0 ≤ o < P) uses the slots o, o+P, o+2P, … Two such polls
// (Pa, a) and (Pb, b) ever want the same slot iff a ≡ b (mod gcd(Pa, Pb)) (Chinese remainder theorem).
// When none of the urgent polls (focused or pinned, dialing and active rooms, the bulk call) want the same
// slot, each goes out exactly on time: none queues behind another, and no jitter is needed.
//
// Each task prefers the offset that a stable hash of its key gives (DESIGN: "phase from a hash of the room
// id"); when that collides, it takes the free offset that packs best (see placeOne), so a pair of dialing
// rooms leaves whole residue classes free for the rooms placed after them.
import { hash32 } from './phase.ts';

export interface Placement {
  /** Slots between two polls (≥ 1). */
  period: number;
  /** Which slot of the period: 0 ≤ offset < period. */
  offset: number;
}

export interface SlotTask {
  key: string;
  period: number;
}

/** How many offsets from the preferred one are weighed for packing (the rest: first free one). */
const SCORED_OFFSETS = 64;

export function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return Math.abs(a);
}

function mod(a: number, m: number): number {
  return ((a % m) + m) % m;
}

/** Whether two placements ever want the same slot. */
export function collides(a: Placement, b: Placement): boolean {
  return mod(a.offset - b.offset, gcd(a.period, b.period)) === 0;
}

/**
 * An offset for a task of `period` slots that collides with none of `placed`, or null when there is none.
 * Among the free offsets (the first SCORED_OFFSETS from the preferred one) it takes the one that agrees
 * most with the placed tasks on the common divisors of their periods (gcd(o − o', gcd(P, P'))): the
 * tasks crowd into the same coarse residue classes, as a buddy allocator does, and leave others whole.
 * Ties go to the offset nearest after the preferred one.
 */
export function placeOne(placed: readonly Placement[], period: number, preferred: number): number | null {
  const start = mod(preferred, period);
  let best: number | null = null;
  let bestScore = -1;
  for (let i = 0; i < period; i++) {
    const offset = (start + i) % period;
    let score = 0;
    let free = true;
    for (const q of placed) {
      const g = gcd(period, q.period);
      const agree = gcd(offset - q.offset, g);
      if (agree === g) {
        free = false;
        break;
      }
      score += agree;
    }
    if (!free) continue;
    if (i >= SCORED_OFFSETS) return best ?? offset;
    if (score > bestScore) {
      best = offset;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Places every task (all or nothing: null when one of them finds no free offset), next to `placed`.
 * Shorter periods go first (they are the most constrained), then in the order given.
 */
export function placeAll(tasks: readonly SlotTask[], placed: readonly Placement[] = []): Map<string, Placement> | null {
  let load = 0;
  for (const p of placed) load += 1 / p.period;
  for (const t of tasks) load += 1 / t.period;
  if (load > 1 + 1e-9) return null;
  const order = tasks.map((t, i) => ({ t, i })).sort((a, b) => a.t.period - b.t.period || a.i - b.i);
  const all = [...placed];
  const out = new Map<string, Placement>();
  for (const { t } of order) {
    const offset = placeOne(all, t.period, hash32(t.key));
    if (offset === null) return null;
    const p = { period: t.period, offset };
    all.push(p);
    out.set(t.key, p);
  }
  return out;
}

export interface SlotPlanInput {
  /** The bulk calls (one per connection using it) and the periods (slots) each may run at, shortest first. */
  bulk: readonly { key: string; periods: readonly number[] }[];
  /** The urgent classes, highest priority first: each class's tasks at their nominal periods. */
  classes: readonly (readonly SlotTask[])[];
  /** At most this many tasks are placed (the rest of the classes fall back to the queue). */
  maxTasks?: number;
}

export interface SlotPlan {
  placements: Map<string, Placement>;
  /** How many leading classes are placed in full (the ones after them are not placed at all). */
  classes: number;
  /** The bulk calls' period, when placed (else null: they run as scheduled without slots). */
  bulkPeriod: number | null;
}

/**
 * The host's slot plan: as many leading classes as can be placed in full, each room of them on its own
 * slots; for that, the bulk calls at the shortest of their periods that still fits (or not on slots at all
 * if none does). Deterministic: the same rooms give the same plan, after a restart too.
 */
export function planSlots(input: SlotPlanInput): SlotPlan {
  const maxTasks = input.maxTasks ?? 64;
  const periods = input.bulk[0]?.periods ?? [];
  for (let k = input.classes.length; k >= 0; k--) {
    const tasks = input.classes.slice(0, k).flat();
    if (tasks.length + input.bulk.length > maxTasks) continue;
    for (const period of periods) {
      const placements = placeAll([...input.bulk.map((b) => ({ key: b.key, period })), ...tasks]);
      if (placements) return { placements, classes: k, bulkPeriod: period };
    }
    // Without the bulk calls on slots (none, or none of their periods fits).
    if (k === 0 || input.bulk.length === 0) {
      const placements = placeAll(tasks);
      if (placements) return { placements, classes: k, bulkPeriod: null };
    }
  }
  return { placements: new Map(), classes: 0, bulkPeriod: null };
}
