/**
 * Substrate's hashers. The WASM implementations are used once `initCrypto()` has resolved
 * (≈4× faster than the pure-JS fallback); call it once at process start.
 */
import { blake2AsU8a, cryptoWaitReady, xxhashAsU8a } from '@polkadot/util-crypto';
import { concatBytes } from './hex.ts';

let ready: Promise<boolean> | undefined;

export function initCrypto(): Promise<boolean> {
  ready ??= cryptoWaitReady();
  return ready;
}

export function blake2_256(data: Uint8Array): Uint8Array {
  return blake2AsU8a(data, 256);
}

export function blake2_128(data: Uint8Array): Uint8Array {
  return blake2AsU8a(data, 128);
}

export function blake2_64(data: Uint8Array): Uint8Array {
  return blake2AsU8a(data, 64);
}

export function twox64(data: Uint8Array): Uint8Array {
  return xxhashAsU8a(data, 64);
}

export function twox128(data: Uint8Array): Uint8Array {
  return xxhashAsU8a(data, 128);
}

export function twox256(data: Uint8Array): Uint8Array {
  return xxhashAsU8a(data, 256);
}

export type HasherName =
  | 'Blake2_128' | 'Blake2_256' | 'Blake2_128Concat'
  | 'Twox128' | 'Twox256' | 'Twox64Concat' | 'Identity';

/** Hash one SCALE-encoded map key the way the storage hasher does (incl. the `Concat` suffix). */
export function hashKey(hasher: HasherName, encodedKey: Uint8Array): Uint8Array {
  switch (hasher) {
    case 'Blake2_128':
      return blake2_128(encodedKey);
    case 'Blake2_256':
      return blake2_256(encodedKey);
    case 'Blake2_128Concat':
      return concatBytes(blake2_128(encodedKey), encodedKey);
    case 'Twox128':
      return twox128(encodedKey);
    case 'Twox256':
      return twox256(encodedKey);
    case 'Twox64Concat':
      return concatBytes(twox64(encodedKey), encodedKey);
    case 'Identity':
      return encodedKey;
  }
}

/** How many hash bytes precede the raw key for reversible hashers (undefined: not reversible). */
export function hasherPrefixLength(hasher: HasherName): number | undefined {
  switch (hasher) {
    case 'Blake2_128Concat':
      return 16;
    case 'Twox64Concat':
      return 8;
    case 'Identity':
      return 0;
    default:
      return undefined;
  }
}
