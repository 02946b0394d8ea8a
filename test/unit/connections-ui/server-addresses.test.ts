// The add form takes server addresses as people paste them (the simulator prints its Relay URL ending in
// /api) and sends main the bare origin; a pairing from a connection sends none.
import { describe, expect, it } from 'vitest';
import { addConnectionInput } from '../../../contract/index.ts';
import { checkField, emptyForm, serverAddress, toAddInput } from '../../../renderer/src/screens/connections/form-model.ts';

describe('server addresses as people paste them', () => {
  it('a Relay address ending in /api or /api/ (as the simulator prints it) is taken without it; trailing slashes go', () => {
    expect(serverAddress('relay', 'http://127.0.0.1:8787/api')).toBe('http://127.0.0.1:8787');
    expect(serverAddress('relay', ' http://127.0.0.1:8787/api/ ')).toBe('http://127.0.0.1:8787');
    expect(serverAddress('relay', 'https://relay.example.com/API')).toBe('https://relay.example.com');
    expect(serverAddress('relay', 'https://relay.example.com//')).toBe('https://relay.example.com');
    expect(serverAddress('api', 'https://api.example.com///')).toBe('https://api.example.com');
    expect(serverAddress('authorize', 'https://bluejeans.example.com/')).toBe('https://bluejeans.example.com');
    for (const v of ['http://127.0.0.1:8787/api', 'http://127.0.0.1:8787/api/', 'https://relay.example.com//']) expect(checkField('relay', v), v).toBeNull();
  });

  it('any other path is refused in words, and /api only on the Relay address', () => {
    expect(checkField('relay', 'https://relay.example.com/api/v2')).toMatch(/without a path.*\/api/);
    expect(checkField('api', 'https://api.example.com/api')).toMatch(/without a path/);
    expect(checkField('relay', 'relay.example.com')).toMatch(/https:\/\//);
  });

  it('the input sent to main carries the bare origin, which main accepts', () => {
    const input = toAddInput('relay', { ...emptyForm, username: 'u', password: 'p', relay: 'http://127.0.0.1:8787/api/', api: 'http://127.0.0.1:8787/' });
    expect(input).toMatchObject({ bases: { relay: 'http://127.0.0.1:8787', api: 'http://127.0.0.1:8787' } });
    expect(addConnectionInput.safeParse(input).success).toBe(true);
  });

  it("a pairing from a connection sends no addresses (it uses that connection's servers)", () => {
    const input = toAddInput('pairing', { ...emptyForm, pairingCode: 'ABCDE', sourceConnectionId: 'c9', relay: 'https://elsewhere.example.com' });
    expect(input).toEqual({ kind: 'pairing', pairingCode: 'ABCDE', source: { from: 'connection', connectionId: 'c9' } });
  });
});
