/**
 * Signature checks for MultiSignature. sr25519 goes through schnorrkel compiled to WASM
 * (≈15× the pure-JS verifier in util-crypto); ed25519 through util-crypto's WASM path.
 * Pure functions: usable inside the runtime and inside worker threads.
 */
import { sr25519_verify } from '@polkadot-labs/schnorrkel-wasm';
import { ed25519Verify } from '@polkadot/util-crypto';

export type SignatureScheme = 'Ed25519' | 'Sr25519' | 'Ecdsa';

export function verifySr25519(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  try {
    return sr25519_verify(publicKey, message, signature);
  } catch {
    return false;
  }
}

export function verifyEd25519(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  try {
    return ed25519Verify(message, signature, publicKey);
  } catch {
    return false;
  }
}

export function verifySignature(
  scheme: SignatureScheme,
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  switch (scheme) {
    case 'Sr25519':
      return verifySr25519(signature, message, publicKey);
    case 'Ed25519':
      return verifyEd25519(signature, message, publicKey);
    case 'Ecdsa':
      // ECDSA signers are addressed by blake2(pubkey); not supported by this node yet.
      return false;
  }
}
