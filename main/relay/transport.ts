// The Relay transport: one keep-alive undici Agent (a Pool per origin, connections capped, short connect,
// header and body timeouts; undici's defaults of unlimited sockets and 300 s timeouts are wrong for status
// polls; each call also has a total deadline of its kind, main/net/deadline.ts) shared by two HttpClients that differ only in how large an answer they accept (a status or an
// action answer is small, while the endpoint list of 10,000 rooms is about 10 MB), and the stream-free
// GET of the status poll (fast-get.ts).
import { Agent } from 'undici';
import type { Clock, Logger } from '../ports.ts';
import { callDeadlines } from '../net/deadline.ts';
import { HttpClient } from '../net/http.ts';
import type { SecretRegistry } from '../vault/redact.ts';
import type { RelayHttp } from './client.ts';
import { FastGet } from './fast-get.ts';

export interface RelayTransportOptions {
  connectionsPerOrigin?: number;
  connectTimeoutMs?: number;
  /** Default per-request header/body timeout; each call sets its own as well. */
  timeoutMs?: number;
  smallBodyBytes?: number;
  largeBodyBytes?: number;
  log?: Logger;
  clock?: Clock;
  registry?: SecretRegistry;
}

export interface RelayTransport extends RelayHttp {
  close(): Promise<void>;
}

export const relayTransportDefaults = {
  connectionsPerOrigin: 16,
  connectTimeoutMs: 3_000,
  timeoutMs: 5_000,
  smallBodyBytes: 256 * 1024,
  largeBodyBytes: 64 * 1024 * 1024,
};

export function createRelayTransport(options: RelayTransportOptions = {}): RelayTransport {
  const o = { ...relayTransportDefaults, ...options };
  const agent = new Agent({
    connections: o.connectionsPerOrigin,
    connect: { timeout: o.connectTimeoutMs },
    keepAliveTimeout: 10_000,
    headersTimeout: o.timeoutMs,
    bodyTimeout: o.timeoutMs,
  });
  const deps = { log: options.log, clock: options.clock, registry: options.registry };
  const small = new HttpClient({ dispatcher: agent, timeoutMs: o.timeoutMs, deadlineMs: callDeadlines.read, maxBodyBytes: o.smallBodyBytes }, deps);
  const large = new HttpClient({ dispatcher: agent, timeoutMs: o.timeoutMs, deadlineMs: callDeadlines.list, maxBodyBytes: o.largeBodyBytes }, deps);
  const fast = new FastGet({ dispatcher: agent, maxBodyBytes: o.smallBodyBytes, ...deps });
  return {
    small,
    large,
    fast,
    // Cancels what is still in flight: quitting does not wait for a slow server.
    async close() {
      await agent.destroy();
    },
  };
}
