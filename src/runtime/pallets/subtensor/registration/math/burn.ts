/**
 * Neuron registration burn price (`subnets/registration.rs::update_registration_prices_for_networks`,
 * `bump_registration_price_after_registration`; Q32 helpers of `utils/misc.rs`).
 * Each block (after block 1) the burn decays by f with f^BurnHalfLife ≈ 1/2; each registration
 * multiplies it by max(1, BurnIncreaseMult); both clamp to [MinBurn, MaxBurn].
 */
import { U64F64 } from '../../../../../primitives/fixed/index.ts';

const U64_MAX = (1n << 64n) - 1n;
const ONE_Q32 = 1n << 32n;
const HALF_Q32 = 1n << 31n;

/** `Burn` storage default (`InitialBurn`, 0.1 TAO) and the burn a newly registered subnet starts at (`DefaultNeuronBurnCost`, 1 TAO). */
export const DEFAULT_BURN = 100_000_000n;
export const NEW_SUBNET_BURN = 1_000_000_000n;
export const DEFAULT_MIN_BURN = 500_000n;
export const DEFAULT_MAX_BURN = 100_000_000_000n;
export const DEFAULT_BURN_HALF_LIFE = 360;
/** `BurnIncreaseMult` default 1.26 as U64F64 bits (f64 → nearest). */
export const DEFAULT_BURN_INCREASE_MULT = U64F64.saturatingFromNum(1.26);
/** Admin bounds (`pallets/admin-utils`). */
export const MIN_BURN_UPPER_BOUND = 1_000_000_000n;
export const MAX_BURN_LOWER_BOUND = 100_000_000n;
export const MAX_BURN_HALF_LIFE = 36_100;

/** `mul_by_q32`: floor(value · factor / 2^32), capped at u64::MAX. */
export function mulByQ32(value: bigint, factorQ32: bigint): bigint {
  const shifted = (value * factorQ32) >> 32n;
  return shifted > U64_MAX ? U64_MAX : shifted;
}

/** `pow_q32`: square-and-multiply with floored Q32 products. */
export function powQ32(baseQ32: bigint, exp: number): bigint {
  let result = ONE_Q32;
  let factor = baseQ32;
  let power = exp;
  while (power > 0) {
    if ((power & 1) === 1) result = mulByQ32(result, factor);
    power >>>= 1;
    if (power > 0) factor = mulByQ32(factor, factor);
  }
  return result;
}

const decayMemo = new Map<number, bigint>();

/** `decay_factor_q32(half_life)`: the largest Q32 f with pow_q32(f, h) ≤ 1/2 (1.0 for h = 0). */
export function decayFactorQ32(halfLife: number): bigint {
  if (halfLife === 0) return ONE_Q32;
  const memo = decayMemo.get(halfLife);
  if (memo !== undefined) return memo;
  let lo = 0n;
  let hi = ONE_Q32;
  while (lo + 1n < hi) {
    const mid = lo + ((hi - lo) >> 1n);
    if (powQ32(mid, halfLife) > HALF_Q32) hi = mid;
    else lo = mid;
  }
  decayMemo.set(halfLife, lo);
  return lo;
}

const clamp = (v: bigint, min: bigint, max: bigint): bigint => (v < min ? min : v > max ? max : v);

export interface BurnBounds {
  readonly minBurn: bigint;
  readonly maxBurn: bigint;
}

/**
 * Per-block burn update of one subnet: decay (if half-life > 0 and block > 1), then clamp.
 * Min is applied before max, as subtensor does.
 */
export function decayBurn(burn: bigint, halfLife: number, currentBlock: bigint, bounds: BurnBounds): bigint {
  let next = burn;
  if (halfLife > 0 && currentBlock > 1n) next = mulByQ32(burn, decayFactorQ32(halfLife));
  return clamp(next, bounds.minBurn, bounds.maxBurn);
}

/**
 * `bump_registration_price_after_registration` (not on root): floor(burn · max(1, mult)) in
 * U64F64, clamped. `increaseMult` is U64F64 bits.
 */
export function bumpBurn(burn: bigint, increaseMult: bigint, bounds: BurnBounds): bigint {
  const mult = U64F64.max(increaseMult, U64F64.ONE);
  const next = U64F64.saturatingToInt(U64F64.saturatingMul(U64F64.saturatingFromNum(burn), mult), 'u64');
  return clamp(next, bounds.minBurn, bounds.maxBurn);
}
