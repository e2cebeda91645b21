import { decodeAddress, encodeAddress } from '@polkadot/util-crypto';

export const SS58_PREFIX = 42;

export function toSs58(accountId: Uint8Array, prefix = SS58_PREFIX): string {
  return encodeAddress(accountId, prefix);
}

/** Accepts an SS58 address or a 0x-prefixed 32-byte hex public key. */
export function fromSs58(address: string): Uint8Array {
  return decodeAddress(address);
}
