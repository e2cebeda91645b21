/**
 * Aura block sealing: a `PreRuntime(aura, slot)` digest claims the slot; the slot's authority
 * (authorities[slot % n]) signs blake2-256 of the header without its seal, appended as
 * `Seal(aura, signature)`.
 */
import { bytesEqual } from '../primitives/hex.ts';
import { ScaleWriter } from '../primitives/scale/index.ts';
import { AURA_ENGINE_ID, slotFromDigest } from '../runtime/pallets/aura/index.ts';
import type { DigestItem, Header } from '../runtime/types.ts';
import { headerHash } from '../chain/block.ts';

export interface SealSigner {
  publicKey: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
}

export function auraPreDigest(slot: bigint): DigestItem {
  const w = new ScaleWriter(8);
  w.u64(slot);
  return { tag: 'PreRuntime', value: [AURA_ENGINE_ID, w.finish()] };
}

export function slotAuthorIndex(slot: bigint, authorityCount: number): number {
  return Number(slot % BigInt(authorityCount));
}

export function sealHeader(unsealed: Header, signer: SealSigner): Header {
  const signature = signer.sign(headerHash(unsealed));
  return {
    ...unsealed,
    digest: { logs: [...unsealed.digest.logs, { tag: 'Seal', value: [AURA_ENGINE_ID, signature] }] },
  };
}

export class SealError extends Error {}

export interface VerifiedSeal {
  unsealed: Header;
  slot: bigint;
  author: Uint8Array;
}

/** Check the seal of `header` against the parent state's authority set. */
export function verifyAuraSeal(
  header: Header,
  authorities: Uint8Array[],
  verify: (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => boolean,
): VerifiedSeal {
  const logs = header.digest.logs;
  const last = logs[logs.length - 1];
  if (!last || last.tag !== 'Seal') throw new SealError('header is not sealed');
  const [engine, signature] = last.value as [Uint8Array, Uint8Array];
  if (!bytesEqual(engine, AURA_ENGINE_ID)) throw new SealError('seal is not an Aura seal');
  const unsealed: Header = { ...header, digest: { logs: logs.slice(0, -1) } };
  const slot = slotFromDigest(unsealed.digest.logs);
  if (slot === undefined) throw new SealError('no Aura pre-runtime digest');
  if (authorities.length === 0) throw new SealError('no authorities');
  const author = authorities[slotAuthorIndex(slot, authorities.length)]!;
  if (signature.length !== 64 || !verify(signature, headerHash(unsealed), author)) throw new SealError('bad seal signature');
  return { unsealed, slot, author };
}
