// One page's socket on the preview bridge: its requests go to the core's dispatcher, its replies and the
// core's events come back — within limits, so one page cannot grow the host without bound:
// - at most `maxInFlight` calls of a page are answered at once; more are refused at once with 'busy';
// - once more than `highWaterBytes` wait to be written to a page, its requests are no longer read (the
//   page's own socket buffers fill instead of the host's heap); reading resumes when the page catches up;
// - a page that takes nothing for `stallMs` while over that mark, or lets `maxBufferedBytes` pile up,
//   does not read: it is closed (bridgeClose.notReading);
// - a page that answers no ping for `silentPageMs` is gone (bridgeClose.silent).
import type { WebSocket } from 'ws';
import { bridgeClose, bridgeRequest, fail, type BridgeHeartbeat } from '../../contract/index.ts';
import type { Core } from '../core.ts';
import type { Clock, Logger } from '../ports.ts';

export interface BridgeFlowLimits {
  maxInFlight: number;
  highWaterBytes: number;
  stallMs: number;
  maxBufferedBytes: number;
  silentPageMs: number;
}

export const defaultFlowLimits: BridgeFlowLimits = {
  // The renderer asks for a dozen things at start-up; 64 at once is a page that does not wait for answers.
  maxInFlight: 64,
  highWaterBytes: 1024 * 1024,
  stallMs: 10_000,
  // A snapshot of 10,000 rooms is about 5 MB; no page needs more than a few of those on their way.
  maxBufferedBytes: 32 * 1024 * 1024,
  silentPageMs: 20_000,
};

/** The most of a caller's own id the host sends back in an error. */
const maxEchoedIdLength = 64;

export interface BridgeSocketDeps {
  core: Pick<Core, 'dispatch' | 'subscribe'>;
  clock: Clock;
  log: Logger;
  limits: BridgeFlowLimits;
  /** Observe every message sent to the page (the leak tests read these). */
  onOutgoing?: (text: string) => void;
}

export interface BridgeSocket {
  /** Sends the heartbeat and a ping frame; closes the page when it stopped answering pings. */
  beat(seq: number): void;
}

export function serveBridgeSocket(ws: WebSocket, deps: BridgeSocketDeps): BridgeSocket {
  const { clock, log, limits } = deps;
  let inFlight = 0;
  let readingPaused = false;
  let stallTimer: { cancel(): void } | null = null;
  let closing = false;
  let lastPong = clock.now();

  const shut = (why: (typeof bridgeClose)[keyof typeof bridgeClose], fields: Record<string, unknown>): void => {
    if (closing) return;
    closing = true;
    stallTimer?.cancel();
    stallTimer = null;
    log.warn('bridge page closed', { code: why.code, reason: why.reason, ...fields });
    ws.close(why.code, why.reason);
    // The page's own close frame must be read for the handshake to end (or the server's closeTimeout ends it).
    if (readingPaused) ws.resume();
  };

  const restartStallTimer = (): void => {
    stallTimer?.cancel();
    stallTimer = clock.setTimeout(() => shut(bridgeClose.notReading, { bufferedBytes: ws.bufferedAmount, stalledMs: limits.stallMs }), limits.stallMs);
  };

  /** Looks at what waits to be written to the page after every write and every flush. */
  const watchBuffer = (flushed: boolean): void => {
    if (closing) return;
    const buffered = ws.bufferedAmount;
    if (buffered > limits.maxBufferedBytes) {
      shut(bridgeClose.notReading, { bufferedBytes: buffered });
      // Nothing more goes out behind that pile: the close frame would wait behind it too.
      ws.terminate();
      return;
    }
    if (!readingPaused && buffered > limits.highWaterBytes) {
      readingPaused = true;
      ws.pause();
      restartStallTimer();
    } else if (readingPaused && buffered <= limits.highWaterBytes / 2) {
      readingPaused = false;
      stallTimer?.cancel();
      stallTimer = null;
      ws.resume();
    } else if (readingPaused && flushed) {
      restartStallTimer(); // the page takes its replies, slowly: not a stall
    }
  };

  const send = (message: unknown): void => {
    if (closing || ws.readyState !== ws.OPEN) return;
    const text = JSON.stringify(message);
    deps.onOutgoing?.(text);
    ws.send(text, (error) => {
      if (!error) watchBuffer(true);
    });
    watchBuffer(false);
  };

  const unsubscribe = deps.core.subscribe((event, payload) => send({ event, payload }));
  ws.on('close', () => {
    closing = true;
    stallTimer?.cancel();
    unsubscribe();
  });
  ws.on('error', (error) => log.warn('bridge socket error', { error: error.message }));
  ws.on('pong', () => (lastPong = clock.now()));
  ws.on('message', (data, isBinary) => {
    if (closing) return;
    let parsedJson: unknown;
    try {
      if (isBinary) throw new Error('binary');
      parsedJson = JSON.parse(data.toString());
    } catch {
      return send({ id: null, ok: false, error: { code: 'bad_message', message: 'The bridge message was not JSON text.' } });
    }
    const request = bridgeRequest.safeParse(parsedJson);
    if (!request.success) {
      return send({ id: echoableId(parsedJson), ...fail('bad_message', 'The bridge message must be {id, channel, payload}.') });
    }
    const { id, channel, payload } = request.data;
    if (inFlight >= limits.maxInFlight) {
      return send({ id, ...fail('busy', `Relay Console is still answering ${limits.maxInFlight} requests from this page. Wait for them, then try again.`) });
    }
    inFlight++;
    void deps.core.dispatch(channel, payload).then((result) => {
      inFlight--;
      send(result.ok ? { id, ok: true, result: result.value } : { id, ok: false, error: result.error });
    });
  });

  return {
    beat(seq) {
      if (closing || ws.readyState !== ws.OPEN) return;
      if (clock.now() - lastPong > limits.silentPageMs) {
        shut(bridgeClose.silent, { silentMs: clock.now() - lastPong });
        return;
      }
      const heartbeat: BridgeHeartbeat = { heartbeat: seq };
      send(heartbeat);
      ws.ping();
    },
  };
}

/** The id of a malformed request, sent back only when it is one a valid request could carry. */
function echoableId(parsed: unknown): number | string | null {
  if (typeof parsed !== 'object' || parsed === null || !('id' in parsed)) return null;
  const { id } = parsed;
  if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) return id;
  if (typeof id === 'string' && id.length > 0 && id.length <= maxEchoedIdLength) return id;
  return null;
}
