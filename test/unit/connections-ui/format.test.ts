import { describe, expect, it } from 'vitest';
import type { ConnectionView } from '../../../contract/index.ts';
import { defaultPollBudget, JITTER_MARGIN_MS, LIMIT_WINDOW_MS } from '../../../contract/index.ts';
import { connectionViewOf } from '../../helpers/connection-view.ts';
import { expiryLabel, pollBudgetChoices, pollBudgetGuarantee, pollBudgetLabel, relativeTime, rolesLabel } from '../../../renderer/src/screens/connections/format.ts';
import { checkField, emptyForm, reconnectFields, toAddInput, validate, validateReconnect } from '../../../renderer/src/screens/connections/form-model.ts';

const DAY = 86_400_000;
const now = Date.UTC(2026, 0, 1);
const view = (over: Partial<ConnectionView>): ConnectionView =>
  connectionViewOf({ name: 'N', roles: [], capabilities: { canView: true, canControl: true, canProvision: false, zeroTouch: null }, persisted: true, ...over });

describe('connection words', () => {
  it('expiry reads "in 13 days", hours, minutes, and the past', () => {
    expect(relativeTime(now + 13 * DAY + 3600_000, now)).toBe('in 13 days');
    expect(relativeTime(now + 5 * 3600_000, now)).toBe('in 5 hours');
    expect(relativeTime(now + 3 * 60_000, now)).toBe('in 3 minutes');
    expect(relativeTime(now - 2 * DAY, now)).toBe('2 days ago');
    expect(expiryLabel(view({ expiresAt: now + 14 * DAY }), now)).toBe('Expires in 14 days');
    expect(expiryLabel(view({ expiresAt: now - DAY }), now)).toBe('Expired 1 day ago');
    expect(expiryLabel(view({}), now)).toBe('—');
    expect(expiryLabel(view({ expiresAt: now + DAY, state: 'reconnect-needed' }), now)).toBe('No valid token');
  });

  it('roles in words', () => {
    expect(rolesLabel(view({ roles: ['ROLE_READWRITE', 'ROLE_READONLY'] }))).toBe('Read-write');
    expect(rolesLabel(view({ roles: ['ROLE_READONLY'] }))).toMatch(/Read-only.*no provisioning/);
    expect(rolesLabel(view({ roles: ['ROLE_PAIRINGCODE'] }))).toBe('One room (pairing)');
    expect(rolesLabel(view({ kind: 'meeting', meeting: { numericId: '1', scope: 'moderator' } }))).toBe('Meeting moderator');
  });
});

describe('inline validation mirrors main', () => {
  it('flags each field in words', () => {
    expect(checkField('clientId', '')).toMatch(/Enter the app key/);
    expect(checkField('clientId', 'a b')).toMatch(/no spaces/);
    expect(checkField('meetingId', '12')).toMatch(/4 to 15 digits/);
    expect(checkField('passcode', '12a')).toMatch(/digits only/);
    expect(checkField('pairingCode', 'ab')).toMatch(/pairing code/);
    expect(checkField('durationDays', '0')).toMatch(/1 to 365/);
    expect(checkField('relay', 'http://relay.example.com')).toMatch(/https/);
    expect(checkField('relay', 'http://127.0.0.1:8787')).toBeNull();
    expect(checkField('relay', 'https://relay.example.com/api')).toBeNull(); // stripped (the simulator prints it so)
    expect(checkField('relay', 'https://relay.example.com/v1')).toMatch(/without a path/);
    expect(checkField('password', ' ')).toBeNull(); // a space is a valid password character
  });

  it('validates a whole form by kind and builds the input main expects', () => {
    expect(Object.keys(validate('client', emptyForm, true)).sort()).toEqual(['clientId', 'clientSecret']);
    expect(Object.keys(validate('pairing', { ...emptyForm, sourceFrom: 'password' }, true)).sort()).toEqual(['pairingCode', 'password', 'username']);
    const values = { ...emptyForm, username: ' u ', password: ' p ', durationDays: '7', relay: 'https://r.example.com' };
    expect(toAddInput('relay', values)).toEqual({ kind: 'relay', username: 'u', password: ' p ', durationDays: 7, bases: { relay: 'https://r.example.com' } });
    expect(toAddInput('pairing', { ...emptyForm, pairingCode: 'ABCDE', sourceConnectionId: 'c9' })).toEqual({
      kind: 'pairing',
      pairingCode: 'ABCDE',
      source: { from: 'connection', connectionId: 'c9' },
    });
  });

  it('reconnect asks only for what the kind needs', () => {
    expect(reconnectFields(view({ kind: 'pairing', pairingSource: 'password' }))).toEqual(['pairingCode', 'password']);
    expect(reconnectFields(view({ kind: 'meeting' }))).toEqual(['passcode']);
    expect(validateReconnect(view({ kind: 'client' }), emptyForm)).toEqual({}); // the saved secret is used
    expect(Object.keys(validateReconnect(view({ kind: 'relay' }), emptyForm))).toEqual(['password']);
  });

  it('says a polling budget in words, with Relay’s limit marked and offered', () => {
    expect(pollBudgetLabel(1)).toBe('1 request a second');
    expect(pollBudgetLabel(defaultPollBudget)).toBe("2 requests a second (Relay's limit)");
    expect(pollBudgetLabel(null)).toBe('No limit (on-premises servers)');
    expect(pollBudgetChoices).toContain(defaultPollBudget);
    expect(pollBudgetChoices).toContain(null);
  });

  it('says what a budget guarantees, with the numbers of contract/budget.ts', () => {
    const words = pollBudgetGuarantee(defaultPollBudget);
    expect(words).toMatch(/^At most 2 requests in any 1\.1 s \(about 1\.8 a second\), so the server never counts more than 2 in a second/);
    expect(words).toContain(`${JITTER_MARGIN_MS / 1000} s`);
    expect(words).toContain(`${(LIMIT_WINDOW_MS + JITTER_MARGIN_MS) / 1000} s`);
    expect(words).toMatch(/share the strictest/);
    expect(pollBudgetGuarantee(1)).toMatch(/^At most 1 request in any 1\.1 s \(about 0\.9 a second\)/);
    expect(pollBudgetGuarantee(null)).toMatch(/without a request limit/);
  });
});
