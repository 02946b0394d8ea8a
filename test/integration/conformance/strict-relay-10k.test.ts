// Conformance with a strict Relay server at 10,000 rooms (see strict-relay.test.ts): one connection and
// four connections to one host, ten simulated minutes each. Its own file so it runs beside the other.
import { afterEach, describe, it } from 'vitest';
import { startConformance, type Conformance } from './harness.ts';
import { conformanceCase, MINUTES } from './scenario.ts';

let c: Conformance | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

describe('against a strict Relay server (rolling 1,000 ms window, ±50 ms arrival jitter), 10,000 rooms', () => {
  for (const four of [false, true]) {
    // About 10 s (one connection) and 30 s (four, 40,000 rooms to follow) of CPU; more on a busy machine.
    it(`${four ? 'four connections' : 'one connection'} to one host, ${MINUTES} simulated minutes with the detail panel, actions and a sign-out: 0 × 429`, { timeout: 240_000 }, async () => {
      c = await startConformance({ rooms: 10_000 });
      await conformanceCase(c, four);
    });
  }
});
