// The join flow's decisions (reference §2.4): the pre-join check says JOIN_NOW, GET_PASSCODE (one is
// needed) or GET_GOOD_PASSCODE (the one given was wrong).
import type { ConnectionView, JoinFlowAction } from '../../../contract/index.ts';

export type JoinDecision = 'join' | 'ask-passcode' | 'wrong-passcode';

export function decideJoin(flow: JoinFlowAction, passcodeGiven: boolean): JoinDecision {
  if (flow === 'JOIN_NOW') return 'join';
  if (flow === 'GET_GOOD_PASSCODE') return 'wrong-passcode';
  return passcodeGiven ? 'wrong-passcode' : 'ask-passcode';
}

/** What is wrong with a typed meeting ID, in words; null when it is fine. */
export function checkMeetingId(text: string): string | null {
  const id = text.trim();
  if (!id) return 'Enter the meeting ID.';
  if (!/^\d+$/.test(id)) return 'A meeting ID is digits only.';
  if (id.length > 20) return 'A meeting ID is at most 20 digits.';
  return null;
}

export function checkPasscode(text: string): string | null {
  if (!/^\d*$/.test(text.trim())) return 'A passcode is digits only.';
  if (text.trim().length > 20) return 'A passcode is at most 20 digits.';
  return null;
}

/** The Meeting passcode connections that can join this meeting. */
export function passcodeConnections(connections: readonly ConnectionView[], meetingId: string): ConnectionView[] {
  return connections.filter((c) => c.kind === 'meeting' && c.meeting?.numericId === meetingId.trim());
}
