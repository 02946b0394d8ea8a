// What a server said about a failure, from the error bodies we know: Relay {errorCode, errorName,
// errorMessage, errorDetails} (reference §2.6), Meetings API {message} or {code, message} (§1.6), and the
// standard OAuth {error, error_description} in case a server speaks it.
import { z } from 'zod';

const errorBody = z.object({
  // Relay (§2.6)
  errorName: z.string().optional(),
  errorMessage: z.string().optional(),
  // OAuth-style
  error: z.union([z.string(), z.number()]).optional(),
  error_description: z.string().optional(),
  // Meetings API (§1.6)
  message: z.string().optional(),
  code: z.union([z.number(), z.string()]).optional(),
});

export interface ServerSaid {
  /** A short machine name (Relay errorName, OAuth error, API code). */
  code?: string;
  /** The server's own sentence, cleaned and shortened. */
  message?: string;
}

const MAX_MESSAGE = 160;

export function readServerError(json: unknown): ServerSaid {
  const parsed = errorBody.safeParse(json);
  if (!parsed.success || typeof json !== 'object' || json === null || Array.isArray(json)) return {};
  const b = parsed.data;
  const code = b.errorName ?? (b.error !== undefined ? String(b.error) : b.code !== undefined ? String(b.code) : undefined);
  const message = clean(b.errorMessage ?? b.error_description ?? b.message);
  return { ...(code !== undefined ? { code: code.slice(0, 64) } : {}), ...(message !== undefined ? { message } : {}) };
}

function clean(text: string | undefined): string | undefined {
  if (!text) return undefined;
  // Server text goes into a UI sentence: no control characters, no markup, bounded length.
  const flat = text.replace(/[\p{Cc}<>]/gu, ' ').replace(/\s+/g, ' ').trim();
  if (!flat) return undefined;
  return flat.length > MAX_MESSAGE ? `${flat.slice(0, MAX_MESSAGE - 1)}…` : flat;
}
