/**
 * One swap against a subnet pool — `pallets/swap/src/pallet/impls.rs::do_swap` and
 * `swap_step.rs::BasicSwapStep` — as a pure function of the pool state.
 *
 * The swap never changes the reserves itself (subtensor updates `SubnetTAO`/`SubnetAlphaIn`
 * afterwards from the result): the caller applies
 *   buy:  taoReserve += amountPaidIn,  alphaReserve −= amountPaidOut
 *   sell: alphaReserve += amountPaidIn, taoReserve −= amountPaidOut
 * and routes `feeToBlockAuthor` (TAO on a buy, alpha on a sell) as subtensor's staking code does.
 */
import { U64F64 } from '../../../../primitives/fixed/index.ts';
import {
  DEFAULT_QUOTE_WEIGHT,
  alphaOutForTaoIn,
  balancerPrice,
  baseDeltaIn,
  quoteDeltaIn,
  taoOutForAlphaIn,
  type BalancerReserves,
} from './balancer.ts';
import { U64_MAX } from './perquintill.ts';

/** Swap pallet constants (runtime values; the unit-test mocks differ, see `SwapConfig`). */
export const DEFAULT_FEE_RATE = 33;
export const MAX_FEE_RATE = 10_000;
export const RUNTIME_MINIMUM_RESERVE = 1_000_000n;
/** `MAX_SWAP_INPUT_RESERVE_MULTIPLIER`: the net input may be at most 1000× the input reserve. */
export const MAX_SWAP_INPUT_RESERVE_MULTIPLIER = 1_000n;
/** `min_price_inner` / `max_price_inner`, in rao of TAO per alpha. */
export const MIN_PRICE_RAO = 1_000n;
export const MAX_PRICE_RAO = 1_000_000_000_000_000n;
export const RAO_PER_TAO = 1_000_000_000n;

/** Subnet mechanism: 0 = stable (root and legacy subnets, price 1, no fees), 1 = dynamic pool. */
export type SubnetMechanism = number;

export interface PoolState extends BalancerReserves {
  /** `SubnetTAO[netuid]` (quote reserve, y). */
  readonly taoReserve: bigint;
  /** `SubnetAlphaIn[netuid]` (base reserve, x). */
  readonly alphaReserve: bigint;
  /** `SwapBalancer[netuid].quote` — Perquintill parts (10^18 = 1). */
  readonly quoteWeight: bigint;
  /** `FeeRate[netuid]`, u16 out of 65535. */
  readonly feeRate: number;
  /** `SubnetMechanism[netuid]`; default 1 (dynamic). */
  readonly mechanism?: SubnetMechanism;
  /**
   * `PalSwapInitialized[netuid]`; default true. An uninitialized pool swaps with weight 0.5
   * (the first swap writes it), whatever `quoteWeight` holds.
   */
  readonly initialized?: boolean;
}

export interface SwapConfig {
  /** `T::MinimumReserve` — output-side reserve below which swaps fail. Runtime: 1_000_000. */
  readonly minimumReserve?: bigint;
}

/** `GetAlphaForTao` (buy, TAO in) or `GetTaoForAlpha` (sell, alpha in). */
export type SwapDirection = 'buy' | 'sell';

/** `SwapResult`: amounts in the input token except `amountPaidOut`. */
export interface SwapResult {
  /** Net input that enters the input reserve (after the fee). */
  readonly amountPaidIn: bigint;
  readonly amountPaidOut: bigint;
  readonly feePaid: bigint;
  readonly feeToBlockAuthor: bigint;
}

/** Swap pallet errors (variant names of `pallet_subtensor_swap::Error`). */
export type SwapError =
  | 'SwapInputTooLarge'
  | 'ReservesTooLow'
  | 'PriceLimitExceeded'
  | 'InsufficientLiquidity'
  | 'ReservesOutOfBalance';

