// The add and reconnect forms' fields, their inline checks (the same rules main enforces with zod, so
// most mistakes are caught while typing), and the input each kind sends. Pure: no React, no DOM.
import type { AddConnectionInput, ConnectionKind, ConnectionView, ReconnectInput } from '../../../../contract/index.ts';

export interface FormValues {
  name: string;
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  durationDays: string;
  pairingCode: string;
  sourceFrom: 'connection' | 'password' | 'client';
  sourceConnectionId: string;
  meetingId: string;
  passcode: string;
  api: string;
  authorize: string;
  relay: string;
}

export type FieldName = keyof FormValues;
export type FieldErrors = Partial<Record<FieldName, string>>;

export const emptyForm: FormValues = {
  name: '',
  clientId: '',
  clientSecret: '',
  username: '',
  password: '',
  durationDays: '',
  pairingCode: '',
  sourceFrom: 'connection',
  sourceConnectionId: '',
  meetingId: '',
  passcode: '',
  api: '',
  authorize: '',
  relay: '',
};

/** Connections whose BlueJeans token can be traded for a pairing token. */
export function pairingSources(connections: readonly ConnectionView[]): ConnectionView[] {
  return connections.filter((c) => (c.kind === 'code' || c.kind === 'client' || c.kind === 'password') && c.state === 'connected');
}

/** The fields a kind shows. */
export function fieldsFor(kind: ConnectionKind, sourceFrom: FormValues['sourceFrom']): FieldName[] {
  switch (kind) {
    case 'code':
    case 'client':
      return ['clientId', 'clientSecret'];
    case 'password':
      return ['username', 'password'];
    case 'relay':
      return ['username', 'password', 'durationDays'];
    case 'pairing':
      return ['pairingCode', ...(sourceFrom === 'connection' ? ['sourceConnectionId' as const] : sourceFrom === 'password' ? ['username' as const, 'password' as const] : ['clientId' as const, 'clientSecret' as const])];
    case 'meeting':
      return ['meetingId', 'passcode'];
  }
}

const ORIGIN = /^(https?):\/\/([a-z0-9.-]+|\[[0-9a-f:]+\])(?::(\d{1,5}))?\/?$/i;
type ServerField = 'api' | 'authorize' | 'relay';

/**
 * A server address as people paste it, made the bare origin main takes: trailing slashes go, and on the
 * Relay address a trailing /api too (Relay's paths are /api/…; the simulator prints its Relay URL with it).
 */
export function serverAddress(field: ServerField, value: string): string {
  const bare = value.trim().replace(/\/+$/, '');
  return field === 'relay' ? bare.replace(/\/api$/i, '') : bare;
}
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const CONTROL = /\p{Cc}/u;

export function checkField(field: FieldName, value: string): string | null {
  const v = field === 'password' || field === 'clientSecret' ? value : value.trim();
  switch (field) {
    case 'name':
      return v.length > 80 ? 'Use at most 80 characters.' : CONTROL.test(v) ? 'Remove the control characters.' : null;
    case 'clientId':
      return !v ? 'Enter the app key.' : /\s/.test(v) ? 'The app key has no spaces.' : v.length > 128 ? 'That is too long for an app key.' : null;
    case 'clientSecret':
      return !v ? 'Enter the app secret.' : v.length > 256 ? 'That is too long for an app secret.' : null;
    case 'username':
      return !v ? 'Enter the user name.' : v.length > 256 ? 'That is too long for a user name.' : null;
    case 'password':
      return !v ? 'Enter the password.' : v.length > 1024 ? 'That is too long for a password.' : null;
    case 'durationDays':
      return !v || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 365) ? null : 'Enter a number of days from 1 to 365, or leave it empty for two weeks.';
    case 'pairingCode':
      return /^[A-Za-z0-9]{4,16}$/.test(v) ? null : 'Enter the pairing code shown on the room screen (4 to 16 letters or digits).';
    case 'sourceConnectionId':
      return v ? null : 'Choose the connection whose sign-in is used.';
    case 'meetingId':
      return /^\d{4,15}$/.test(v) ? null : 'Enter the meeting ID: 4 to 15 digits.';
    case 'passcode':
      return /^\d{0,12}$/.test(v) ? null : 'A passcode is digits only (leave it empty if the meeting has none).';
    case 'api':
    case 'authorize':
    case 'relay': {
      if (!v) return null;
      const m = ORIGIN.exec(serverAddress(field, v));
      if (!m) {
        return field === 'relay'
          ? 'Enter the Relay address without a path, like https://relay.example.com (an /api at the end is fine).'
          : 'Enter the address without a path, like https://api.example.com.';
      }
      if (m[1]!.toLowerCase() === 'http' && !LOOPBACK.has(m[2]!.toLowerCase())) return 'Use https:// (plain http:// only on this computer).';
      return null;
    }
    case 'sourceFrom':
      return null;
  }
}

