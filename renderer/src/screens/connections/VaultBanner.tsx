// Where secrets live on this computer: said plainly when they cannot be encrypted, with the explicit
// "store anyway" choice, plus one-off notices (e.g. a damaged settings file moved aside).
import { useState } from 'react';
import type { VaultStatus } from '../../../../contract/index.ts';
import { relay } from '../../relay.ts';

export function VaultBanner({ vault }: { vault: VaultStatus }) {
  const [error, setError] = useState<string | null>(null);
  // The box shows the user's choice at once; main's answer (and 'vault.changed') confirms or reverts it.
  const [pending, setPending] = useState<boolean | null>(null);
  const toggle = async (accept: boolean): Promise<void> => {
    const api = relay();
    if (!api) return;
    setPending(accept);
    const result = await api.vaultAcceptRisk({ accept });
    setPending(null);
    setError(result.ok ? null : result.error.message);
  };
  if (vault.mode === 'encrypted' && vault.notices.length === 0) return null;
  return (
    <section className="conn-vault-banner" aria-label="Where secrets are kept">
      {vault.notices.map((n) => (
        <p key={n} role="alert" className="conn-notice">
          {n}
        </p>
      ))}
      {vault.warning && (
        <>
          <p className="conn-warning" data-testid="vault-warning">
            {vault.warning}
          </p>
          <label className="conn-checkbox">
            <input type="checkbox" checked={pending ?? vault.riskAccepted} disabled={pending !== null} onChange={(e) => void toggle(e.target.checked)} />
            Store anyway: keep secrets on disk without the protection of a keychain
          </label>
        </>
      )}
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
