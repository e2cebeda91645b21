/**
 * Block execution as frame-executive does it: initialize (System, then every pallet's
 * on_initialize) → inherents → extrinsics (each in its own storage layer) → finalize
 * (on_finalize hooks, System bookkeeping, extrinsics root). Pure: state comes in as an
 * overlay, time and randomness come in as inherents.
 */
import { OverlayedState } from '../state/overlay.ts';
import type { StateReader } from '../state/reader.ts';
import { orderedTrieRoot } from '../state/trie/index.ts';
import { BlockContext, type RuntimeHost } from './framework/context.ts';
import type { DispatchInfo, DispatchOutcome } from './framework/dispatch.ts';
import type { Runtime, RuntimeCall } from './framework/runtime-builder.ts';
import { WEIGHT } from './constants.ts';
import type { AccountId, Digest, DispatchClassName } from './types.ts';
import { beginExtrinsic, endExtrinsic, finalizeSystem, initializeSystem, noteFinishedExtrinsics } from './pallets/system/block.ts';
import { incNonce } from './pallets/system/accounts.ts';
import { SystemStorage } from './pallets/system/storage.ts';
import { AuraStorage, slotFromDigest } from './pallets/aura/index.ts';
import { dropImbalance, resolveOrBurn, withdraw } from './pallets/balances/currency.ts';
import { computeFee } from './pallets/transaction-payment/index.ts';
import { batchNestingAllowed } from './pallets/utility/index.ts';
import { checkSignedForApply, validateSigned } from './extrinsic/check-signed.ts';
import { decodeExtrinsic, ExtrinsicFormatError, type Extrinsic } from './extrinsic/unchecked.ts';
import { TransactionValidityError, invalid, unknown, type ValidTransaction } from './extrinsic/validity.ts';

export interface BlockInit {
  number: number;
  parentHash: Uint8Array;
  digest: Digest;
}

export type ApplyResult =
  | { ok: true; outcome: DispatchOutcome; info: DispatchInfo }
  | { ok: false; error: TransactionValidityError };

/** A block that cannot be executed (bad inherent, panicking hook): import must reject it. */
export class InvalidBlockError extends Error {}

const CLASS_KEY: Record<DispatchClassName, 'normal' | 'operational' | 'mandatory'> = {
  Normal: 'normal',
  Operational: 'operational',
  Mandatory: 'mandatory',
};

export class Executive {
  constructor(
    readonly runtime: Runtime,
    private readonly host: RuntimeHost,
  ) {}

  newContext(base: StateReader, blockNumber: number): BlockContext {
    return new BlockContext(this.runtime, new OverlayedState(base), this.host, blockNumber);
  }

  decode(encoded: Uint8Array): Extrinsic {
    return decodeExtrinsic(encoded, this.runtime.callCodec);
  }

  initializeBlock(base: StateReader, init: BlockInit): BlockContext {
    const ctx = this.newContext(base, init.number);
    initializeSystem(ctx, init.number, init.parentHash, init.digest);
    let weight = WEIGHT.baseBlock;
    for (const pallet of this.runtime.pallets) {
      const used = pallet.hooks?.onInitialize?.(ctx, init.number);
      if (typeof used === 'bigint') weight += used;
    }
    this.addBlockWeight(ctx, 'Mandatory', weight);
    return ctx;
  }

  /** The account fees go to: the Aura authority of this block's slot. */
  blockAuthor(ctx: BlockContext): AccountId | undefined {
    if (ctx.author === undefined) ctx.author = this.findAuthor(ctx) ?? null;
    return ctx.author ?? undefined;
  }

  private findAuthor(ctx: BlockContext): AccountId | undefined {
    const slot = slotFromDigest(SystemStorage.Digest.getOr(ctx.storage).logs);
    if (slot === undefined) return undefined;
    const authorities = AuraStorage.Authorities.getOr(ctx.storage);
    if (authorities.length === 0) return undefined;
    return authorities[Number(slot % BigInt(authorities.length))];
  }

