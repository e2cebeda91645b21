/** Core, AccountNonceApi, TaggedTransactionQueue, TransactionPaymentApi and TransactionPaymentCallApi. */
import { ScaleReader, ScaleWriter, decode, encode, struct, u32 as u32Codec, u64, option, type ValueOf } from '../../primitives/scale/index.ts';
import type { DispatchInfo } from '../framework/dispatch.ts';
import type { RuntimeCall } from '../framework/runtime-builder.ts';
import { SystemStorage } from '../pallets/system/storage.ts';
import { computeFeeDetails, weightToFee } from '../pallets/transaction-payment/index.ts';
import { LENGTH_FEE_PER_BYTE } from '../constants.ts';
import { RuntimeVersionCodec, AccountId32, Weight, DispatchClass } from '../types.ts';
import { WEIGHT } from '../constants.ts';
import { ExtrinsicFormatError } from '../extrinsic/unchecked.ts';
import {
  TransactionSourceCodec, TransactionValidityError, TransactionValidityErrorCodec, ValidTransactionCodec,
} from '../extrinsic/validity.ts';
import { RuntimeApiError, type ApiMethod } from './context.ts';

export const RuntimeDispatchInfo = struct(
  { weight: Weight, class: DispatchClass, partial_fee: u64 },
  {
    path: ['pallet_transaction_payment', 'types', 'RuntimeDispatchInfo'],
    params: [{ name: 'Balance', type: u64 }, { name: 'Weight', type: Weight }],
    typeNames: { weight: 'Weight', class: 'DispatchClass', partial_fee: 'Balance' },
  },
);

const InclusionFee = struct(
  { base_fee: u64, len_fee: u64, adjusted_weight_fee: u64 },
  {
    path: ['pallet_transaction_payment', 'types', 'InclusionFee'],
    params: [{ name: 'Balance', type: u64 }],
    typeNames: { base_fee: 'Balance', len_fee: 'Balance', adjusted_weight_fee: 'Balance' },
  },
);
export const FeeDetails = struct(
  { inclusion_fee: option(InclusionFee), tip: u64 },
  {
    path: ['pallet_transaction_payment', 'types', 'FeeDetails'],
    params: [{ name: 'Balance', type: u64 }],
    typeNames: { inclusion_fee: 'Option<InclusionFee<Balance>>', tip: 'Balance' },
  },
);

function u64Bytes(v: bigint): Uint8Array {
  const w = new ScaleWriter(8);
  w.u64(v);
  return w.finish();
}

/** `weight_to_fee` of a SCALE `Weight`, the weight capped at the block's maximum as the pallet does. */
function cappedWeightToFee(args: Uint8Array): bigint {
  const { ref_time } = decode(Weight, args, 'Weight');
  return weightToFee(ref_time < WEIGHT.maxBlock ? ref_time : WEIGHT.maxBlock);
}

function readLen(r: ScaleReader, fallback: number): number {
  return r.remaining >= 4 ? r.u32() : fallback;
}

/** `RuntimeDispatchInfo` of a call (no extrinsic around it: the call's own weight, as upstream's `query_call_info`). */
function callDispatchInfo(info: DispatchInfo, len: number): ValueOf<typeof RuntimeDispatchInfo> {
  const fee = computeFeeDetails(len, info);
  return {
    weight: { ref_time: info.weight, proof_size: 0n },
    class: { tag: info.class, value: undefined },
    partial_fee: fee ? fee.baseFee + fee.lenFee + fee.adjustedWeightFee : 0n,
  };
}

function decodeCall(ctx: Parameters<ApiMethod>[0], r: ScaleReader): RuntimeCall {
  try {
    return ctx.rt.runtime.callCodec.dec(r);
  } catch (e) {
    throw new RuntimeApiError(`unable to decode the call: ${(e as Error).message}`);
  }
}

function readExtrinsicArg(r: ScaleReader): Uint8Array {
  const start = r.pos;
  const len = r.compactNumber();
  r.raw(len);
  return r.bytes.slice(start, r.pos);
}

