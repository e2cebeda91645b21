/**
 * Exact I32F32 arithmetic on raw bits held in doubles (integers below 2^53 are exact in a JS
 * number). Used by the fast epoch path (`epoch-fast.ts`) for the per-weight loops, where BigInt
 * allocation dominates. Every function states the operand range in which it is bit-identical to
 * the BigInt operation it replaces; outside it, callers fall back to the BigInt epoch
 * (`UnsafeForDoubles`). Within those ranges no I32F32 result can overflow, so the saturating,
 * wrapping and checked variants all coincide.
 */

export class UnsafeForDoubles extends Error {
  constructor(what: string) {
    super(`exact-double epoch path not applicable: ${what}`);
    this.name = 'UnsafeForDoubles';
  }
}

const TWO16 = 65536;
/** Operand bound for `mulFx`: |a|, |b| ≤ 2^34. */
export const MUL_LIMIT = 2 ** 34;
/** Dividend/divisor bound for `divFx`: below 2^52. */
export const DIV_LIMIT = 2 ** 52;

export function unsafe(what: string): never {
  throw new UnsafeForDoubles(what);
}

/**
 * ⌊a·b / 2^32⌋ (I32F32 `*`, floor) for integers |a|, |b| ≤ 2^34.
 * b = bh·2^16 + bl with bl ∈ [0, 2^16); a·bl = th·2^16 + tl with tl ∈ [0, 2^16); then
 * a·b = (a·bh + th)·2^16 + tl and ⌊a·b/2^32⌋ = ⌊(a·bh + th)/2^16⌋ — every product below 2^53.
 */
export function mulFx(a: number, b: number): number {
  if (a > MUL_LIMIT || a < -MUL_LIMIT || b > MUL_LIMIT || b < -MUL_LIMIT) unsafe('multiplication operand above 2^34');
  const bh = Math.floor(b / TWO16);
  const bl = b - bh * TWO16;
  const th = Math.floor((a * bl) / TWO16);
  return Math.floor((a * bh + th) / TWO16);
}

/** ⌊n / d⌋ for integers 0 ≤ n < 2^52, 0 < d < 2^52, with one exact correction step. */
function floorDiv(n: number, d: number): number {
  let q = Math.floor(n / d);
  const r = n - q * d;
  if (r < 0) q--;
  else if (r >= d) q++;
  return q;
}

/**
 * (a·2^32) / b truncated (I32F32 `safe_div` of non-negative operands; 0 when b = 0), for
 * integers 0 ≤ a < 2^52, 0 ≤ b < 2^52 and a quotient below 2^52 (a < b·2^20). Long division:
 * the integer part, then 32 fraction bits in chunks small enough that every partial product
 * stays below 2^53.
 */
export function divFx(a: number, b: number): number {
  if (b === 0) return 0;
  if (a < 0 || b < 0 || a >= DIV_LIMIT || b >= DIV_LIMIT) unsafe('division operand out of range');
  if (a >= b * 1048576) unsafe('division quotient above 2^52');
  if (a < 1048576 && b < 4294967296) {
    // a·2^32 < 2^52 is exact, and so is q·b: one rounded division, one exact correction
    const x = a * 4294967296;
    const q0 = Math.floor(x / b);
    const r0 = x - q0 * b;
    return r0 < 0 ? q0 - 1 : r0 >= b ? q0 + 1 : q0;
  }
  let q = Math.floor(a / b);
  let r = a - q * b;
  if (r < 0) {
    q--;
    r += b;
  } else if (r >= b) {
    q++;
    r -= b;
  }
  if (b < 68719476736) {
    // b < 2^36: two 16-bit digits, r·2^16 < 2^52
    let n = r * TWO16;
    let d = Math.floor(n / b);
    r = n - d * b;
    if (r < 0) {
      d--;
      r += b;
    } else if (r >= b) {
      d++;
      r -= b;
    }
    q = q * TWO16 + d;
    n = r * TWO16;
    d = Math.floor(n / b);
    r = n - d * b;
    if (r < 0) d--;
    else if (r >= b) d++;
    return q * TWO16 + d;
  }
  // larger divisors: digits of k bits with b·2^k < 2^52
  let k = 16;
  let scale = 65536;
  while (k > 0 && b * scale >= DIV_LIMIT) {
    k--;
    scale /= 2;
  }
  if (k === 0) unsafe('division divisor too large');
  let bits = 32;
  while (bits > 0) {
    const step = bits < k ? bits : k;
    const sc = step === k ? scale : 2 ** step;
    const n = r * sc;
    const d = floorDiv(n, b);
    r = n - d * b;
    q = q * sc + d;
    bits -= step;
  }
  return q;
}

/** ⌊x·65535 / 2^32⌋ clamped to 0..65535: `fixed_proportion_to_u16` for |x| < 2^37. */
export function proportionToU16(x: number): number {
  if (x <= 0) return 0;
  if (x >= 2 ** 37) return 65535;
  const v = Math.floor((x * 65535) / 4294967296);
  return v > 65535 ? 65535 : v;
}

/** Raw bits as a number, refusing values that would not be exact. */
export function toDouble(x: bigint): number {
  if (x > 4503599627370496n || x < -4503599627370496n) unsafe('value above 2^52');
  return Number(x);
}
