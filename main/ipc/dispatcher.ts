import type { z } from 'zod';
import {
  channels,
  fail,
  methodForChannel,
  ok,
  quoteCallerText,
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
    if (!method) return fail('unknown_channel', `There is no channel named ${quoteCallerText(channel)}.`);
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

/** Field names the caller sent that the schema does not know: the first few, each quoted short. */
const namedUnknownFields = 3;
/** The schema's own words, cut to a sane length (they are ours, but a refinement may say a lot). */
const maxSchemaMessage = 160;

/**
 * The first problem, in words. Whatever the caller wrote (field names, a path through its keys) is quoted
 * short with quoteCallerText; zod's own messages echo nothing of the input but unknown keys, which are
 * worded here instead.
 */
function describeIssues(channel: string, error: z.ZodError): string {
  const first = error.issues[0];
  const where = first && first.path.length > 0 ? ` at ${quoteCallerText(first.path.map(String).join('.'))}` : '';
  let what: string;
  if (!first) what = 'unexpected value';
  else if (first.code === 'unrecognized_keys') {
    const named = first.keys.slice(0, namedUnknownFields).map((key) => quoteCallerText(key, 40));
    const more = first.keys.length - named.length;
    what = `unknown field${first.keys.length === 1 ? '' : 's'} ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  } else {
    what = first.message.length > maxSchemaMessage ? `${first.message.slice(0, maxSchemaMessage)}…` : first.message;
  }
  // Never markup, whatever a schema's message says.
  return `The request to ${channel} was not valid${where}: ${what.replace(/[<>]/g, '?')}.`;
}
