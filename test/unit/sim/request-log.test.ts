import { describe, expect, it } from 'vitest';
import { createRequestLog, maskHeaders, maskPath, maskQuery, type RawLogEntry } from '../../../sim/request-log.ts';

const entry = (i: number): RawLogEntry => ({ at: i, method: 'GET', path: `/p/${i}`, rawQuery: '', headers: {}, status: 200, grantType: undefined, fault: undefined });

describe('masking', () => {
  it('masks every secret query parameter, keeps the rest', () => {
    const q = maskQuery(
      'access_token=a&accesstoken=b&seamaccesstoken=c&code=d&password=e&client_secret=f&refresh_token=g&passcode=h&meetingPasscode=i&endpoint=keep&state=s&duration=5&Client=',
    );
    expect(q).toEqual({
      access_token: '***', accesstoken: '***', seamaccesstoken: '***', code: '***', password: '***', client_secret: '***',
      refresh_token: '***', passcode: '***', meetingPasscode: '***', endpoint: 'keep', state: 's', duration: '5', Client: '',
    });
  });

  it('masks authorization (keeping the scheme), x-access-token and cookies', () => {
    expect(
      maskHeaders({ authorization: 'Bearer abc@z2', 'x-access-token': 'tok', cookie: 'a=b', 'proxy-authorization': 'Basic xyz', accept: 'application/json' }),
    ).toEqual({ authorization: 'Bearer ***', 'x-access-token': '***', cookie: '***', 'proxy-authorization': 'Basic ***', accept: 'application/json' });
    expect(maskHeaders({ authorization: 'justatoken' })).toEqual({ authorization: '***' });
  });

  it('masks a token in the access-token path', () => {
    expect(maskPath('/api/auth/accesstokens/abc123')).toBe('/api/auth/accesstokens/***');
    expect(maskPath('/api/auth/accesstokens')).toBe('/api/auth/accesstokens');
    expect(maskPath('/api/endpoints/abc/status')).toBe('/api/endpoints/abc/status');
  });
});

describe('ring buffer', () => {
  it('keeps the newest entries, oldest first, and clears', () => {
    const log = createRequestLog(3);
    for (let i = 1; i <= 5; i++) log.record(entry(i));
    expect(log.entries().map((e) => e.at)).toEqual([3, 4, 5]);
    log.clear();
    expect(log.entries()).toEqual([]);
    log.record(entry(9));
    expect(log.entries().map((e) => e.path)).toEqual(['/p/9']);
  });

  it('adds bodyGrantType and fault only when known', () => {
    const log = createRequestLog(5);
    log.record({ ...entry(1), grantType: 'password' });
    log.record({ ...entry(2), fault: 'reset', status: 0 });
    const [a, b] = log.entries();
    expect(a).toMatchObject({ bodyGrantType: 'password' });
    expect(a).not.toHaveProperty('fault');
    expect(b).toMatchObject({ fault: 'reset', status: 0 });
    expect(b).not.toHaveProperty('bodyGrantType');
  });
});
