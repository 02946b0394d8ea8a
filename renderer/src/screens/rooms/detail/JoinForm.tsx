// Joining a meeting: the pre-join check first (roomJoinFlow). When a passcode is needed, type it or use
// a Meeting passcode connection for that meeting; a wrong passcode is said so. The join itself is then an
// action like mute: progress, then the confirmed state from the next poll.
import { useEffect, useId, useState } from 'react';
import type { ConnectionView, RoomMeeting, RoomView } from '../../../../../contract/index.ts';
import { relay } from '../../../relay.ts';
import { checkMeetingId, checkPasscode, decideJoin, passcodeConnections } from '../../../rooms/join.ts';
import { whyNot } from '../../../rooms/model.ts';
import { formatMeetingTime } from '../../../rooms/format.ts';

type Step =
  | { name: 'enter' }
  | { name: 'checking' }
  | { name: 'passcode'; wrong: boolean }
  | { name: 'joining' };

interface Props {
  room: RoomView;
  meetings: readonly RoomMeeting[] | null;
  /** The time now: a meeting not today says its date. */
  now: number;
  /** Sends the join through the action tracker; resolves when it was sent (or refused). */
  onJoin(input: { meetingId: string; passcode?: string; passcodeConnectionId?: string }): Promise<void>;
}

function useMeetingConnections(): ConnectionView[] {
  const [connections, setConnections] = useState<ConnectionView[]>([]);
  useEffect(() => {
    const api = relay();
    if (!api) return;
    let live = true;
    const off = api.on('connections.changed', (list) => live && setConnections(list));
    void api.connectionsList().then((r) => live && r.ok && setConnections(r.value));
    return () => {
      live = false;
      off();
    };
  }, []);
  return connections;
}

/** When the meeting is, with its date unless it is today. */
function meetingTime(m: RoomMeeting, now: number): string | null {
  return m.start === null ? null : formatMeetingTime(m.start, m.end, now);
}

