// The token answers as main reads them: lifetimes on this computer's clock, whatever the server's clock
// says, and what a grant or Relay token entity may and may not carry.
import { describe, expect, it } from 'vitest';
import { grantResponse, meetingGrantResponse, relayAccessToken, relayFromEntity, seamFromGrant } from '../../../main/auth/tokens.ts';

const now = 1_000_000;

describe('a grant answer', () => {
  it('becomes a Seam token that expires expires_in seconds from now', () => {
    const body = grantResponse.parse({ access_token: 'seam-1', expires_in: 3600, refresh_token: 'r-1', scope: { user: 7, enterprise: 9, extra: true } });
    expect(seamFromGrant(body, now)).toEqual({ token: 'seam-1', issuedAt: now, expiresAt: now + 3_600_000, refreshToken: 'r-1', user: 7, enterprise: 9 });
  });

  it('has no refresh token when the server sends none or "" (the password grant), and no scope when it sends none', () => {
    for (const refresh of [undefined, null, '']) {
      const body = grantResponse.parse({ access_token: 'seam-1', expires_in: 60, refresh_token: refresh });
      expect(seamFromGrant(body, now)).toMatchObject({ refreshToken: null, user: null, enterprise: null });
    }
  });

  it('is refused without a token, with a lifetime that is not positive, or with oversized tokens', () => {
    for (const bad of [
      { expires_in: 60 },
      { access_token: '', expires_in: 60 },
      { access_token: 't'.repeat(513), expires_in: 60 },
      { access_token: 't', expires_in: 0 },
      { access_token: 't', expires_in: 60, refresh_token: 'r'.repeat(513) },
      { access_token: 't', expires_in: 60, scope: { user: 'me' } },
    ])
      expect(grantResponse.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    expect(grantResponse.safeParse({ access_token: 't'.repeat(512), expires_in: 0.5, refresh_token: 'r'.repeat(512), scope: { partition: { id: 1, name: 'z' }, partitionName: 'z' } }).success).toBe(true);
  });

  it('of the meeting grant says which meeting and whether moderator', () => {
    expect(meetingGrantResponse.parse({ access_token: 'm', expires_in: 60, scope: { meeting: { meetingNumericId: 4085551212, isModerator: true } } }).scope.meeting).toEqual({
      meetingNumericId: '4085551212',
      isModerator: true,
    });
    expect(meetingGrantResponse.safeParse({ access_token: 'm', expires_in: 60, scope: { meeting: {} } }).success).toBe(false);
    expect(meetingGrantResponse.safeParse({ access_token: '', expires_in: 60, scope: { meeting: { isModerator: false } } }).success).toBe(false);
  });
});

describe('a Relay token entity', () => {
  it('lasts what the server says between creation and expiry, counted from now on this computer', () => {
    const body = relayAccessToken.parse({ accessToken: 'relay-1', creationDate: 5_000, expirationDate: 65_000, enterpriseName: 'Acme', roles: ['ROLE_READONLY'] });
    expect(relayFromEntity(body, now)).toEqual({ token: 'relay-1', issuedAt: now, expiresAt: now + 60_000, roles: ['ROLE_READONLY'], enterprise: 'Acme', pairing: null });
  });

  it('without a creation date, lasts until its expiry on this computer\'s clock, and never less than nothing', () => {
    expect(relayFromEntity(relayAccessToken.parse({ accessToken: 'r', expirationDate: now + 30_000 }), now)).toMatchObject({ expiresAt: now + 30_000, roles: [], enterprise: null });
    expect(relayFromEntity(relayAccessToken.parse({ accessToken: 'r', creationDate: 10, expirationDate: 5 }), now).expiresAt).toBe(now);
    expect(relayFromEntity(relayAccessToken.parse({ accessToken: 'r', expirationDate: now - 5 }), now).expiresAt).toBe(now);
  });

  it('names its room only when it carries both pairing ids', () => {
    const pairing = (extra: object) => relayFromEntity(relayAccessToken.parse({ accessToken: 'r', expirationDate: now, ...extra }), now).pairing;
    expect(pairing({ pairingCodeEndpointId: 'ep1', pairingCodeId: 'pc1' })).toEqual({ endpointId: 'ep1', pairingCodeId: 'pc1' });
    expect(pairing({ pairingCodeEndpointId: 'ep1' })).toBeNull();
    expect(pairing({ pairingCodeId: 'pc1', pairingCodeEndpointId: null })).toBeNull();
  });

  it('is refused without a token or expiry, or with too many or too long roles', () => {
    for (const bad of [
      { expirationDate: 1 },
      { accessToken: '', expirationDate: 1 },
      { accessToken: 'a'.repeat(513), expirationDate: 1 },
      { accessToken: 'a' },
      { accessToken: 'a', expirationDate: 1, roles: Array(21).fill('R') },
      { accessToken: 'a', expirationDate: 1, roles: ['R'.repeat(65)] },
    ])
      expect(relayAccessToken.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    expect(relayAccessToken.safeParse({ accessToken: 'a'.repeat(512), expirationDate: 1, roles: Array(20).fill('R'.repeat(64)) }).success).toBe(true);
  });
});
