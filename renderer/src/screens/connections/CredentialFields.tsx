// The inputs of one kind's credentials (shared by the add and reconnect forms).
import type { ConnectionView } from '../../../../contract/index.ts';
import { Field } from './Field.tsx';
import type { FieldErrors, FieldName, FormValues } from './form-model.ts';

interface Props {
  fields: readonly FieldName[];
  values: FormValues;
  errors: FieldErrors;
  onChange(field: FieldName, value: string): void;
  onBlur(field: FieldName): void;
  sources?: readonly ConnectionView[];
  /** Reconnect of code/client: the secret may stay empty to use the saved one. */
  secretOptional?: boolean;
  /** Put the keyboard in the first field (a form that opens on request). */
  autoFocusFirst?: boolean;
}

export function CredentialFields({ fields, values, errors, onChange, onBlur, sources = [], secretOptional, autoFocusFirst }: Props) {
  const field = (name: FieldName, label: string, extra: Record<string, unknown> = {}, hint?: string) => (
    <Field
      key={name}
      label={label}
      value={values[name]}
      error={errors[name]}
      hint={hint}
      name={name}
      onValue={(v) => onChange(name, v)}
      onBlur={() => onBlur(name)}
      autoFocus={autoFocusFirst && name === fields[0]}
      {...extra}
    />
  );
  return (
    <>
      {fields.map((name) => {
        switch (name) {
          case 'clientId':
            return field(name, 'App key', { autoComplete: 'username' });
          case 'clientSecret':
            return field(
              name,
              secretOptional ? 'App secret (leave empty to use the saved one)' : 'App secret',
              { type: 'password', autoComplete: 'off' },
            );
          case 'username':
            return field(name, 'User name', { autoComplete: 'username' });
          case 'password':
            return field(name, 'Password', { type: 'password', autoComplete: 'current-password' });
          case 'durationDays':
            return field(name, 'Token lifetime in days (optional)', { inputMode: 'numeric' }, 'Empty: two weeks, Relay’s default.');
          case 'pairingCode':
            return field(name, 'Pairing code shown in the room', { autoComplete: 'off', style: { textTransform: 'uppercase' } });
          case 'meetingId':
            return field(name, 'Meeting ID', { inputMode: 'numeric', autoComplete: 'off' });
          case 'passcode':
            return field(name, 'Passcode (optional)', { type: 'password', inputMode: 'numeric', autoComplete: 'off' }, 'A moderator passcode gives moderator rights.');
          case 'sourceConnectionId':
            return (
              <div className={`conn-field${errors.sourceConnectionId ? ' conn-field-invalid' : ''}`} key={name}>
                <label htmlFor="pairing-source-connection">Use the sign-in of</label>
                <select
                  id="pairing-source-connection"
                  name="sourceConnectionId"
                  value={values.sourceConnectionId}
                  aria-invalid={errors.sourceConnectionId ? true : undefined}
                  aria-describedby={errors.sourceConnectionId ? 'pairing-source-error' : undefined}
                  onChange={(e) => onChange(name, e.target.value)}
                  onBlur={() => onBlur(name)}
                >
                  <option value="">Choose a connection…</option>
                  {sources.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
                {sources.length === 0 && <span className="muted conn-field-hint">No connected BlueJeans sign-in, enterprise app or user password yet.</span>}
                {errors.sourceConnectionId && (
                  <span id="pairing-source-error" className="error-text">
                    {errors.sourceConnectionId}
                  </span>
                )}
              </div>
            );
          default:
            return null;
        }
      })}
    </>
  );
}
