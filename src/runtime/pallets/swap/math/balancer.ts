/**
 * Weighted (balancer) pool math of `pallets/swap/src/pallet/balancer.rs`.
 *
 * x = alpha reserve (base), y = TAO reserve (quote), w₂ = quote weight (Perquintill parts),
 * w₁ = 1 − w₂. Prices are U64F64 raw bits (TAO per alpha).
 *   price                    p  = (w₁/w₂)·(y/x)
 *   sell ∆x → out            ∆y = y·(1 − (x/(x+∆x))^(w₁/w₂))
 *   buy  ∆y → out            ∆x = x·(1 − (y/(y+∆y))^(w₂/w₁))
 *   buy up to price p'       ∆y = y·((p'/p)^w₁ − 1)
 *   sell down to price p'    ∆x = x·((p/p')^w₂ − 1)
 */
import { U64F64 } from '../../../../primitives/fixed/index.ts';
import { powRatioScaled } from './pow-ratio.ts';
import {
  PERQUINTILL_ONE,
  U128_MAX,
  U64_MAX,
  mulPerquintillRound,
  perquintillComplement,
  perquintillFromRational,
} from './perquintill.ts';

/** Lower bound of either weight: 0.01. */
export const MIN_WEIGHT = PERQUINTILL_ONE / 100n;
/** `Balancer::default()`: quote weight 0.5. */
export const DEFAULT_QUOTE_WEIGHT = perquintillFromRational(1n, 2n);

const EXP_PRECISION = 256;
const LIMIT_PRECISION = 1024;
const ONE_FIXED = U64F64.ONE;
const ACCURACY_FIXED = U64F64.fromNum(PERQUINTILL_ONE);

/** Base weight w₁ = 1 − w₂ (saturating). */
export function baseWeight(quoteWeight: bigint): bigint {
  return perquintillComplement(quoteWeight);
}

/** `Balancer::check_constraints`: both weights at least 0.01. */
export function isValidQuoteWeight(quoteWeight: bigint): boolean {
  return quoteWeight >= MIN_WEIGHT && baseWeight(quoteWeight) >= MIN_WEIGHT;
}

/** `calculate_price(x, y)`: (w₁/w₂)·(y/x) in U64F64, each division floored (0 on ÷0). */
export function balancerPrice(quoteWeight: bigint, alphaReserve: bigint, taoReserve: bigint): bigint {
  const w2 = U64F64.saturatingFromNum(quoteWeight);
  const w1 = U64F64.saturatingFromNum(baseWeight(quoteWeight));
  const x = U64F64.saturatingFromNum(alphaReserve);
  const y = U64F64.saturatingFromNum(taoReserve);
  return U64F64.saturatingMul(U64F64.safeDiv(w1, w2), U64F64.safeDiv(y, x));
}

/**
 * `exp_scaled(x, ∆x, base_quote)`: (x/(x+∆x))^(w₁/w₂) when `baseQuote`, else ^(w₂/w₁), as U64F64
 * bits: pow at 256 bits scaled by 10^18, floored, divided by 10^18; capped at 1 for ∆x ≥ 0.
 * 0 when x+∆x = 0 or when the scaled power does not fit a u64.
 */
export function expScaled(quoteWeight: bigint, x: bigint, dx: bigint, baseQuote: boolean): bigint {
  let xPlusDx: bigint;
  if (dx >= 0n) {
    xPlusDx = x + dx;
    if (xPlusDx > U64_MAX) xPlusDx = U64_MAX;
  } else {
    xPlusDx = x + dx;
    if (xPlusDx < 0n) xPlusDx = 0n;
  }
  if (xPlusDx === 0n) return 0n;
  const w1 = baseWeight(quoteWeight);
  const w2 = quoteWeight;
  const r = baseQuote
    ? powRatioScaled(x, xPlusDx, w1, w2, EXP_PRECISION, PERQUINTILL_ONE)
    : powRatioScaled(x, xPlusDx, w2, w1, EXP_PRECISION, PERQUINTILL_ONE);
  if (r === undefined || r < 0n || r > U64_MAX) return 0n;
  const result = U64F64.safeDiv(U64F64.fromNum(r), ACCURACY_FIXED);
  return dx >= 0n && result > ONE_FIXED ? ONE_FIXED : result;
}

/** (x/(x+∆x))^(w₁/w₂) — sells (alpha in, TAO out). */
export function expBaseQuote(quoteWeight: bigint, alphaReserve: bigint, dx: bigint): bigint {
  return expScaled(quoteWeight, alphaReserve, dx, true);
}

/** (y/(y+∆y))^(w₂/w₁) — buys (TAO in, alpha out). */
export function expQuoteBase(quoteWeight: bigint, taoReserve: bigint, dy: bigint): bigint {
  return expScaled(quoteWeight, taoReserve, dy, false);
}

/** `reserve · (1 − e)` floored to u64 (the `convert_deltas` tail). */
function reserveTimesOneMinus(reserve: bigint, e: bigint): bigint {
  return U64F64.saturatingToInt(
    U64F64.saturatingMul(U64F64.fromNum(reserve), U64F64.saturatingSub(ONE_FIXED, e)),
    'u64',
  );
}

/** Alpha paid out for `taoIn` net TAO (buy `convert_deltas`). */
export function alphaOutForTaoIn(pool: BalancerReserves, taoIn: bigint): bigint {
  return reserveTimesOneMinus(pool.alphaReserve, expQuoteBase(pool.quoteWeight, pool.taoReserve, taoIn));
}