export function JoinForm({ room, meetings, now, onJoin }: Props) {
  const id = useId();
  const [meetingId, setMeetingId] = useState('');
  const [passcode, setPasscode] = useState('');
  const [via, setVia] = useState<'typed' | 'connection'>('typed');
  const [connectionId, setConnectionId] = useState('');
  const [step, setStep] = useState<Step>({ name: 'enter' });
  const [problem, setProblem] = useState<string | null>(null);
  const connections = useMeetingConnections();
  const usable = passcodeConnections(connections, meetingId);
  const blocked = whyNot(room, 'join');
  const busy = step.name === 'checking' || step.name === 'joining';

  const join = async (input: { meetingId: string; passcode?: string; passcodeConnectionId?: string }): Promise<void> => {
    setStep({ name: 'joining' });
    await onJoin(input);
    setStep({ name: 'enter' });
    setPasscode('');
  };

  /** The pre-join check, with the passcode when one was typed. */
  const check = async (target: string, typed: string | null): Promise<void> => {
    const api = relay();
    if (!api) return;
    setProblem(null);
    const idProblem = checkMeetingId(target);
    if (idProblem) return setProblem(idProblem);
    if (typed !== null) {
      const passcodeProblem = checkPasscode(typed);
      if (passcodeProblem) return setProblem(passcodeProblem);
    }
    const meeting = target.trim();
    setMeetingId(meeting);
    setStep({ name: 'checking' });
    const flow = await api.roomJoinFlow(typed === null ? { key: room.key, meetingId: meeting } : { key: room.key, meetingId: meeting, passcode: typed.trim() });
    if (!flow.ok) {
      setStep(typed === null ? { name: 'enter' } : { name: 'passcode', wrong: false });
      return setProblem(flow.error.message);
    }
    switch (decideJoin(flow.value, typed !== null)) {
      case 'join':
        return join(typed === null ? { meetingId: meeting } : { meetingId: meeting, passcode: typed.trim() });
      case 'ask-passcode': {
        const matching = passcodeConnections(connections, meeting);
        setVia(matching.length > 0 ? 'connection' : 'typed');
        setConnectionId(matching[0]?.id ?? '');
        return setStep({ name: 'passcode', wrong: false });
      }
      case 'wrong-passcode':
        setVia('typed');
        return setStep({ name: 'passcode', wrong: true });
    }
  };

  const submitPasscode = (): void => {
    if (via === 'connection') {
      if (!connectionId) return setProblem('Pick a Meeting passcode connection.');
      setProblem(null);
      void join({ meetingId, passcodeConnectionId: connectionId });
    } else if (!passcode.trim()) setProblem('Type the passcode.');
    else void check(meetingId, passcode);
  };

  return (
    <div className="join">
      {meetings !== null && meetings.length > 0 && (
        <ul className="meetings" aria-label="Meetings on this room's calendar">
          {meetings.map((m) => (
            <li key={`${m.id}-${m.start ?? ''}`}>
              <span className="meeting-title">{m.title ?? `Meeting ${m.id}`}</span>
              <span className="muted">
                {[meetingTime(m, now), `ID ${m.id}`, m.passcodeRequired ? 'passcode' : null].filter(Boolean).join(' · ')}
              </span>
              <button type="button" aria-disabled={blocked !== null || busy} onClick={() => !blocked && !busy && void check(m.id, null)}>
                Join<span className="sr-only"> {m.title ?? `meeting ${m.id}`}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {meetings !== null && meetings.length === 0 && <p className="muted">No meetings on this room's calendar.</p>}

      {step.name !== 'passcode' ? (
        <form
          className="join-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!blocked && !busy) void check(meetingId, null);
          }}
        >
          <label htmlFor={`${id}-meeting`}>Meeting ID</label>
          <input
            id={`${id}-meeting`}
            inputMode="numeric"
            autoComplete="off"
            value={meetingId}
            onChange={(e) => setMeetingId(e.target.value)}
            maxLength={20}
            aria-describedby={blocked ? `${id}-blocked` : undefined}
          />
          <button type="submit" className="primary" aria-disabled={blocked !== null || busy}>
            {step.name === 'checking' ? 'Checking…' : step.name === 'joining' ? 'Joining…' : 'Join'}
          </button>
          {blocked && (
            <span id={`${id}-blocked`} className="reason">
              {blocked}
            </span>
          )}
        </form>
      ) : (
        <form
          className="passcode-form"
          onSubmit={(e) => {
            e.preventDefault();
            submitPasscode();
          }}
        >
          <fieldset>
            <legend>{step.wrong ? 'That passcode was not accepted' : `Meeting ${meetingId} needs a passcode`}</legend>
            {step.wrong && (
              <p className="error-text" role="alert">
                The passcode for meeting {meetingId} was wrong. Type it again.
              </p>
            )}
            <label className="radio">
              <input type="radio" name={`${id}-via`} checked={via === 'typed'} onChange={() => setVia('typed')} />
              Type the passcode
            </label>
            <input
              type="password"
              inputMode="numeric"
              autoComplete="off"
              aria-label="Passcode"
              value={passcode}
              onChange={(e) => setPasscode(e.target.value)}
              onFocus={() => setVia('typed')}
              maxLength={20}
            />
            {usable.length > 0 ? (
              <>
                <label className="radio">
                  <input type="radio" name={`${id}-via`} checked={via === 'connection'} onChange={() => setVia('connection')} />
                  Use a Meeting passcode connection
                </label>
                <select aria-label="Meeting passcode connection" value={connectionId} onChange={(e) => (setConnectionId(e.target.value), setVia('connection'))}>
                  {usable.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name} ({c.meeting?.scope ?? 'participant'})
                    </option>
                  ))}
                </select>
              </>
            ) : (
              <p className="muted">
                No Meeting passcode connection for meeting {meetingId}. Add one under <a href="#/connections">Connections</a> to join without typing it.
              </p>
            )}
            <div className="join-actions">
              <button type="submit" className="primary" aria-disabled={busy}>
                {busy ? 'Joining…' : 'Join'}
              </button>
              <button
                type="button"
                onClick={() => {
                  setStep({ name: 'enter' });
                  setProblem(null);
                }}
              >
                Cancel
              </button>
            </div>
          </fieldset>
        </form>
      )}
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
