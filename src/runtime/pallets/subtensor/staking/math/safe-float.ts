/**
 * `share_pool::SafeFloat` (`primitives/share-pool/src/lib.rs`): a base-10 float with a u128
 * mantissa kept in (10^20, 10^21] and an i64 exponent — how subtensor stores stake shares
 * (`AlphaV2`, `TotalHotkeySharesV2`). Arithmetic runs in U256 like the original; every result is
 * re-normalized. Values are immutable plain objects; `undefined` is the crate's `None`.
 *
 * SCALE layout (derive `Encode`): mantissa u128 LE, then exponent i64 LE.
 */
import { U64F64 } from '../../../../../primitives/fixed/index.ts';

export interface SafeFloat {
  readonly mantissa: bigint;
  readonly exponent: bigint;
}

/** `SAFE_FLOAT_MAX`: the largest mantissa (10^21). */
export const SAFE_FLOAT_MAX = 1_000_000_000_000_000_000_000n;
export const SAFE_FLOAT_MAX_EXP = 21n;
const MIN_MANTISSA = SAFE_FLOAT_MAX / 10n;
const U256_MAX = (1n << 256n) - 1n;
const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;
const U64_MAX = (1n << 64n) - 1n;

export const SAFE_FLOAT_ZERO: SafeFloat = Object.freeze({ mantissa: 0n, exponent: 0n });

/** `cappow10`: 10^e for e ≤ 22, else 10^22 (the crate never needs more). */
function cappow10(e: bigint): bigint {
  if (e > SAFE_FLOAT_MAX_EXP + 1n) return SAFE_FLOAT_MAX * 10n;
  return 10n ** e;
}

const inI64 = (v: bigint): boolean => v >= I64_MIN && v <= I64_MAX;

/** `normalize`: scale the mantissa into (10^20, 10^21]; `undefined` if the exponent overflows. */
function normalize(mantissa: bigint, exponent: bigint): SafeFloat | undefined {
  if (mantissa === 0n) return SAFE_FLOAT_ZERO;
  let m = mantissa;
  let e = exponent;
  while (m > SAFE_FLOAT_MAX) {
    m /= 10n;
    e += 1n;
    if (e > I64_MAX) return undefined;
  }
  while (m <= MIN_MANTISSA) {
    m *= 10n;
    e -= 1n;
    if (e < I64_MIN) return undefined;
  }
  return { mantissa: m, exponent: e };
}

/** `SafeFloat::new(mantissa, exponent)`: `undefined` if mantissa > 10^21 or on exponent overflow. */
export function safeFloatNew(mantissa: bigint, exponent: bigint): SafeFloat | undefined {
  if (mantissa > SAFE_FLOAT_MAX || mantissa < 0n) return undefined;
  return normalize(mantissa, exponent);
}

/** `From<u64>`. */
export function safeFloatFromU64(value: bigint): SafeFloat {
  return safeFloatNew(value, 0n) ?? SAFE_FLOAT_ZERO;
}

export function safeFloatIsZero(a: SafeFloat): boolean {
  return a.mantissa === 0n;
}

/** `SafeFloat::div`: m₁·10^21/m₂ with exponent e₁ − e₂ − 21. */
export function safeFloatDiv(a: SafeFloat, b: SafeFloat): SafeFloat | undefined {
  const e = a.exponent - b.exponent - SAFE_FLOAT_MAX_EXP;
  if (!inI64(e)) return undefined;
  if (b.mantissa === 0n) return undefined;
  return normalize((a.mantissa * SAFE_FLOAT_MAX) / b.mantissa, e);
}

/** Align two values on the larger exponent (the smaller mantissa is divided, truncating). */
function aligned(a: SafeFloat, b: SafeFloat): [bigint, bigint, bigint] {
  if (a.exponent >= b.exponent) {
    return [a.mantissa, b.mantissa / cappow10(a.exponent - b.exponent), a.exponent];
  }
  return [a.mantissa / cappow10(b.exponent - a.exponent), b.mantissa, b.exponent];
}

/** `SafeFloat::add`. */
export function safeFloatAdd(a: SafeFloat, b: SafeFloat): SafeFloat | undefined {
  if (safeFloatIsZero(a)) return b;
  if (safeFloatIsZero(b)) return a;
  const [m1, m2, e] = aligned(a, b);
  let m = m1 + m2;
  if (m > U256_MAX) m = U256_MAX;
  return normalize(m, e);
}

