// The SecretCipher port over Electron's safeStorage, async API (the one Electron recommends; the sync one
// is deprecated). On Linux without a keyring Chromium falls back to `basic_text`, a hard-coded key: that is
// reported as unavailable so the vault can keep secrets in memory unless the user accepts the risk.
import type { SafeStorage } from 'electron';
import type { SecretCipher } from '../ports.ts';

export type SafeStorageApi = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

const backendByPlatform: Partial<Record<NodeJS.Platform, string>> = { darwin: 'keychain', win32: 'dpapi' };

export function createSecretCipher(safeStorage: SafeStorageApi, platform: NodeJS.Platform): SecretCipher {
  return {
    async availability() {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) {
        return { available: false, reason: 'The operating system offers no way to encrypt secrets for this app.' };
      }
      if (platform !== 'linux') return { available: true, backend: backendByPlatform[platform] ?? platform };
      const backend = safeStorage.getSelectedStorageBackend();
      if (backend === 'basic_text') {
        return {
          available: false,
          reason: 'No keyring (GNOME Keyring or KWallet) is running, so secrets could only be hidden with a fixed key, not encrypted.',
        };
      }
      if (backend === 'unknown') return { available: false, reason: 'The keyring cannot be asked before the app is ready.' };
      return { available: true, backend };
    },
    async encrypt(plain) {
      return new Uint8Array(await safeStorage.encryptStringAsync(plain));
    },
    async decrypt(cipher) {
      // `shouldReEncrypt` (a rotated key) is not surfaced yet: the port has no re-encrypt path to use it.
      const { result } = await safeStorage.decryptStringAsync(Buffer.from(cipher));
      return result;
    },
  };
}
