// A Clock on a frozen simulator's time whose timers fire as soon as nothing is in flight, moving the sim's
// clock to their time first: a request budget's waits then cost no real time, and the sim counts every
// request at the moment the budget sent it (so a strict sim sees exactly the client's spacing).
import type { Clock } from '../../main/ports.ts';
import type { RunningSim } from '../../sim/index.ts';

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/** `idle` resolves when no request is in flight (e.g. a Scheduler's whenIdle). */
export function simPacedClock(sim: RunningSim, idle: () => Promise<void>): Clock & { stop(): void } {
  if (!sim.control.clock.isFrozen()) throw new Error('simPacedClock needs a frozen sim clock');
  let timers: Timer[] = [];
  let seq = 0;
  let scheduled = false;
  let stopped = false;
  const fireNext = async (): Promise<void> => {
    // Everything sent at the current time has reached the sim before time moves on.
    await idle();
    await new Promise((r) => setImmediate(r));
    scheduled = false;
    if (stopped) return;
    timers = timers.filter((t) => !t.cancelled);
    timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = timers.shift();
    if (next) {
      const now = sim.control.clock.now();
      if (next.at > now) sim.control.clock.advance(next.at - now);
      next.fn();
    }
    if (timers.length > 0) schedule();
  };
  const schedule = (): void => {
    if (scheduled || stopped) return;
    scheduled = true;
    void fireNext();
  };
  return {
    now: () => sim.control.clock.now(),
    setTimeout(fn, ms) {
      const timer: Timer = { at: sim.control.clock.now() + Math.max(0, ms), seq: seq++, fn, cancelled: false };
      timers.push(timer);
      schedule();
      return { cancel: () => void (timer.cancelled = true) };
    },
    stop() {
      stopped = true;
      timers = [];
    },
  };
}