  private addBlockWeight(ctx: BlockContext, cls: DispatchClassName, weight: bigint): void {
    const all = SystemStorage.BlockWeight.getOr(ctx.storage);
    all[CLASS_KEY[cls]].ref_time += weight;
    SystemStorage.BlockWeight.set(ctx.storage, all);
  }

  private checkBlockWeight(ctx: BlockContext, info: DispatchInfo, len: number): void {
    if (info.class === 'Mandatory') return;
    const all = SystemStorage.BlockWeight.getOr(ctx.storage);
    const used = all[CLASS_KEY[info.class]].ref_time + info.weight + WEIGHT.baseExtrinsic;
    const limit = info.class === 'Normal' ? WEIGHT.normalMaxTotal : WEIGHT.operationalMaxTotal;
    if (used > limit) invalid('ExhaustsResources');
    const totalLen = (SystemStorage.AllExtrinsicsLen.get(ctx.storage) ?? 0) + len;
    if (info.class === 'Normal' && totalLen > 7_864_320) invalid('ExhaustsResources');
  }

  /** Dispatch with subtensor's base call filter applied to non-root origins. */
  private dispatchFiltered(ctx: BlockContext, who: AccountId | undefined, call: RuntimeCall): DispatchOutcome {
    if (who && !batchNestingAllowed(call)) {
      const error = new Uint8Array(4);
      error[0] = 5; // frame_system::Error::CallFiltered
      return { ok: false, error: { tag: 'Module', value: { index: 0, error } }, label: 'System.CallFiltered', post: {} };
    }
    return ctx.dispatch(who ? { kind: 'Signed', who } : { kind: 'None' }, call);
  }

  /**
   * Apply one extrinsic at position `index`. A validity error leaves state untouched (the block
   * builder skips the extrinsic; import rejects the block). A dispatch error keeps fee and nonce.
   */
  applyExtrinsic(ctx: BlockContext, index: number, xt: Extrinsic): ApplyResult {
    let info: DispatchInfo;
    try {
      info = this.runtime.dispatchInfo(xt.call);
    } catch (e) {
      return { ok: false, error: new TransactionValidityError({ tag: 'Invalid', value: { tag: 'Call', value: undefined } }) };
    }
    ctx.storage.startTransaction();
    const eventMark = ctx.events.length;
    try {
      beginExtrinsic(ctx, index, xt.encoded);
      const result = xt.signed ? this.applySigned(ctx, xt, info) : this.applyUnsigned(ctx, xt, info);
      endExtrinsic(ctx, index);
      ctx.storage.commitTransaction();
      return result;
    } catch (e) {
      ctx.storage.rollbackTransaction();
      ctx.events.length = eventMark;
      if (e instanceof TransactionValidityError) return { ok: false, error: e };
      throw e;
    }
  }

  private applySigned(ctx: BlockContext, xt: Extrinsic, info: DispatchInfo): ApplyResult {
    const { who, fee, len } = checkSignedForApply(ctx, xt, info);
    this.checkBlockWeight(ctx, info, len);
    incNonce(ctx, who);
    if (fee > 0n) {
      try {
        withdraw(ctx, who, fee, 'Protect');
      } catch {
        invalid('Payment');
      }
    }
    const outcome = this.dispatchFiltered(ctx, who, xt.call);
    const actualWeight = outcome.post.actualWeight !== undefined && outcome.post.actualWeight < info.weight ? outcome.post.actualWeight : info.weight;
    const paysFee = outcome.post.paysFee === 'No' ? 'No' : info.paysFee;
    const tip = xt.signed!.extra.tip;
    const actualFee = paysFee === 'No' ? 0n : computeFee(len, { ...info, weight: actualWeight, paysFee }, tip);
    const refund = fee - actualFee;
    if (refund > 0n) resolveOrBurn(ctx, who, refund);
    const author = this.blockAuthor(ctx);
    if (actualFee > 0n) {
      if (author) resolveOrBurn(ctx, author, actualFee);
      else dropImbalance(ctx, actualFee);
    }
    if (fee > 0n) ctx.depositEvent('TransactionPayment', 'TransactionFeePaid', { who, actual_fee: actualFee, tip });
    const finalInfo = { weight: actualWeight, class: info.class, paysFee };
    this.noteApplied(ctx, outcome, finalInfo);
    this.addBlockWeight(ctx, info.class, actualWeight + WEIGHT.baseExtrinsic);
    return { ok: true, outcome, info: finalInfo };
  }

