// The vault: connection records (not secret) and each connection's secrets, encrypted with the
// SecretCipher (safeStorage) and kept in the SettingsStore (electron-store). Where the OS cannot encrypt,
// or Linux falls back to `basic_text`, secrets stay in memory for the session unless the user accepted
// the risk ("store anyway": sealed with a key kept in a file of its own, key-file.ts). A bad part of the
// file is dropped alone (one record, one secret), after a copy of the file is kept, with a notice; the
// store's own notices (a file moved aside, a save that failed) reach vault.status too. Nothing here
// throws at the app.
import { z } from 'zod';
import type { VaultStatus } from '../../contract/index.ts';
import type { KeyFile, Logger, SecretCipher, SettingsStore } from '../ports.ts';
import { silentLogger } from '../ports.ts';
import { newLocalKey, openLocal, sealLocal } from './local-key.ts';
import { NotSavedError } from './not-saved.ts';

export type SecretBundle = Record<string, string>;

const KEY_RECORDS = 'connections';
const KEY_SECRETS = 'secrets';
const KEY_VAULT = 'vault';
const maxRecords = 500;
const maxNotices = 20;

const secretId = z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/);
const sealedEntry = z.object({ alg: z.enum(['os', 'local']), data: z.string().max(64 * 1024) }).strict();
type SealedEntry = z.output<typeof sealedEntry>;
/** `localKey`: where older versions kept the key, in the settings file itself; moved to the key file on load. */
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
  /** Validates every stored record on read: a record that fails was changed outside the app and is dropped. */
  recordSchema: z.ZodType<R>;
  log?: Logger;
}

/** The entries of a stored secrets value one by one: the good ones, and how many were not. */
function readSealed(raw: unknown): { entries: Map<string, SealedEntry>; bad: number } {
  const entries = new Map<string, SealedEntry>();
  if (raw === undefined) return { entries, bad: 0 };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { entries, bad: 1 };
  let bad = 0;
  for (const [id, value] of Object.entries(raw)) {
    const entry = sealedEntry.safeParse(value);
    if (secretId.safeParse(id).success && entry.success) entries.set(id, entry.data);
    else bad++;
  }
  return { entries, bad };
}

/** What "store anyway" protects against and what not (key-file.ts, private-files.ts), said where it is chosen. */
const storeAnywayMeans =
  'You chose "Store anyway": secrets are saved on disk, sealed with a key kept in a separate file that only your user account can read. ' +
  'That protects them from other user accounts on this computer and from a copy of the settings file on its own, ' +
  "but not against anyone who can read your user account's files (an administrator, a backup or copy of your whole profile, a lost laptop without disk encryption) or malware running as you.";

/** Where the key lives when the store has no key file (memory stores): this session only. */
function sessionKeyFile(): KeyFile {
  let key: string | null = null;
  return {
    read: () => key,
    write: (k) => void (key = k),
    remove: () => void (key = null),
  };
}

export class Vault<R extends { id: string }> {
  readonly #store: SettingsStore;
  readonly #cipher: SecretCipher;
  readonly #log: Logger;
  readonly #recordSchema: z.ZodType<R>;
  readonly #keyFile: KeyFile;
  #availability: Availability = { usable: false, backend: null, reason: null };
  #acceptRisk = false;
  #localKey: string | undefined;
  /** False while the local key is only in memory (its file could not be written): nothing is sealed with it. */
  #keySaved = false;
  #records: R[] = [];
  readonly #memory = new Map<string, SecretBundle>();
  readonly #notices: string[] = [];

  private constructor(options: VaultOptions<R>) {
    this.#store = options.store;
    this.#cipher = options.cipher;
    this.#log = options.log ?? silentLogger;
    this.#recordSchema = options.recordSchema;
    this.#keyFile = options.store.keyFile ?? sessionKeyFile();
  }

  static async open<R extends { id: string }>(options: VaultOptions<R>): Promise<Vault<R>> {
    const vault = new Vault(options);
    await vault.#load();
    return vault;
  }

  async #load(): Promise<void> {
    this.#availability = await this.#checkCipher();
    this.#takeStoreNotices();
    // A copy of the file as it was, taken once, before a bad part is dropped from it.
    let copy: string | null | undefined;
    const copyAside = (): string => {
      if (copy === undefined) copy = this.#store.copyAside?.() ?? null;
      return copy ? ` A copy of the file as it was is at ${copy}.` : '';
    };

    const rawRecords = this.#read(KEY_RECORDS);
    const list: unknown[] | null = rawRecords === undefined ? [] : Array.isArray(rawRecords) ? rawRecords : null;
    let badRecords = 0;
    for (const item of list ?? []) {
      const parsed = this.#recordSchema.safeParse(item);
      if (parsed.success && this.#records.length < maxRecords && !this.#records.some((r) => r.id === parsed.data.id)) this.#records.push(parsed.data);
      else badRecords++;
    }
    if (list === null) {
      this.#notice(`The list of saved connections could not be read (the settings file was changed outside Relay Console), so it was left out; the other settings are kept.${copyAside()}`);
    } else if (badRecords > 0) {
      this.#notice(
        `${badRecords === 1 ? 'One saved connection' : `${badRecords} saved connections`} could not be read (the settings file was changed outside Relay Console) and ${badRecords === 1 ? 'was' : 'were'} left out; the other connections and settings are kept.${copyAside()}`,
      );
    }

