// A child process for the crash test: writes batches of history for ever through the real client and
// worker, and prints "committed N" once batch N is in the file. The test kills it with SIGKILL.
import { History } from '../../../main/history/history.ts';
import { systemClock } from '../../../main/ports.ts';

const dir = process.argv[2];
const first = Number(process.argv[3] ?? 1);
if (!dir) throw new Error('usage: write-forever.ts <dir> <first batch>');
const PER_BATCH = 2_000;

const history = await History.open({ dir, clock: systemClock, flushMs: 50 });
if (!history.on) throw new Error(`history is off: ${history.notices().map((n) => n.message).join(' ')}`);
for (let n = first; ; n++) {
  const at = Date.now();
  for (let i = 0; i < PER_BATCH; i++) {
    // Batch n is rooms n-0 … n-1999, each seen for the first time: a partial batch would show as fewer rooms.
    history.transition({ room: { enterpriseId: 'crash', endpointId: `${n}-${i}` }, name: `Batch ${n} room ${i}`, site: null, at, why: 'poll', call: { from: 'unknown', to: 'idle' } });
  }
  await history.flush();
  process.stdout.write(`committed ${n}\n`);
}
