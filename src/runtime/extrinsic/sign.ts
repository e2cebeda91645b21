/**
 * Building signed extrinsics with this runtime's own encoders (used by tools, tests and
 * benchmarks; wallets do the same with their own libraries). The signer is any function that
 * signs bytes, so no key material passes through here.
 */
import { encode } from '../../primitives/scale/index.ts';
import type { Runtime, RuntimeCall } from '../framework/runtime-builder.ts';
import { SPEC_VERSION, TRANSACTION_VERSION } from '../constants.ts';
import { IMMORTAL, type Era } from './era.ts';
import { encodeImplicit } from './extensions.ts';
import { encodeSigned, signingPayload } from './unchecked.ts';

export interface SigningAccount {
  publicKey: Uint8Array;
  type: 'sr25519' | 'ed25519';
  sign(message: Uint8Array): Uint8Array;
}

export interface SignOptions {
  nonce: number;
  genesisHash: Uint8Array;
  /** Hash of the era's birth block; the genesis hash for immortal transactions. */
  birthHash?: Uint8Array;
  era?: Era;
  tip?: bigint;
  specVersion?: number;
  transactionVersion?: number;
}

export function signExtrinsic(runtime: Runtime, call: RuntimeCall, signer: SigningAccount, o: SignOptions): Uint8Array {
  const callBytes = encode(runtime.callCodec, call);
  return signCallBytes(callBytes, signer, o);
}

export function signCallBytes(callBytes: Uint8Array, signer: SigningAccount, o: SignOptions): Uint8Array {
  const extra = { era: o.era ?? IMMORTAL, nonce: o.nonce, tip: o.tip ?? 0n, mode: 0 };
  const implicit = encodeImplicit({
    specVersion: o.specVersion ?? SPEC_VERSION,
    transactionVersion: o.transactionVersion ?? TRANSACTION_VERSION,
    genesisHash: o.genesisHash,
    birthHash: o.birthHash ?? o.genesisHash,
  });
  const signature = signer.sign(signingPayload(callBytes, extra, implicit));
  return encodeSigned(callBytes, {
    address: { tag: 'Id', value: signer.publicKey },
    signature: { tag: signer.type === 'sr25519' ? 'Sr25519' : 'Ed25519', value: signature },
    extra,
  });
}