    const sealed = readSealed(this.#read(KEY_SECRETS));
    const rawSettings = this.#read(KEY_VAULT);
    const settings = vaultShape.safeParse(rawSettings ?? { acceptRisk: false });
    if (!settings.success) this.#notice(`The "Store anyway" choice could not be read and was reset to off.${copyAside()}`);
    this.#acceptRisk = settings.success && settings.data.acceptRisk;
    const legacyKey = settings.success ? settings.data.localKey : undefined;
    if (legacyKey) {
      this.#localKey = legacyKey; // it sealed the secrets of this very file
      this.#keySaved = this.#saveKey(legacyKey);
    } else {
      this.#localKey = this.#keyFile.read() ?? undefined;
      this.#keySaved = this.#localKey !== undefined;
    }

    let unreadable = sealed.bad;
    for (const [id, entry] of sealed.entries) {
      if (!this.#records.some((r) => r.id === id)) continue;
      try {
        this.#memory.set(id, bundleShape.parse(JSON.parse(await this.#unseal(entry))));
      } catch {
        // Without a usable keychain a sealed entry cannot be opened: that is the missing keychain, not damage.
        if (this.mode() !== 'memory' || entry.alg === 'local') unreadable++;
      }
    }
    if (unreadable > 0) {
      this.#notice(
        `The saved credentials of ${unreadable === 1 ? 'one connection' : `${unreadable} connections`} could not be read on this computer (the system keychain may have changed, or the file was edited). Reconnect ${unreadable === 1 ? 'it' : 'them'}.${sealed.bad > 0 ? copyAside() : ''}`,
      );
    }

    if (list === null || badRecords > 0) this.#put(KEY_RECORDS, this.#records);
    if (!settings.success || (legacyKey && this.#keySaved)) this.#put(KEY_VAULT, { acceptRisk: this.#acceptRisk });
    // Secrets on disk that the current mode must not keep (e.g. the risk was accepted, then the keyring came back).
    const localOnDisk = [...sealed.entries.values()].some((e) => e.alg === 'local');
    if (unreadable > 0 || (this.mode() === 'encrypted' && localOnDisk)) await this.#persistSecrets();
  }

  /** A read that a damaged file cannot turn into a throw (the store recovers; any other store says nothing). */
  #read(key: string): unknown {
    try {
      return this.#store.get(key);
    } catch (error) {
      this.#log.warn('settings could not be read', { key, error: errorName(error) });
      return undefined;
    }
  }

  /** A save that did not reach the disk holds for the session; the store has said so in a notice. */
  #put(key: string, value: unknown): void {
    try {
      if (value === undefined) this.#store.delete(key);
      else this.#store.set(key, value);
    } catch (error) {
      if (!(error instanceof NotSavedError)) throw error;
    }
  }

  #saveKey(key: string): boolean {
    try {
      this.#keyFile.write(key);
      return true;
    } catch (error) {
      if (!(error instanceof NotSavedError)) throw error;
      return false;
    }
  }

  #notice(text: string): void {
    if (!this.#notices.includes(text) && this.#notices.length < maxNotices) this.#notices.push(text);
  }

  #takeStoreNotices(): void {
    for (const text of this.#store.notices?.() ?? []) this.#notice(text);
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
    this.#takeStoreNotices();
    const mode = this.mode();
    const warning =
      mode === 'encrypted'
        ? null
        : `${this.#availability.reason ?? 'Secrets cannot be encrypted on this computer.'} ` +
          (mode === 'memory'
            ? 'Secrets are kept in memory for this session only: you will need to sign in again after a restart, unless you choose "Store anyway".'
            : storeAnywayMeans);
    return { mode, backend: this.#availability.backend, warning, riskAccepted: this.#acceptRisk, notices: [...this.#notices] };
  }

  /** True when secrets written now reach the disk. */
  persistsSecrets(): boolean {
    return this.mode() !== 'memory';
  }

  async acceptRisk(accept: boolean): Promise<VaultStatus> {
    this.#acceptRisk = accept;
    if (accept && !this.#localKey && !this.#availability.usable) {
      this.#localKey = newLocalKey();
      this.#keySaved = this.#saveKey(this.#localKey);
    }
    this.#put(KEY_VAULT, { acceptRisk: accept });
    await this.#persistSecrets();
    if (!accept) {
      this.#localKey = undefined;
      this.#keySaved = false;
      this.#keyFile.remove();
    }
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
    this.#put(KEY_RECORDS, this.#records);
  }

  deleteRecord(id: string): void {
    this.#records = this.#records.filter((r) => r.id !== id);
    this.#put(KEY_RECORDS, this.#records);
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
    const out: Record<string, SealedEntry> = {};
    if (this.mode() === 'memory') {
      // Nothing new reaches the disk. Keychain-sealed entries we could not open this session (the keychain
      // may be back next time) stay, unless their connection is gone or has been re-entered since.
      for (const [id, entry] of readSealed(this.#read(KEY_SECRETS)).entries) {
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
    this.#put(KEY_SECRETS, Object.keys(out).length === 0 ? undefined : out);
  }

  async #seal(plain: string): Promise<SealedEntry> {
    if (this.mode() === 'encrypted') return { alg: 'os', data: Buffer.from(await this.#cipher.encrypt(plain)).toString('base64') };
    if (!this.#localKey) {
      this.#localKey = newLocalKey();
      this.#keySaved = this.#saveKey(this.#localKey);
    }
    // Sealed with a key that is not on disk, it could not be opened after a restart: it stays in memory.
    if (!this.#keySaved) throw new Error('the key of "store anyway" could not be saved');
    return { alg: 'local', data: sealLocal(this.#localKey, plain) };
  }

  async #unseal(entry: SealedEntry): Promise<string> {
    if (entry.alg === 'os') return this.#cipher.decrypt(new Uint8Array(Buffer.from(entry.data, 'base64')));
    if (!this.#localKey) throw new Error('no local key');
    return openLocal(this.#localKey, entry.data);
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
