// The room form over the Endpoint entity: create, edit, delete. Choices list the known values and keep one
// the server has that this app does not know, as it is. The device password is write-only: the field is
// always empty, never filled from the server, and cleared after a save. A read-only connection sees the
// form with the reason it cannot save.
import { useEffect, useId, useState } from 'react';
import type { DeleteCheck, FieldIssue, FleetConnection, FleetFormInfo, ListenerServiceView, RoomFieldName, RoomFields } from '../../../../contract/index.ts';
import { relay } from '../../relay.ts';
import { ConfirmDialog } from '../rooms/detail/ConfirmDialog.tsx';

const emptyRoomFields = (info: FleetFormInfo): RoomFields => Object.fromEntries(info.fields.map((f) => [f, ''])) as RoomFields;

interface Props {
  info: FleetFormInfo;
  connection: FleetConnection;
  /** null: a new room. */
  roomId: string | null;
  listenerServices: ListenerServiceView[] | null;
  onSaved(id: string, message: string): void;
  /** Said when the form opens (e.g. after a new room was added and the form reopened on it). */
  notice?: string | null;
  onDeleted(): void;
  onClose(): void;
}

type Load = { status: 'loading' } | { status: 'ready' } | { status: 'failed'; message: string };

const hints: Partial<Record<RoomFieldName, string>> = {
  ipAddress: 'The IP address or host name of the video system.',
  port: 'Empty: the server’s default.',
  customData: 'A JSON object, e.g. {"seatingCapacity": 8}.',
};

