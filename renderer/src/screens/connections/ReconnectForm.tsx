// Reconnect: only what this kind needs again (a password, the pairing code, a passcode; a browser sign-in).
import { useState, type FormEvent } from 'react';
import type { ConnectionView } from '../../../../contract/index.ts';
import { relay } from '../../relay.ts';
import { CredentialFields } from './CredentialFields.tsx';
import { checkField, emptyForm, reconnectFields, toReconnectInput, validateReconnect, type FieldErrors, type FieldName, type FormValues } from './form-model.ts';

interface Props {
  view: ConnectionView;
  onDone(): void;
  onCancel(): void;
}

export function ReconnectForm({ view, onDone, onCancel }: Props) {
  const [values, setValues] = useState<FormValues>(emptyForm);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const fields = reconnectFields(view);

  const change = (field: FieldName, value: string): void => {
    setValues((v) => ({ ...v, [field]: value }));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: checkField(field, value) ?? undefined }));
  };
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const found = validateReconnect(view, values);
    setErrors(found);
    if (Object.keys(found).length) return;
    setPending(true);
    setFailure(null);
    const result = await relay()?.connectionsReconnect(toReconnectInput(view, values));
    setPending(false);
    if (!result) return setFailure('This page has no bridge to Relay Console.');
    if (result.ok) onDone();
    else setFailure(result.error.message);
  };

  return (
    <form className="conn-reconnect-form" aria-label={`Reconnect ${view.name}`} onSubmit={(e) => void submit(e)} noValidate>
      <CredentialFields
        fields={fields}
        values={values}
        errors={errors}
        onChange={change}
        onBlur={(f) => values[f] && setErrors((e) => ({ ...e, [f]: checkField(f, values[f]) ?? undefined }))}
        secretOptional={view.kind === 'code' || view.kind === 'client'}
        autoFocusFirst
      />
      {failure && (
        <p className="error-text" role="alert">
          {failure}
        </p>
      )}
      <div className="conn-form-actions">
        <button type="submit" className="primary" disabled={pending}>
          {pending ? 'Reconnecting…' : view.kind === 'code' ? 'Sign in again in the browser' : 'Reconnect'}
        </button>
        <button type="button" onClick={onCancel} disabled={pending && view.kind !== 'code'}>
          Cancel
        </button>
      </div>
    </form>
  );
}
