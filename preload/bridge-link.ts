// The page's link to the preview host: one WebSocket at a time, watched through the host's heartbeat
// (contract/bridge.ts), reopened by itself with a capped backoff when it is lost, and given up when the
// host no longer knows this page's key (it was restarted with a new one). Plain logic over small ports, so
// it is tested without a browser; preview-bridge.ts gives it the browser's WebSocket, fetch and timers.
import { bridgeTiming, type AppLink } from '../contract/index.ts';

/** The part of the browser's WebSocket the link uses. */
export interface LinkSocket {
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'close', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

export interface LinkTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): { cancel(): void };
}

/** What the host says of the key this page holds, when the bridge would not open. */
export type KeyCheck = 'valid' | 'refused' | 'unreachable';

export interface LinkPorts {
  /** null when the page has no key at all (opened without the printed address). */
  open: (() => LinkSocket) | null;
  checkKey(): Promise<KeyCheck>;
  timers: LinkTimers;
  random?: () => number;
  /** Every message from the host but the heartbeat. */
  onMessage(text: string): void;
  /** The link went live, was lost, or was refused. */
  onChange(link: AppLink): void;
}

export const linkTiming = {
  /** An attempt whose socket neither opens nor fails in this time failed (a frozen host accepts, then says nothing). */
  openTimeoutMs: 5_000,
  /** Reconnect delays double from the first to the cap. */
  firstRetryMs: 500,
  maxRetryMs: 5_000,
  /** How often the heartbeat's silence is looked at while live. */
  watchEveryMs: 250,
} as const;

/** What the page says about the link, in an admin's words. */
export const linkWords = {
  lost: 'Lost contact with Relay Console — reconnecting…',
  restarted: 'Relay Console was restarted: open the new address it printed.',
  'no-key': 'This page does not have its key: open the address Relay Console printed.',
} as const;

export interface Link {
  /** The open socket, after waiting for an attempt under way; null when the link is not live. */
  socket(): Promise<LinkSocket | null>;
  /** The last state reported (null until the first attempt settled). */
  current(): AppLink | null;
}

type Phase = { name: 'trying'; settled: Promise<void> } | { name: 'live'; ws: LinkSocket } | { name: 'waiting' } | { name: 'refused' };

export function startLink(ports: LinkPorts): Link {
  const { timers } = ports;
  const random = ports.random ?? Math.random;
  let phase: Phase = { name: 'waiting' };
  let reported: AppLink | null = null;
  let failures = 0;
  let lastHeard = 0;
  let watch: { cancel(): void } | null = null;

  const report = (link: AppLink): void => {
    if (reported?.state === link.state) return;
    reported = link;
    ports.onChange(link);
  };

  const refuse = (why: 'restarted' | 'no-key'): void => {
    phase = { name: 'refused' };
    report({ state: 'refused', why, message: linkWords[why] });
  };

  const retryLater = (): void => {
    phase = { name: 'waiting' };
    report({ state: 'lost', message: linkWords.lost });
    const delay = Math.min(linkTiming.maxRetryMs, linkTiming.firstRetryMs * 2 ** Math.min(failures, 10));
    failures++;
    // Jitter downwards only, so the cap stays the cap: many wall displays do not return in step.
    timers.setTimeout(attempt, delay * (0.75 + 0.25 * random()));
  };

  const watchSilence = (ws: LinkSocket): void => {
    watch = timers.setTimeout(() => {
      if (phase.name !== 'live' || phase.ws !== ws) return;
      if (timers.now() - lastHeard > bridgeTiming.pageSilenceMs) return lose(ws);
      watchSilence(ws);
    }, linkTiming.watchEveryMs);
  };

  /** A live socket went away (closed, or the host fell silent). */
  const lose = (ws: LinkSocket): void => {
    if (phase.name !== 'live' || phase.ws !== ws) return;
    watch?.cancel();
    watch = null;
    ws.close();
    retryLater();
  };

  function attempt(): void {
    if (phase.name === 'refused' || phase.name === 'trying' || phase.name === 'live') return;
    const open = ports.open;
    if (!open) return refuse('no-key');
    let settle: () => void = () => undefined;
    phase = { name: 'trying', settled: new Promise<void>((resolve) => (settle = resolve)) };
    const ws = open();
    let opened = false;
    let failed = false;
    const openTimer = timers.setTimeout(() => fail(), linkTiming.openTimeoutMs);

    /** The socket never opened: ask the host why (down, or a new key), then retry or give up. */
    const fail = (): void => {
      if (opened || failed) return;
      failed = true;
      openTimer.cancel();
      ws.close();
      void ports.checkKey().then((check) => {
        if (check === 'refused') refuse('restarted');
        else retryLater();
        settle();
      });
    };

    ws.addEventListener('open', () => {
      if (failed) return ws.close();
      opened = true;
      openTimer.cancel();
      failures = 0;
      lastHeard = timers.now();
      phase = { name: 'live', ws };
      report({ state: 'live' });
      watchSilence(ws);
      settle();
    });
    ws.addEventListener('close', () => (opened ? lose(ws) : fail()));
    ws.addEventListener('message', (event) => {
      if (phase.name !== 'live' || phase.ws !== ws || typeof event.data !== 'string') return;
      lastHeard = timers.now();
      if (isHeartbeat(event.data)) return;
      ports.onMessage(event.data);
    });
  }

  attempt();

  return {
    async socket() {
      if (phase.name === 'trying') await phase.settled;
      return phase.name === 'live' ? phase.ws : null;
    },
    current: () => reported,
  };
}

/** The heartbeat is `{"heartbeat":n}`; a cheap test before any JSON parse, since it comes every second. */
function isHeartbeat(text: string): boolean {
  return text.startsWith('{"heartbeat":');
}