function Choice(props: { label: string; value: string; known: readonly string[]; onValue(v: string): void; error: string | undefined; listId: string }) {
  const { label, value, known, onValue, error, listId } = props;
  const id = useId();
  const other = value !== '' && !known.includes(value);
  return (
    <div className={`conn-field${error ? ' conn-field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input id={id} list={listId} value={value} onChange={(e) => onValue(e.target.value)} aria-invalid={error ? true : undefined} spellCheck={false} />
      <datalist id={listId}>
        {known.map((k) => (
          <option key={k} value={k} />
        ))}
      </datalist>
      {other && <span className="muted conn-field-hint">Kept as the server has it.</span>}
      {error && <span className="error-text">{error}</span>}
    </div>
  );
}

/** Mounted anew (a `key`) for each room: nothing of one room's form is left in another's. */
export function RoomForm({ info, connection, roomId, listenerServices, onSaved, onDeleted, onClose, notice = null }: Props) {
  const [fields, setFields] = useState<RoomFields>(() => emptyRoomFields(info));
  const [password, setPassword] = useState('');
  const [load, setLoad] = useState<Load>(roomId === null ? { status: 'ready' } : { status: 'loading' });
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(notice);
  const [asking, setAsking] = useState<DeleteCheck | null>(null);
  const id = useId();

  useEffect(() => {
    if (roomId === null) return;
    let live = true;
    void relay()
      ?.fleetRoom({ connectionId: connection.connectionId, id: roomId })
      .then((r) => {
        if (!live) return;
        if (r.ok) {
          setFields(r.value.fields);
          setLoad({ status: 'ready' });
        } else setLoad({ status: 'failed', message: r.error.message });
      });
    return () => {
      live = false;
    };
  }, [connection.connectionId, roomId]);

  const set = (field: RoomFieldName) => (value: string) => setFields((f) => ({ ...f, [field]: value }));
  const errorOf = (field: RoomFieldName): string | undefined => issues.find((i) => i.field === field)?.message;
  const general = issues.filter((i) => i.field === null);

  const save = async (): Promise<void> => {
    const api = relay();
    if (!api) return;
    setBusy(true);
    setSaved(null);
    const r = await api.fleetSaveRoom({ connectionId: connection.connectionId, ...(roomId ? { id: roomId } : {}), fields, ...(password ? { password } : {}) });
    setBusy(false);
    if (!r.ok) return setIssues([{ field: null, message: r.error.message }]);
    setIssues(r.value.issues);
    if (r.value.room) {
      // Sent: the typed password is not kept on screen (a refused save keeps it for the next try).
      setPassword('');
      const message = roomId === null ? `"${r.value.room.fields.name}" was added.` : 'Saved.';
      setFields(r.value.room.fields);
      setSaved(message);
      onSaved(r.value.room.id, message);
    }
  };

  const askDelete = async (): Promise<void> => {
    const api = relay();
    if (!api || roomId === null) return;
    const r = await api.fleetDeleteCheck({ connectionId: connection.connectionId, id: roomId });
    if (!r.ok) return setIssues([{ field: null, message: r.error.message }]);
    setAsking(r.value);
  };

  const remove = async (): Promise<void> => {
    const api = relay();
    if (!api || roomId === null) return;
    setAsking(null);
    setBusy(true);
    const r = await api.fleetDeleteRoom({ connectionId: connection.connectionId, id: roomId });
    setBusy(false);
    if (!r.ok) return setIssues([{ field: null, message: r.error.message }]);
    onDeleted();
  };

  if (load.status === 'loading') return <p role="status">Loading the room…</p>;
  if (load.status === 'failed')
    return (
      <p role="alert" className="error-text">
        {load.message}
      </p>
    );

  const labels = info.labels;
  const known = (field: RoomFieldName): readonly string[] => info.choices[field] ?? [];
  const text = (field: RoomFieldName, extra: { type?: string; required?: boolean } = {}) => {
    const fid = `${id}-${field}`;
    const error = errorOf(field);
    const hint = hints[field];
    return (
      <div className={`conn-field${error ? ' conn-field-invalid' : ''}`} key={field}>
        <label htmlFor={fid}>
          {labels[field]}
          {extra.required ? ' (required)' : ''}
        </label>
        {field === 'customData' || field === 'location' ? (
          <textarea id={fid} value={fields[field]} rows={2} onChange={(e) => set(field)(e.target.value)} aria-invalid={error ? true : undefined} spellCheck={false} />
        ) : (
          <input id={fid} type={extra.type ?? 'text'} value={fields[field]} onChange={(e) => set(field)(e.target.value)} aria-invalid={error ? true : undefined} spellCheck={false} />
        )}
        {hint && <span className="muted conn-field-hint">{hint}</span>}
        {error && <span className="error-text">{error}</span>}
      </div>
    );
  };

  const lsKnown = listenerServices?.some((ls) => ls.id === fields.listenerServiceId) ?? false;
  return (
    <form
      className="fleet-form"
      aria-label={roomId === null ? 'New room' : `Room ${fields.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (connection.canProvision) void save();
      }}
    >
      <h2>{roomId === null ? 'Add a room' : fields.name || 'Room'}</h2>
      {!connection.canProvision && (
        <p className="fleet-readonly" role="note" data-testid="read-only-reason">
          {connection.reason}
        </p>
      )}
      <fieldset disabled={busy}>
        <legend>The room</legend>
        {text('name', { required: true })}
        {text('site')}
        {text('floor')}
        {text('location')}
        {text('pointOfContact')}
        {text('assetId')}
        {text('externalId')}
      </fieldset>
      <fieldset disabled={busy}>
        <legend>Video system</legend>
        {text('ipAddress', { required: true })}
        {text('port')}
        <div className={`conn-field${errorOf('listenerServiceId') ? ' conn-field-invalid' : ''}`}>
          <label htmlFor={`${id}-ls`}>Listener Service (required)</label>
          {listenerServices ? (
            <select id={`${id}-ls`} value={fields.listenerServiceId} onChange={(e) => set('listenerServiceId')(e.target.value)}>
              <option value="">Choose…</option>
              {!lsKnown && fields.listenerServiceId !== '' && <option value={fields.listenerServiceId}>{fields.listenerServiceId} (as the server has it)</option>}
              {listenerServices.map((ls) => (
                <option key={ls.id} value={ls.id}>
                  {ls.name ?? ls.id}
                  {ls.location ? ` — ${ls.location}` : ''}
                  {ls.online === false ? ' (offline)' : ''}
                </option>
              ))}
            </select>
          ) : (
            <input id={`${id}-ls`} value={fields.listenerServiceId} onChange={(e) => set('listenerServiceId')(e.target.value)} spellCheck={false} />
          )}
          {errorOf('listenerServiceId') && <span className="error-text">{errorOf('listenerServiceId')}</span>}
        </div>
        <Choice label="Control protocol (required)" value={fields.controlProtocol} known={known('controlProtocol')} onValue={set('controlProtocol')} error={errorOf('controlProtocol')} listId={`${id}-cp`} />
        <Choice label="Signalling protocol" value={fields.signalingProtocol} known={known('signalingProtocol')} onValue={set('signalingProtocol')} error={errorOf('signalingProtocol')} listId={`${id}-sp`} />
        <Choice label="Dial style" value={fields.dialStyle} known={known('dialStyle')} onValue={set('dialStyle')} error={errorOf('dialStyle')} listId={`${id}-ds`} />
        <Choice label="Address style" value={fields.addressStyle} known={known('addressStyle')} onValue={set('addressStyle')} error={errorOf('addressStyle')} listId={`${id}-as`} />
        {text('username')}
        <div className="conn-field">
          <label htmlFor={`${id}-pw`}>Device password</label>
          <input
            id={`${id}-pw`}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-describedby={`${id}-pw-hint`}
          />
          <span id={`${id}-pw-hint`} className="muted conn-field-hint">
            {roomId === null ? 'Optional.' : 'Relay never shows the password: leave this empty to keep it, or type a new one.'}
          </span>
        </div>
      </fieldset>
      <fieldset disabled={busy}>
        <legend>Calendar</legend>
        {text('calendarId')}
        <Choice label="Calendar type" value={fields.calendarType} known={known('calendarType')} onValue={set('calendarType')} error={errorOf('calendarType')} listId={`${id}-ct`} />
        <label className="checkbox">
          <input type="checkbox" checked={fields.autoJoin === 'yes'} onChange={(e) => set('autoJoin')(e.target.checked ? 'yes' : 'no')} />
          Join meetings on the calendar automatically
        </label>
        {fields.autoJoin !== '' && fields.autoJoin !== 'yes' && fields.autoJoin !== 'no' && <span className="muted">Auto-join is “{fields.autoJoin}” on the server (kept as it is).</span>}
        {text('customData')}
      </fieldset>
      {general.map((g) => (
        <p key={g.message} role="alert" className="error-text">
          {g.message}
        </p>
      ))}
      {issues.some((i) => i.field !== null) && (
        <p role="alert" className="error-text">
          Nothing was saved: {issues.filter((i) => i.field !== null).map((i) => i.message).join(' ')}
        </p>
      )}
      {saved && (
        <p role="status" className="fleet-saved">
          {saved}
        </p>
      )}
      <div className="fleet-form-actions">
        <button type="submit" className="primary" disabled={busy || !connection.canProvision} title={connection.canProvision ? undefined : (connection.reason ?? undefined)}>
          {roomId === null ? 'Add room' : 'Save'}
        </button>
        {roomId !== null && (
          <button type="button" className="btn-danger" disabled={busy || !connection.canProvision} onClick={() => void askDelete()}>
            Delete…
          </button>
        )}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <ConfirmDialog open={asking !== null} title="Delete room" confirmLabel="Delete room" onConfirm={() => void remove()} onCancel={() => setAsking(null)}>
        {asking && (
          <>
            <p>
              Delete <strong>{asking.name}</strong> from Relay?
            </p>
            <p data-testid="delete-call-state">
              {asking.inCall === true
                ? `It is in a call now${asking.meetingTitle ? ` ("${asking.meetingTitle}")` : ''}: the call goes on, but Relay Console can no longer control the room.`
                : asking.inCall === false
                  ? 'It is not in a call.'
                  : 'Whether it is in a call is not known yet.'}
            </p>
            <p>Its settings are gone with it; adding it again needs its details.</p>
          </>
        )}
      </ConfirmDialog>
    </form>
  );
}