export const coreApis: Record<string, ApiMethod> = {
  Core_version: (ctx) => encode(RuntimeVersionCodec, ctx.rt.version),

  AccountNonceApi_account_nonce: (ctx, args) => {
    const who = AccountId32.dec(new ScaleReader(args));
    const w = new ScaleWriter(4);
    w.u32(SystemStorage.Account.getOr(ctx.state, who).nonce);
    return w.finish();
  },

  TaggedTransactionQueue_validate_transaction: (ctx, args) => {
    const r = new ScaleReader(args);
    TransactionSourceCodec.dec(r);
    const tx = readExtrinsicArg(r);
    const w = new ScaleWriter(128);
    try {
      const valid = ctx.rt.executive.validateTransaction(ctx.state, ctx.blockNumber, ctx.blockHash, tx);
      w.u8(0);
      ValidTransactionCodec.enc(w, valid);
    } catch (e) {
      if (!(e instanceof TransactionValidityError)) throw e;
      w.u8(1);
      TransactionValidityErrorCodec.enc(w, e.value);
    }
    return w.finish();
  },

  TransactionPaymentApi_query_info: (ctx, args) => {
    const r = new ScaleReader(args);
    const tx = readExtrinsicArg(r);
    const len = r.remaining >= 4 ? r.u32() : tx.length;
    const { info, fee } = feeOf(ctx.rt, tx, len);
    return encode(RuntimeDispatchInfo, {
      weight: { ref_time: info.weight + WEIGHT.baseExtrinsic, proof_size: 0n },
      class: { tag: info.class, value: undefined },
      partial_fee: fee?.total ?? 0n,
    });
  },

  TransactionPaymentApi_query_fee_details: (ctx, args) => {
    const r = new ScaleReader(args);
    const tx = readExtrinsicArg(r);
    const len = r.remaining >= 4 ? r.u32() : tx.length;
    const { fee, tip } = feeOf(ctx.rt, tx, len);
    return encode(FeeDetails, {
      inclusion_fee: fee ? { base_fee: fee.baseFee, len_fee: fee.lenFee, adjusted_weight_fee: fee.adjustedWeightFee } : undefined,
      tip,
    });
  },

  TransactionPaymentApi_query_weight_to_fee: (_ctx, args) => u64Bytes(cappedWeightToFee(args)),
  TransactionPaymentApi_query_length_to_fee: (_ctx, args) => u64Bytes(BigInt(decode(u32Codec, args, 'u32')) * LENGTH_FEE_PER_BYTE),

  TransactionPaymentCallApi_query_call_info: (ctx, args) => {
    const r = new ScaleReader(args);
    const call = decodeCall(ctx, r);
    const len = readLen(r, args.length);
    return encode(RuntimeDispatchInfo, callDispatchInfo(ctx.rt.runtime.dispatchInfo(call), len));
  },
  TransactionPaymentCallApi_query_call_fee_details: (ctx, args) => {
    const r = new ScaleReader(args);
    const call = decodeCall(ctx, r);
    const len = readLen(r, args.length);
    const fee = computeFeeDetails(len, ctx.rt.runtime.dispatchInfo(call));
    return encode(FeeDetails, {
      inclusion_fee: fee ? { base_fee: fee.baseFee, len_fee: fee.lenFee, adjusted_weight_fee: fee.adjustedWeightFee } : undefined,
      tip: 0n,
    });
  },
  TransactionPaymentCallApi_query_weight_to_fee: (_ctx, args) => u64Bytes(cappedWeightToFee(args)),
  TransactionPaymentCallApi_query_length_to_fee: (_ctx, args) => u64Bytes(BigInt(decode(u32Codec, args, 'u32')) * LENGTH_FEE_PER_BYTE),
};

function feeOf(rt: Parameters<ApiMethod>[0]['rt'], tx: Uint8Array, len: number) {
  let xt;
  try {
    xt = rt.executive.decode(tx);
  } catch (e) {
    if (e instanceof ExtrinsicFormatError) throw new RuntimeApiError(`unable to decode the extrinsic: ${e.message}`);
    throw e;
  }
  const info = rt.runtime.dispatchInfo(xt.call);
  const details = xt.signed ? computeFeeDetails(len, info) : undefined;
  const fee = details ? { ...details, total: details.baseFee + details.lenFee + details.adjustedWeightFee } : undefined;
  return { info, fee, tip: xt.signed?.extra.tip ?? 0n };
}

