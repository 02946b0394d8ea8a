// What every Relay handler gets: the world, and the rate limiter with its settings.
import type { RateLimiter, RateLimitMode } from '../rate-limit.ts';
import type { World } from '../world/world.ts';

export type { RateLimitMode } from '../rate-limit.ts';

export interface RateLimitSettings {
  mode: RateLimitMode;
  /** Strict mode: each request is counted at its arrival ± up to this many ms (seeded). */
  arrivalJitterMs: number;
}

export interface RelayContext {
  world: World;
  limiter: RateLimiter;
  rateLimit: RateLimitSettings;
}
