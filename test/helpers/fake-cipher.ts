// A SecretCipher for tests: reversible, visibly not plain text, and able to play every availability case.
import type { SecretCipher } from '../../main/ports.ts';

export function fakeCipher(
  mode: { available: true; backend?: string } | { available: false; reason?: string } = { available: true },
): SecretCipher & { failDecrypt: boolean } {
  const key = 0x5a;
  const cipher = {
    failDecrypt: false,
    async availability() {
      return mode.available
        ? { available: true as const, backend: mode.backend ?? 'test_keychain' }
        : { available: false as const, reason: mode.reason ?? 'No keychain in this test.' };
    },
    async encrypt(plain: string) {
      if (!mode.available) throw new Error('unavailable');
      const bytes = Buffer.from(`v1:${plain}`, 'utf8');
      return new Uint8Array(bytes.map((b) => b ^ key));
    },
    async decrypt(data: Uint8Array) {
      if (!mode.available || cipher.failDecrypt) throw new Error('cannot decrypt');
      const text = Buffer.from(data.map((b) => b ^ key)).toString('utf8');
      if (!text.startsWith('v1:')) throw new Error('bad data');
      return text.slice(3);
    },
  };
  return cipher;
}
