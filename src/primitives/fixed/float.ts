/**
 * Exact handling of IEEE-754 doubles for fixed-point conversion.
 *
 * `from_num(f64)` in substrate_fixed converts the float's exact binary value and rounds the
 * dropped bits to nearest, ties to even (src/float_helper.rs `to_float_kind`). We decompose the
 * double into `mantissa · 2^exponent` with integer arithmetic so no float rounding can sneak in.
 */

const f64View = new Float64Array(1);
const u64View = new BigUint64Array(f64View.buffer);

const MANTISSA_MASK = (1n << 52n) - 1n;
const IMPLICIT_ONE = 1n << 52n;

/**
 * Returns `x · 2^shift` rounded to the nearest integer, ties to even, computed exactly.
 * `x` must be finite (callers check NaN and infinities first).
 */
export function scaleF64ToInteger(x: number, shift: number): bigint {
  if (x === 0) return 0n;
  f64View[0] = x;
  const raw = u64View[0]!;
  const negative = raw >> 63n === 1n;
  const biasedExponent = Number((raw >> 52n) & 0x7ffn);
  let mantissa = raw & MANTISSA_MASK;
  let exponent: number;
  if (biasedExponent === 0) {
    exponent = -1074; // subnormal: no implicit bit
  } else {
    mantissa |= IMPLICIT_ONE;
    exponent = biasedExponent - 1075;
  }
  // |x| = mantissa · 2^exponent, mantissa < 2^53
  const total = exponent + shift;
  let magnitude: bigint;
  if (total >= 0) {
    magnitude = mantissa << BigInt(total);
  } else if (total < -53) {
    magnitude = 0n; // below half a unit: mantissa < 2^53 ≤ 2^(−total−1)
  } else {
    const drop = BigInt(-total);
    const kept = mantissa >> drop;
    const removed = mantissa & ((1n << drop) - 1n);
    const half = 1n << (drop - 1n);
    magnitude = removed > half || (removed === half && (kept & 1n) === 1n) ? kept + 1n : kept;
  }
  return negative ? -magnitude : magnitude;
}