export type SwapOutcome =
  | {
      readonly ok: true;
      readonly value: SwapResult;
      /** The pool was uninitialized and this swap initialized it (quote weight 0.5). */
      readonly initializesPool: boolean;
    }
  | {
      readonly ok: false;
      readonly error: SwapError;
      /** Only for a committed `InsufficientLiquidity`: the initialization persists anyway. */
      readonly initializesPool: boolean;
    };

const U16_MAX_FIXED = U64F64.fromNum(65_535n);
const ONE = U64F64.ONE;

function mechanismOf(pool: PoolState): SubnetMechanism {
  return pool.mechanism ?? 1;
}

/** `Pallet::current_price`: the balancer price for a dynamic pool (0 without alpha), else 1. */
export function currentPrice(pool: PoolState): bigint {
  if (mechanismOf(pool) !== 1) return ONE;
  if (pool.alphaReserve === 0n) return 0n;
  return balancerPrice(pool.quoteWeight, pool.alphaReserve, pool.taoReserve);
}

/** `current_alpha_price` of the runtime API: price × 10^9, floored to u64 (rao per alpha). */
export function currentPriceRao(pool: PoolState): bigint {
  return U64F64.saturatingToInt(U64F64.saturatingMul(currentPrice(pool), U64F64.fromNum(RAO_PER_TAO)), 'u64');
}

/** A limit price in rao per alpha as the U64F64 TAO-per-alpha the swap compares against. */
export function limitPriceFromRao(priceRao: bigint): bigint {
  return U64F64.safeDiv(U64F64.saturatingFromNum(priceRao), U64F64.saturatingFromNum(RAO_PER_TAO));
}

/** `calculate_fee_amount`: floor(amount × FeeRate/65535) on a dynamic pool, else 0. */
export function swapFeeAmount(pool: PoolState, amount: bigint, dropFees: boolean): bigint {
  if (dropFees || mechanismOf(pool) !== 1) return 0n;
  const rate = U64F64.safeDiv(U64F64.saturatingFromNum(BigInt(pool.feeRate)), U16_MAX_FIXED);
  return U64F64.saturatingToInt(U64F64.saturatingMul(U64F64.saturatingFromNum(amount), rate), 'u64');
}

/** Fee on a limit-clipped input: floor(∆ × rate/(65535 − rate)), the same share of the gross. */
function limitClippedFee(pool: PoolState, deltaIn: bigint, dropFees: boolean): bigint {
  const rate = dropFees ? 0n : U64F64.saturatingFromNum(BigInt(pool.feeRate));
  const factor = U64F64.safeDiv(rate, U64F64.saturatingSub(U16_MAX_FIXED, rate));
  return U64F64.saturatingToInt(U64F64.saturatingMul(U64F64.saturatingFromNum(deltaIn), factor), 'u64');
}

const satAddU64 = (a: bigint, b: bigint): bigint => (a + b > U64_MAX ? U64_MAX : a + b);
const satSub = (a: bigint, b: bigint): bigint => (a > b ? a - b : 0n);

/** Output of `delta` input — `convert_deltas` for the direction. */
export function convertDeltas(pool: BalancerReserves, direction: SwapDirection, delta: bigint): bigint {
  return direction === 'buy' ? alphaOutForTaoIn(pool, delta) : taoOutForAlphaIn(pool, delta);
}

/** Price after `delta` fully executes — `price_target`. */
function priceTarget(pool: BalancerReserves, direction: SwapDirection, delta: bigint): bigint {
  const out = convertDeltas(pool, direction, delta);
  return direction === 'buy'
    ? balancerPrice(pool.quoteWeight, satSub(pool.alphaReserve, out), satAddU64(pool.taoReserve, delta))
    : balancerPrice(pool.quoteWeight, satAddU64(pool.alphaReserve, delta), satSub(pool.taoReserve, out));
}

