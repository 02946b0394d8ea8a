// The room panel: status, controls (mute, unmute, hang up — hang up asks first), join, the meetings on the
// room's calendar, who is paired, and the room's recent events. Live from the store; the detail (meetings,
// pairing) is fetched when the panel opens and on request.
import { useEffect, useId, useState } from 'react';
import type { EventLogEntry, RoomAction, RoomDetail, RoomView } from '../../../../../contract/index.ts';
import { relay } from '../../../relay.ts';
import type { ActionRecord } from '../../../rooms/actions.ts';
import { useNow } from '../../../rooms/clock.ts';
import { formatAge, formatClock, formatDuration, formatSince, formatWhen } from '../../../rooms/format.ts';
import { placeLabel, whyNot } from '../../../rooms/model.ts';
import { handOffRoom, mergeEvents } from '../../../events/log.ts';
import { Mic, StateBadge, meetingText } from '../RoomBits.tsx';
import { ActionButton } from './ActionButton.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { JoinForm } from './JoinForm.tsx';

type Loaded<T> = { key: string; status: 'ready'; value: T } | { key: string; status: 'failed'; message: string };

interface Props {
  roomKey: string;
  room: RoomView | undefined;
  record: ActionRecord | undefined;
  onAct(action: Exclude<RoomAction, 'join'>): void;
  onJoin(input: { meetingId: string; passcode?: string; passcodeConnectionId?: string }): Promise<void>;
  onPin(pinned: boolean): void;
  onClose(): void;
}

