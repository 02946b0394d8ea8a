// The redirect target of a native app's code grant (RFC 8252 §7.3): a one-shot HTTP listener on
// 127.0.0.1 with a random port. It takes exactly one callback, checks `state`, answers a small page,
// and closes; or closes on cancel or timeout. No other request is served.
import { createServer, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../../ipc/app-error.ts';
import type { Clock } from '../../ports.ts';

export const CALLBACK_PATH = '/callback';

export interface LoopbackOptions {
  state: string;
  timeoutMs: number;
  clock: Clock;
}

export interface Loopback {
  redirectUri: string;
  /** The code, or an AppError: cancelled, timeout, forbidden (wrong state), unauthorized (declined). */
  code: Promise<string>;
  cancel(): void;
}

export async function startLoopback(options: LoopbackOptions): Promise<Loopback> {
  let settle: { resolve: (code: string) => void; reject: (e: AppError) => void } | undefined;
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  code.catch(() => {}); // the caller awaits it; this keeps an early rejection from being "unhandled"
  let done = false;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH || done) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end('Not found.');
      return;
    }
    const params = url.searchParams;
    const error = params.get('error');
    const returnedState = params.get('state') ?? '';
    const returnedCode = params.get('code');
    if (!stateMatches(returnedState, options.state)) {
      page(res, 400, 'Sign-in refused', 'This sign-in reply did not come from the request Relay Console made, so it was ignored. Start again from Relay Console.');
      finish(new AppError('forbidden', 'The sign-in reply did not match the request Relay Console sent (wrong "state"), so it was refused. Try again.'));
    } else if (error !== null) {
      page(res, 200, 'Sign-in not completed', 'BlueJeans did not grant access. You can close this tab and return to Relay Console.');
      finish(new AppError('unauthorized', describeError(error)));
    } else if (!returnedCode || returnedCode.length > 512) {
      page(res, 400, 'Sign-in failed', 'The reply from BlueJeans had no sign-in code. Start again from Relay Console.');
      finish(new AppError('bad_response', 'BlueJeans sent the browser back without a sign-in code.'));
    } else {
      page(res, 200, 'Signed in', 'You can close this tab and return to Relay Console.');
      finish(returnedCode);
    }
  });

  const timer = options.clock.setTimeout(
    () => finish(new AppError('timeout', `No sign-in arrived within ${waitWords(options.timeoutMs)}, so Relay Console stopped waiting. Try again.`)),
    options.timeoutMs,
  );

  function finish(outcome: string | AppError): void {
    if (done) return;
    done = true;
    timer.cancel();
    // Close after the page has been written; closeAllConnections drops the browser's keep-alive socket.
    server.close();
    setImmediate(() => server.closeAllConnections());
    if (outcome instanceof AppError) settle?.reject(outcome);
    else settle?.resolve(outcome);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new AppError('internal', 'The sign-in listener has no address.');

  return {
    redirectUri: `http://127.0.0.1:${address.port}${CALLBACK_PATH}`,
    code,
    cancel: () => finish(new AppError('cancelled', 'Sign-in was cancelled.')),
  };
}

/** "5 min", or "20 s" under a minute. */
function waitWords(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.max(1, Math.round(ms / 1000))} s`;
}

function stateMatches(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function describeError(error: string): string {
  // The reference infers `error=401` when the user declines; anything else is shown as a short code.
  if (error === '401' || /denied|declin/i.test(error)) return 'Access was not granted in the browser (the sign-in was declined).';
  const shown = error.replace(/[^\w .-]/g, '').slice(0, 40);
  return `BlueJeans reported an error during sign-in (${shown || 'unknown'}).`;
}

function page(res: ServerResponse, status: number, title: string, text: string): void {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} – Relay Console</title>
<style>body{font:16px system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}h1{font-size:1.4rem}</style>
</head><body><h1>${title}</h1><p>${text}</p></body></html>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  });
  res.end(html);
}