/**
 * `do_swap(netuid, order, limit_price, drop_fees, simulate)` with `limitPrice` as U64F64 bits
 * (TAO per alpha). Checks in subtensor's order: input ≤ 1000× input reserve, output reserve ≥
 * minimum, lazy initialization, current price strictly on the right side of the limit; then one
 * step that executes in full or stops exactly at the limit (partial fill, fee recomputed).
 * A non-simulated swap also fails if it would pay out more than the output reserve.
 */
export function doSwap(
  pool: PoolState,
  direction: SwapDirection,
  amount: bigint,
  limitPrice: bigint,
  dropFees: boolean,
  simulate: boolean,
  config: SwapConfig = {},
): SwapOutcome {
  const minimumReserve = config.minimumReserve ?? RUNTIME_MINIMUM_RESERVE;
  const inputReserve = direction === 'buy' ? pool.taoReserve : pool.alphaReserve;
  const outputReserve = direction === 'buy' ? pool.alphaReserve : pool.taoReserve;

  const initialFee = swapFeeAmount(pool, amount, dropFees);
  const netAmount = satSub(amount, initialFee);
  let maxInput = inputReserve * MAX_SWAP_INPUT_RESERVE_MULTIPLIER;
  if (maxInput > U64_MAX) maxInput = U64_MAX;
  if (netAmount > maxInput) return { ok: false, error: 'SwapInputTooLarge', initializesPool: false };

  if (outputReserve < minimumReserve) return { ok: false, error: 'ReservesTooLow', initializesPool: false };

  const initializesPool = pool.initialized === false;
  const weights: BalancerReserves = {
    taoReserve: pool.taoReserve,
    alphaReserve: pool.alphaReserve,
    quoteWeight: initializesPool ? DEFAULT_QUOTE_WEIGHT : pool.quoteWeight,
  };
  const effective: PoolState = { ...pool, quoteWeight: weights.quoteWeight, initialized: true };

  const price = currentPrice(effective);
  const beyond = direction === 'buy' ? price < limitPrice : price > limitPrice;
  if (!beyond) return { ok: false, error: 'PriceLimitExceeded', initializesPool: false };

  // Swap step.
  let fee = initialFee;
  const requested = netAmount;
  const target = priceTarget(weights, direction, requested);
  const fillsInFull = direction === 'buy' ? target <= limitPrice : target >= limitPrice;
  let deltaIn: bigint;
  if (fillsInFull) {
    deltaIn = requested;
  } else {
    deltaIn =
      direction === 'buy'
        ? quoteDeltaIn(weights.quoteWeight, price, limitPrice, weights.taoReserve)
        : baseDeltaIn(weights.quoteWeight, price, limitPrice, weights.alphaReserve);
    fee = limitClippedFee(pool, deltaIn, dropFees);
  }
  const deltaOut = convertDeltas(weights, direction, deltaIn);
  let feeToBlockAuthor = 0n;
  if (deltaIn !== 0n) {
    if (deltaOut === 0n) return { ok: false, error: 'ReservesTooLow', initializesPool: false };
    feeToBlockAuthor = fee;
  }
  const value: SwapResult = {
    amountPaidIn: deltaIn,
    amountPaidOut: deltaOut,
    feePaid: fee,
    feeToBlockAuthor,
  };
  if (!simulate && outputReserve < deltaOut) {
    return { ok: false, error: 'InsufficientLiquidity', initializesPool };
  }
  return { ok: true, value, initializesPool };
}

/**
 * `SwapEngine::swap`: `priceLimitRao` (TAO rao per alpha) → U64F64, then `doSwap`;
 * `simulate` = `should_rollback`.
 */
export function swapWithRaoLimit(
  pool: PoolState,
  direction: SwapDirection,
  amount: bigint,
  priceLimitRao: bigint,
  dropFees: boolean,
  simulate: boolean,
  config: SwapConfig = {},
): SwapOutcome {
  return doSwap(pool, direction, amount, limitPriceFromRao(priceLimitRao), dropFees, simulate, config);
}

