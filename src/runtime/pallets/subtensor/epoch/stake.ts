/**
 * Epoch stake (`staking/stake_utils.rs::get_stake_weights_for_network`): per UID
 * alpha + tao × tao_weight in I64F64, where both stakes already include child-key inheritance.
 */
import { I64F64, U96F32 } from '../../../../primitives/fixed/index.ts';

const U64_MAX = (1n << 64n) - 1n;

/** `get_tao_weight` (U96F32 value/u64::MAX) as the I64F64 the epoch multiplies with. */
export function taoWeightFixed(taoWeight: bigint): bigint {
  const w = U96F32.safeDiv(U96F32.saturatingFromNum(taoWeight), U96F32.saturatingFromNum(U64_MAX));
  return I64F64.saturatingFromFixed(U96F32, w);
}

/** Total stake per UID as I64F64 bits: alpha + tao·w (saturating). Missing entries are 0. */
export function stakeWeightsForNetwork(n: number, alpha: readonly bigint[], tao: readonly bigint[], taoWeight: bigint): bigint[] {
  const w = taoWeightFixed(taoWeight);
  const out = new Array<bigint>(n);
  for (let i = 0; i < n; i++) {
    const a = I64F64.saturatingFromNum(alpha[i] ?? 0n);
    const t = I64F64.saturatingFromNum(tao[i] ?? 0n);
    out[i] = I64F64.saturatingAdd(a, I64F64.saturatingMul(t, w));
  }
  return out;
}
