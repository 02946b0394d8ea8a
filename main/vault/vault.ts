// The vault: connection records (not secret) and each connection's secrets, encrypted with the
// SecretCipher (safeStorage) and kept in the SettingsStore (electron-store). Where the OS cannot encrypt,
// or Linux falls back to `basic_text`, secrets stay in memory for the session unless the user accepted
// the risk. A damaged or tampered store is moved aside with a notice; nothing here throws at the app.
import { z } from 'zod';
import type { VaultStatus } from '../../contract/index.ts';
import type { Logger, SecretCipher, SettingsStore } from '../ports.ts';
import { silentLogger } from '../ports.ts';
import { newLocalKey, openLocal, sealLocal } from './local-key.ts';
import { movedAsideNotice } from './quarantine.ts';

export type SecretBundle = Record<string, string>;

const KEY_RECORDS = 'connections';
const KEY_SECRETS = 'secrets';
const KEY_VAULT = 'vault';

const sealedEntry = z.object({ alg: z.enum(['os', 'local']), data: z.string().max(64 * 1024) }).strict();
const secretsShape = z.record(z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/), sealedEntry);
const vaultShape = z.object({ acceptRisk: z.boolean(), localKey: z.string().optional() }).strict();
const bundleShape = z.record(z.string(), z.string());

interface Availability {
  usable: boolean;
  backend: string | null;
  reason: string | null;
}

export interface VaultOptions<R extends { id: string }> {
  store: SettingsStore;
  cipher: SecretCipher;
  /** Validates every stored record on read: a record that fails means the file was tampered with. */
  recordSchema: z.ZodType<R>;
  log?: Logger;
}

export class Vault<R extends { id: string }> {
  readonly #store: SettingsStore;
  readonly #cipher: SecretCipher;
  readonly #log: Logger;
  readonly #recordSchema: z.ZodType<R>;
  #availability: Availability = { usable: false, backend: null, reason: null };
  #acceptRisk = false;
  #localKey: string | undefined;
  #records: R[] = [];
  readonly #memory = new Map<string, SecretBundle>();
  readonly #notices: string[] = [];

  private constructor(options: VaultOptions<R>) {
    this.#store = options.store;
    this.#cipher = options.cipher;
    this.#log = options.log ?? silentLogger;
    this.#recordSchema = options.recordSchema;
  }

  static async open<R extends { id: string }>(options: VaultOptions<R>): Promise<Vault<R>> {
    const vault = new Vault(options);
    await vault.#load();
    return vault;
  }

  async #load(): Promise<void> {
    this.#availability = await this.#checkCipher();
    this.#notices.push(...(this.#store.notices?.() ?? []));
    let records: R[];
    let sealed: z.output<typeof secretsShape>;
    let settings: z.output<typeof vaultShape>;
    try {
      records = z.array(this.#recordSchema).max(500).parse(this.#store.get(KEY_RECORDS) ?? []);
      sealed = secretsShape.parse(this.#store.get(KEY_SECRETS) ?? {});
      settings = vaultShape.parse(this.#store.get(KEY_VAULT) ?? { acceptRisk: false });
    } catch (error) {
      this.#log.warn('settings file unreadable; moving it aside', { error: error instanceof z.ZodError ? 'schema' : errorName(error) });
      this.#quarantine();
      return;
    }
    this.#records = records;
    this.#acceptRisk = settings.acceptRisk;
    this.#localKey = settings.localKey;
    let unreadable = 0;
    for (const [id, entry] of Object.entries(sealed)) {
      if (!records.some((r) => r.id === id)) continue;
      try {
        this.#memory.set(id, bundleShape.parse(JSON.parse(await this.#unseal(entry))));
      } catch {
        // Without a usable keychain a sealed entry cannot be opened: that is the missing keychain, not damage.
        if (this.mode() !== 'memory' || entry.alg === 'local') unreadable++;
      }
    }
    if (unreadable > 0) {
      this.#notices.push(
        `The saved credentials of ${unreadable === 1 ? 'one connection' : `${unreadable} connections`} could not be read on this computer (the system keychain may have changed, or the file was edited). Reconnect ${unreadable === 1 ? 'it' : 'them'}.`,
      );
      await this.#persistSecrets();
    }
    // Secrets on disk that the current mode must not keep (e.g. the risk was accepted, then the keyring came back).
    if (this.mode() === 'encrypted' && Object.values(sealed).some((e) => e.alg === 'local')) await this.#persistSecrets();
  }

  #quarantine(): void {
    let target: string | null = null;
    try {
      target = this.#store.moveAside?.() ?? null;
      if (!this.#store.moveAside) for (const key of [KEY_RECORDS, KEY_SECRETS, KEY_VAULT]) this.#store.delete(key);
    } catch (error) {
      this.#log.error('could not move the settings file aside', { error: errorName(error) });
    }
    this.#notices.push(movedAsideNotice(target));
    this.#records = [];
    this.#memory.clear();
  }

  async #checkCipher(): Promise<Availability> {
    try {
      const a = await this.#cipher.availability();
      if (!a.available) return { usable: false, backend: null, reason: a.reason };
      if (a.backend === 'basic_text') {
        return {
          usable: false,
          backend: a.backend,
          reason: 'No keyring (GNOME Keyring or KWallet) is running, so secrets could only be hidden with a fixed key, not encrypted.',
        };
      }
      return { usable: true, backend: a.backend, reason: null };
    } catch (error) {
      return { usable: false, backend: null, reason: `The system keychain could not be asked (${errorName(error)}).` };
    }
  }

