import type { ConnectionBases } from '../../../contract/index.ts';
import type { HttpClient } from '../../net/http.ts';
import type { Clock } from '../../ports.ts';

/** What every grant needs: the shared HTTP client, the connection's servers, and the clock. */
export interface GrantContext {
  http: HttpClient;
  bases: ConnectionBases;
  clock: Clock;
}

// The query string after /oauth2/token only names the grant in the docs; servers pick the grant from
// grant_type (reference §1.0). We send the documented marker anyway, as the how-to pages do.
export const TOKEN_PATH = '/oauth2/token';
