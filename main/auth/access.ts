// How other features (rooms, poller, join) call the servers with a connection: the Relay token goes in
// X-Access-Token (never the URL), the Seam token as Bearer; a 401 triggers one single-flight renewal and
// one retry; the connection's roles are enforced before anything leaves the app.
import type { z } from 'zod';
import type { Capabilities, ErrorCode } from '../../contract/index.ts';
import { AppError } from '../ipc/app-error.ts';
import type { HttpClient, HttpMethod } from '../net/http.ts';
import type { LiveConnection } from './live-connection.ts';
import { assertRelayCallAllowed, capabilitiesFor } from './roles.ts';
import { withToken } from './token-source.ts';

export interface AuthorizedCall<T> {
  method: HttpMethod;
  /** Path on the connection's server, e.g. /api/endpoints */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  schema: z.ZodType<T>;
  messages?: Partial<Record<ErrorCode, string>>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface ServerAccess {
  readonly connectionId: string;
  capabilities(): Capabilities;
  request<T>(call: AuthorizedCall<T>): Promise<T>;
}

function usable(live: LiveConnection): void {
  if (live.state === 'reconnect-needed') {
    throw new AppError('unauthorized', live.reason ?? `"${live.record.name}" needs to be reconnected.`);
  }
}

export function relayAccess(live: LiveConnection, http: HttpClient): ServerAccess {
  const capabilities = (): Capabilities => capabilitiesFor(live.record.kind, live.record.relay?.roles ?? [], live.record.relay?.pairing ?? null);
  return {
    connectionId: live.record.id,
    capabilities,
    async request<T>(call: AuthorizedCall<T>): Promise<T> {
      usable(live);
      const query = new URLSearchParams();
      for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined) query.set(k, String(v));
      assertRelayCallAllowed(capabilities(), call.method, query.size ? `${call.path}?${query}` : call.path);
      return withToken(live.relay, (token) =>
        http.request({ ...call, base: live.record.bases.relay, headers: { 'x-access-token': token }, secrets: [token] }),
      );
    },
  };
}

export function apiAccess(live: LiveConnection, http: HttpClient): ServerAccess {
  return {
    connectionId: live.record.id,
    capabilities: () => capabilitiesFor(live.record.kind, live.record.relay?.roles ?? [], live.record.relay?.pairing ?? null),
    async request<T>(call: AuthorizedCall<T>): Promise<T> {
      usable(live);
      if (live.record.kind === 'meeting') {
        const meeting = live.meeting;
        if (!meeting) throw new AppError('unauthorized', live.reason ?? 'Enter the meeting passcode again.');
        return http.request({ ...call, base: live.record.bases.api, headers: { authorization: `Bearer ${meeting.token}` }, secrets: [meeting.token] });
      }
      return withToken(live.seam, (token) =>
        http.request({ ...call, base: live.record.bases.api, headers: { authorization: `Bearer ${token}` }, secrets: [token] }),
      );
    },
  };
}