  mode(): VaultStatus['mode'] {
    if (this.#availability.usable) return 'encrypted';
    return this.#acceptRisk ? 'weak' : 'memory';
  }

  status(): VaultStatus {
    const mode = this.mode();
    const warning =
      mode === 'encrypted'
        ? null
        : `${this.#availability.reason ?? 'Secrets cannot be encrypted on this computer.'} ` +
          (mode === 'memory'
            ? 'Secrets are kept in memory for this session only: you will need to sign in again after a restart, unless you choose "Store anyway".'
            : 'You chose "Store anyway": secrets are saved on disk with no real protection.');
    return { mode, backend: this.#availability.backend, warning, riskAccepted: this.#acceptRisk, notices: [...this.#notices] };
  }

  /** True when secrets written now reach the disk. */
  persistsSecrets(): boolean {
    return this.mode() !== 'memory';
  }

  async acceptRisk(accept: boolean): Promise<VaultStatus> {
    this.#acceptRisk = accept;
    if (accept && !this.#localKey && !this.#availability.usable) this.#localKey = newLocalKey();
    if (!accept) this.#localKey = undefined;
    this.#store.set(KEY_VAULT, { acceptRisk: accept, ...(this.#localKey ? { localKey: this.#localKey } : {}) });
    await this.#persistSecrets();
    return this.status();
  }

  dismissNotices(): void {
    this.#notices.length = 0;
  }

  // ---- records ----

  records(): R[] {
    return [...this.#records];
  }

  saveRecord(record: R): void {
    const parsed = this.#recordSchema.parse(record);
    const index = this.#records.findIndex((r) => r.id === record.id);
    if (index >= 0) this.#records[index] = parsed;
    else this.#records.push(parsed);
    this.#store.set(KEY_RECORDS, this.#records);
  }

  deleteRecord(id: string): void {
    this.#records = this.#records.filter((r) => r.id !== id);
    this.#store.set(KEY_RECORDS, this.#records);
  }

  // ---- secrets ----

  secrets(id: string): SecretBundle | undefined {
    const bundle = this.#memory.get(id);
    return bundle ? { ...bundle } : undefined;
  }

  async setSecrets(id: string, bundle: SecretBundle): Promise<void> {
    this.#memory.set(id, { ...bundle });
    await this.#persistSecrets();
  }

  async deleteSecrets(id: string): Promise<void> {
    this.#memory.delete(id);
    await this.#persistSecrets();
  }

  /** Writes every bundle the current mode allows to keep on disk (and only those). */
  async #persistSecrets(): Promise<void> {
    const out: Record<string, z.output<typeof sealedEntry>> = {};
    if (this.mode() === 'memory') {
      // Nothing new reaches the disk. Keychain-sealed entries we could not open this session (the keychain
      // may be back next time) stay, unless their connection is gone or has been re-entered since.
      const onDisk = secretsShape.safeParse(this.#store.get(KEY_SECRETS) ?? {});
      for (const [id, entry] of Object.entries(onDisk.success ? onDisk.data : {})) {
        if (entry.alg === 'os' && !this.#memory.has(id) && this.#records.some((r) => r.id === id)) out[id] = entry;
      }
    } else {
      for (const [id, bundle] of this.#memory) {
        if (Object.keys(bundle).length === 0) continue;
        try {
          out[id] = await this.#seal(JSON.stringify(bundle));
        } catch (error) {
          // The keychain refused (locked, prompt dismissed): this secret stays in memory for the session.
          this.#log.warn('could not encrypt a secret; keeping it in memory', { error: errorName(error) });
        }
      }
    }
    if (Object.keys(out).length === 0) this.#store.delete(KEY_SECRETS);
    else this.#store.set(KEY_SECRETS, out);
  }

  async #seal(plain: string): Promise<z.output<typeof sealedEntry>> {
    if (this.mode() === 'encrypted') return { alg: 'os', data: Buffer.from(await this.#cipher.encrypt(plain)).toString('base64') };
    if (!this.#localKey) {
      this.#localKey = newLocalKey();
      this.#store.set(KEY_VAULT, { acceptRisk: this.#acceptRisk, localKey: this.#localKey });
    }
    return { alg: 'local', data: sealLocal(this.#localKey, plain) };
  }

  async #unseal(entry: z.output<typeof sealedEntry>): Promise<string> {
    if (entry.alg === 'os') return this.#cipher.decrypt(new Uint8Array(Buffer.from(entry.data, 'base64')));
    if (!this.#localKey) throw new Error('no local key');
    return openLocal(this.#localKey, entry.data);
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
