// What main accepts when the renderer adds, renames or reconnects a connection: the contract's schemas on
// their own, value by value, with the words an admin reads when a field is refused.
import { describe, expect, it } from 'vitest';
import {
  acceptRiskInput,
  addConnectionInput,
  baseUrl,
  connectionIdInput,
  defaultBases,
  pairingCode,
  pairingSource,
  pollBudgetInput,
  reconnectInput,
  renameInput,
} from '../../../contract/index.ts';
import { accepted, refusal, refusedWith } from './schema-check.ts';

const httpsOnly = 'must be an https:// address with no path (plain http:// only for 127.0.0.1 or localhost)';

describe('a server address (base URL)', () => {
  it('is an origin, lower-cased, without its trailing slash or surrounding spaces', () => {
    expect(accepted(baseUrl, 'https://relay.example.com')).toBe('https://relay.example.com');
    expect(accepted(baseUrl, 'HTTPS://Relay.Example.COM/')).toBe('https://relay.example.com');
    expect(accepted(baseUrl, '  https://api.example.com:8443/ ')).toBe('https://api.example.com:8443');
  });

  it('takes plain http only on this computer', () => {
    expect(accepted(baseUrl, 'http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(accepted(baseUrl, 'http://localhost:8787/')).toBe('http://localhost:8787');
    expect(accepted(baseUrl, 'http://LOCALHOST')).toBe('http://localhost');
    expect(accepted(baseUrl, 'http://[::1]:8787')).toBe('http://[::1]:8787');
    for (const remote of ['http://relay.example.com', 'http://127.0.0.2:8787', 'http://10.0.0.1']) refusedWith(baseUrl, remote, httpsOnly);
  });

  it('has a port of at most 65535', () => {
    expect(accepted(baseUrl, 'https://relay.example.com:65535')).toBe('https://relay.example.com:65535');
    refusedWith(baseUrl, 'https://relay.example.com:65536', httpsOnly);
    refusedWith(baseUrl, 'https://relay.example.com:99999', httpsOnly);
  });

  it('has no path, query, user or other scheme', () => {
    for (const bad of ['https://relay.example.com/api', 'https://relay.example.com?x=1', 'https://user:pw@relay.example.com', 'ftp://relay.example.com', 'relay.example.com', 'see https://relay.example.com'])
      refusedWith(baseUrl, bad, httpsOnly);
    refusal(baseUrl, `https://${'a'.repeat(2050)}.example.com`);
  });

  it('defaults to the BlueJeans servers', () => {
    expect(defaultBases).toEqual({ api: 'https://api.bluejeans.com', authorize: 'https://bluejeans.com', relay: 'https://relay.bluejeans.com' });
  });
});

describe('connections.add', () => {
  const client = { kind: 'client', clientId: 'relayconsole', clientSecret: 's3cret' };

  it('takes each kind with its own fields', () => {
    expect(accepted(addConnectionInput, { kind: 'code', clientId: 'app', clientSecret: 'sec' })).toEqual({ kind: 'code', clientId: 'app', clientSecret: 'sec' });
    expect(accepted(addConnectionInput, client)).toEqual(client);
    expect(accepted(addConnectionInput, { kind: 'password', username: 'it.admin', password: 'pw' })).toEqual({ kind: 'password', username: 'it.admin', password: 'pw' });
    expect(accepted(addConnectionInput, { kind: 'relay', username: 'relay-admin', password: 'pw', durationDays: 365 })).toMatchObject({ durationDays: 365 });
    expect(accepted(addConnectionInput, { kind: 'meeting', meetingId: '4085551212', passcode: '1234' })).toEqual({ kind: 'meeting', meetingId: '4085551212', passcode: '1234' });
    expect(accepted(addConnectionInput, { kind: 'pairing', pairingCode: 'abcd', source: { from: 'client', clientId: 'app', clientSecret: 'sec' } })).toEqual({
      kind: 'pairing',
      pairingCode: 'ABCD',
      source: { from: 'client', clientId: 'app', clientSecret: 'sec' },
    });
    // A field of another kind is refused, not carried along.
    refusal(addConnectionInput, { ...client, username: 'u' });
  });

  it('takes a name and server addresses for every kind, trimmed and normalised', () => {
    expect(accepted(addConnectionInput, { ...client, name: '  Main office ', bases: { api: 'https://API.example.com/', authorize: 'https://login.example.com', relay: 'https://relay.example.com' } })).toEqual({
      ...client,
      name: 'Main office',
      bases: { api: 'https://api.example.com', authorize: 'https://login.example.com', relay: 'https://relay.example.com' },
    });
    refusal(addConnectionInput, { ...client, bases: { relay: 'https://relay.example.com', other: 'https://x.example.com' } });
  });

  it('names a connection with 1 to 80 printable characters', () => {
    expect(accepted(addConnectionInput, { ...client, name: 'x'.repeat(80) })).toMatchObject({ name: 'x'.repeat(80) });
    refusedWith(addConnectionInput, { ...client, name: '   ' }, 'must not be empty');
    refusedWith(addConnectionInput, { ...client, name: 'x'.repeat(81) }, 'must be at most 80 characters');
    refusedWith(addConnectionInput, { ...client, name: 'bad\u0007name' }, 'must not contain control characters');
  });

  it('checks the app key and secret in words', () => {
    expect(accepted(addConnectionInput, { ...client, clientId: '  app-key.1 ' })).toMatchObject({ clientId: 'app-key.1' });
    expect(accepted(addConnectionInput, { ...client, clientId: 'k'.repeat(128) })).toMatchObject({ clientId: 'k'.repeat(128) });
    refusal(addConnectionInput, { ...client, clientId: 'k'.repeat(129) });
    refusedWith(addConnectionInput, { ...client, clientId: '' }, 'App key is required');
    refusedWith(addConnectionInput, { ...client, clientId: 'has space' }, 'App key must be printable characters without spaces');
    refusedWith(addConnectionInput, { ...client, clientId: 'tab\tkey' }, 'App key must be printable characters without spaces');
    // A secret is taken exactly as typed: spaces may be part of it.
    expect(accepted(addConnectionInput, { ...client, clientSecret: ' s p ' })).toMatchObject({ clientSecret: ' s p ' });
    expect(accepted(addConnectionInput, { ...client, clientSecret: 's'.repeat(256) })).toMatchObject({ clientSecret: 's'.repeat(256) });
    refusal(addConnectionInput, { ...client, clientSecret: 's'.repeat(257) });
    refusedWith(addConnectionInput, { ...client, clientSecret: '' }, 'App secret is required');
    refusedWith(addConnectionInput, { ...client, clientSecret: 'line\nbreak' }, 'must not contain control characters');
  });

  it('checks the user name and password in words', () => {
    const pw = { kind: 'password', username: 'it.admin', password: 'pw' };
    expect(accepted(addConnectionInput, { ...pw, username: ' it.admin ', password: ' spaces kept ' })).toMatchObject({ username: 'it.admin', password: ' spaces kept ' });
    expect(accepted(addConnectionInput, { ...pw, username: 'u'.repeat(256), password: 'p'.repeat(1024) })).toMatchObject({ username: 'u'.repeat(256) });
    refusal(addConnectionInput, { ...pw, username: 'u'.repeat(257) });
    refusal(addConnectionInput, { ...pw, password: 'p'.repeat(1025) });
    refusedWith(addConnectionInput, { ...pw, username: ' ' }, 'User name is required');
    refusedWith(addConnectionInput, { ...pw, username: 'it\u0000admin' }, 'must not contain control characters');
    refusedWith(addConnectionInput, { ...pw, password: '' }, 'Password is required');
    refusedWith(addConnectionInput, { ...pw, password: 'p\u001bw' }, 'must not contain control characters');
  });

  it('takes a Relay token lifetime of 1 to 365 whole days', () => {
    const relay = { kind: 'relay', username: 'u', password: 'p' };
    expect(accepted(addConnectionInput, { ...relay, durationDays: 1 })).toMatchObject({ durationDays: 1 });
    for (const days of [0, 366, 1.5]) refusal(addConnectionInput, { ...relay, durationDays: days });
  });

  it('checks a meeting id and passcode in words', () => {
    const meeting = { kind: 'meeting', meetingId: '4085551212', passcode: '' };
    expect(accepted(addConnectionInput, { ...meeting, meetingId: ' 1234 ', passcode: ' 0042 ' })).toMatchObject({ meetingId: '1234', passcode: '0042' });
    expect(accepted(addConnectionInput, { ...meeting, meetingId: '1'.repeat(15), passcode: '9'.repeat(12) })).toMatchObject({ passcode: '9'.repeat(12) });
    for (const id of ['123', '1'.repeat(16), '12ab4', 'ab1234', '1234ab']) refusedWith(addConnectionInput, { ...meeting, meetingId: id }, 'Meeting ID must be 4 to 15 digits');
    for (const code of ['12a', 'a12', '1'.repeat(13), 'secret']) refusedWith(addConnectionInput, { ...meeting, passcode: code }, 'Passcode must be digits (leave empty for none)');
  });
});

describe('a room pairing', () => {
  const words = 'Pairing code must be 4 to 16 letters or digits, as shown in the room';

  it('takes the code as shown in the room, in capitals', () => {
    expect(accepted(pairingCode, ' wnrz ')).toBe('WNRZ');
    expect(accepted(pairingCode, 'a1B2c3D4e5F6g7H8')).toBe('A1B2C3D4E5F6G7H8');
    for (const bad of ['abc', 'a'.repeat(17), '!ABCD', 'ABCD!', 'AB-CD']) refusedWith(pairingCode, bad, words);
  });

  it('takes its BlueJeans token from a connection, a user password or an enterprise app', () => {
    expect(accepted(pairingSource, { from: 'connection', connectionId: 'c-1_x' })).toEqual({ from: 'connection', connectionId: 'c-1_x' });
    expect(accepted(pairingSource, { from: 'password', username: 'u', password: 'p' })).toEqual({ from: 'password', username: 'u', password: 'p' });
    expect(accepted(pairingSource, { from: 'client', clientId: 'app', clientSecret: 'sec' })).toEqual({ from: 'client', clientId: 'app', clientSecret: 'sec' });
    refusal(pairingSource, { from: 'client', username: 'u', password: 'p' });
    refusal(pairingSource, { from: 'meeting', meetingId: '1234' });
  });

  it('made from a connection, uses that connection\'s servers and takes none of its own', () => {
    const fromConnection = { kind: 'pairing', pairingCode: 'ABCD', source: { from: 'connection', connectionId: 'c1' } };
    const r = addConnectionInput.safeParse({ ...fromConnection, bases: { relay: 'https://elsewhere.example.com' } });
    expect(r.success).toBe(false);
    expect(r.error?.issues).toEqual([
      expect.objectContaining({
        path: ['bases'],
        message: 'A room pairing made from a connection uses the servers of the connection it comes from; leave the server addresses out',
      }),
    ]);
    accepted(addConnectionInput, fromConnection);
    // With a token of its own, a pairing may name its servers.
    const own = { kind: 'pairing', pairingCode: 'ABCD', source: { from: 'password', username: 'u', password: 'p' }, bases: { relay: 'https://relay.example.com' } };
    expect(accepted(addConnectionInput, own)).toMatchObject({ bases: { relay: 'https://relay.example.com' } });
  });
});

describe('the other connection inputs', () => {
  it('name a connection by an id of 1 to 64 letters, digits, - and _', () => {
    expect(accepted(connectionIdInput, { id: 'c-1_AZ' })).toEqual({ id: 'c-1_AZ' });
    expect(accepted(connectionIdInput, { id: 'c'.repeat(64) })).toEqual({ id: 'c'.repeat(64) });
    for (const id of ['', 'c'.repeat(65), '../etc', 'c1/..', 'c 1']) refusedWith(connectionIdInput, { id }, 'not a connection id');
  });

  it('rename with a valid name', () => {
    expect(accepted(renameInput, { id: 'c1', name: ' Berlin ' })).toEqual({ id: 'c1', name: 'Berlin' });
    refusedWith(renameInput, { id: 'c1', name: '' }, 'must not be empty');
  });

  it('reconnect with whatever the kind needs again', () => {
    expect(accepted(reconnectInput, { id: 'c1' })).toEqual({ id: 'c1' });
    expect(accepted(reconnectInput, { id: 'c1', password: ' pw ', clientSecret: 'sec', pairingCode: 'abcd', passcode: '12' })).toEqual({
      id: 'c1',
      password: ' pw ',
      clientSecret: 'sec',
      pairingCode: 'ABCD',
      passcode: '12',
    });
    refusedWith(reconnectInput, { id: 'c1', passcode: 'abc' }, 'Passcode must be digits (leave empty for none)');
    refusal(reconnectInput, { id: 'c1', username: 'u' });
  });

  it('set a request budget between 0.2 and 100 a second, or none', () => {
    for (const perSec of [0.2, 2, 100, null]) expect(accepted(pollBudgetInput, { id: 'c1', perSec })).toEqual({ id: 'c1', perSec });
    refusedWith(pollBudgetInput, { id: 'c1', perSec: 0.1 }, 'at least 0.2 requests a second');
    refusedWith(pollBudgetInput, { id: 'c1', perSec: 101 }, 'at most 100 requests a second');
    refusal(pollBudgetInput, { id: 'c1' });
  });

  it('accept or decline the "store anyway" risk with a yes or no', () => {
    expect(accepted(acceptRiskInput, { accept: true })).toEqual({ accept: true });
    expect(accepted(acceptRiskInput, { accept: false })).toEqual({ accept: false });
    refusal(acceptRiskInput, { accept: 'yes' });
  });
});
