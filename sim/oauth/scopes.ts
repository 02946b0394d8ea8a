// Code-grant scopes (reference §1.4) and the appPermissions a code-grant token carries for them. The
// simulator checks api-side calls by a code-grant token against these regexes.
import { enterprise } from '../world/accounts.ts';

export const knownScopes = ['list_meetings', 'modify_meetings', 'user_info', 'meeting_history', 'modify_user_info'] as const;
export type Scope = (typeof knownScopes)[number];

export const scopeDescriptions: Record<Scope, string> = {
  list_meetings: 'See your scheduled meetings',
  modify_meetings: 'Schedule, change and cancel your meetings',
  user_info: 'See your profile and enterprise membership',
  meeting_history: 'See your meeting history',
  modify_user_info: 'Change your profile',
};

const permissions: Record<Scope, { method: string; allowedRegex: string }[]> = {
  list_meetings: [{ method: 'GET', allowedRegex: '^/v1/user/\\d+/scheduled_meeting(/.*)?$' }],
  modify_meetings: [
    { method: 'POST', allowedRegex: '^/v1/user/\\d+/scheduled_meeting(/.*)?$' },
    { method: 'PUT', allowedRegex: '^/v1/user/\\d+/scheduled_meeting/\\d+$' },
    { method: 'DELETE', allowedRegex: '^/v1/user/\\d+/scheduled_meeting/\\d+$' },
  ],
  user_info: [{ method: 'GET', allowedRegex: '^/v1/user/\\d+(/enterprise_profile)?$' }],
  meeting_history: [{ method: 'GET', allowedRegex: '^/v1/user/\\d+/meeting_history(/.*)?$' }],
  modify_user_info: [{ method: 'PUT', allowedRegex: '^/v1/user/\\d+$' }],
};

/** Parses `scope` (comma-separated); null when a word is not a known scope. Default: user_info. */
export function parseScopes(raw: string | null | undefined): Scope[] | null {
  if (!raw || raw.trim() === '') return ['user_info'];
  const words = raw.split(/[,\s]+/).filter(Boolean);
  const out: Scope[] = [];
  for (const w of words) {
    if (!(knownScopes as readonly string[]).includes(w)) return null;
    if (!out.includes(w as Scope)) out.push(w as Scope);
  }
  return out;
}

export const appPermissions = (scopes: readonly string[]) =>
  scopes.flatMap((s) => permissions[s as Scope] ?? []).map((p) => ({ ...p }));

export function permits(scopes: readonly string[], method: string, path: string): boolean {
  return appPermissions(scopes).some((p) => p.method === method && new RegExp(p.allowedRegex).test(path));
}

export const partitionFields = () => ({
  partitionName: enterprise.partition.name,
  partition: { id: enterprise.partition.id, name: enterprise.partition.name },
});
