/**
 * subtensor `primitives/safe-math` (`FixedExt`) for fixed-point types. `safe_div`, `safe_div_or`
 * and `abs_diff` live on each FixedType (`T.safeDiv`, `T.safeDivOr`, `T.absDiff`).
 *
 * `FixedExt::checked_floor` is never reached for concrete types in Rust — the crate's inherent
 * `checked_floor` wins method resolution — so use `T.floor` (it cannot overflow for our types).
 */
import type { FixedType } from './define.ts';

const I32_MIN = -(2n ** 31n);
const I32_MAX = 2n ** 31n - 1n;

/**
 * `checked_pow(exponent)`: exponent saturated into i32, binary exponentiation with
 * `saturating_mul`; negative exponents return `1 / result`, or 0 when that division fails.
 * `None` only for 0 raised to a negative power.
 */
export function checkedPow(T: FixedType, base: bigint, exponent: number | bigint): bigint | undefined {
  let e = BigInt(exponent);
  if (e < I32_MIN) e = I32_MIN;
  if (e > I32_MAX) e = I32_MAX;
  if (e === 0n) return T.ONE;
  if (base === 0n) return e < 0n ? undefined : 0n;
  let result = T.ONE;
  let b = base;
  let n = e < 0n ? -e : e;
  while (n > 0n) {
    if ((n & 1n) === 1n) result = T.saturatingMul(result, b);
    b = T.saturatingMul(b, b);
    n >>= 1n;
  }
  return e < 0n ? T.safeDiv(T.ONE, result) : result;
}

/**
 * `checked_sqrt(epsilon)`: bisection between [0, x] (x > 1) or [x, 1] until |x/mid − mid| ≤ ε,
 * at most 129 halvings. Every division is `safe_div` (0 on failure), sums saturate.
 */
export function checkedSqrt(T: FixedType, x: bigint, epsilon: bigint): bigint | undefined {
  const zero = 0n;
  const one = T.ONE;
  const two = T.saturatingFromNum(2n);
  if (x < zero) return undefined;
  let high: bigint;
  let low: bigint;
  if (x > one) {
    high = x;
    low = zero;
  } else {
    high = one;
    low = x;
  }
  let middle = T.safeDiv(T.saturatingAdd(high, low), two);
  let check = T.safeDiv(x, middle);
  let iteration = 0;
  while (T.absDiff(check, middle) > epsilon) {
    if (check < middle) high = middle;
    else low = middle;
    middle = T.safeDiv(T.saturatingAdd(high, low), two);
    check = T.safeDiv(x, middle);
    iteration += 1;
    if (iteration > 128) break;
  }
  return middle;
}

/**
 * `checked_ln`: scale into [1, 2) by halving/doubling (checked), then the Taylor series of
 * ln(1+z) to z⁸ with f64 coefficients converted by `from_num`, plus k·ln2 (ln2 from f64).
 */
export function checkedLn(T: FixedType, x: bigint): bigint | undefined {
  if (x <= 0n) return undefined;
  const one = T.ONE;
  const two = T.fromNum(2n);
  const ln2 = T.fromNum(Math.LN2);
  let k = 0n;
  let y: bigint | undefined = x;
  while (y >= two) {
    y = T.checkedDiv(y, two);
    if (y === undefined) return undefined;
    k += 1n;
  }
  while (y < one) {
    y = T.checkedMul(y, two);
    if (y === undefined) return undefined;
    k -= 1n;
  }
  const z = T.checkedSub(y, one);
  if (z === undefined) return undefined;
  const powers: bigint[] = [z];
  for (let i = 2; i <= 8; i++) {
    const next = T.checkedMul(powers[powers.length - 1]!, z);
    if (next === undefined) return undefined;
    powers.push(next);
  }
  const coefficients = [0.5, 1.0 / 3.0, 0.25, 0.2, 1.0 / 6.0, 1.0 / 7.0, 0.125];
  let acc: bigint | undefined = z;
  for (let i = 0; i < coefficients.length; i++) {
    const term = T.checkedMul(powers[i + 1]!, T.fromNum(coefficients[i]!));
    if (term === undefined) return undefined;
    acc = i % 2 === 0 ? T.checkedSub(acc, term) : T.checkedAdd(acc, term);
    if (acc === undefined) return undefined;
  }
  // Rust `Self::from_num(exp)`: a negative k on an unsigned type wraps in a release build.
  const kLn2 = T.checkedMul(T.wrappingFromNum(k), ln2);
  if (kLn2 === undefined) return undefined;
  return T.checkedAdd(acc, kLn2);
}

/** `checked_log(base)` = ln(x) / ln(base); `None` for base ≤ 0 or base = 1. */
export function checkedLog(T: FixedType, x: bigint, base: bigint): bigint | undefined {
  if (base <= 0n || base === T.ONE) return undefined;
  const lnX = checkedLn(T, x);
  if (lnX === undefined) return undefined;
  const lnBase = checkedLn(T, base);
  if (lnBase === undefined) return undefined;
  return T.checkedDiv(lnX, lnBase);
}
