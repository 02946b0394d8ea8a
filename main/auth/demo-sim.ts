// Demo mode's simulator: the built-in one (sim/), started in-process on 127.0.0.1 with a free port.
// Loaded on first use only, so an app that never enters demo mode never loads it.
import type { DemoSim, StartDemoSim } from './demo.ts';

export const startBuiltInSim: StartDemoSim = async (): Promise<DemoSim> => {
  const { startSim } = await import('../../sim/index.ts');
  const sim = await startSim({ rooms: 24, seed: 1, port: 0, speed: 1 });
  return { url: sim.url, relayAccount: sim.credentials.relayAccount, close: () => sim.close() };
};
