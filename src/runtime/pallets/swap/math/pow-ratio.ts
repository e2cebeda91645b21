/**
 * `floor((bn / bd)^(en / ed) · scale)` on big integers, reproducing `SafeInt::pow_ratio_scaled`
 * of the crate `safe-bigmath` (git rev 013c499, the one subtensor's Cargo.lock pins), which the
 * balancer uses for every swap output and every limit-price delta.
 *
 * Two paths, chosen exactly as the crate chooses them:
 * - the exponent fraction reduced by its gcd has numerator and denominator ≤ 1024: an exact
 *   integer n-th root of `bn^en · scale^ed / bd^en` (weight 0.5 → exponent 1/1 or 1/2);
 * - otherwise a fixed-point `ln`/`exp` Taylor evaluation with `precision` (at least 32 and at
 *   least `bits(scale) + 8`) plus 24 guard bits. Every step is integer arithmetic with the crate's
 *   rounding (floor divisions, truncating remainder in the guard rounding), so the result is the
 *   crate's result bit for bit, including where its series stop early.
 *
 * Everything here is a pure function of its arguments; the only state is a memo of `ln 2` per
 * working precision (a constant).
 */

const GUARD_BITS = 24n;
const DEFAULT_MAX_ITERS = 4096;
const MAX_EXACT_EXPONENT = 1024n;
const U32_MAX = 0xffff_ffffn;

/** Floor division (toward −∞) of big integers; `b` must not be 0. */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** Number of significant bits of a non-negative integer (0 for 0), like `BigUint::bits`. */
export function bitLength(x: bigint): number {
  if (x === 0n) return 0;
  let n = 0;
  let v = x;
  while (v >= 1n << 1024n) {
    v >>= 1024n;
    n += 1024;
  }
  while (v >= 1n << 32n) {
    v >>= 32n;
    n += 32;
  }
  while (v > 0n) {
    v >>= 1n;
    n += 1;
  }
  return n;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y !== 0n) {
    const r = x % y;
    x = y;
    y = r;
  }
  return x;
}

/** Largest `m ≥ 0` with `m^q ≤ n` (integer q-th root, q ≥ 1). */
export function integerRoot(n: bigint, q: number): bigint {
  if (n < 2n || q === 1) return n;
  const Q = BigInt(q);
  let x = 1n << BigInt(Math.ceil(bitLength(n) / q));
  for (;;) {
    const y = ((Q - 1n) * x + n / x ** (Q - 1n)) / Q;
    if (y >= x) break;
    x = y;
  }
  while (x ** Q > n) x -= 1n;
  while ((x + 1n) ** Q <= n) x += 1n;
  return x;
}

/** Round away the guard bits: truncating quotient, then half away from zero (crate rounding). */
function roundToPrecision(value: bigint, guardFactor: bigint): bigint {
  let truncated = value / guardFactor;
  const remainder = value % guardFactor;
  if (remainder !== 0n) {
    const absRem = remainder < 0n ? -remainder : remainder;
    if (absRem << 1n >= guardFactor) truncated += remainder < 0n ? -1n : 1n;
  }
  return truncated;
}

const abs = (v: bigint): bigint => (v < 0n ? -v : v);

/**
 * ln(1 + x) by its Taylor series in fixed point 2^`scaleBits`, stopping as the crate does.
 * (The crate divides by the scale with `div_floor`; the scale is a power of two, so an
 * arithmetic right shift gives the same floor.)
 */
function ln1pFixed(x: bigint, scaleBits: bigint, guardFactor: bigint, maxIters: number): bigint {
  let term = x;
  let result = term;
  let prevRounded = roundToPrecision(result, guardFactor);
  for (let n = 2; n <= maxIters; n++) {
    term = (term * x) >> scaleBits;
    if (term === 0n) break;
    const next = floorDiv(term, BigInt(n));
    if (next === 0n) break;
    if (n % 2 === 0) result -= next;
    else result += next;
    const rounded = roundToPrecision(result, guardFactor);
    if (abs(next) < guardFactor || rounded === prevRounded) break;
    prevRounded = rounded;
  }
  return result;
}

/**
 * exp(x) by its Taylor series in fixed point 2^`scaleBits`, stopping as the crate does.
 * ⌊t·x / (2^k·n)⌋ is computed as ⌊⌊t·x / 2^k⌋ / n⌋ (equal for positive divisors).
 */
function expFixed(x: bigint, scaleBits: bigint, guardFactor: bigint, maxIters: number): bigint {
  let term = 1n << scaleBits;
  let result = term;
  let prevRounded = roundToPrecision(result, guardFactor);
  for (let n = 1; n <= maxIters; n++) {
    term = floorDiv((term * x) >> scaleBits, BigInt(n));
    if (term === 0n) break;
    result += term;
    const rounded = roundToPrecision(result, guardFactor);
    if (abs(term) < guardFactor || rounded === prevRounded) break;
    prevRounded = rounded;
  }
  return result;
}