function useRoomDetail(key: string, reloads: number): Loaded<RoomDetail> | null {
  const [detail, setDetail] = useState<Loaded<RoomDetail> | null>(null);
  useEffect(() => {
    const api = relay();
    if (!api) return;
    let live = true;
    // A short wait: moving through rooms with the keyboard does not fetch every room passed by.
    const timer = setTimeout(() => {
      void api.roomDetail({ key }).then((r) => {
        if (live) setDetail(r.ok ? { key, status: 'ready', value: r.value } : { key, status: 'failed', message: r.error.message });
      });
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, reloads]);
  return detail?.key === key ? detail : null;
}

function useRoomEvents(key: string): EventLogEntry[] | null {
  const [events, setEvents] = useState<{ key: string; list: EventLogEntry[] } | null>(null);
  useEffect(() => {
    const api = relay();
    if (!api) return;
    let live = true;
    const off = api.on('events.appended', (entries) => {
      const mine = entries.filter((e) => e.roomKey === key);
      if (live && mine.length > 0) setEvents((prev) => ({ key, list: mergeEvents(prev?.key === key ? prev.list : [], mine, 20) }));
    });
    void api.eventLogList({ roomKey: key, limit: 20 }).then((r) => {
      if (live && r.ok) setEvents((prev) => ({ key, list: mergeEvents(prev?.key === key ? prev.list : [], r.value, 20) }));
    });
    return () => {
      live = false;
      off();
    };
  }, [key]);
  return events?.key === key ? events.list : null;
}

function ActionStatus({ record, actions }: { record: ActionRecord | undefined; actions: readonly RoomAction[] }) {
  if (!record || !actions.includes(record.action)) return null;
  const failed = record.phase === 'failed' || record.phase === 'unconfirmed';
  return (
    <p className={`action-status phase-${record.phase}`} role={failed ? 'alert' : 'status'} data-testid="action-status">
      {(record.phase === 'sending' || record.phase === 'confirming') && <span className="spinner" aria-hidden="true" />}
      {record.message}
    </p>
  );
}

export function RoomDetailPanel({ roomKey, room, record, onAct, onJoin, onPin, onClose }: Props) {
  const id = useId();
  const now = useNow();
  const [reloads, setReloads] = useState(0);
  const [confirmHangup, setConfirmHangup] = useState(false);
  const detail = useRoomDetail(roomKey, reloads);
  const events = useRoomEvents(roomKey);

  if (!room) {
    return (
      <aside className="detail" aria-labelledby={`${id}-title`}>
        <div className="detail-head">
          <h2 id={`${id}-title`}>Room</h2>
          <button type="button" className="icon-button" onClick={onClose} aria-label="Close the room panel">
            ✕
          </button>
        </div>
        <p className="muted">This room is no longer listed.</p>
      </aside>
    );
  }

  const roleReason = room.allowed.control ? null : (room.allowed.reason ?? "This connection's role does not allow controlling rooms.");
  const reasonFor = (action: RoomAction): string | null => whyNot(room, action);

  return (
    <aside className="detail" aria-labelledby={`${id}-title`} data-testid="room-detail">
      <div className="detail-head">
        <div>
          <h2 id={`${id}-title`}>{room.name}</h2>
          <p className="muted">
            {placeLabel(room)} · {room.connectionName}
            {room.system ? ` · ${room.system}` : ''}
          </p>
        </div>
        <div className="detail-head-actions">
          <button type="button" aria-pressed={room.pinned} onClick={() => onPin(!room.pinned)} title="Pinned rooms are polled first and listed under Pinned">
            {room.pinned ? 'Unpin' : 'Pin'}
          </button>
          <button type="button" className="icon-button" onClick={onClose} aria-label="Close the room panel" title="Close (Escape)">
            ✕
          </button>
        </div>
      </div>

      <section aria-labelledby={`${id}-status`}>
        <h3 id={`${id}-status`}>Status</h3>
        <dl className="facts">
          <dt>State</dt>
          <dd data-testid="detail-state">
            <StateBadge room={room} />
          </dd>
          <dt>Microphone</dt>
          <dd data-testid="detail-mic">
            <Mic room={room} />
          </dd>
          <dt>Meeting</dt>
          <dd>{meetingText(room)}</dd>
          <dt>In this state for</dt>
          <dd>{formatSince(room.since, now)}</dd>
          <dt>Status confirmed</dt>
          <dd className={room.stale ? 'warn' : undefined}>
            {formatAge(room.confirmedAt, now)}
            {room.confirmedAt !== null && ` (${formatClock(room.confirmedAt)})`}
            {room.stale && ' — stale: older than two polling intervals'}
          </dd>
          <dt>Mute and meeting checked</dt>
          <dd>{formatAge(room.detailAt, now)}</dd>
          <dt>Polled every</dt>
          <dd>{formatDuration(room.intervalMs)}</dd>
          {room.error && (
            <>
              <dt>Last error</dt>
              <dd className="error-text">{room.error.message}</dd>
            </>
          )}
        </dl>
      </section>

      <section aria-labelledby={`${id}-controls`}>
        <h3 id={`${id}-controls`}>Controls</h3>
        {roleReason && (
          <p id={`${id}-role`} className="reason">
            {roleReason}
          </p>
        )}
        <div className="actions">
          <ActionButton label="Mute" reason={reasonFor('mute')} reasonId={roleReason ? `${id}-role` : undefined} onClick={() => onAct('mute')} testId="action-mute" />
          <ActionButton label="Unmute" reason={reasonFor('unmute')} reasonId={roleReason ? `${id}-role` : undefined} onClick={() => onAct('unmute')} testId="action-unmute" />
          <ActionButton
            label="Hang up"
            danger
            reason={reasonFor('hangup')}
            reasonId={roleReason ? `${id}-role` : undefined}
            onClick={() => setConfirmHangup(true)}
            testId="action-hangup"
          />
        </div>
        <ActionStatus record={record} actions={['mute', 'unmute', 'hangup']} />
      </section>

      <section aria-labelledby={`${id}-join`}>
        <div className="section-head">
          <h3 id={`${id}-join`}>Join a meeting</h3>
          <button type="button" className="link-button" onClick={() => setReloads((n) => n + 1)}>
            Refresh meetings
          </button>
        </div>
        {detail?.status === 'failed' && (
          <p className="error-text" role="alert">
            {detail.message}
          </p>
        )}
        {detail === null && <p className="muted">Loading meetings…</p>}
        <JoinForm room={room} meetings={detail?.status === 'ready' ? detail.value.meetings : null} now={now} onJoin={onJoin} />
        <ActionStatus record={record} actions={['join']} />
      </section>

      <section aria-labelledby={`${id}-paired`}>
        <h3 id={`${id}-paired`}>Paired</h3>
        {detail?.status === 'ready' &&
          (detail.value.paired === null ? (
            <p className="muted">This connection cannot see who is paired with the room.</p>
          ) : detail.value.paired.length === 0 ? (
            <p className="muted">Nobody is paired with this room.</p>
          ) : (
            <ul className="paired" data-testid="paired">
              {detail.value.paired.map((p, i) => (
                <li key={`${p.name}-${i}`}>
                  <span>{p.name}</span>
                  <span className="muted">
                    {p.since !== null && `since ${formatWhen(p.since, now)}`}
                    {p.lastSeen !== null && ` · seen ${formatAge(p.lastSeen, now)}`}
                  </span>
                </li>
              ))}
            </ul>
          ))}
      </section>

      <section aria-labelledby={`${id}-events`}>
        <div className="section-head">
          <h3 id={`${id}-events`}>Recent events</h3>
          <a
            href="#/event-log"
            onClick={() => handOffRoom({ key: room.key, name: room.name })}
            className="link-button"
          >
            All events of this room
          </a>
        </div>
        {events === null ? (
          <p className="muted">Loading…</p>
        ) : events.length === 0 ? (
          <p className="muted">No events yet.</p>
        ) : (
          <ol className="room-events">
            {events.map((e) => (
              <li key={e.id}>
                <time dateTime={new Date(e.at).toISOString()}>{formatWhen(e.at, now)}</time> {e.message}
              </li>
            ))}
          </ol>
        )}
      </section>

      <ConfirmDialog
        open={confirmHangup}
        title={`Hang up ${room.name}?`}
        confirmLabel="Hang up"
        onCancel={() => setConfirmHangup(false)}
        onConfirm={() => {
          setConfirmHangup(false);
          onAct('hangup');
        }}
      >
        <p>
          This ends the room's call{room.meeting ? ` in ${meetingText(room)}` : ''} for everyone in the room.
        </p>
      </ConfirmDialog>
    </aside>
  );
}
