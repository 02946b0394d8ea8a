// `npx node bench/secrets/failed-adds.ts [--batches 4] [--per-batch 500]`: CPU per failed
// `connections.add` (a wrong password, a new one each time) through the core against the simulator
// (in this process), batch after batch. Flat when nothing grows with the attempts.
import { parseArgs } from 'node:util';
import { createCore } from '../../main/core.ts';
import { startSim } from '../../sim/index.ts';

const { values } = parseArgs({ options: { batches: { type: 'string', default: '4' }, 'per-batch': { type: 'string', default: '500' } } });
const batches = Number(values.batches);
const perBatch = Number(values['per-batch']);

const sim = await startSim({ rooms: 0, port: 0, rateLimit: 'off' });
const core = createCore({ host: { kind: 'preview', version: '0', platform: process.platform, electronVersion: null }, startDemoSim: null });
const bases = { api: sim.url, authorize: sim.url, relay: sim.url };
const { username } = sim.credentials.admin;

console.log(`failed connections.add, ${batches} × ${perBatch} attempts`);
console.log('| attempts | CPU per batch (s) | ms per attempt |');
console.log('|--:|--:|--:|');
let attempt = 0;
for (let b = 0; b < batches; b++) {
  const before = process.cpuUsage();
  for (let i = 0; i < perBatch; i++) {
    const r = await core.dispatch('connections.add', { kind: 'password', username, password: `wrong password ${attempt++}`, bases });
    if (r.ok) throw new Error('a wrong password was accepted');
  }
  const used = process.cpuUsage(before);
  const s = (used.user + used.system) / 1e6;
  console.log(`| ${(b + 1) * perBatch} | ${s.toFixed(2)} | ${((s * 1000) / perBatch).toFixed(2)} |`);
}
await core.dispose();
await sim.close();
