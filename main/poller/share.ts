// How the budget is shared, as the dashboard is told it: the classes get what they ask for in priority
// order; the first class that cannot be covered is stretched (every room in it by the same factor, as the
// scheduler serves it earliest-due-first), and the classes below it get nothing beyond the bulk call.

/**
 * @param ratePerSec the host's budget (null: unlimited)
 * @param reservedPerSec what goes first (bulk and list calls)
 * @param demands requests per second each class would use at its nominal intervals, highest priority first
 * @returns one stretch factor per class: 1 = served in full, Infinity = not served
 */
export function stretchFactors(ratePerSec: number | null, reservedPerSec: number, demands: readonly number[]): number[] {
  if (ratePerSec === null) return demands.map(() => 1);
  let left = Math.max(0, ratePerSec - reservedPerSec);
  return demands.map((demand) => {
    if (demand <= 0) return 1;
    if (demand <= left) {
      left -= demand;
      return 1;
    }
    const factor = left > 0 ? demand / left : Infinity;
    left = 0;
    return factor;
  });
}

export interface SharePlanInput {
  /** The host's budget (req/s); null = unlimited. */
  budget: number | null;
  /** Fraction of the budget the shares are planned on (the rest is slack, still used by the background). */
  headroom: number;
  /** Connections on the host that use the bulk status call. */
  bulkCallers: number;
  bulkMinMs: number;
  bulkMaxMs: number;
  /** Requests per second each priority class would use at its nominal intervals (focus, dialing, active, rest). */
  demand: readonly number[];
  /** How many leading classes of `demand` the bulk call yields to (focus, dialing, active). */
  urgentClasses: number;
}

export interface SharePlan {
  /** How often the bulk call runs on this host (ms). */
  bulkMs: number;
  /** One stretch factor per class of `demand`. */
  factors: number[];
}

/**
 * A host's plan: the bulk call as often as `bulkMinMs` when the budget has room, stretched up to
 * `bulkMaxMs` so the urgent classes fit under the headroom; then each class's stretch factor. Planned
 * on headroom × budget so the classes served in full do not queue behind each other; whatever they
 * leave unused still goes to the classes below (the scheduler never idles a token on purpose).
 */
export function planShares(input: SharePlanInput): SharePlan {
  const { budget, headroom, bulkCallers, bulkMinMs, bulkMaxMs, demand } = input;
  let bulkMs = bulkMinMs;
  if (budget !== null && bulkCallers > 0) {
    const urgent = demand.slice(0, input.urgentClasses).reduce((a, b) => a + b, 0);
    const spare = budget * headroom - urgent;
    bulkMs = spare > 0 ? Math.min(bulkMaxMs, Math.max(bulkMinMs, (1000 * bulkCallers) / spare)) : bulkMaxMs;
    bulkMs = Math.round(bulkMs / 100) * 100;
  }
  const reserved = bulkCallers > 0 ? (bulkCallers * 1000) / bulkMs : 0;
  return { bulkMs, factors: stretchFactors(budget === null ? null : budget * headroom, reserved, demand) };
}
