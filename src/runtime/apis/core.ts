/** Core, AccountNonceApi, TaggedTransactionQueue and TransactionPaymentApi. */
import { ScaleReader, ScaleWriter, encode, struct, u64, option } from '../../primitives/scale/index.ts';
import { SystemStorage } from '../pallets/system/storage.ts';
import { computeFeeDetails } from '../pallets/transaction-payment/index.ts';
import { RuntimeVersionCodec, AccountId32, Weight, DispatchClass } from '../types.ts';
import { WEIGHT } from '../constants.ts';
import { ExtrinsicFormatError } from '../extrinsic/unchecked.ts';
import {
  TransactionSourceCodec, TransactionValidityError, TransactionValidityErrorCodec, ValidTransactionCodec,
} from '../extrinsic/validity.ts';
import { RuntimeApiError, type ApiMethod } from './context.ts';

export const RuntimeDispatchInfo = struct(
  { weight: Weight, class: DispatchClass, partial_fee: u64 },
  { path: ['pallet_transaction_payment', 'types', 'RuntimeDispatchInfo'] },
);

const InclusionFee = struct(
  { base_fee: u64, len_fee: u64, adjusted_weight_fee: u64 },
  { path: ['pallet_transaction_payment', 'types', 'InclusionFee'] },
);
export const FeeDetails = struct(
  { inclusion_fee: option(InclusionFee), tip: u64 },
  { path: ['pallet_transaction_payment', 'types', 'FeeDetails'] },
);

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

