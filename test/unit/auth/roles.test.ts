import { describe, expect, it } from 'vitest';
import { assertRelayCallAllowed, capabilitiesFor } from '../../../main/auth/roles.ts';

const zt = { endpointId: 'e1', pairingCodeId: 'p1' };

describe('capabilities from roles', () => {
  it('read-write provisions; read-only controls but does not provision; pairing reaches one room', () => {
    expect(capabilitiesFor('relay', ['ROLE_READWRITE', 'ROLE_READONLY'], null)).toEqual({ canView: true, canControl: true, canProvision: true, zeroTouch: null });
    expect(capabilitiesFor('password', ['ROLE_READONLY'], null)).toEqual({ canView: true, canControl: true, canProvision: false, zeroTouch: null });
    expect(capabilitiesFor('pairing', ['ROLE_PAIRINGCODE'], zt)).toEqual({ canView: true, canControl: true, canProvision: false, zeroTouch: zt });
    expect(capabilitiesFor('meeting', [], null)).toEqual({ canView: false, canControl: false, canProvision: false, zeroTouch: null });
    expect(capabilitiesFor('relay', [], null).canView).toBe(false);
  });
});

describe('Relay calls are checked against the roles in main', () => {
  const ro = capabilitiesFor('password', ['ROLE_READONLY'], null);
  const rw = capabilitiesFor('relay', ['ROLE_READWRITE'], null);
  const pair = capabilitiesFor('pairing', ['ROLE_PAIRINGCODE'], zt);

  it('read-only: reads and room control pass, provisioning changes are refused in words', () => {
    expect(() => assertRelayCallAllowed(ro, 'GET', '/api/endpoints')).not.toThrow();
    expect(() => assertRelayCallAllowed(ro, 'POST', '/api/endpoints/abc/join')).not.toThrow();
    expect(() => assertRelayCallAllowed(ro, 'POST', '/api/endpoints/abc/mutemicrophone')).not.toThrow();
    expect(() => assertRelayCallAllowed(ro, 'POST', '/api/endpoints')).toThrow(/read-only/);
    expect(() => assertRelayCallAllowed(ro, 'PUT', '/api/endpoints/abc')).toThrow(/read-only/);
    expect(() => assertRelayCallAllowed(ro, 'DELETE', '/api/endpoints/abc')).toThrow(/read-only/);
    expect(() => assertRelayCallAllowed(rw, 'PUT', '/api/endpoints/abc')).not.toThrow();
  });

  it('pairing: only the zero-touch calls for its own endpoint', () => {
    for (const [method, path] of [
      ['GET', '/api/endpoints/p1/pairingcode'],
      ['GET', '/api/meetings/?endpoint=e1'],
      ['GET', '/api/meetings/123/joinflow'],
      ['POST', '/api/endpoints/e1/join'],
      ['GET', '/api/endpoints/e1/status'],
      ['GET', '/api/endpoints/e1/paired'],
      ['POST', '/api/endpoints/e1/mutemicrophone'],
      ['POST', '/api/endpoints/e1/unmutemicrophone'],
      ['POST', '/api/endpoints/e1/hangup'],
      ['DELETE', '/api/auth/accesstokens/tok'],
    ]) {
      expect(() => assertRelayCallAllowed(pair, method!, path!), `${method} ${path}`).not.toThrow();
    }
    for (const [method, path] of [
      ['GET', '/api/endpoints'],
      ['GET', '/api/endpoints/e2/status'],
      ['POST', '/api/endpoints/e2/join'],
      ['GET', '/api/meetings/?endpoint=e2'],
      ['GET', '/api/enterprises/self'],
      ['PUT', '/api/endpoints/e1'],
      ['GET', '/api/endpoints/status'],
    ]) {
      expect(() => assertRelayCallAllowed(pair, method!, path!), `${method} ${path}`).toThrow(/room-pairing/);
    }
  });
});
