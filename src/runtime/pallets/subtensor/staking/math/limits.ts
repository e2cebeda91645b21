/**
 * Limit-price helpers of subtensor's staking code (`add_stake.rs::get_max_amount_add`,
 * `remove_stake.rs::get_max_amount_remove`, `move_stake.rs::get_max_amount_move`) and the small
 * amount rules around staking (`stake_utils.rs`). Limit prices are in rao of TAO per alpha.
 */
import { U64F64 } from '../../../../../primitives/fixed/index.ts';
import {
  MAX_SWAP_INPUT_RESERVE_MULTIPLIER,
  RAO_PER_TAO,
  currentPrice,
  simSwap,
  swapFeeAmount,
  swapWithRaoLimit,
  type PoolState,
  type SwapConfig,
  type SwapError,
} from '../../../swap/math/index.ts';

/** `DefaultMinStake`: 2_000_000 rao (0.002 TAO). */
export const DEFAULT_MIN_STAKE = 2_000_000n;
const U64_MAX = (1n << 64n) - 1n;

/** A subnet as the limit helpers see it: its pool plus whether it is the root subnet. */
export interface SubnetPool extends PoolState {
  readonly isRoot?: boolean;
}

export type MaxAmountOutcome = { ok: true; value: bigint } | { ok: false; error: SwapError };

const isStable = (s: SubnetPool): boolean => s.isRoot === true || (s.mechanism ?? 1) === 0;
const isDynamic = (s: SubnetPool): boolean => s.isRoot !== true && (s.mechanism ?? 1) === 1;
const satMulU64 = (a: bigint, b: bigint): bigint => (a * b > U64_MAX ? U64_MAX : a * b);
const satAddU64 = (a: bigint, b: bigint): bigint => (a + b > U64_MAX ? U64_MAX : a + b);

/**
 * `get_max_amount_add`: the most TAO (gross, fee included) a buy can spend before the price
 * reaches `limitPriceRao` — a simulated buy of 1000× the TAO reserve with that limit.
 * Root/stable: u64::MAX if the limit is ≥ 1 TAO per alpha, else 0.
 */
export function getMaxAmountAdd(
  subnet: SubnetPool,
  limitPriceRao: bigint,
  config: SwapConfig = {},
): MaxAmountOutcome {
  if (isStable(subnet)) return { ok: true, value: limitPriceRao >= RAO_PER_TAO ? U64_MAX : 0n };
  const maxInput = satMulU64(subnet.taoReserve, MAX_SWAP_INPUT_RESERVE_MULTIPLIER);
  const r = swapWithRaoLimit(subnet, 'buy', maxInput, limitPriceRao, false, true, config);
  if (!r.ok) return { ok: false, error: r.error };
  return { ok: true, value: satAddU64(r.value.amountPaidIn, r.value.feePaid) };
}

/**
 * `get_max_amount_remove`: the most alpha (gross) a sell can spend before the price falls to
 * `limitPriceRao`. Root/stable: u64::MAX if the limit is ≤ 1 TAO per alpha, else 0.
 */
export function getMaxAmountRemove(
  subnet: SubnetPool,
  limitPriceRao: bigint,
  config: SwapConfig = {},
): MaxAmountOutcome {
  if (isStable(subnet)) return { ok: true, value: limitPriceRao <= RAO_PER_TAO ? U64_MAX : 0n };
  const maxInput = satMulU64(subnet.alphaReserve, MAX_SWAP_INPUT_RESERVE_MULTIPLIER);
  const r = swapWithRaoLimit(subnet, 'sell', maxInput, limitPriceRao, false, true, config);
  if (!r.ok) return { ok: false, error: r.error };
  return { ok: true, value: satAddU64(r.value.amountPaidIn, r.value.feePaid) };
}

