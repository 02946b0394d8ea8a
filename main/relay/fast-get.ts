// The status poll's fast path: a GET on undici's dispatcher with handler callbacks, no Readable stream and
// no async iterator per answer. At thousands of polls a second HttpClient.request (undici.request + a
// stream read) costs about twice the CPU of this (bench/poller measured ~105 vs ~53 µs per request), and
// the poll is the one hot path of the app. Semantics are HttpClient's, built from the same main/net
// helpers (answer.ts): per-request header/body timeouts and a total deadline (deadline.ts), a size cap, HTML
// and bad JSON refused, zod on the answer, every failure an HttpError with the same words, secrets
// scrubbed from what is logged.
import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import type { ErrorCode } from '../../contract/index.ts';
import { acceptAnswer, failureFromAnswer, tooLarge } from '../net/answer.ts';
import { callDeadlines, clampDelay } from '../net/deadline.ts';
import { HttpError, timeoutError, transportError } from '../net/errors.ts';
import type { Clock, Logger } from '../ports.ts';
import { silentLogger, systemClock } from '../ports.ts';
import { SecretRegistry } from '../vault/redact.ts';

export interface FastGetRequest<T> {
  /** An origin, e.g. https://relay.bluejeans.com */
  base: string;
  /** Path (already encoded) and query. */
  path: string;
  headers: Record<string, string>;
  schema: z.ZodType<T>;
  secrets?: readonly (string | undefined)[];
  messages?: Partial<Record<ErrorCode, string>>;
  timeoutMs: number;
  /** The most the request may take from start to last byte (default: a status poll's). */
  deadlineMs?: number;
}

export interface FastGetOptions {
  dispatcher: Dispatcher;
  maxBodyBytes: number;
  log?: Logger;
  clock?: Clock;
  registry?: SecretRegistry;
}

const BASE_HEADERS = { accept: 'application/json', 'content-type': 'application/json', 'user-agent': 'RelayConsole' };

export class FastGet {
  readonly #dispatcher: Dispatcher;
  readonly #max: number;
  readonly #log: Logger;
  readonly #clock: Clock;
  readonly #registry: SecretRegistry;
  /** origin → host, parsed once. */
  readonly #hosts = new Map<string, string>();

  constructor(options: FastGetOptions) {
    this.#dispatcher = options.dispatcher;
    this.#max = options.maxBodyBytes;
    this.#log = options.log ?? silentLogger;
    this.#clock = options.clock ?? systemClock;
    this.#registry = options.registry ?? new SecretRegistry();
  }

  get<T>(req: FastGetRequest<T>): Promise<T> {
    const host = this.#host(req.base);
    const started = this.#clock.now();
    return new Promise<T>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let status = 0;
      let headers: Record<string, string | string[] | undefined> = {};
      let done = false;
      let controller: { abort(reason: Error): void } | null = null;
      // A timer on the Clock port rather than an AbortSignal: this is the hot path (see deadline.ts).
      const deadlineMs = req.deadlineMs ?? callDeadlines.status;
      const deadline = this.#clock.setTimeout(() => {
        const error = timeoutError(host, deadlineMs);
        // Not on a socket yet (waiting for a pooled connection): it is aborted when it gets one.
        if (controller) controller.abort(error);
        else fail(error);
      }, clampDelay(deadlineMs));
      const fail = (error: unknown): void => {
        if (done) return;
        done = true;
        deadline.cancel();
        const mapped = error instanceof HttpError ? error : transportError(error, host, req.timeoutMs);
        const override = mapped instanceof HttpError && mapped.status === undefined ? req.messages?.[mapped.code] : undefined;
        const final = override ? new HttpError(mapped.code, `${override} ${mapped.message}`, {}, { cause: mapped }) : mapped;
        this.#log.warn('http request failed', {
          method: 'GET',
          host,
          path: this.#scrub(req.path.split('?')[0] ?? '', req.secrets),
          code: final.code,
          status: final instanceof HttpError ? final.status : undefined,
          ms: this.#clock.now() - started,
        });
        reject(final);
      };
      try {
        this.#dispatcher.dispatch(
          {
            origin: req.base,
            path: req.path,
            method: 'GET',
            headers: { ...BASE_HEADERS, ...req.headers },
            headersTimeout: req.timeoutMs,
            bodyTimeout: req.timeoutMs,
          },
          {
            onRequestStart: (c) => {
              if (done) c.abort(timeoutError(host, deadlineMs));
              else controller = c;
            },
            onResponseStart: (controller, statusCode, h) => {
              status = statusCode;
              headers = h as Record<string, string | string[] | undefined>;
              const declared = Number(first(headers['content-length']));
              if (Number.isFinite(declared) && declared > this.#max) controller.abort(tooLarge(host, this.#max));
            },
            onResponseData: (controller, chunk) => {
              size += chunk.length;
              if (size > this.#max) controller.abort(tooLarge(host, this.#max));
              else chunks.push(chunk);
            },
            onResponseEnd: () => {
              if (done) return;
              try {
                const raw = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
                const contentType = String(first(headers['content-type']) ?? '');
                if (status >= 200 && status < 300) {
                  const value = acceptAnswer(req.schema, host, raw, contentType);
                  done = true;
                  deadline.cancel();
                  resolve(value);
                } else {
                  const scrub = (text: string): string => this.#scrub(text, req.secrets);
                  const retryAfter = headers['retry-after'];
                  const now = this.#clock.now();
                  // The status poll is retried by the poller (backoff): its words say so.
                  fail(failureFromAnswer({ host, status, raw, contentType, retryAfter, now, messages: req.messages, scrub, willRetry: true }));
                }
              } catch (error) {
                fail(error);
              }
            },
            onResponseError: (_controller, error) => fail(error),
          },
        );
      } catch (error) {
        fail(error);
      }
    });
  }

  #host(base: string): string {
    let host = this.#hosts.get(base);
    if (host === undefined) {
      host = new URL(base).host;
      this.#hosts.set(base, host);
    }
    return host;
  }

  #scrub(text: string, secrets: readonly (string | undefined)[] = []): string {
    return this.#registry.scrub(
      text,
      secrets.filter((s): s is string => typeof s === 'string'),
    );
  }
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
