// Demo mode's simulator: the built-in one (sim/), started in-process on 127.0.0.1 with a free port.
// Loaded on first use only, so an app that never enters demo mode never loads it. Its control API over
// HTTP (faults, clock, room states) stays off: any page the user opens could reach a loopback port. A
// test may turn it on.
import type { DemoSim, StartDemoSim } from './demo.ts';

export function builtInSim(options: { controlApi?: boolean } = {}): () => Promise<DemoSim & { controlToken: string | null }> {
  return async () => {
    const { startSim } = await import('../../sim/index.ts');
    const sim = await startSim({ rooms: 24, seed: 1, port: 0, speed: 1, controlApi: options.controlApi ?? false });
    return { url: sim.url, relayAccount: sim.credentials.relayAccount, controlToken: sim.controlToken, close: () => sim.close() };
  };
}

export const startBuiltInSim: StartDemoSim = builtInSim();
