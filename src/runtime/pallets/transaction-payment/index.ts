/**
 * pallet_transaction_payment (index 6) and the fee formula:
 * fee = length·1 rao + (base extrinsic weight + call weight)·0.0005 rao (×5 for the operational
 * class is only a priority multiplier) + tip. The multiplier stays at 1, as on Subtensor.
 */
import { enumeration, u8 } from '../../../primitives/scale/index.ts';
import { args, type PalletDef } from '../../framework/pallet.ts';
import { storageCatalogue } from '../../framework/storage.ts';
import type { DispatchInfo } from '../../framework/dispatch.ts';
import {
  LENGTH_FEE_PER_BYTE, OPERATIONAL_FEE_MULTIPLIER, WEIGHT, WEIGHT_FEE_DENOMINATOR, WEIGHT_FEE_NUMERATOR,
} from '../../constants.ts';
import { AccountId32, Balance, FixedU128 } from '../../types.ts';

const tp = storageCatalogue('TransactionPayment');
const FIXED_U128_ONE = 1_000_000_000_000_000_000n;

export const TransactionPaymentStorage = {
  NextFeeMultiplier: tp.value('NextFeeMultiplier', FixedU128, { default: FIXED_U128_ONE }),
  StorageVersion: tp.value(
    'StorageVersion',
    enumeration({ V1Ancient: { index: 0 }, V2: { index: 1 } }, { path: ['pallet_transaction_payment', 'Releases'] }),
    { default: { tag: 'V1Ancient', value: undefined } },
  ),
};

export interface FeeDetails {
  baseFee: bigint;
  lenFee: bigint;
  adjustedWeightFee: bigint;
}

export function weightToFee(weight: bigint): bigint {
  return (weight * WEIGHT_FEE_NUMERATOR) / WEIGHT_FEE_DENOMINATOR;
}

/** The inclusion fee of an extrinsic of `len` bytes with this dispatch info (without tip). */
export function computeFeeDetails(len: number, info: DispatchInfo): FeeDetails | undefined {
  if (info.paysFee === 'No') return undefined;
  return {
    baseFee: weightToFee(WEIGHT.baseExtrinsic),
    lenFee: BigInt(len) * LENGTH_FEE_PER_BYTE,
    adjustedWeightFee: weightToFee(info.weight),
  };
}

export function computeFee(len: number, info: DispatchInfo, tip: bigint): bigint {
  const d = computeFeeDetails(len, info);
  if (!d) return 0n;
  return d.baseFee + d.lenFee + d.adjustedWeightFee + tip;
}

/** Pool priority as pallet_transaction_payment derives it: tip per unit of block resource. */
export function transactionPriority(len: number, info: DispatchInfo, tip: bigint, fee: bigint): bigint {
  const maxWeight = WEIGHT.normalMaxTotal;
  const maxLen = 7_864_320n;
  const weight = info.weight + WEIGHT.baseExtrinsic;
  const boundedWeight = weight < 1n ? 1n : weight > maxWeight ? maxWeight : weight;
  const boundedLen = BigInt(Math.max(1, len)) > maxLen ? maxLen : BigInt(Math.max(1, len));
  const maxTxPerBlockWeight = maxWeight / boundedWeight;
  const maxTxPerBlockLen = maxLen / boundedLen;
  const maxTxPerBlock = maxTxPerBlockWeight < maxTxPerBlockLen ? maxTxPerBlockWeight : maxTxPerBlockLen;
  const scaledTip = (tip + 1n) * maxTxPerBlock;
  if (info.class === 'Operational') {
    const virtualTip = fee * BigInt(OPERATIONAL_FEE_MULTIPLIER);
    return scaledTip + virtualTip * maxTxPerBlock;
  }
  return scaledTip > 0xffffffffffffffffn ? 0xffffffffffffffffn : scaledTip;
}

export const transactionPaymentPallet: PalletDef = {
  name: 'TransactionPayment',
  index: 6,
  typePath: ['pallet_transaction_payment', 'pallet'],
  storage: Object.values(TransactionPaymentStorage),
  events: [
    {
      index: 0,
      name: 'TransactionFeePaid',
      fields: args([['who', AccountId32, 'T::AccountId'], ['actual_fee', Balance, 'BalanceOf<T>'], ['tip', Balance, 'BalanceOf<T>']]),
      docs: ['A transaction fee `actual_fee`, of which `tip` was added to the minimum inclusion fee,', 'has been paid by `who`.'],
    },
  ],
  constants: [
    {
      name: 'OperationalFeeMultiplier',
      codec: u8,
      value: OPERATIONAL_FEE_MULTIPLIER,
      docs: [' A fee multiplier for `Operational` extrinsics to compute "virtual tip" to boost their', ' `priority`'],
    },
  ],
  genesis: (ctx) => {
    TransactionPaymentStorage.StorageVersion.set(ctx.storage, { tag: 'V2', value: undefined });
  },
};
