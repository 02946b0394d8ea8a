// What every Relay handler gets: the world, and the rate limiter with its switch.
import type { RateLimiter } from '../rate-limit.ts';
import type { World } from '../world/world.ts';

export type RateLimitMode = 'realistic' | 'off';

export interface RelayContext {
  world: World;
  limiter: RateLimiter;
  rateLimit: { mode: RateLimitMode };
}
