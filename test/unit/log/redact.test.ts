// The console log's last net: masks what certainly holds a secret, and nothing an admin needs to read.
import { describe, expect, it } from 'vitest';
import { redact } from '../../../main/log/redact.ts';

describe('console log redaction', () => {
  it('keeps error codes, statuses and server codes readable', () => {
    const fields = { code: 'server_error', status: 502, serverCode: 'ListenerOffline', errorCode: 208581637, statusCode: 503, outcome: 'failed' };
    expect(redact(fields)).toEqual(fields);
  });

  it('masks fields named for a credential, whatever their spelling', () => {
    const out = redact({ password: 'p', client_secret: 's', clientSecret: 's', access_token: 't', refreshToken: 'r', 'x-access-token': 'x', authorization: 'Bearer b', token: 't' });
    expect(Object.values(out as Record<string, unknown>).every((v) => v === '[redacted]')).toBe(true);
  });

  it('masks credentials in a URL query or fragment, the OAuth code among them, and token-shaped strings', () => {
    expect(redact({ url: 'http://127.0.0.1:5/callback?code=abc-123&state=s1' })).toEqual({ url: 'http://127.0.0.1:5/callback?code=[redacted]&state=s1' });
    expect(redact('GET /v1/user?access_token=xyz&x=1')).toBe('GET /v1/user?access_token=[redacted]&x=1');
    expect(redact('#refresh_token=r1;client_secret=c2')).toBe('#refresh_token=[redacted];client_secret=[redacted]');
    expect(redact('token i0gni52qmhtdsht5pvpu68dv96gqvil6 refused')).toBe('token [redacted] refused');
    // A word that merely ends in "code" is not a credential.
    expect(redact({ message: 'postcode=12345 errorcode=7' })).toEqual({ message: 'postcode=12345 errorcode=7' });
  });
});
