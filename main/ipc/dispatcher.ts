import type { z } from 'zod';
import {
  channels,
  fail,
  methodForChannel,
  ok,
  type Channels,
  type MethodName,
  type OutputOf,
  type ParsedInputOf,
  type Result,
} from '../../contract/index.ts';
import type { Logger } from '../ports.ts';
import { AppError } from './app-error.ts';

export type Handlers = {
  [K in MethodName]: (input: ParsedInputOf<Channels[K]>) => Promise<OutputOf<Channels[K]>> | OutputOf<Channels[K]>;
};

export type Dispatch = (channel: string, payload: unknown) => Promise<Result<unknown>>;

/**
 * The one door into main for every IPC and bridge call: find the channel, validate the payload with its
 * schema, run the handler, and turn every outcome into a Result. It never throws.
 */
export function createDispatcher(handlers: Handlers, log: Logger): Dispatch {
  return async (channel, payload) => {
    const method = methodForChannel(channel);
    if (!method) return fail('unknown_channel', `There is no channel named "${String(channel).slice(0, 80)}".`);
    const parsed = channels[method].input.safeParse(payload);
    if (!parsed.success) return fail('invalid_input', describeIssues(channel, parsed.error));
    try {
      const handler = handlers[method] as (input: unknown) => unknown;
      return ok(await handler(parsed.data));
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toBody() };
      // A bug, not a user error: log the details in main, show only a generic sentence.
      log.error('handler failed', { channel, error: error instanceof Error ? error.message : String(error) });
      return fail('internal', 'Something went wrong inside Relay Console. The details are in the log.');
    }
  };
}

function describeIssues(channel: string, error: z.ZodError): string {
  const first = error.issues[0];
  const where = first && first.path.length > 0 ? ` at "${first.path.join('.')}"` : '';
  return `The request to ${channel} was not valid${where}: ${first?.message ?? 'unexpected value'}.`;
}