/** ln(value) with the mantissa brought into [0.5, 1.5) and k·ln 2 added back. */
function lnBigUint(
  value: bigint,
  internalPrecision: bigint,
  internalScale: bigint,
  guardFactor: bigint,
  lnTwo: bigint,
  maxIters: number,
): bigint {
  if (value === 0n) return 0n;
  const key = `${value}:${internalPrecision}:${maxIters}`;
  const hit = lnMemo.get(key);
  if (hit !== undefined) return hit;
  const v = lnBigUintUncached(value, internalPrecision, internalScale, guardFactor, lnTwo, maxIters);
  if (lnMemo.size >= LN_MEMO_SIZE) lnMemo.delete(lnMemo.keys().next().value as string);
  lnMemo.set(key, v);
  return v;
}

/** A small memo of ln(reserve): one swap evaluates the same reserve's logarithm twice. */
const LN_MEMO_SIZE = 256;
const lnMemo = new Map<string, bigint>();

function lnBigUintUncached(
  value: bigint,
  internalPrecision: bigint,
  internalScale: bigint,
  guardFactor: bigint,
  lnTwo: bigint,
  maxIters: number,
): bigint {
  let shift = BigInt(Math.max(bitLength(value) - 1, 0));
  let mantissa = (value << internalPrecision) >> shift;
  if (mantissa >= internalScale + (internalScale >> 1n)) {
    mantissa >>= 1n;
    shift += 1n;
  }
  const lnMantissa = ln1pFixed(mantissa - internalScale, internalPrecision, guardFactor, maxIters);
  return lnMantissa + lnTwo * shift;
}

const lnTwoMemo = new Map<string, bigint>();

function lnTwoAt(internalPrecision: bigint, guardFactor: bigint, maxIters: number): bigint {
  const key = `${internalPrecision}:${maxIters}`;
  let v = lnTwoMemo.get(key);
  if (v === undefined) {
    v = -ln1pFixed(-(1n << (internalPrecision - 1n)), internalPrecision, guardFactor, maxIters);
    lnTwoMemo.set(key, v);
  }
  return v;
}

/**
 * `floor((baseNumerator / baseDenominator)^(exponentNumerator / exponentDenominator) · scale)`,
 * or `undefined` where the crate returns `None` (a zero denominator, a negative base, a negative
 * scale or exponent). A zero base numerator gives 0; a zero exponent gives `scale`.
 * `maxIters` overrides the fallback path's iteration cap (crate default: min(4096, bits + 128)).
 */
export function powRatioScaled(
  baseNumerator: bigint,
  baseDenominator: bigint,
  exponentNumerator: bigint,
  exponentDenominator: bigint,
  precision: number,
  scale: bigint,
  maxIters?: number,
): bigint | undefined {
  if (baseDenominator === 0n || exponentDenominator === 0n) return undefined;
  if (baseNumerator === 0n) return 0n;
  if (scale < 0n) return undefined;
  if (baseNumerator < 0n || baseDenominator < 0n) return undefined;
  if (exponentNumerator < 0n || exponentDenominator < 0n) return undefined;

  let expNum = exponentNumerator;
  let expDen = exponentDenominator;
  if (expNum === 0n) return scale;

  const g = gcd(expNum, expDen);
  if (g > 1n) {
    expNum /= g;
    expDen /= g;
  }

  const scaleBits = bitLength(scale);

  if (expNum <= U32_MAX && expDen <= U32_MAX) {
    if (expNum <= MAX_EXACT_EXPONENT && expDen <= MAX_EXACT_EXPONENT) {
      const targetNum = baseNumerator ** expNum * scale ** expDen;
      const targetDen = baseDenominator ** expNum;
      return integerRoot(targetNum / targetDen, Number(expDen));
    }
  }

  const requestedPrecision = BigInt(Math.max(precision, 32, Math.min(scaleBits + 8, 0xffff_ffff)));
  const internalPrecision = requestedPrecision + GUARD_BITS;
  const defaultMaxIters = Math.min(DEFAULT_MAX_ITERS, Number(internalPrecision) + 128);
  const iters = Math.max(maxIters ?? defaultMaxIters, 1);

  const targetScale = 1n << requestedPrecision;
  const guardFactor = 1n << GUARD_BITS;
  const internalScale = targetScale << GUARD_BITS;

  const lnTwo = lnTwoAt(internalPrecision, guardFactor, iters);
  const lnNum = lnBigUint(baseNumerator, internalPrecision, internalScale, guardFactor, lnTwo, iters);
  const lnDen = lnBigUint(baseDenominator, internalPrecision, internalScale, guardFactor, lnTwo, iters);
  const lnScaled = floorDiv((lnNum - lnDen) * expNum, expDen);
  const expFp = expFixed(lnScaled, internalPrecision, guardFactor, iters);
  const expRequested = roundToPrecision(expFp, guardFactor);
  return floorDiv(expRequested * scale, targetScale);
}
