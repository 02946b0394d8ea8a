// The small rules of a connection, each on its own: when a credential is renewed, the timers that do it,
// the sentences a connection shows when it needs the user, its default name, and the saved record's shape.
import { describe, expect, it } from 'vitest';
import type { Acquired } from '../../../main/auth/acquire.ts';
import { expiryMessage, reconnectMessage } from '../../../main/auth/messages.ts';
import { defaultName } from '../../../main/auth/naming.ts';
import { connectionRecord, type ConnectionRecord } from '../../../main/auth/records.ts';
import { renewAt, Timers } from '../../../main/auth/timers.ts';
import { ManualClock } from '../../helpers/manual-clock.ts';

const day = 86_400_000;

describe('renewal time', () => {
  it('is at 80 % of the life, at least 5 s and at most a day before expiry', () => {
    expect(renewAt(0, 100_000)).toBe(80_000);
    expect(renewAt(0, 10_000)).toBe(5_000);
    expect(renewAt(0, 30 * day)).toBe(29 * day);
    expect(renewAt(1_000, 1_000)).toBe(-4_000);
    expect(renewAt(2_000, 1_000)).toBe(-4_000); // an expiry before the issue: treated as no life left
  });
});

describe('named timers', () => {
  it('fire once at their time, on the next turn when already due, and a new one replaces the old', () => {
    const clock = new ManualClock(0);
    const timers = new Timers(clock);
    const fired: string[] = [];
    timers.at('renew', 1_000, () => fired.push('first'));
    timers.at('renew', 2_000, () => fired.push('second'));
    clock.advance(1_500);
    expect(fired).toEqual([]);
    clock.advance(500);
    expect(fired).toEqual(['second']);
    timers.at('due', 0, () => fired.push('due'));
    expect(fired).toEqual(['second']);
    clock.advance(0);
    expect(fired).toEqual(['second', 'due']);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('wait past the longest setTimeout delay in steps, and cancel one or all', () => {
    const clock = new ManualClock(0);
    const timers = new Timers(clock);
    const fired: string[] = [];
    timers.at('far', 30 * day, () => fired.push('far'));
    clock.advance(2_147_483_647);
    expect(fired).toEqual([]);
    expect(clock.pendingTimers()).toBe(1);
    clock.advance(30 * day - 2_147_483_647);
    expect(fired).toEqual(['far']);
    const now = clock.now();
    timers.at('a', now + 10, () => fired.push('a'));
    timers.at('b', now + 10, () => fired.push('b'));
    timers.cancel('a');
    timers.cancel('none');
    clock.advance(10);
    expect(fired).toEqual(['far', 'b']);
    timers.at('c', now + 50, () => fired.push('c'));
    timers.at('d', now + 60, () => fired.push('d'));
    timers.cancelAll();
    clock.advance(100);
    expect(fired).toEqual(['far', 'b']);
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('what a connection says when it needs the user', () => {
  it('asks for what each kind needs again when its credential was refused', () => {
    expect(reconnectMessage('password')).toBe('The Relay token is no longer accepted (it expired or was deleted). Enter the password again to reconnect.');
    expect(reconnectMessage('relay')).toBe(reconnectMessage('password'));
    expect(reconnectMessage('pairing')).toBe('The room pairing ended (pairing tokens last one day). Enter the pairing code shown in the room to pair again.');
    expect(reconnectMessage('meeting')).toBe('Meeting passcodes are never saved. Enter the passcode again to use this meeting.');
    expect(reconnectMessage('code')).toBe('BlueJeans no longer accepts the saved sign-in. Sign in with BlueJeans again.');
    expect(reconnectMessage('client')).toBe('BlueJeans no longer accepts the app key and secret. Enter the app secret again.');
  });

  it('says it expired where nothing kept can renew it', () => {
    expect(expiryMessage('password')).toBe('The Relay token expired. Enter the password again to reconnect.');
    expect(expiryMessage('relay')).toBe(expiryMessage('password'));
    expect(expiryMessage('pairing')).toBe('The room pairing expired (pairing tokens last one day). Enter the pairing code shown in the room to pair again.');
    expect(expiryMessage('meeting')).toBe('The meeting token expired. Enter the passcode again to use this meeting.');
    expect(expiryMessage('code')).toBe(reconnectMessage('code'));
    expect(expiryMessage('client')).toBe(reconnectMessage('client'));
  });
});

const base: ConnectionRecord = {
  id: 'c1',
  name: 'Acme',
  kind: 'client',
  bases: { api: 'https://api.example.com', authorize: 'https://login.example.com', relay: 'https://relay.example.com' },
  createdAt: 0,
  demo: false,
  clientId: 'app',
  username: null,
  meetingId: null,
  pairingSource: null,
  sourceConnectionId: null,
  durationDays: null,
  signedOut: false,
  relay: null,
};
const nothing: Acquired = { seam: null, relay: null, meeting: null, keep: {} };
const relayOf = (enterprise: string | null): Acquired => ({
  ...nothing,
  relay: { token: 't', issuedAt: 0, expiresAt: 1, roles: [], enterprise, pairing: null },
});

describe("a connection's default name", () => {
  it('names the enterprise, or the Relay host, and what the connection is', () => {
    expect(defaultName(base, relayOf('Acme Corp'))).toBe('Acme Corp (enterprise app)');
    expect(defaultName(base, nothing)).toBe('relay.example.com (enterprise app)');
    expect(defaultName({ ...base, kind: 'code' }, relayOf('Acme Corp'))).toBe('Acme Corp (BlueJeans sign-in)');
    expect(defaultName({ ...base, kind: 'relay' }, relayOf(null))).toBe('relay.example.com (Relay account)');
    expect(defaultName({ ...base, kind: 'pairing' }, relayOf('Acme Corp'))).toBe('Acme Corp (room pairing)');
    expect(defaultName({ ...base, kind: 'password', username: 'it.admin' }, relayOf('Acme Corp'))).toBe('Acme Corp (user it.admin)');
    expect(defaultName({ ...base, kind: 'password', username: null }, relayOf('Acme Corp'))).toBe('Acme Corp (user)');
  });

  it('names a meeting by its id, and stays within 80 characters', () => {
    expect(defaultName({ ...base, kind: 'meeting', meetingId: '4085551212' }, nothing)).toBe('Meeting 4085551212');
    expect(defaultName({ ...base, kind: 'meeting', meetingId: null }, nothing)).toBe('Meeting');
    const long = defaultName({ ...base, kind: 'password', username: 'u'.repeat(100) }, relayOf('Acme'));
    expect(long).toHaveLength(80);
    expect(long.startsWith('Acme (user uuu')).toBe(true);
  });
});

describe('a saved connection record', () => {
  it('takes a record as the app writes it', () => {
    const full: ConnectionRecord = {
      ...base,
      meetingScope: 'moderator',
      pollBudget: 2,
      relay: { issuedAt: 1, expiresAt: 2, roles: ['ROLE_READONLY'], enterprise: 'Acme', pairing: { endpointId: 'ep1', pairingCodeId: 'pc1' } },
    };
    expect(connectionRecord.parse(full)).toEqual(full);
    expect(connectionRecord.parse({ ...base, bases: { ...base.bases, relay: 'http://127.0.0.1:8787' } }).bases.relay).toBe('http://127.0.0.1:8787');
    expect(connectionRecord.parse({ ...base, name: 'n'.repeat(80), id: 'i'.repeat(64), pollBudget: null, durationDays: 365 }).durationDays).toBe(365);
  });

  it('drops a record edited by hand', () => {
    const bad: unknown[] = [
      { ...base, id: '../c1' },
      { ...base, id: 'i'.repeat(65) },
      { ...base, name: '' },
      { ...base, name: 'n'.repeat(81) },
      { ...base, kind: 'ftp' },
      { ...base, bases: { ...base.bases, api: 'https://api.example.com/path' } },
      { ...base, bases: { ...base.bases, api: 'javascript:alert(1)' } },
      { ...base, bases: { ...base.bases, api: 'https://api.example.com x' } },
      { ...base, bases: { ...base.bases, extra: 'https://x.example.com' } },
      { ...base, createdAt: -1 },
      { ...base, createdAt: 1.5 },
      { ...base, clientId: 'k'.repeat(129) },
      { ...base, username: 'u'.repeat(257) },
      { ...base, meetingId: '1'.repeat(16) },
      { ...base, meetingScope: 'owner' },
      { ...base, pairingSource: 'meeting' },
      { ...base, sourceConnectionId: 'a/b' },
      { ...base, durationDays: 0 },
      { ...base, durationDays: 366 },
      { ...base, pollBudget: 0.1 },
      { ...base, pollBudget: 101 },
      { ...base, signedOut: 'no' },
      { ...base, relay: { issuedAt: 1, expiresAt: 2, roles: Array(21).fill('R'), enterprise: null, pairing: null } },
      { ...base, relay: { issuedAt: 1, expiresAt: 2, roles: ['R'.repeat(65)], enterprise: null, pairing: null } },
      { ...base, relay: { issuedAt: 1, expiresAt: 2, roles: [], enterprise: 'e'.repeat(257), pairing: null } },
      { ...base, relay: { issuedAt: 1, expiresAt: 2, roles: [], enterprise: null, pairing: { endpointId: 'e'.repeat(65), pairingCodeId: 'p' } } },
      { ...base, relay: { issuedAt: 1, expiresAt: 2, roles: [], enterprise: null, pairing: null, token: 'secret' } },
      { ...base, relayToken: 'secret' },
    ];
    for (const value of bad) expect(connectionRecord.safeParse(value).success, JSON.stringify(value).slice(0, 120)).toBe(false);
  });
});