/**
 * `get_max_amount_move(origin, destination, limit)`: the most origin alpha that can be moved
 * before the origin/destination price ratio (rao) reaches the limit. Stable ends reduce to the
 * add/remove cases; two dynamic pools use subtensor's single-step closed form
 *   x = (α₂·t₁/(t₁+t₂))/limit − α₁·t₂/(t₁+t₂).
 */
export function getMaxAmountMove(
  origin: SubnetPool,
  destination: SubnetPool,
  limitPriceRao: bigint,
  config: SwapConfig = {},
): MaxAmountOutcome {
  const tao = U64F64.saturatingFromNum(RAO_PER_TAO);
  if (isStable(origin) && isStable(destination)) {
    return { ok: true, value: limitPriceRao > RAO_PER_TAO ? 0n : U64_MAX };
  }
  if (isStable(origin) && isDynamic(destination)) {
    if (limitPriceRao === 0n) return { ok: true, value: U64_MAX };
    const destinationPrice = U64F64.saturatingToInt(
      U64F64.saturatingMul(U64F64.safeDiv(tao, U64F64.saturatingFromNum(limitPriceRao)), tao),
      'u64',
    );
    return getMaxAmountAdd(destination, destinationPrice, config);
  }
  if (isStable(destination) && isDynamic(origin)) {
    return getMaxAmountRemove(origin, limitPriceRao, config);
  }

  const t1 = origin.taoReserve;
  const t2 = destination.taoReserve;
  if (t1 === 0n || t2 === 0n) return { ok: true, value: 0n };
  const a1 = origin.alphaReserve;
  const a2 = destination.alphaReserve;
  if (a1 === 0n || a2 === 0n) return { ok: true, value: 0n };

  const limit = U64F64.checkedDiv(U64F64.saturatingFromNum(limitPriceRao), tao) ?? 0n;
  const current = U64F64.safeDiv(currentPrice(origin), currentPrice(destination));
  if (limit > current) return { ok: true, value: 0n };
  if (limitPriceRao === 0n) return { ok: true, value: U64_MAX };

  const t1f = U64F64.saturatingFromNum(t1);
  const t2f = U64F64.saturatingFromNum(t2);
  const sum = U64F64.saturatingAdd(t2f, t1f);
  const t1Share = U64F64.safeDiv(t1f, sum);
  const t2Share = U64F64.safeDiv(t2f, sum);
  const value = U64F64.saturatingToInt(
    U64F64.saturatingSub(
      U64F64.safeDiv(U64F64.saturatingMul(U64F64.saturatingFromNum(a2), t1Share), limit),
      U64F64.saturatingMul(U64F64.saturatingFromNum(a1), t2Share),
    ),
    'u64',
  );
  return { ok: true, value };
}

/**
 * The least TAO `add_stake` accepts: `DefaultMinStake` plus the fee a simulated buy of it pays
 * (the approximate fee if that simulation fails).
 */
export function minimumAddStakeAmount(subnet: SubnetPool, config: SwapConfig = {}): bigint {
  const r = simSwap(subnet, 'buy', DEFAULT_MIN_STAKE, config);
  const fee = r.ok ? r.value.feePaid : swapFeeAmount(subnet, DEFAULT_MIN_STAKE, false);
  return satAddU64(DEFAULT_MIN_STAKE, fee);
}

/**
 * TAO value `transfer_stake_within_subnet` reports and checks against the minimum stake:
 * floor(price · alpha).
 */
export function taoEquivalentAtPrice(price: bigint, alpha: bigint): bigint {
  return U64F64.saturatingToInt(U64F64.saturatingMul(price, U64F64.saturatingFromNum(alpha)), 'u64');
}

/** Alpha refunded to the staker when a sell stops at its limit: requested − (paid in + fee). */
export function unstakeRefund(requestedAlpha: bigint, amountPaidIn: bigint, feePaid: bigint): bigint {
  const used = amountPaidIn + feePaid;
  return requestedAlpha > used ? requestedAlpha - used : 0n;
}
