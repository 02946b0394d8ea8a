// The Relay REST client: one typed function per call the console makes (reference §2.2–2.5; seed 003),
// over helper-3's HttpClient (keep-alive undici pool per host, connect/header/body timeouts, size caps,
// zod on every answer, every failure an HttpError with words). The Relay token goes in the X-Access-Token
// header only; a 401 triggers one single-flight renewal and one retry (the request was refused, so the
// retry cannot do anything twice). The role rules are checked before anything is sent.
import type { z } from 'zod';
import type { Capabilities, ErrorCode, JoinFlowAction } from '../../contract/index.ts';
import { assertRelayCallAllowed } from '../auth/roles.ts';
import { AppError } from '../ipc/app-error.ts';
import { callDeadlines, type CallKind } from '../net/deadline.ts';
import { HttpError } from '../net/errors.ts';
import type { HttpClient, HttpMethod } from '../net/http.ts';
import type { FastGet } from './fast-get.ts';
import {
  bulkStatusSchema,
  emptySchema,
  endpointListSchema,
  endpointRecordListSchema,
  endpointRecordSchema,
  enterpriseSchema,
  failureListSchema,
  healthSchema,
  listenerServiceListSchema,
  joinFlowSchema,
  meetingListSchema,
  pairedListSchema,
  pairingCodeInfoSchema,
  roomStatusSchema,
  type RelayBulkItem,
  type RelayEndpoint,
  type RelayEndpointRecord,
  type RelayEnterprise,
  type RelayFailure,
  type RelayHealth,
  type RelayListenerService,
  type RelayMeetingItem,
  type RelayPairedItem,
  type RelayPairingCodeInfo,
  type RelayRoomStatus,
} from './schemas.ts';

/** The token side of a connection: helper-3's TokenSource has exactly these. */
export interface RelayTokens {
  getToken(): Promise<string>;
  /** The server refused `stale`: renew once (single-flight) and return the token to retry with. */
  onUnauthorized(stale: string): Promise<string>;
}

/** Over one pool: small answers (actions, detail), large ones (the endpoint list, bulk status), and the status poll's fast GET. */
export interface RelayHttp {
  small: HttpClient;
  large: HttpClient;
  fast: FastGet;
}

export interface RelayClientOptions {
  /** Relay origin, e.g. https://relay.bluejeans.com */
  base: string;
  http: RelayHttp;
  tokens: RelayTokens;
  capabilities: () => Capabilities;
  /** Waits for the host budget before the retry after a 401 (one more request to the host; see poller). */
  beforeRetry?: () => Promise<void>;
}

export interface RelayCallOptions {
  signal?: AbortSignal;
}

/** Per kind of call: the most a request may wait for the headers, and between two chunks of the body. */
export const relayTimeouts: Record<Exclude<CallKind, 'grant'>, number> = {
  status: 5_000,
  list: 30_000,
  bulk: 15_000,
  action: 15_000,
  read: 10_000,
};

const STATUS_MESSAGES: Partial<Record<ErrorCode, string>> = {
  not_found: 'Relay does not know this room any more (it may have been removed).',
};

export type RelayControlAction = 'mutemicrophone' | 'unmutemicrophone' | 'hangup';

/** GET /api/system/health: the HTTP status (200 ok, 503 degraded) and the map of services. */
export interface RelayHealthAnswer {
  status: number;
  services: RelayHealth;
}

const PROVISION_MESSAGES: Partial<Record<ErrorCode, string>> = {
  forbidden: 'Relay refused: this connection may not change provisioning.',
  not_found: 'Relay does not know this room any more (it may have been removed).',
  rejected: 'Relay refused the room.',
};

export class RelayClient {
  readonly base: string;
  readonly #http: RelayHttp;
  readonly #tokens: RelayTokens;
  readonly #capabilities: () => Capabilities;
  readonly #beforeRetry: () => Promise<void>;
  #allowedFor: Capabilities | null = null;
  readonly #allowed = new Set<string>();
  readonly #statusPaths = new Map<string, string>();
  #statusPathsFor: Capabilities | null = null;

