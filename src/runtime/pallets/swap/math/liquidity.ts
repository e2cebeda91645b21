/**
 * Pool initialization and protocol liquidity injection (`impls.rs::maybe_initialize_palswap`,
 * `adjust_protocol_liquidity`), and the runtime API quotes (`SwapRuntimeApi::sim_swap_*`).
 */
import { U64F64 } from '../../../../primitives/fixed/index.ts';
import {
  DEFAULT_QUOTE_WEIGHT,
  quoteWeightForAddedLiquidity,
  quoteWeightForPrice,
  type BalancerReserves,
  type PriceInitError,
} from './balancer.ts';
import { currentPrice, simSwap, type PoolState, type SwapConfig } from './swap.ts';

/**
 * `maybe_initialize_palswap(netuid, maybe_price)` for a pool that is not initialized yet: the
 * quote weight to store (0.5 without a price; w₂ = y/(p·x + y) with one).
 */
export function initialQuoteWeight(
  reserves: { taoReserve: bigint; alphaReserve: bigint },
  price?: bigint,
): { ok: true; quoteWeight: bigint } | { ok: false; error: PriceInitError } {
  if (price === undefined) return { ok: true, quoteWeight: DEFAULT_QUOTE_WEIGHT };
  return quoteWeightForPrice(price, reserves.taoReserve, reserves.alphaReserve);
}

export interface ProtocolLiquidityResult {
  /** The weight to store (`SwapBalancer`), unchanged when the injection was rejected. */
  readonly quoteWeight: bigint;
  /** TAO and alpha the caller should actually add to the reserves (both 0 when rejected). */
  readonly taoAdded: bigint;
  readonly alphaAdded: bigint;
}

/**
 * `adjust_protocol_liquidity(netuid, tao_delta, alpha_delta)`: re-weights the pool so that adding
 * the deltas keeps the price. If the new weight would leave [0.01, 0.99] nothing is injected.
 * (It does not set `PalSwapInitialized`.)
 */
export function adjustProtocolLiquidity(
  pool: BalancerReserves,
  taoDelta: bigint,
  alphaDelta: bigint,
): ProtocolLiquidityResult {
  const next = quoteWeightForAddedLiquidity(
    pool.quoteWeight,
    pool.taoReserve,
    pool.alphaReserve,
    taoDelta,
    alphaDelta,
  );
  if (next === undefined) return { quoteWeight: pool.quoteWeight, taoAdded: 0n, alphaAdded: 0n };
  return { quoteWeight: next, taoAdded: taoDelta, alphaAdded: alphaDelta };
}

/** `pallet_subtensor_swap_runtime_api::SimSwapResult` (all u64 rao). */
export interface SimSwapResult {
  readonly tao_amount: bigint;
  readonly alpha_amount: bigint;
  readonly tao_fee: bigint;
  readonly alpha_fee: bigint;
  readonly tao_slippage: bigint;
  readonly alpha_slippage: bigint;
}

const ZERO_SIM: SimSwapResult = Object.freeze({
  tao_amount: 0n,
  alpha_amount: 0n,
  tao_fee: 0n,
  alpha_fee: 0n,
  tao_slippage: 0n,
  alpha_slippage: 0n,
});

const satSub = (a: bigint, b: bigint): bigint => (a > b ? a - b : 0n);

/**
 * `sim_swap_tao_for_alpha`: the quote a buy of `tao` gets now. `tao_amount` is the net TAO
 * entering the pool, `alpha_slippage` = alpha at the current price − alpha received. All zero
 * if the simulated swap fails.
 */
export function simSwapTaoForAlpha(
  pool: PoolState,
  tao: bigint,
  config: SwapConfig & { readonly subnetExists?: boolean } = {},
): SimSwapResult {
  const price = currentPrice(pool);
  const noSlippageAlpha = U64F64.saturatingToInt(U64F64.safeDiv(U64F64.saturatingFromNum(tao), price), 'u64');
  const r = simSwap(pool, 'buy', tao, config);
  if (!r.ok) return ZERO_SIM;
  return {
    tao_amount: r.value.amountPaidIn,
    alpha_amount: r.value.amountPaidOut,
    tao_fee: r.value.feePaid,
    alpha_fee: 0n,
    tao_slippage: 0n,
    alpha_slippage: satSub(noSlippageAlpha, r.value.amountPaidOut),
  };
}

/** `sim_swap_alpha_for_tao`: the quote a sell of `alpha` gets now. */
export function simSwapAlphaForTao(
  pool: PoolState,
  alpha: bigint,
  config: SwapConfig & { readonly subnetExists?: boolean } = {},
): SimSwapResult {
  const price = currentPrice(pool);
  const noSlippageTao = U64F64.saturatingToInt(
    U64F64.saturatingMul(U64F64.saturatingFromNum(alpha), price),
    'u64',
  );
  const r = simSwap(pool, 'sell', alpha, config);
  if (!r.ok) return ZERO_SIM;
  return {
    tao_amount: r.value.amountPaidOut,
    alpha_amount: r.value.amountPaidIn,
    tao_fee: 0n,
    alpha_fee: r.value.feePaid,
    tao_slippage: satSub(noSlippageTao, r.value.amountPaidOut),
    alpha_slippage: 0n,
  };
}
