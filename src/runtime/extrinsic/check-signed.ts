/**
 * The checks subtensor's transaction extensions make on a signed extrinsic, shared by pool
 * validation and block application: signer, mortality, signature, nonce, weight, fee, sudo.
 */
import { ScaleWriter } from '../../primitives/scale/index.ts';
import type { BlockContext } from '../framework/context.ts';
import type { StorageRead } from '../framework/storage.ts';
import type { DispatchInfo } from '../framework/dispatch.ts';
import { BLOCK_LENGTH, SPEC_VERSION, TRANSACTION_VERSION, WEIGHT } from '../constants.ts';
import { AccountId32, type AccountId } from '../types.ts';
import { SystemStorage } from '../pallets/system/storage.ts';
import { isSudoKey } from '../pallets/sudo/index.ts';
import { reducibleBalance } from '../pallets/balances/currency.ts';
import { computeFee, transactionPriority } from '../pallets/transaction-payment/index.ts';
import { eraBirth, eraDeath } from './era.ts';
import { encodeImplicit } from './extensions.ts';
import { signingPayload, type Extrinsic } from './unchecked.ts';
import { invalid, unknown, type ValidTransaction } from './validity.ts';

export interface CheckedSigned {
  who: AccountId;
  info: DispatchInfo;
  fee: bigint;
  len: number;
}

function nonceTag(who: AccountId, nonce: number): Uint8Array {
  const w = new ScaleWriter(36);
  AccountId32.enc(w, who);
  w.u32(nonce);
  return w.finish();
}

function signer(xt: Extrinsic): AccountId {
  const address = xt.signed!.address;
  if (address.tag === 'Id' || address.tag === 'Address32') return address.value as AccountId;
  return unknown('CannotLookup');
}

export interface SignatureJob {
  scheme: 'Sr25519' | 'Ed25519';
  signature: Uint8Array;
  message: Uint8Array;
  publicKey: Uint8Array;
}

/**
 * The signature check of a signed extrinsic applied in block `current`, whose parent is
 * `parentHash`, read from a state that knows `System.BlockHash` for blocks before the parent.
 * Throws the validity error for an unknown signer, an unknown birth block or an unsupported
 * scheme. Lets the node verify signatures ahead of execution (worker threads).
 */
export function signatureJob(state: StorageRead, current: number, parentHash: Uint8Array, xt: Extrinsic): SignatureJob {
  const signed = xt.signed!;
  const who = signer(xt);
  const hashOf = (n: number): Uint8Array | undefined =>
    n === current - 1 ? parentHash : SystemStorage.BlockHash.contains(state, n) ? SystemStorage.BlockHash.getOr(state, n) : undefined;
  const birthHash = hashOf(eraBirth(signed.extra.era, current));
  if (!birthHash) invalid('AncientBirthBlock');
  if (signed.extra.mode !== 0) unknown('CannotLookup');
  const implicit = encodeImplicit({
    specVersion: SPEC_VERSION,
    transactionVersion: TRANSACTION_VERSION,
    genesisHash: hashOf(0) ?? new Uint8Array(32),
    birthHash,
  });
  const sig = signed.signature;
  if (sig.tag === 'Ecdsa') invalid('BadProof');
  return { scheme: sig.tag as 'Sr25519' | 'Ed25519', signature: sig.value as Uint8Array, message: signingPayload(xt.callBytes, signed.extra, implicit), publicKey: who };
}

/** Everything that does not depend on the nonce being exactly next: identity, signature, resources. */
function checkCommon(ctx: BlockContext, xt: Extrinsic, info: DispatchInfo): CheckedSigned {
  const who = signer(xt);
  if (who.every((b) => b === 0)) invalid('BadSigner');
  const job = signatureJob(ctx.storage, ctx.blockNumber, SystemStorage.ParentHash.getOr(ctx.storage), xt);
  if (!ctx.host.verifySignature(job.scheme, job.signature, job.message, job.publicKey)) invalid('BadProof');

  const len = xt.encoded.length;
  const maxExtrinsic = info.class === 'Operational' ? WEIGHT.operationalMaxExtrinsic : WEIGHT.normalMaxExtrinsic;
  if (info.weight + WEIGHT.baseExtrinsic > maxExtrinsic) invalid('ExhaustsResources');
  const maxLen = info.class === 'Normal' ? BLOCK_LENGTH.normal : BLOCK_LENGTH.operational;
  if (len > maxLen) invalid('ExhaustsResources');

  if (xt.call.pallet === 'Sudo' && !isSudoKey(ctx, who)) invalid('BadSigner');

  const fee = computeFee(len, info, xt.signed!.extra.tip);
  return { who, info, fee, len };
}

/** Pool validation (state: parent block, with the next block initialized). */
export function validateSigned(ctx: BlockContext, xt: Extrinsic, info: DispatchInfo): ValidTransaction {
  const checked = checkCommon(ctx, xt, info);
  const { who, fee, len } = checked;
  const { extra } = xt.signed!;
  const account = SystemStorage.Account.getOr(ctx.storage, who);
  if (extra.nonce < account.nonce) invalid('Stale');
  if (account.providers === 0 && account.sufficients === 0) invalid('Payment');
  if (fee > 0n && reducibleBalance(ctx, who, 'Protect') < fee) invalid('Payment');
  const current = ctx.blockNumber;
  return {
    priority: transactionPriority(len, info, extra.tip, fee),
    requires: extra.nonce > account.nonce ? [nonceTag(who, extra.nonce - 1)] : [],
    provides: [nonceTag(who, extra.nonce)],
    longevity: extra.era.kind === 'Immortal' ? 0xffffffffffffffffn : BigInt(Math.max(0, eraDeath(extra.era, current) - current)),
    propagate: true,
  };
}

/** Block application: the nonce must be exactly next; the fee is taken after these checks. */
export function checkSignedForApply(ctx: BlockContext, xt: Extrinsic, info: DispatchInfo): CheckedSigned {
  const checked = checkCommon(ctx, xt, info);
  const account = SystemStorage.Account.getOr(ctx.storage, checked.who);
  const nonce = xt.signed!.extra.nonce;
  if (nonce < account.nonce) invalid('Stale');
  if (nonce > account.nonce) invalid('Future');
  if (account.providers === 0 && account.sufficients === 0) invalid('Payment');
  return checked;
}

