/**
 * `payment_*` (pallet-transaction-payment's RPC): fee information for an encoded extrinsic,
 * answered by the `TransactionPaymentApi` runtime API at the requested block.
 *
 * As in Substrate, the node decodes the extrinsic only as opaque bytes (compact length ++ body);
 * a malformed body is the runtime's to reject. Errors: code 2 when the bytes do not even decode
 * as an opaque extrinsic, code 1 when the runtime call fails; the message names the query.
 */
import { NodeRpcError } from '../../node/api.ts';
import { concatBytes } from '../../primitives/hex.ts';
import { ScaleReader, ScaleWriter, decode } from '../../primitives/scale/index.ts';
import { FeeDetails, RuntimeDispatchInfo } from '../../runtime/apis/core.ts';
import * as p from '../params.ts';
import type { CallContext, CallHandler, Params } from '../types.ts';

/** Error codes of `pallet-transaction-payment-rpc`. */
export const PaymentErrorCode = { RuntimeError: 1, DecodeError: 2 } as const;

const QUERY_INFO = 'Unable to query dispatch info.';
const QUERY_FEE_DETAILS = 'Unable to query fee details.';

/** `OpaqueExtrinsic` decoding: the compact length and that many bytes; trailing bytes are ignored (as `Decode::decode` does). */
function opaqueExtrinsic(bytes: Uint8Array, message: string): Uint8Array {
  const r = new ScaleReader(bytes);
  let len: number;
  try {
    len = r.compactNumber();
  } catch {
    throw new NodeRpcError(PaymentErrorCode.DecodeError, message, 'Error { cause: None, desc: "Could not decode `Compact<u32>`" }');
  }
  if (r.remaining < len) {
    throw new NodeRpcError(PaymentErrorCode.DecodeError, message, 'Error { cause: None, desc: "Not enough data to fill buffer" }');
  }
  return bytes.subarray(0, r.pos + len);
}

/** Run `TransactionPaymentApi_<method>(uxt, len)`; `len` is the length of the bytes as sent. */
function queryRuntime(params: Params, ctx: CallContext, method: string, message: string): Uint8Array {
  const encoded = p.bytes(p.required(params, 0, 'extrinsic'), 'extrinsic');
  const at = p.optionalHash(params, 1);
  const uxt = opaqueExtrinsic(encoded, message);
  const len = new ScaleWriter(4);
  len.u32(encoded.length);
  try {
    return ctx.api.runtimeCall(`TransactionPaymentApi_${method}`, concatBytes(uxt, len.finish()), at);
  } catch (e) {
    if (e instanceof NodeRpcError && e.code === 4003) {
      throw new NodeRpcError(PaymentErrorCode.RuntimeError, message, e.message.replace(/^Client error: /, ''));
    }
    throw e;
  }
}

/** JSON number while exact, otherwise hex (`NumberOrHex`'s two forms). */
function numberOrHex(v: bigint): number | string {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : `0x${v.toString(16)}`;
}

export interface RuntimeDispatchInfoJson {
  weight: { ref_time: number; proof_size: number };
  class: 'normal' | 'operational' | 'mandatory';
  partialFee: string;
}

/**
 * `[extrinsic, at?]` → `{"weight":{"ref_time":n,"proof_size":n},"class":"normal","partialFee":"<decimal>"}`:
 * serde's camelCase `RuntimeDispatchInfo` with `sp_weights::Weight`'s own snake_case fields and the
 * fee as a decimal string (`serde_balance`).
 */
export const queryInfo: CallHandler = (params, ctx): RuntimeDispatchInfoJson => {
  const out = queryRuntime(params, ctx, 'query_info', QUERY_INFO);
  let info;
  try {
    info = decode(RuntimeDispatchInfo, out, 'RuntimeDispatchInfo');
  } catch (e) {
    throw new NodeRpcError(PaymentErrorCode.RuntimeError, QUERY_INFO, `Failed to decode the runtime's answer: ${(e as Error).message}`);
  }
  return {
    weight: { ref_time: Number(info.weight.ref_time), proof_size: Number(info.weight.proof_size) },
    class: info.class.tag.toLowerCase() as RuntimeDispatchInfoJson['class'],
    partialFee: info.partial_fee.toString(),
  };
};

export interface FeeDetailsJson {
  inclusionFee: { baseFee: number | string; lenFee: number | string; adjustedWeightFee: number | string } | null;
}

/**
 * `[extrinsic, at?]` → `{"inclusionFee":{"baseFee","lenFee","adjustedWeightFee"} | null}` with
 * `NumberOrHex` values. The tip is not serialized (Substrate skips it: an RPC caller cannot pass one).
 */
export const queryFeeDetails: CallHandler = (params, ctx): FeeDetailsJson => {
  const out = queryRuntime(params, ctx, 'query_fee_details', QUERY_FEE_DETAILS);
  let details;
  try {
    details = decode(FeeDetails, out, 'FeeDetails');
  } catch (e) {
    throw new NodeRpcError(PaymentErrorCode.RuntimeError, QUERY_FEE_DETAILS, `Failed to decode the runtime's answer: ${(e as Error).message}`);
  }
  const fee = details.inclusion_fee;
  return {
    inclusionFee: fee
      ? { baseFee: numberOrHex(fee.base_fee), lenFee: numberOrHex(fee.len_fee), adjustedWeightFee: numberOrHex(fee.adjusted_weight_fee) }
      : null,
  };
};
