// Where secrets live on this computer: said plainly when they cannot be encrypted, with the explicit
// "store anyway" choice and what it does and does not protect against, plus one-off notices (a damaged
// settings file moved aside, a save that failed).
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
          <div className="conn-risk" data-testid="store-anyway-means">
            <p>&ldquo;Store anyway&rdquo; keeps secrets in files only your user account can read, with their key in a file apart from the settings.</p>
            <ul>
              <li>It protects them from other user accounts on this computer, and from someone who gets a copy of the settings file alone.</li>
              <li>
                It does not protect them from anyone who can read your user account&rsquo;s files (an administrator, a backup or copy of your whole
                profile, a lost laptop without disk encryption), or from malware running as you.
              </li>
            </ul>
          </div>
        </>
      )}
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
