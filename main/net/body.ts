// Reads a response body with a size cap, so a huge or endless answer cannot exhaust memory.
import type { Readable } from 'node:stream';
import { tooLarge } from './answer.ts';

export async function readCapped(body: Readable, maxBytes: number, host: string, declaredLength?: string | string[]): Promise<Buffer> {
  const declared = Number(Array.isArray(declaredLength) ? declaredLength[0] : declaredLength);
  if (Number.isFinite(declared) && declared > maxBytes) {
    body.destroy();
    throw tooLarge(host, maxBytes);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    total += buffer.length;
    if (total > maxBytes) {
      body.destroy();
      throw tooLarge(host, maxBytes);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, total);
}