/** TAO paid out for `alphaIn` net alpha (sell `convert_deltas`). */
export function taoOutForAlphaIn(pool: BalancerReserves, alphaIn: bigint): bigint {
  return reserveTimesOneMinus(pool.taoReserve, expBaseQuote(pool.quoteWeight, pool.alphaReserve, alphaIn));
}

export interface BalancerReserves {
  readonly taoReserve: bigint;
  readonly alphaReserve: bigint;
  readonly quoteWeight: bigint;
}

/** Shared tail of the limit-delta functions: `reserve · (e/10^18 − 1)` saturating to u64. */
function limitDelta(exp: bigint | undefined, reserve: bigint): bigint {
  if (exp === undefined) return 0n;
  const expFixed =
    exp >= 0n && exp <= U64_MAX
      ? U64F64.saturatingFromNum(exp)
      : exp > U64_MAX
        ? U64F64.saturatingFromNum(U64_MAX)
        : 0n;
  const ratio = U64F64.saturatingSub(U64F64.safeDiv(expFixed, ACCURACY_FIXED), ONE_FIXED);
  return U64F64.saturatingToInt(U64F64.saturatingMul(U64F64.saturatingFromNum(reserve), ratio), 'u64');
}

/** `calculate_quote_delta_in`: TAO that moves the price up from `current` to `target`. */
export function quoteDeltaIn(
  quoteWeight: bigint,
  currentPrice: bigint,
  targetPrice: bigint,
  taoReserve: bigint,
): bigint {
  const exp = powRatioScaled(
    targetPrice,
    currentPrice,
    baseWeight(quoteWeight),
    PERQUINTILL_ONE,
    LIMIT_PRECISION,
    PERQUINTILL_ONE,
  );
  return limitDelta(exp, taoReserve);
}

/** `calculate_base_delta_in`: alpha that moves the price down from `current` to `target`. */
export function baseDeltaIn(
  quoteWeight: bigint,
  currentPrice: bigint,
  targetPrice: bigint,
  alphaReserve: bigint,
): bigint {
  const exp = powRatioScaled(
    currentPrice,
    targetPrice,
    quoteWeight,
    PERQUINTILL_ONE,
    LIMIT_PRECISION,
    PERQUINTILL_ONE,
  );
  return limitDelta(exp, alphaReserve);
}

/** `get_base_needed_for_quote`: alpha to sell to take `deltaTao` out of the TAO reserve. */
export function baseNeededForQuote(
  quoteWeight: bigint,
  taoReserve: bigint,
  alphaReserve: bigint,
  deltaTao: bigint,
): bigint {
  const e = expScaled(quoteWeight, taoReserve, -deltaTao, false);
  return U64F64.saturatingToInt(
    U64F64.saturatingMul(U64F64.fromNum(alphaReserve), U64F64.saturatingSub(e, ONE_FIXED)),
    'u64',
  );
}

/**
 * `update_weights_for_added_liquidity`: the quote weight that keeps the price when `taoDelta`
 * and `alphaDelta` join the reserves, or `undefined` when it would leave [0.01, 0.99]
 * (the balancer rejects it and keeps its old weight).
 */
export function quoteWeightForAddedLiquidity(
  quoteWeight: bigint,
  taoReserve: bigint,
  alphaReserve: bigint,
  taoDelta: bigint,
  alphaDelta: bigint,
): bigint | undefined {
  const newTao = taoReserve + taoDelta;
  const newAlpha = alphaReserve + alphaDelta;
  const satMul = (a: bigint, b: bigint): bigint => {
    const p = a * b;
    return p > U128_MAX ? U128_MAX : p;
  };
  const q1 = mulPerquintillRound(baseWeight(quoteWeight), satMul(taoReserve, newAlpha));
  const q2 = mulPerquintillRound(quoteWeight, satMul(alphaReserve, newTao));
  let qSum = q1 + q2;
  if (qSum > U128_MAX) qSum = U128_MAX;
  const next = qSum !== 0n ? perquintillFromRational(q2, qSum) : DEFAULT_QUOTE_WEIGHT;
  return isValidQuoteWeight(next) ? next : undefined;
}

export type PriceInitError = 'ReservesOutOfBalance';

/**
 * Quote weight that makes the pool quote `price` (U64F64 bits): w₂ = y / (p·x + y), with p·x
 * computed as int(p)·x + floor(x·frac(p)) in u128 (`maybe_initialize_palswap(Some(price))`).
 */
export function quoteWeightForPrice(
  price: bigint,
  taoReserve: bigint,
  alphaReserve: bigint,
): { ok: true; quoteWeight: bigint } | { ok: false; error: PriceInitError } {
  const pxHigh = U64F64.saturatingToInt(price, 'u64') * alphaReserve;
  const pxLow = U64F64.saturatingToInt(
    U64F64.saturatingMul(U64F64.saturatingFromNum(alphaReserve), U64F64.frac(price)),
    'u128',
  );
  let pxPlusY = pxHigh + pxLow + taoReserve;
  if (pxPlusY > U128_MAX) pxPlusY = U128_MAX;
  if (pxPlusY === 0n) return { ok: false, error: 'ReservesOutOfBalance' };
  const quoteWeight = perquintillFromRational(taoReserve, pxPlusY);
  if (!isValidQuoteWeight(quoteWeight)) return { ok: false, error: 'ReservesOutOfBalance' };
  return { ok: true, quoteWeight };
}
