/**
 * Stake weighting of subtensor's `stake_utils.rs`: TAO weight, inherited stake through
 * child/parent keys, and the combined alpha + TAO·weight stake the epoch uses.
 * Child/parent proportions are u64 fractions of u64::MAX.
 */
import { I64F64, U96F32 } from '../../../../../primitives/fixed/index.ts';

const U64_MAX = (1n << 64n) - 1n;
const U64_MAX_U96 = U96F32.saturatingFromNum(U64_MAX);
const U16_MAX_U96 = U96F32.saturatingFromNum(65_535n);

/** `TaoWeight` default: 971_718_665_099_567_868 / u64::MAX ≈ 0.0527. */
export const DEFAULT_TAO_WEIGHT = 971_718_665_099_567_868n;

/** `get_tao_weight` (also `get_ck_burn`): a raw u64 as U96F32 bits of raw / u64::MAX. */
export function u64Proportion(raw: bigint): bigint {
  return U96F32.safeDiv(U96F32.saturatingFromNum(raw), U64_MAX_U96);
}

/** `get_hotkey_take_float` / `get_float_subnet_owner_cut`: u16 / 65535 as U96F32 bits. */
export function u16Proportion(raw: number | bigint): bigint {
  return U96F32.safeDiv(U96F32.saturatingFromNum(BigInt(raw)), U16_MAX_U96);
}

export interface ParentStake {
  /** u64 proportion the parent gives this key. */
  readonly proportion: bigint;
  /** The parent's own stake on the relevant subnet (alpha) or on root (TAO). */
  readonly stake: bigint;
}

/**
 * `get_inherited_for_hotkey_on_subnet` / `get_tao_inherited_for_hotkey_on_subnet`:
 * own − Σ own·pᵢ (children) + Σ parentⱼ·pⱼ, in U96F32 with saturation, floored to u64.
 * (For the root subnet subtensor returns the own alpha unchanged — pass no children/parents.)
 */
export function inheritedStake(
  ownStake: bigint,
  childProportions: readonly bigint[],
  parents: readonly ParentStake[],
): bigint {
  const initial = U96F32.saturatingFromNum(ownStake);
  let toChildren = 0n;
  for (const proportion of childProportions) {
    toChildren = U96F32.saturatingAdd(toChildren, U96F32.saturatingMul(initial, u64Proportion(proportion)));
  }
  let fromParents = 0n;
  for (const parent of parents) {
    const share = U96F32.saturatingMul(U96F32.saturatingFromNum(parent.stake), u64Proportion(parent.proportion));
    fromParents = U96F32.saturatingAdd(fromParents, share);
  }
  const finalized = U96F32.saturatingAdd(U96F32.saturatingSub(initial, toChildren), fromParents);
  return U96F32.saturatingToInt(finalized, 'u64');
}

/**
 * `get_stake_weights_for_hotkey_on_subnet`: (alpha + tao·tao_weight, alpha, tao) as I64F64 bits,
 * from the inherited alpha and TAO amounts and the raw `TaoWeight`.
 */
export function stakeWeight(
  inheritedAlpha: bigint,
  inheritedTao: bigint,
  taoWeightRaw: bigint,
): { total: bigint; alpha: bigint; tao: bigint } {
  const weight = I64F64.saturatingFromFixed(U96F32, u64Proportion(taoWeightRaw));
  const alpha = I64F64.saturatingFromNum(inheritedAlpha);
  const tao = I64F64.saturatingFromNum(inheritedTao);
  return { total: I64F64.saturatingAdd(alpha, I64F64.saturatingMul(tao, weight)), alpha, tao };
}
