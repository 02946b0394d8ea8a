// Seeded randomness. Everything the world draws (rooms, meetings, state changes) comes from here, so a
// seed gives the same world every run; secrets (tokens, codes) come from node:crypto instead.
import { randomBytes } from 'node:crypto';

export interface Rng {
  state: number;
}

/** Murmur3's finaliser: a fast, well-mixed 32-bit hash step. */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hashes several integers into one 32-bit value (order matters). */
export function hashInts(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) h = mix32(h ^ mix32((p | 0) + 0x7f4a7c15));
  return h;
}

/** A uniform float in [0, 1) from a 32-bit hash. */
export const unit = (hash: number): number => (hash >>> 0) / 4294967296;

export function createRng(...seedParts: number[]): Rng {
  return { state: hashInts(...seedParts) };
}

/** mulberry32: small, fast and good enough for a simulation; advances rng in place. */
export function nextFloat(rng: Rng): number {
  let t = (rng.state = (rng.state + 0x6d2b79f5) | 0);
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** An integer in [min, max] inclusive. */
export function nextInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(nextFloat(rng) * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(nextFloat(rng) * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** A 24-hex-character id like Relay's (Mongo ObjectId shape), drawn from rng. */
export function hexId(rng: Rng): string {
  let out = '';
  for (let i = 0; i < 3; i++) out += (Math.floor(nextFloat(rng) * 4294967296) >>> 0).toString(16).padStart(8, '0');
  return out;
}

/** Fisher–Yates on a copy, deterministic for a given rng. */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(nextFloat(rng) * (i + 1));
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** Relay's token strings use 0-9a-v (base32hex), e.g. `i0gni52qmhtdsht5pvpu68dv96gqvil6`. */
const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

/** An unguessable string over the given alphabet (the slight modulo bias does not matter in a simulator). */
export function secretString(length: number, alphabet: string): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[(bytes[i] as number) % alphabet.length];
  return out;
}

/** An OAuth (Seam) token: 32 lower-case alphanumerics + `@` + partition, e.g. `564lgo0n…k2hd@z2`. */
export const seamToken = (partitionName: string): string => `${secretString(32, LOWER_ALNUM)}@${partitionName}`;

/** A Relay access token: 32 characters of base32hex. */
export const relayToken = (): string => secretString(32, BASE32HEX);

/** An opaque one-time value (authorization codes, refresh tokens). */
export const opaqueSecret = (length = 32): string => secretString(length, LOWER_ALNUM);