/** `SafeFloat::sub` (saturating at 0; `undefined` for 0 − x with x ≠ 0). */
export function safeFloatSub(a: SafeFloat, b: SafeFloat): SafeFloat | undefined {
  if (safeFloatIsZero(a) && safeFloatIsZero(b)) return SAFE_FLOAT_ZERO;
  if (safeFloatIsZero(a)) return undefined;
  if (safeFloatIsZero(b)) return a;
  const [m1, m2, e] = aligned(a, b);
  return normalize(m1 > m2 ? m1 - m2 : 0n, e);
}

/** `SafeFloat::mul_div(a, b)`: self·a/b with the product kept exact in U256. */
export function safeFloatMulDiv(self: SafeFloat, a: SafeFloat, b: SafeFloat): SafeFloat | undefined {
  if (b.mantissa === 0n) return undefined;
  const productExp = self.exponent + a.exponent;
  if (!inI64(productExp)) return undefined;
  const e = productExp - b.exponent;
  if (!inI64(e)) return undefined;
  return normalize((self.mantissa * a.mantissa) / b.mantissa, e);
}

/** `SafeFloat::gt` (both normalized). */
export function safeFloatGt(a: SafeFloat, b: SafeFloat): boolean {
  if (a.exponent === b.exponent) return a.mantissa > b.mantissa;
  if (a.exponent > b.exponent) {
    return a.exponent - b.exponent > 1n ? true : 10n * a.mantissa > b.mantissa;
  }
  return b.exponent - a.exponent > 1n ? false : a.mantissa > 10n * b.mantissa;
}

/** `From<&SafeFloat> for u64`: floor, saturating at u64::MAX. */
export function safeFloatToU64(a: SafeFloat): bigint {
  if (a.exponent === 0n) return a.mantissa > U64_MAX ? U64_MAX : a.mantissa;
  const abs = a.exponent < 0n ? -a.exponent : a.exponent;
  const scale = cappow10(abs);
  let q: bigint;
  if (a.exponent > 0n) {
    q = a.mantissa * scale;
    if (q > U256_MAX) q = U256_MAX;
  } else {
    q = a.mantissa / scale;
  }
  return q > U64_MAX ? U64_MAX : q;
}

/** `From<U64F64> for SafeFloat` (the legacy `Alpha`/`TotalHotkeyShares` values): int + frac/2^64. */
export function safeFloatFromU64F64(bits: bigint): SafeFloat {
  if (bits === 0n) return SAFE_FLOAT_ZERO;
  const int = bits >> 64n;
  const frac = bits & U64_MAX;
  const safeInt = safeFloatNew(int, 0n) ?? SAFE_FLOAT_ZERO;
  const safeFracNum = safeFloatNew(frac, 0n) ?? SAFE_FLOAT_ZERO;
  const two64 = safeFloatNew(1n << 64n, 0n) ?? SAFE_FLOAT_ZERO;
  const safeFrac = safeFloatDiv(safeFracNum, two64) ?? SAFE_FLOAT_ZERO;
  return safeFloatAdd(safeInt, safeFrac) ?? SAFE_FLOAT_ZERO;
}

/** Legacy share value helper: U64F64 bits of an integer (`U64F64::from(n)`). */
export function u64f64FromInt(n: bigint): bigint {
  return U64F64.fromNum(n);
}

/** Test/diagnostic conversion to f64 (`From<&SafeFloat> for f64`). */
export function safeFloatToF64(a: SafeFloat): number {
  return Number(a.mantissa) * 10 ** Number(a.exponent);
}

/** SCALE encoding: u128 LE mantissa then i64 LE exponent (24 bytes). */
export function encodeSafeFloat(a: SafeFloat): Uint8Array {
  const out = new Uint8Array(24);
  let m = a.mantissa;
  for (let i = 0; i < 16; i++) {
    out[i] = Number(m & 0xffn);
    m >>= 8n;
  }
  let e = BigInt.asUintN(64, a.exponent);
  for (let i = 16; i < 24; i++) {
    out[i] = Number(e & 0xffn);
    e >>= 8n;
  }
  return out;
}

export function decodeSafeFloat(bytes: Uint8Array, offset = 0): SafeFloat {
  if (bytes.length < offset + 24) throw new RangeError('SafeFloat: need 24 bytes');
  let m = 0n;
  for (let i = 15; i >= 0; i--) m = (m << 8n) | BigInt(bytes[offset + i] ?? 0);
  let e = 0n;
  for (let i = 23; i >= 16; i--) e = (e << 8n) | BigInt(bytes[offset + i] ?? 0);
  return { mantissa: m, exponent: BigInt.asIntN(64, e) };
}
