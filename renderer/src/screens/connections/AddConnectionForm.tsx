// Add a connection: pick the kind, fill in its form (checked while typing), connect. Errors come back
// from main in words; nothing is saved unless the connection works.
import { useRef, useState, type FormEvent } from 'react';
import type { ConnectionKind, ConnectionView } from '../../../../contract/index.ts';
import { relay } from '../../relay.ts';
import { CredentialFields } from './CredentialFields.tsx';
import { Field } from './Field.tsx';
import { asksForServers, checkField, emptyForm, fieldsFor, pairingSources, toAddInput, validate, type FieldErrors, type FieldName, type FormValues } from './form-model.ts';
import { kindLabels, kindOrder } from './format.ts';

interface Props {
  connections: readonly ConnectionView[];
  initialKind?: ConnectionKind;
  /** A browser sign-in is waiting (its panel shows progress and Cancel). */
  signingIn: boolean;
  onDone(view: ConnectionView): void;
  onCancel(): void;
}

export function AddConnectionForm({ connections, initialKind = 'client', signingIn, onDone, onCancel }: Props) {
  const [kind, setKind] = useState<ConnectionKind>(initialKind);
  const [values, setValues] = useState<FormValues>(emptyForm);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const sources = pairingSources(connections);
  const fields = fieldsFor(kind, values.sourceFrom);

  const change = (field: FieldName, value: string): void => {
    setValues((v) => ({ ...v, [field]: value }));
    // Once a field has shown an error, it is re-checked as the user types.
    if (errors[field]) setErrors((e) => ({ ...e, [field]: checkField(field, value) ?? undefined }));
  };
  const blur = (field: FieldName): void => {
    const value = values[field];
    if (value === '' && field !== 'name') return; // do not scold an untouched field
    setErrors((e) => ({ ...e, [field]: checkField(field, value) ?? undefined }));
  };

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const found = validate(kind, values, true);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      // Focus the first field that needs attention (found by name: the error marks render later).
      const first = Object.keys(found)[0];
      if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    const api = relay();
    if (!api) return setFailure('This page has no bridge to Relay Console.');
    setPending(true);
    setFailure(null);
    const result = await api.connectionsAdd(toAddInput(kind, values));
    setPending(false);
    if (result.ok) {
      setValues(emptyForm);
      onDone(result.value);
    } else if (!(kind === 'code' && result.error.code === 'timeout' && result.error.message.startsWith('Relay Console did not answer'))) {
      // (A bridge call that outlives its wait ends here while the browser sign-in goes on: its panel tells the outcome.)
      setFailure(result.error.message);
    }
  };

  return (
    <form ref={formRef} className="conn-add-form" aria-labelledby="add-connection-title" onSubmit={(e) => void submit(e)} noValidate>
      <h2 id="add-connection-title">Add a connection</h2>
      <fieldset>
        <legend>Kind</legend>
        {kindOrder.map((k) => (
          <div key={k} className="conn-kind-option">
            <label className="radio">
              <input
                type="radio"
                name="kind"
                value={k}
                checked={kind === k}
                aria-describedby={`kind-hint-${k}`}
                onChange={() => {
                  setKind(k);
                  setErrors({});
                  setFailure(null);
                }}
              />
              <span className="conn-kind-title">{kindLabels[k].title}</span>
            </label>
            <span id={`kind-hint-${k}`} className="muted conn-kind-hint">
              {kindLabels[k].hint}
            </span>
          </div>
        ))}
      </fieldset>

      <fieldset>
        <legend>{kindLabels[kind].title}</legend>
        {kind === 'pairing' && (
          <div role="radiogroup" aria-label="Where the BlueJeans sign-in comes from" className="conn-source-choice">
            {(
              [
                ['connection', 'An existing connection'],
                ['password', 'A BlueJeans user name and password'],
                ['client', 'An enterprise app key and secret'],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className="radio">
                <input type="radio" name="sourceFrom" value={value} checked={values.sourceFrom === value} onChange={() => change('sourceFrom', value)} />
                {label}
              </label>
            ))}
          </div>
        )}
        <CredentialFields fields={fields} values={values} errors={errors} onChange={change} onBlur={blur} sources={sources} />
        <Field label="Name (optional)" value={values.name} error={errors.name} name="name" onValue={(v) => change('name', v)} onBlur={() => blur('name')} hint="Shown in the list; by default the enterprise’s name." />
        {asksForServers(kind, values.sourceFrom) ? (
          <details className="conn-bases">
            <summary>Server addresses</summary>
            <p className="muted conn-field-hint">Leave empty for the public BlueJeans servers. Plain http:// only for this computer. A Relay address may end in /api.</p>
            <Field label="API" name="api" placeholder="https://api.bluejeans.com" value={values.api} error={errors.api} onValue={(v) => change('api', v)} onBlur={() => blur('api')} />
            <Field label="Sign-in page" name="authorize" placeholder="https://bluejeans.com" value={values.authorize} error={errors.authorize} onValue={(v) => change('authorize', v)} onBlur={() => blur('authorize')} />
            <Field label="Relay" name="relay" placeholder="https://relay.bluejeans.com" value={values.relay} error={errors.relay} onValue={(v) => change('relay', v)} onBlur={() => blur('relay')} />
          </details>
        ) : (
          <p className="muted conn-field-hint">The pairing uses the servers of the chosen connection: its BlueJeans sign-in goes nowhere else.</p>
        )}
      </fieldset>

      {failure && (
        <p className="error-text" role="alert">
          {failure}
        </p>
      )}
      <div className="conn-form-actions">
        <button type="submit" className="primary" disabled={pending}>
          {pending ? (kind === 'code' ? 'Waiting for the browser…' : 'Connecting…') : kind === 'code' ? 'Sign in in the browser' : 'Connect'}
        </button>
        <button type="button" onClick={onCancel} disabled={pending && !signingIn}>
          Close
        </button>
      </div>
    </form>
  );
}