  private applyUnsigned(ctx: BlockContext, xt: Extrinsic, info: DispatchInfo): ApplyResult {
    const pallet = this.runtime.pallet(xt.call.pallet);
    if (pallet.inherent?.callName !== xt.call.name) unknown('NoUnsignedValidator');
    const outcome = this.dispatchFiltered(ctx, undefined, xt.call);
    if (!outcome.ok) throw new InvalidBlockError(`inherent ${xt.call.pallet}.${xt.call.name} failed: ${outcome.label}`);
    this.noteApplied(ctx, outcome, info);
    this.addBlockWeight(ctx, info.class, info.weight + WEIGHT.baseExtrinsic);
    return { ok: true, outcome, info };
  }

  private noteApplied(ctx: BlockContext, outcome: DispatchOutcome, info: DispatchInfo): void {
    const dispatchInfo = {
      weight: { ref_time: info.weight + WEIGHT.baseExtrinsic, proof_size: 0n },
      class: { tag: info.class, value: undefined },
      pays_fee: { tag: info.paysFee, value: undefined },
    };
    if (outcome.ok) ctx.depositEvent('System', 'ExtrinsicSuccess', { dispatch_info: dispatchInfo });
    else ctx.depositEvent('System', 'ExtrinsicFailed', { dispatch_error: outcome.error, dispatch_info: dispatchInfo });
  }

  /** Runs on_finalize hooks and System's finalization; returns the extrinsics root. */
  finalizeBlock(ctx: BlockContext, extrinsicCount: number): Uint8Array {
    noteFinishedExtrinsics(ctx, extrinsicCount);
    for (const pallet of this.runtime.pallets) {
      try {
        pallet.hooks?.onFinalize?.(ctx, ctx.blockNumber);
      } catch (e) {
        throw new InvalidBlockError(`${pallet.name}.on_finalize failed: ${(e as Error).message}`);
      }
    }
    const extrinsics = finalizeSystem(ctx);
    return orderedTrieRoot(extrinsics);
  }

  /**
   * Pool validation at the state of `parent` (block number `parentNumber`): the next block is
   * initialized (System only, as Substrate does) and the extrinsic checked without dispatching.
   */
  validateTransaction(base: StateReader, parentNumber: number, parentHash: Uint8Array, encoded: Uint8Array): ValidTransaction {
    let xt: Extrinsic;
    try {
      xt = this.decode(encoded);
    } catch (e) {
      if (e instanceof ExtrinsicFormatError) invalid('Call');
      throw e;
    }
    return this.validateDecoded(base, parentNumber, parentHash, xt);
  }

  validateDecoded(base: StateReader, parentNumber: number, parentHash: Uint8Array, xt: Extrinsic): ValidTransaction {
    if (!xt.signed) {
      const pallet = this.runtime.pallet(xt.call.pallet);
      if (pallet.inherent?.callName === xt.call.name) invalid('MandatoryValidation');
      return unknown('NoUnsignedValidator');
    }
    // Only what the checks read of the next block: its number and the parent's hash. (Substrate
    // runs System's full initialize here; the rest of it is bookkeeping no check looks at.)
    const ctx = this.newContext(base, parentNumber + 1);
    SystemStorage.Number.set(ctx.storage, parentNumber + 1);
    SystemStorage.ParentHash.set(ctx.storage, parentHash);
    SystemStorage.BlockHash.set(ctx.storage, parentHash, parentNumber);
    let info: DispatchInfo;
    try {
      info = this.runtime.dispatchInfo(xt.call);
    } catch {
      return invalid('Call');
    }
    if (info.class === 'Mandatory') invalid('MandatoryValidation');
    return validateSigned(ctx, xt, info);
  }
}