/** Whether the form asks for server addresses: not for a pairing from a connection (it uses that connection's). */
export function asksForServers(kind: ConnectionKind, sourceFrom: FormValues['sourceFrom']): boolean {
  return !(kind === 'pairing' && sourceFrom === 'connection');
}

const serverFields: readonly ServerField[] = ['api', 'authorize', 'relay'];

export function validate(kind: ConnectionKind, values: FormValues, withBases: boolean): FieldErrors {
  const errors: FieldErrors = {};
  const fields: FieldName[] = [...fieldsFor(kind, values.sourceFrom), 'name', ...(withBases && asksForServers(kind, values.sourceFrom) ? serverFields : [])];
  for (const field of fields) {
    const error = checkField(field, values[field]);
    if (error) errors[field] = error;
  }
  return errors;
}

export function toAddInput(kind: ConnectionKind, v: FormValues): AddConnectionInput {
  // A pairing from a connection uses that connection's servers: main refuses addresses with it.
  const fromConnection = kind === 'pairing' && v.sourceFrom === 'connection';
  const bases = fromConnection ? {} : Object.fromEntries(serverFields.filter((k) => v[k].trim()).map((k) => [k, serverAddress(k, v[k])]));
  const common = { ...(v.name.trim() ? { name: v.name.trim() } : {}), ...(Object.keys(bases).length ? { bases } : {}) };
  switch (kind) {
    case 'code':
    case 'client':
      return { kind, ...common, clientId: v.clientId.trim(), clientSecret: v.clientSecret };
    case 'password':
      return { kind, ...common, username: v.username.trim(), password: v.password };
    case 'relay':
      return { kind, ...common, username: v.username.trim(), password: v.password, ...(v.durationDays.trim() ? { durationDays: Number(v.durationDays) } : {}) };
    case 'pairing':
      return {
        kind,
        ...common,
        pairingCode: v.pairingCode.trim(),
        source:
          v.sourceFrom === 'connection'
            ? { from: 'connection', connectionId: v.sourceConnectionId }
            : v.sourceFrom === 'password'
              ? { from: 'password', username: v.username.trim(), password: v.password }
              : { from: 'client', clientId: v.clientId.trim(), clientSecret: v.clientSecret },
      };
    case 'meeting':
      return { kind, ...common, meetingId: v.meetingId.trim(), passcode: v.passcode.trim() };
  }
}

/** What a reconnect asks for again, by kind. */
export function reconnectFields(view: ConnectionView): FieldName[] {
  switch (view.kind) {
    case 'code':
    case 'client':
      return ['clientSecret'];
    case 'password':
    case 'relay':
      return ['password'];
    case 'meeting':
      return ['passcode'];
    case 'pairing':
      return ['pairingCode', ...(view.pairingSource === 'password' ? (['password'] as const) : view.pairingSource === 'client' ? (['clientSecret'] as const) : [])];
  }
}

/** Inline checks of the reconnect form. The app secret of code and client kinds may stay empty: main then uses the saved one. */
export function validateReconnect(view: ConnectionView, values: FormValues): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of reconnectFields(view)) {
    if (field === 'clientSecret' && view.kind !== 'pairing' && !values.clientSecret) continue;
    const error = checkField(field, values[field]);
    if (error) errors[field] = error;
  }
  return errors;
}

export function toReconnectInput(view: ConnectionView, v: FormValues): ReconnectInput {
  const fields = reconnectFields(view);
  return {
    id: view.id,
    ...(fields.includes('password') ? { password: v.password } : {}),
    ...(fields.includes('clientSecret') && v.clientSecret ? { clientSecret: v.clientSecret } : {}),
    ...(fields.includes('pairingCode') ? { pairingCode: v.pairingCode.trim() } : {}),
    ...(fields.includes('passcode') ? { passcode: v.passcode.trim() } : {}),
  };
}
