// The naive baseline the benchmark compares against (Uptime Kuma's shape, anchors C.1): one timer per
// room (setInterval at the room's interval, re-created when its state changes), one plain fetch per check,
// and one message to the renderer per check. Each room's first check is spread at random over the first
// 20 s so the baseline is not judged on a thundering herd at start.

export interface BaselineHooks {
  /** Called as each check starts, with how late it is (ms after its intended time). */
  onCheck(latenessMs: number): void;
  onDone(ok: boolean): void;
  /** One message per check, as a per-check socket emit would send. */
  emit(message: string): void;
}

const intervalFor = (callState: unknown): number => (callState === 'dialing' ? 2_000 : callState === 'active' ? 5_000 : 20_000);

export async function startBaseline(url: string, token: string, hooks: BaselineHooks): Promise<{ stop(): void; rooms: number }> {
  const headers = { 'x-access-token': token, accept: 'application/json', 'content-type': 'application/json' };
  const list = (await (await fetch(`${url}/api/endpoints`, { headers })).json()) as { id: string; name: string }[];
  const timers = new Set<ReturnType<typeof setInterval>>();
  let stopped = false;
  for (const room of list) {
    let interval = 20_000;
    let expected = 0;
    let timer: ReturnType<typeof setInterval> | undefined;
    const arm = (): void => {
      if (timer) {
        clearInterval(timer);
        timers.delete(timer);
      }
      expected = Date.now() + interval;
      timer = setInterval(check, interval);
      timers.add(timer);
    };
    const check = async (): Promise<void> => {
      if (stopped) return;
      hooks.onCheck(Date.now() - expected);
      expected += interval;
      try {
        const res = await fetch(`${url}/api/endpoints/${room.id}/status`, { headers });
        const body = (await res.json()) as { callState?: string };
        hooks.emit(JSON.stringify({ event: 'heartbeat', room: room.id, name: room.name, status: res.status, body, at: Date.now() }));
        hooks.onDone(res.ok);
        const next = intervalFor(body.callState);
        if (next !== interval && !stopped) {
          interval = next;
          arm();
        }
      } catch {
        hooks.onDone(false);
      }
    };
    const first = setTimeout(() => {
      arm();
      expected = Date.now(); // the first check runs now, then the interval takes over
      void check();
    }, Math.random() * 20_000);
    timers.add(first as unknown as ReturnType<typeof setInterval>);
  }
  return {
    rooms: list.length,
    stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
    },
  };
}
