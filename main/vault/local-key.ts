// "Store anyway" where the OS cannot encrypt: secrets are sealed with AES-256-GCM under a key of their own,
// kept in a file apart from the settings (key-file.ts), so a copy of the settings alone opens nothing. It
// does not keep out what can read the user's files (the UI says so); it is what the user accepted.
// Tampering is still detected (GCM tag).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export function newLocalKey(): string {
  return randomBytes(32).toString('base64');
}

export function sealLocal(keyB64: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(keyB64, 'base64'), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64');
}

export function openLocal(keyB64: string, sealedB64: string): string {
  const raw = Buffer.from(sealedB64, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(keyB64, 'base64'), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