/**
 * `SwapHandler::sim_swap`: a dynamic pool simulates with the default limit (max price for a buy,
 * min price for a sell) and fees; any other mechanism answers 1:1 without fee (0 if the subnet
 * does not exist).
 */
export function simSwap(
  pool: PoolState,
  direction: SwapDirection,
  amount: bigint,
  config: SwapConfig & { readonly subnetExists?: boolean } = {},
): SwapOutcome {
  if (mechanismOf(pool) === 1) {
    const limit = direction === 'buy' ? MAX_PRICE_RAO : MIN_PRICE_RAO;
    return swapWithRaoLimit(pool, direction, amount, limit, false, true, config);
  }
  const actual = config.subnetExists === false ? 0n : amount;
  return {
    ok: true,
    value: { amountPaidIn: actual, amountPaidOut: actual, feePaid: 0n, feeToBlockAuthor: 0n },
    initializesPool: false,
  };
}

/**
 * subtensor's `swap_tao_for_alpha` / `swap_alpha_for_tao` (stake_utils.rs): a dynamic subnet goes
 * through the pool (not simulated); a stable subnet (mechanism 0, root) converts 1:1 without fee.
 */
export function swapThroughSubnet(
  pool: PoolState,
  direction: SwapDirection,
  amount: bigint,
  priceLimitRao: bigint,
  dropFees: boolean,
  config: SwapConfig = {},
): SwapOutcome {
  if (mechanismOf(pool) === 1) {
    return swapWithRaoLimit(pool, direction, amount, priceLimitRao, dropFees, false, config);
  }
  return {
    ok: true,
    value: { amountPaidIn: amount, amountPaidOut: amount, feePaid: 0n, feeToBlockAuthor: 0n },
    initializesPool: false,
  };
}

/** Reserves after a successful swap (what subtensor writes to `SubnetTAO`/`SubnetAlphaIn`). */
export function reservesAfterSwap(
  pool: BalancerReserves,
  direction: SwapDirection,
  result: SwapResult,
): { taoReserve: bigint; alphaReserve: bigint } {
  if (direction === 'buy') {
    return {
      taoReserve: satAddU64(pool.taoReserve, result.amountPaidIn),
      alphaReserve: satSub(pool.alphaReserve, result.amountPaidOut),
    };
  }
  return {
    taoReserve: satSub(pool.taoReserve, result.amountPaidOut),
    alphaReserve: satAddU64(pool.alphaReserve, result.amountPaidIn),
  };
}

/**
 * `get_alpha_amount_for_tao`: alpha worth `tao` at the current price without slippage
 * (dynamic), or 1:1.
 */
export function alphaAmountForTao(pool: PoolState, tao: bigint): bigint {
  if (mechanismOf(pool) !== 1) return tao;
  return U64F64.saturatingToInt(U64F64.safeDiv(U64F64.fromNum(tao), currentPrice(pool)), 'u64');
}

/** Buy alpha with `tao` (`GetAlphaForTao`), limit in rao per alpha — `SwapEngine::swap`. */
export function swapTaoForAlpha(
  pool: PoolState,
  tao: bigint,
  priceLimitRao: bigint = MAX_PRICE_RAO,
  dropFees = false,
  simulate = false,
  config: SwapConfig = {},
): SwapOutcome {
  return swapWithRaoLimit(pool, 'buy', tao, priceLimitRao, dropFees, simulate, config);
}

/** Sell `alpha` for TAO (`GetTaoForAlpha`), limit in rao per alpha — `SwapEngine::swap`. */
export function swapAlphaForTao(
  pool: PoolState,
  alpha: bigint,
  priceLimitRao: bigint = MIN_PRICE_RAO,
  dropFees = false,
  simulate = false,
  config: SwapConfig = {},
): SwapOutcome {
  return swapWithRaoLimit(pool, 'sell', alpha, priceLimitRao, dropFees, simulate, config);
}
