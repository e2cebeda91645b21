/**
 * Subnet registration economics (`coinbase/root.rs::get_network_lock_cost`,
 * `get_lock_reduction_interval`; `subnets/subnet.rs::do_register_network` pool seeding;
 * `staking/stake_utils.rs::get_median_subnet_alpha_price`).
 */
import { I64F64, U64F64 } from '../../../../../primitives/fixed/index.ts';

const U64_MAX = (1n << 64n) - 1n;
const satSub = (a: bigint, b: bigint): bigint => (a > b ? a - b : 0n);
const satMul = (a: bigint, b: bigint): bigint => (a * b > U64_MAX ? U64_MAX : a * b);

/** Runtime `NetworkMinLockCost` (1000 TAO); `NetworkLockReductionInterval` genesis value
 * (14 days) and the value a migration sets on live chains. */
export const NETWORK_MIN_LOCK_COST = 1_000_000_000_000n;
export const NETWORK_LOCK_REDUCTION_INTERVAL_INITIAL = 100_800n;
export const NETWORK_LOCK_REDUCTION_INTERVAL_MIGRATED = 57_600n;

/**
 * `get_lock_reduction_interval`: floor(interval × block_emission / 1e9) in I64F64 — the interval
 * shrinks with each emission halving. `blockEmission` is `calculate_block_emission()`
 * (pass 1e9 when that errors, as subtensor does).
 */
export function lockReductionInterval(interval: bigint, blockEmission: bigint): bigint {
  const halving =
    I64F64.checkedDiv(I64F64.saturatingFromNum(blockEmission), I64F64.saturatingFromNum(1_000_000_000n)) ?? 0n;
  return I64F64.saturatingToInt(I64F64.saturatingMul(I64F64.saturatingFromNum(interval), halving), 'u64');
}

export interface LockCostInput {
  /** `NetworkLastLockCost`. */
  readonly lastLock: bigint;
  /** `NetworkMinLockCost`. */
  readonly minLock: bigint;
  /** Block of the last subnet registration (`NetworkLastRegistered` rate-limit key), 0 if none. */
  readonly lastLockBlock: bigint;
  readonly currentBlock: bigint;
  /** `lockReductionInterval(...)`. */
  readonly lockReductionInterval: bigint;
}

/**
 * `get_network_lock_cost`: max(min_lock, last_lock × (1 or 2) − ⌊last_lock / interval⌋ ×
 * blocks since), saturating (÷0 → 0).
 */
export function networkLockCost(input: LockCostInput): bigint {
  const mult = input.lastLockBlock === 0n ? 1n : 2n;
  const perBlock = input.lockReductionInterval === 0n ? 0n : input.lastLock / input.lockReductionInterval;
  const reduction = satMul(perBlock, satSub(input.currentBlock, input.lastLockBlock));
  const cost = satSub(satMul(input.lastLock, mult), reduction);
  return cost < input.minLock ? input.minLock : cost;
}

/**
 * `get_median_subnet_alpha_price`: median of the positive spot prices (U64F64 bits) of the
 * non-root subnets; the mean of the two middle ones for an even count; 1.0 if none.
 */
export function medianSubnetAlphaPrice(prices: readonly bigint[]): bigint {
  const positive = prices.filter((p) => p > 0n).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const n = positive.length;
  if (n === 0) return U64F64.ONE;
  const lower = positive[(n - 1) >> 1] as bigint;
  const upper = positive[n >> 1] as bigint;
  if ((n - 1) >> 1 === n >> 1) return upper;
  return U64F64.safeDiv(U64F64.saturatingAdd(lower, upper), U64F64.saturatingFromNum(2n));
}

/**
 * Reserves of a newly registered subnet: TAO = max(locked, min_lock), alpha =
 * ⌊TAO / median price⌋; the part of the lock above that (normally 0) is recycled.
 */
export function newSubnetPool(
  actualLocked: bigint,
  minLock: bigint,
  medianPrice: bigint,
): { taoReserve: bigint; alphaReserve: bigint; recycledTao: bigint } {
  const taoReserve = actualLocked >= minLock ? actualLocked : minLock;
  const alphaReserve = U64F64.saturatingToInt(
    U64F64.safeDiv(U64F64.saturatingFromNum(taoReserve), medianPrice),
    'u64',
  );
  return { taoReserve, alphaReserve, recycledTao: satSub(actualLocked, taoReserve) };
}
