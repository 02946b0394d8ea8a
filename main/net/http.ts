// The HTTP layer every feature shares: one keep-alive undici Agent (a Pool per origin, capped), short
// timeouts and a total deadline per request, JSON in and out, zod on every answer, and every failure
// turned into an HttpError with words. With a gate, every request waits its turn there first (the host's
// request budget, wired by core.ts).
import { Agent, request, type Dispatcher } from 'undici';
import type { z } from 'zod';
import type { ErrorCode } from '../../contract/index.ts';
import type { Clock, Logger } from '../ports.ts';
import { silentLogger, systemClock } from '../ports.ts';
import { SecretRegistry } from '../vault/redact.ts';
import { readCapped } from './body.ts';
import { acceptAnswer, failureFromAnswer } from './answer.ts';
import { callDeadlines, startDeadline } from './deadline.ts';
import { HttpError, transportError } from './errors.ts';

export interface HttpOptions {
  connectTimeoutMs?: number;
  /** Per request: time to the response headers, and between body chunks. */
  timeoutMs?: number;
  /** Per request, unless the request sets its own: the most it may take from start to last byte. */
  deadlineMs?: number;
  connectionsPerOrigin?: number;
  maxBodyBytes?: number;
  /** Tests pass a MockAgent here. */
  dispatcher?: Dispatcher;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * Where a request waits before it is sent: `send` runs when the origin's request budget allows (and may
 * run again after a 429, which means the server did nothing). The poller's host budget in the app.
 */
export type HttpGate = <T>(origin: string, send: () => Promise<T>) => Promise<T>;

export interface HttpRequest<T> {
  method: HttpMethod;
  /** An origin, e.g. https://relay.bluejeans.com */
  base: string;
  path: string;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Validates a 2xx answer; for an empty answer it is given `undefined`. */
  schema: z.ZodType<T>;
  /** The secret values in this request (body, headers, path, query): kept out of logs and messages. */
  secrets?: readonly (string | undefined)[];
  /** Words for this call's failures, e.g. unauthorized → "Wrong user name or password." */
  messages?: Partial<Record<ErrorCode, string>>;
  timeoutMs?: number;
  /** The most this request may take from start to last byte (main/net/deadline.ts has one per kind of call). */
  deadlineMs?: number;
  /** The caller tries again by itself after a failure (the poller's calls): its words say so. */
  willRetry?: boolean;
  signal?: AbortSignal;
  /** Statuses besides 2xx whose body is an answer, not a failure (health's 503 names what is hosed). */
  answerStatuses?: readonly number[];
  /** Told the status of the answer before its body is checked. */
  onStatus?: (status: number) => void;
}

export const httpDefaults = {
  connectTimeoutMs: 3_000,
  timeoutMs: 5_000,
  // This client mostly makes token grants; Relay calls set a deadline per kind.
  deadlineMs: callDeadlines.grant,
  connectionsPerOrigin: 4,
  maxBodyBytes: 2 * 1024 * 1024,
};

export class HttpClient {
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  readonly #timeoutMs: number;
  readonly #deadlineMs: number;
  readonly #maxBodyBytes: number;
  readonly #log: Logger;
  readonly #registry: SecretRegistry;
  readonly #clock: Clock;
  readonly #gate: HttpGate | undefined;

  constructor(options: HttpOptions = {}, deps: { log?: Logger; registry?: SecretRegistry; clock?: Clock; gate?: HttpGate } = {}) {
    this.#timeoutMs = options.timeoutMs ?? httpDefaults.timeoutMs;
    this.#deadlineMs = options.deadlineMs ?? httpDefaults.deadlineMs;
    this.#maxBodyBytes = options.maxBodyBytes ?? httpDefaults.maxBodyBytes;
    this.#log = deps.log ?? silentLogger;
    this.#registry = deps.registry ?? new SecretRegistry();
    this.#clock = deps.clock ?? systemClock;
    this.#gate = deps.gate;
    this.#ownsDispatcher = options.dispatcher === undefined;
    this.#dispatcher =
      options.dispatcher ??
      new Agent({
        connections: options.connectionsPerOrigin ?? httpDefaults.connectionsPerOrigin,
        connect: { timeout: options.connectTimeoutMs ?? httpDefaults.connectTimeoutMs },
        keepAliveTimeout: 10_000,
        headersTimeout: this.#timeoutMs,
        bodyTimeout: this.#timeoutMs,
      });
  }

  async request<T>(req: HttpRequest<T>): Promise<T> {
    if (!this.#gate) return this.#send(req);
    return this.#gate(new URL(req.base).origin, () => this.#send(req));
  }

  async #send<T>(req: HttpRequest<T>): Promise<T> {
    const url = new URL(req.path, req.base);
    for (const [key, value] of Object.entries(req.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    const host = url.host;
    const timeoutMs = req.timeoutMs ?? this.#timeoutMs;
    const secrets = (req.secrets ?? []).filter((s): s is string => typeof s === 'string');
    const scrub = (text: string): string => this.#registry.scrub(text, secrets);
    const started = this.#clock.now();
    // Its abort reason is the timeout error itself, so whatever undici was doing rejects with it.
    const deadline = startDeadline(this.#clock, host, req.deadlineMs ?? this.#deadlineMs, req.signal);
    try {
      const response = await request(url, {
        dispatcher: this.#dispatcher,
        method: req.method,
        headers: {
          accept: 'application/json',
          'content-type': 'application/json',
          'user-agent': 'RelayConsole',
          ...req.headers,
        },
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal: deadline.signal,
      });
      const raw = await readCapped(response.body, this.#maxBodyBytes, host, response.headers['content-length']);
      const contentType = String(response.headers['content-type'] ?? '');
      req.onStatus?.(response.statusCode);
      if ((response.statusCode >= 200 && response.statusCode < 300) || req.answerStatuses?.includes(response.statusCode)) {
        return acceptAnswer(req.schema, host, raw, contentType);
      }
      throw failureFromAnswer({
        host,
        status: response.statusCode,
        raw,
        contentType,
        retryAfter: response.headers['retry-after'],
        now: this.#clock.now(),
        messages: req.messages,
        scrub,
        willRetry: req.willRetry,
      });
    } catch (error) {
      const mapped = transportError(error, host, timeoutMs);
      const override = mapped instanceof HttpError && mapped.status === undefined ? req.messages?.[mapped.code] : undefined;
      const final = override ? new HttpError(mapped.code, `${override} ${mapped.message}`, {}, { cause: mapped }) : mapped;
      this.#log.warn('http request failed', {
        method: req.method,
        host,
        path: scrub(url.pathname),
        code: final.code,
        status: final instanceof HttpError ? final.status : undefined,
        ms: this.#clock.now() - started,
      });
      throw final;
    } finally {
      deadline.cancel();
    }
  }

  async close(): Promise<void> {
    if (this.#ownsDispatcher) await this.#dispatcher.close();
  }
}