  constructor(options: RelayClientOptions) {
    this.base = options.base;
    this.#http = options.http;
    this.#tokens = options.tokens;
    this.#capabilities = options.capabilities;
    this.#beforeRetry = options.beforeRetry ?? (() => Promise.resolve());
  }

  /** GET /api/endpoints: every room of the enterprise. */
  endpoints(options?: RelayCallOptions): Promise<RelayEndpoint[]> {
    return this.#call('GET', '/api/endpoints', endpointListSchema, {
      large: true,
      kind: 'list',
      willRetry: true,
      messages: { forbidden: 'This connection may not list rooms.' },
      ...options,
    });
  }

  /** GET /api/endpoints/:pairingCodeId/pairingcode: the room behind a pairing code (Zero Touch). */
  pairingCodeInfo(pairingCodeId: string, options?: RelayCallOptions): Promise<RelayPairingCodeInfo> {
    return this.#call('GET', `/api/endpoints/${seg(pairingCodeId)}/pairingcode`, pairingCodeInfoSchema, {
      kind: 'read',
      messages: { not_found: 'Relay no longer knows this pairing code; pair the room again.' },
      ...options,
    });
  }

  /**
   * A connection check: the cheapest read that proves Relay takes this token — the enterprise (reference
   * §2.2), or for a room pairing its own room's status (the only calls its token reaches).
   */
  async check(options?: RelayCallOptions): Promise<{ enterprise: string | null }> {
    const zt = this.#capabilities().zeroTouch;
    if (zt) {
      await this.status(zt.endpointId);
      return { enterprise: null };
    }
    try {
      const self = await this.#call('GET', '/api/enterprises/self', enterpriseSchema, {
        kind: 'read',
        messages: { not_found: 'This server does not answer like Relay (it knows no /api/enterprises/self). Check the Relay address.' },
        ...options,
      });
      return { enterprise: self.label ?? self.name };
    } catch (error) {
      // Refused for this role, but the token was taken: the connection works.
      if (error instanceof HttpError && error.status === 403) return { enterprise: null };
      throw error;
    }
  }

  /** GET /api/endpoints/status: the call state of every room in one answer. */
  bulkStatus(options?: RelayCallOptions): Promise<RelayBulkItem[]> {
    return this.#call('GET', '/api/endpoints/status', bulkStatusSchema, { large: true, kind: 'bulk', willRetry: true, ...options });
  }

  /** GET /api/endpoints/:id/status: one room's call state, mute and meeting (the hot path: the fast GET). */
  async status(endpointId: string): Promise<RelayRoomStatus> {
    // Built and role-checked once per room while the capabilities stay the same (the poll repeats it).
    const caps = this.#capabilities();
    if (caps !== this.#statusPathsFor) {
      this.#statusPathsFor = caps;
      this.#statusPaths.clear();
    }
    let path = this.#statusPaths.get(endpointId);
    if (path === undefined) {
      path = `/api/endpoints/${seg(endpointId)}/status`;
      assertRelayCallAllowed(caps, 'GET', path);
      if (this.#statusPaths.size < 100_000) this.#statusPaths.set(endpointId, path);
    }
    const send = (token: string): Promise<RelayRoomStatus> =>
      this.#http.fast.get({
        base: this.base,
        path,
        headers: { 'x-access-token': token },
        schema: roomStatusSchema,
        secrets: [token],
        messages: STATUS_MESSAGES,
        timeoutMs: relayTimeouts.status,
        deadlineMs: callDeadlines.status,
      });
    const token = await this.#tokens.getToken();
    try {
      return await send(token);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'unauthorized') throw error;
      const fresh = await this.#tokens.onUnauthorized(token);
      await this.#beforeRetry();
      return send(fresh);
    }
  }

  /** GET /api/meetings/?endpoint=:id: the room's calendar. */
  meetings(endpointId: string, options?: RelayCallOptions): Promise<RelayMeetingItem[]> {
    return this.#call('GET', '/api/meetings/', meetingListSchema, { query: { endpoint: endpointId }, kind: 'read', ...options });
  }

  /** GET /api/meetings/:id/joinflow: the pre-join check. */
  joinFlow(meetingId: string, passcode: string | undefined, options?: RelayCallOptions): Promise<JoinFlowAction> {
    return this.#call('GET', `/api/meetings/${seg(meetingId)}/joinflow`, joinFlowSchema, {
      query: { passcode },
      secrets: [passcode],
      kind: 'read',
      ...options,
    });
  }

  /** POST /api/endpoints/:id/join {meetingId, passcode}. */
  async join(endpointId: string, meetingId: string, passcode: string | undefined, options?: RelayCallOptions): Promise<void> {
    await this.#call('POST', `/api/endpoints/${seg(endpointId)}/join`, emptySchema, {
      body: { meetingId, passcode: passcode ?? '' },
      secrets: [passcode],
      kind: 'action',
      messages: { conflict: 'The room is already dialing or in a call; hang up first.' },
      ...options,
    });
  }

  /** GET /api/endpoints/:id/paired: who is paired with the room (Zero Touch). */
  paired(endpointId: string, options?: RelayCallOptions): Promise<RelayPairedItem[]> {
    return this.#call('GET', `/api/endpoints/${seg(endpointId)}/paired`, pairedListSchema, { kind: 'read', ...options });
  }

  mute(endpointId: string, options?: RelayCallOptions): Promise<void> {
    return this.control(endpointId, 'mutemicrophone', options);
  }

  unmute(endpointId: string, options?: RelayCallOptions): Promise<void> {
    return this.control(endpointId, 'unmutemicrophone', options);
  }

  hangUp(endpointId: string, options?: RelayCallOptions): Promise<void> {
    return this.control(endpointId, 'hangup', options);
  }

  async control(endpointId: string, action: RelayControlAction, options?: RelayCallOptions): Promise<void> {
    await this.#call('POST', `/api/endpoints/${seg(endpointId)}/${action}`, emptySchema, {
      kind: 'action',
      messages: { conflict: 'The room is not in a call.' },
      ...options,
    });
  }

  // ---- provisioning (reference §2.3; create, update and delete are inferred from the REST pattern) ----

  /** GET /api/endpoints, whole records (unknown fields kept): what provisioning compares and sends back. */
  endpointRecords(options?: RelayCallOptions): Promise<RelayEndpointRecord[]> {
    return this.#call('GET', '/api/endpoints', endpointRecordListSchema, { large: true, kind: 'list', ...options });
  }

  /** GET /api/endpoints/:id. */
  endpointRecord(endpointId: string, options?: RelayCallOptions): Promise<RelayEndpointRecord> {
    return this.#call('GET', `/api/endpoints/${seg(endpointId)}`, endpointRecordSchema, { kind: 'read', messages: PROVISION_MESSAGES, ...options });
  }

  /** POST /api/endpoints; `password`, when set, is in the body and nowhere else (kept out of every log line). */
  createEndpoint(body: Record<string, unknown>, password: string | undefined, options?: RelayCallOptions): Promise<RelayEndpointRecord> {
    return this.#call('POST', '/api/endpoints', endpointRecordSchema, { body, secrets: [password], kind: 'action', messages: PROVISION_MESSAGES, ...options });
  }

  /** PUT /api/endpoints/:id with the whole record (a server may replace rather than merge). */
  updateEndpoint(endpointId: string, body: Record<string, unknown>, password: string | undefined, options?: RelayCallOptions): Promise<RelayEndpointRecord> {
    return this.#call('PUT', `/api/endpoints/${seg(endpointId)}`, endpointRecordSchema, { body, secrets: [password], kind: 'action', messages: PROVISION_MESSAGES, ...options });
  }

  /** DELETE /api/endpoints/:id; any 2xx = deleted. */
  async deleteEndpoint(endpointId: string, options?: RelayCallOptions): Promise<void> {
    await this.#call('DELETE', `/api/endpoints/${seg(endpointId)}`, emptySchema, { kind: 'action', messages: PROVISION_MESSAGES, ...options });
  }

  // ---- infrastructure (reference §2.2, §2.5) ----

  /** GET /api/listenerservices (the path is inferred: a server may answer 404). */
  listenerServices(options?: RelayCallOptions): Promise<RelayListenerService[]> {
    return this.#call('GET', '/api/listenerservices', listenerServiceListSchema, { large: true, kind: 'read', ...options });
  }

  /** GET /api/failures/: the failure records (one enterprise had 908 in one answer). */
  failures(options?: RelayCallOptions): Promise<RelayFailure[]> {
    return this.#call('GET', '/api/failures/', failureListSchema, { large: true, kind: 'list', ...options });
  }

  /** GET /api/system/health: 200 all ok, 503 some service hosed (an answer, not a failure). */
  async health(options?: RelayCallOptions): Promise<RelayHealthAnswer> {
    let status = 0;
    const services = await this.#call('GET', '/api/system/health', healthSchema, {
      kind: 'read',
      answerStatuses: [503],
      onStatus: (s) => (status = s),
      ...options,
    });
    return { status, services };
  }

  /** GET /api/enterprises/self. */
  enterprise(options?: RelayCallOptions): Promise<RelayEnterprise> {
    return this.#call('GET', '/api/enterprises/self', enterpriseSchema, { kind: 'read', ...options });
  }

  /** The role check, remembered per path while the capabilities object stays the same (polls repeat it). */
  #allow(method: HttpMethod, pathWithQuery: string): void {
    const caps = this.#capabilities();
    if (caps !== this.#allowedFor) {
      this.#allowedFor = caps;
      this.#allowed.clear();
    }
    const key = `${method} ${pathWithQuery}`;
    if (this.#allowed.has(key)) return;
    assertRelayCallAllowed(caps, method, pathWithQuery);
    if (this.#allowed.size > 50_000) this.#allowed.clear();
    this.#allowed.add(key);
  }

  async #call<T>(
    method: HttpMethod,
    path: string,
    schema: z.ZodType<T>,
    options: {
      large?: boolean;
      query?: Record<string, string | undefined>;
      body?: unknown;
      secrets?: (string | undefined)[];
      kind: Exclude<CallKind, 'grant' | 'status'>;
      /** The poller's own calls: it tries again by itself. */
      willRetry?: boolean;
      messages?: Partial<Record<ErrorCode, string>>;
      signal?: AbortSignal;
      answerStatuses?: readonly number[];
      onStatus?: (status: number) => void;
    },
  ): Promise<T> {
    const query = options.query ? new URLSearchParams(Object.entries(options.query).filter((e): e is [string, string] => e[1] !== undefined)) : null;
    this.#allow(method, query && query.size > 0 ? `${path}?${query}` : path);
    const client = options.large ? this.#http.large : this.#http.small;
    const send = (token: string): Promise<T> =>
      client.request({
        method,
        base: this.base,
        path,
        query: options.query,
        headers: { 'x-access-token': token },
        body: options.body,
        schema,
        secrets: [token, ...(options.secrets ?? [])],
        messages: options.messages,
        timeoutMs: relayTimeouts[options.kind],
        deadlineMs: callDeadlines[options.kind],
        willRetry: options.willRetry,
        signal: options.signal,
        answerStatuses: options.answerStatuses,
        onStatus: options.onStatus,
      });
    const token = await this.#tokens.getToken();
    try {
      return await send(token);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'unauthorized') throw error;
      const fresh = await this.#tokens.onUnauthorized(token);
      await this.#beforeRetry();
      return send(fresh);
    }
  }
}

/** A path segment: ids come from the server or the user, so they are encoded. */
function seg(value: string): string {
  return encodeURIComponent(value);
}
