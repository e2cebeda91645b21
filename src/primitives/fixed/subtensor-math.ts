/**
 * Scalar I32F32 helpers from subtensor `pallets/subtensor/src/epoch/math.rs` that are thin
 * wrappers over the crate's transcendental functions (liquid-alpha sigmoid, `safe_ln`).
 * Vector/matrix epoch math lives with the epoch, not here.
 */
import { I32F32 } from './types.ts';
import { exp, ln } from './transcendental.ts';

const MIN_EXP_INPUT = I32F32.fromNum(-20n);
const MAX_EXP_INPUT = I32F32.fromNum(20n);

/** `exp_safe`: input clamped to [−20, 20]; on error 0 (input ≤ 0) or I32F32::MAX. */
export function expSafe(input: bigint): bigint {
  const clamped = input < MIN_EXP_INPUT ? MIN_EXP_INPUT : input > MAX_EXP_INPUT ? MAX_EXP_INPUT : input;
  const out = exp(I32F32, clamped);
  if (out !== undefined) return out;
  return clamped <= 0n ? 0n : I32F32.MAX;
}

/** `sigmoid_safe(input, rho, kappa)` = 1 / (1 + exp_safe(−rho·(input − kappa))), saturating ops. */
export function sigmoidSafe(input: bigint, rho: bigint, kappa: bigint): bigint {
  const one = I32F32.ONE;
  const offset = I32F32.saturatingSub(input, kappa);
  const negRho = I32F32.saturatingMul(rho, I32F32.saturatingNeg(one));
  const expInput = I32F32.saturatingMul(negRho, offset);
  const denominator = I32F32.saturatingAdd(expSafe(expInput), one);
  return I32F32.safeDiv(one, denominator);
}

/** `safe_ln`: ln, or 0 when ln fails (input ≤ 0). */
export function safeLn(value: bigint): bigint {
  return ln(I32F32, value) ?? 0n;
}
