import { describe, expect, it } from 'vitest';
import { createSecretCipher, type SafeStorageApi } from '../../../main/app/safe-storage.ts';

type Backend = ReturnType<SafeStorageApi['getSelectedStorageBackend']>;

// Reverses the bytes: enough to tell plain text from "cipher" text without a keyring.
function fakeSafeStorage(available: boolean, backend: Backend): SafeStorageApi {
  return {
    isAsyncEncryptionAvailable: async () => available,
    getSelectedStorageBackend: () => backend,
    encryptStringAsync: async (plain) => Buffer.from(plain, 'utf8').reverse(),
    decryptStringAsync: async (cipher) => ({ result: Buffer.from(cipher).reverse().toString('utf8'), shouldReEncrypt: false }),
  };
}

describe('safeStorage cipher', () => {
  it('encrypts and decrypts through the async API', async () => {
    const cipher = createSecretCipher(fakeSafeStorage(true, 'gnome_libsecret'), 'linux');
    const sealed = await cipher.encrypt('refresh-token-é');
    expect(sealed).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(sealed).toString('utf8')).not.toContain('refresh-token');
    expect(await cipher.decrypt(sealed)).toBe('refresh-token-é');
  });

  it('reports the Linux keyring backend when there is one', async () => {
    expect(await createSecretCipher(fakeSafeStorage(true, 'kwallet6'), 'linux').availability()).toEqual({ available: true, backend: 'kwallet6' });
  });

  it('reports basic_text (no keyring on Linux) as unavailable, in words', async () => {
    const a = await createSecretCipher(fakeSafeStorage(true, 'basic_text'), 'linux').availability();
    expect(a).toEqual({ available: false, reason: expect.stringMatching(/keyring/i) });
  });

  it('reports unavailable when the OS offers no encryption', async () => {
    expect(await createSecretCipher(fakeSafeStorage(false, 'unknown'), 'win32').availability()).toMatchObject({ available: false });
  });

  it('names the OS store on macOS and Windows (no backend query there)', async () => {
    expect(await createSecretCipher(fakeSafeStorage(true, 'unknown'), 'darwin').availability()).toEqual({ available: true, backend: 'keychain' });
    expect(await createSecretCipher(fakeSafeStorage(true, 'unknown'), 'win32').availability()).toEqual({ available: true, backend: 'dpapi' });
  });
});
