// What main accepts from the dashboard: room keys, actions, joins, the event-log query, pause, ping.
import { describe, expect, it } from 'vitest';
import {
  eventLogQueryInput,
  joinFlowInput,
  pingInput,
  pollerPauseInput,
  roomActInput,
  roomJoinInput,
  roomKeyInput,
  roomPinInput,
  roomsFocusInput,
} from '../../../contract/index.ts';
import { accepted, refusal, refusedWith } from './schema-check.ts';

const key = 'c1/ep1';

describe('a room key', () => {
  it('is 3 to 200 characters', () => {
    expect(accepted(roomKeyInput, { key: 'c/e' })).toEqual({ key: 'c/e' });
    expect(accepted(roomKeyInput, { key: 'k'.repeat(200) })).toEqual({ key: 'k'.repeat(200) });
    refusal(roomKeyInput, { key: 'ce' });
    refusal(roomKeyInput, { key: 'k'.repeat(201) });
    refusal(roomKeyInput, { key, extra: 1 });
  });

  it('names up to 2000 rooms on screen at once', () => {
    const keys = Array.from({ length: 2000 }, (_, i) => `c1/ep${i}`);
    expect(accepted(roomsFocusInput, { keys: [key] })).toEqual({ keys: [key] });
    expect(accepted(roomsFocusInput, { keys })).toEqual({ keys });
    expect(accepted(roomsFocusInput, { keys: [] })).toEqual({ keys: [] });
    refusal(roomsFocusInput, { keys: [...keys, 'c1/one-more'] });
    refusal(roomsFocusInput, { keys: ['x'] });
  });

  it('pins and unpins a room', () => {
    expect(accepted(roomPinInput, { key, pinned: true })).toEqual({ key, pinned: true });
    refusal(roomPinInput, { key, pinned: 'yes' });
  });
});

describe('room actions', () => {
  it('are mute, unmute and hang up (a join has its own channel)', () => {
    for (const action of ['mute', 'unmute', 'hangup']) expect(accepted(roomActInput, { key, action })).toEqual({ key, action });
    for (const action of ['join', '', 'reboot']) refusal(roomActInput, { key, action });
  });

  it('join a meeting by a numeric id, with a digits-only passcode or a passcode connection', () => {
    expect(accepted(joinFlowInput, { key, meetingId: '1' })).toEqual({ key, meetingId: '1' });
    expect(accepted(joinFlowInput, { key, meetingId: '1'.repeat(20), passcode: '' })).toEqual({ key, meetingId: '1'.repeat(20), passcode: '' });
    expect(accepted(roomJoinInput, { key, meetingId: '4085551212', passcode: '1'.repeat(20) })).toEqual({ key, meetingId: '4085551212', passcode: '1'.repeat(20) });
    expect(accepted(roomJoinInput, { key, meetingId: '42', passcodeConnectionId: 'p'.repeat(100) })).toEqual({ key, meetingId: '42', passcodeConnectionId: 'p'.repeat(100) });
    refusal(roomJoinInput, { key, meetingId: '42', passcodeConnectionId: '' });
    refusal(roomJoinInput, { key, meetingId: '42', passcodeConnectionId: 'p'.repeat(101) });
    for (const meetingId of ['', '12a', 'a12', '1'.repeat(21)]) refusedWith(roomJoinInput, { key, meetingId }, 'A meeting ID is digits only');
    for (const passcode of ['12a', 'a12', '1'.repeat(21)]) refusedWith(joinFlowInput, { key, meetingId: '42', passcode }, 'A passcode is digits only');
  });
});

describe('the event-log query', () => {
  it('is optional, and filters by text, kinds, room and a limit', () => {
    expect(accepted(eventLogQueryInput, undefined)).toBeUndefined();
    const all = { text: 't'.repeat(200), kinds: ['state', 'action', 'error', 'connection'], roomKey: key, limit: 10_000 };
    expect(accepted(eventLogQueryInput, all)).toEqual(all);
    expect(accepted(eventLogQueryInput, { limit: 1 })).toEqual({ limit: 1 });
    expect(accepted(eventLogQueryInput, { kinds: ['error'] })).toEqual({ kinds: ['error'] });
  });

  it('refuses what no log holds', () => {
    refusal(eventLogQueryInput, { text: 't'.repeat(201) });
    refusal(eventLogQueryInput, { kinds: ['state', 'action', 'error', 'connection', 'state'] });
    refusal(eventLogQueryInput, { kinds: ['debug'] });
    for (const limit of [0, 10_001, 2.5]) refusal(eventLogQueryInput, { limit });
    refusal(eventLogQueryInput, { since: 0 });
  });
});

describe('pause and ping', () => {
  it('pause takes a yes or no', () => {
    expect(accepted(pollerPauseInput, { paused: true })).toEqual({ paused: true });
    refusal(pollerPauseInput, {});
  });

  it('a ping carries a nonce of 1 to 64 characters', () => {
    expect(accepted(pingInput, { nonce: 'n1' })).toEqual({ nonce: 'n1' });
    expect(accepted(pingInput, { nonce: 'n'.repeat(64) })).toEqual({ nonce: 'n'.repeat(64) });
    refusal(pingInput, { nonce: '' });
    refusal(pingInput, { nonce: 'n'.repeat(65) });
  });
});
