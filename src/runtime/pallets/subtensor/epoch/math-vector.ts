/**
 * Scalar conversions and vector helpers of subtensor `pallets/subtensor/src/epoch/math.rs`
 * (I32F32 unless named otherwise; values are raw bits). Where subtensor uses a plain Rust
 * operator (`+` in `Iterator::sum`, `.round()`), the release build wraps on overflow, so the
 * `wrapping*` variants are used; `saturating_*`, `safe_div` and `checked_*` map one to one.
 */
import { I32F32, I64F64 } from '../../../../primitives/fixed/index.ts';

/** `I32F32::saturating_from_num(u16::MAX)`. */
export const U16_MAX_FIXED = 65535n << 32n;
const U16_MAX = 65535n;
const THRESHOLD_32768 = 32768n << 32n;

const satMul = I32F32.saturatingMul;
const safeDiv = I32F32.safeDiv;
const wrapAdd = I32F32.wrappingAdd;

// ---- scalar conversions ---------------------------------------------------------------------

/** `fixed(val: f32)`: the f32 nearest to `val`, then `saturating_from_num`. */
export function fixed(val: number): bigint {
  return I32F32.saturatingFromF32(val);
}

/** `fixed_to_u16`: floor, saturating to 0..65535. */
export function fixedToU16(x: bigint): number {
  return Number(I32F32.saturatingToInt(x, 'u16'));
}

/** `fixed_to_u64`: floor, saturating to 0..u64::MAX. */
export function fixedToU64(x: bigint): bigint {
  return I32F32.saturatingToInt(x, 'u64');
}

/** `fixed64_to_u64` (I64F64 → u64, floor, saturating). */
export function fixed64ToU64(x: bigint): bigint {
  return I64F64.saturatingToInt(x, 'u64');
}

/** `fixed64_to_fixed32`: dropped fraction bits floored, saturating. */
export function fixed64ToFixed32(x: bigint): bigint {
  return I32F32.saturatingFromFixed(I64F64, x);
}

/** `fixed32_to_fixed64` (exact). */
export function fixed32ToFixed64(x: bigint): bigint {
  return I64F64.saturatingFromFixed(I32F32, x);
}

/** `u16_to_fixed`: the integer itself as I32F32 (65535 → 65535.0). */
export function u16ToFixed(x: number): bigint {
  return BigInt(x) << 32n;
}

/** `u16_proportion_to_fixed`: x / 65535 (I32F32 division, truncated). */
export function u16ProportionToFixed(x: number): bigint {
  return safeDiv(BigInt(x) << 32n, U16_MAX_FIXED);
}

/** `fixed_to_fixed_u16_proportion`: x / 65535. */
export function fixedToFixedU16Proportion(x: bigint): bigint {
  return safeDiv(x, U16_MAX_FIXED);
}

/** `fixed_proportion_to_u16`: floor(x · 65535), saturating to 0..65535. */
export function fixedProportionToU16(x: bigint): number {
  const v = satMul(x, U16_MAX_FIXED) >> 32n;
  return v <= 0n ? 0 : v >= U16_MAX ? 65535 : Number(v);
}

export function vecFixedProportionsToU16(vec: readonly bigint[]): number[] {
  const out = new Array<number>(vec.length);
  for (let i = 0; i < vec.length; i++) out[i] = fixedProportionToU16(vec[i]!);
  return out;
}

export function vecFixed64ToFixed32(vec: readonly bigint[]): bigint[] {
  return vec.map(fixed64ToFixed32);
}

export function vecFixed32ToFixed64(vec: readonly bigint[]): bigint[] {
  return vec.map(fixed32ToFixed64);
}

export function vecFixed32ToU64(vec: readonly bigint[]): bigint[] {
  return vec.map(fixedToU64);
}

export function vecFixed64ToU64(vec: readonly bigint[]): bigint[] {
  return vec.map(fixed64ToU64);
}

function toU16(x: bigint): number {
  return Number(I32F32.saturatingToInt(x, 'u16'));
}

/**
 * `vec_max_upscale_to_u16`: scale so the largest entry becomes 65535, rounding half away from
 * zero. A zero maximum keeps `x·65535`; a maximum above 32768 divides 65535 by it first.
 */
export function vecMaxUpscaleToU16(vec: readonly bigint[]): number[] {
  if (vec.length === 0) return [];
  let max = vec[0]!;
  for (let i = 1; i < vec.length; i++) if (vec[i]! > max) max = vec[i]!;
  if (max === 0n) return vec.map((e) => toU16(satMul(e, U16_MAX_FIXED)));
  if (max > THRESHOLD_32768) {
    const ratio = safeDiv(U16_MAX_FIXED, max);
    return vec.map((e) => toU16(I32F32.wrappingRound(satMul(e, ratio))));
  }
  return vec.map((e) => toU16(I32F32.wrappingRound(safeDiv(satMul(e, U16_MAX_FIXED), max))));
}

/** `vec_u16_max_upscale_to_u16`: what `set_weights` stores. */
export function vecU16MaxUpscaleToU16(vec: readonly number[]): number[] {
  return vecMaxUpscaleToU16(vec.map(u16ToFixed));
}

/** `check_vec_max_limited`: after normalization, no entry exceeds `maxLimit`/65535. */
export function checkVecMaxLimited(vec: readonly number[], maxLimit: number): boolean {
  const limit = u16ProportionToFixed(maxLimit);
  const v = vec.map(u16ToFixed);
  inplaceNormalize(v);
  if (v.length === 0) return true;
  let max = v[0]!;
  for (const x of v) if (x > max) max = x;
  return max <= limit;
}

// ---- sums -------------------------------------------------------------------------------------

/** `sum` / `Iterator::sum()` of I32F32 (plain `+`, wraps like the release build). */
export function sum(x: readonly bigint[]): bigint {
  let acc = 0n;
  for (let i = 0; i < x.length; i++) acc = wrapAdd(acc, x[i]!);
  return acc;
}

/** `Iterator::sum()` of I64F64 values. */
export function sum64(x: readonly bigint[]): bigint {
  let acc = 0n;
  for (let i = 0; i < x.length; i++) acc = I64F64.wrappingAdd(acc, x[i]!);
  return acc;
}

/** `checked_sum`: `undefined` on overflow, 0 for an empty vector. */
export function checkedSum(x: readonly bigint[]): bigint | undefined {
  if (x.length === 0) return 0n;
  let acc = x[0]!;
  for (let i = 1; i < x.length; i++) {
    const v = I32F32.checkedAdd(acc, x[i]!);
    if (v === undefined) return undefined;
    acc = v;
  }
  return acc;
}

/** `is_zero`: the (wrapping) sum is zero. */
export function isZero(vector: readonly bigint[]): boolean {
  return sum(vector) === 0n;
}

// ---- top-k --------------------------------------------------------------------------------------

function ascendingStableOrder(vector: readonly bigint[]): number[] {
  const idxs = vector.map((_, i) => i);
  // Array.prototype.sort is stable: equal values keep their index order, like `sort_by_key`.
  idxs.sort((a, b) => (vector[a]! < vector[b]! ? -1 : vector[a]! > vector[b]! ? 1 : 0));
  return idxs;
}

/** `is_topk`: true for the k largest (ties: the higher index wins). */
export function isTopk(vector: readonly bigint[], k: number): boolean[] {
  const n = vector.length;
  const result = new Array<boolean>(n).fill(true);
  if (n < k) return result;
  const idxs = ascendingStableOrder(vector);
  for (let t = 0; t < n - k; t++) result[idxs[t]!] = false;
  return result;
}

/** `is_topk_nonzero`: as `is_topk`, and zero entries are never in. */
export function isTopkNonzero(vector: readonly bigint[], k: number): boolean[] {
  const n = vector.length;
  const result = vector.map((v) => v !== 0n);
  if (n < k) return result;
  const idxs = ascendingStableOrder(vector);
  for (let t = 0; t < n - k; t++) result[idxs[t]!] = false;
  return result;
}

// ---- normalization ------------------------------------------------------------------------------

/** `normalize`: a copy divided by its sum (unchanged copy when the sum is 0). */
export function normalize(x: readonly bigint[]): bigint[] {
  const s = sum(x);
  if (s === 0n) return x.slice();
  return x.map((v) => safeDiv(v, s));
}

/** `inplace_normalize`. */
export function inplaceNormalize(x: bigint[]): void {
  const s = sum(x);
  if (s === 0n) return;
  for (let i = 0; i < x.length; i++) x[i] = safeDiv(x[i]!, s);
}

/** `inplace_normalize_using_sum`. */
export function inplaceNormalizeUsingSum(x: bigint[], xSum: bigint): void {
  if (xSum === 0n) return;
  for (let i = 0; i < x.length; i++) x[i] = safeDiv(x[i]!, xSum);
}

/** `inplace_normalize_64` (I64F64). */
export function inplaceNormalize64(x: bigint[]): void {
  const s = sum64(x);
  if (s === 0n) return;
  for (let i = 0; i < x.length; i++) x[i] = I64F64.safeDiv(x[i]!, s);
}

/** `vecdiv`: x_i / y_i, 0 where y_i is 0 or missing. */
export function vecdiv(x: readonly bigint[], y: readonly bigint[]): bigint[] {
  return x.map((xi, i) => safeDiv(xi, y[i] ?? 0n));
}

/** `vec_mul`: element-wise `checked_mul`, 0 on overflow; length of the shorter input. */
export function vecMul(a: readonly bigint[], b: readonly bigint[]): bigint[] {
  const len = Math.min(a.length, b.length);
  const out = new Array<bigint>(len);
  for (let i = 0; i < len; i++) out[i] = I32F32.checkedMul(a[i]!, b[i]!) ?? 0n;
  return out;
}

/**
 * `inplace_mask_vector`: zero entries whose mask is true. An empty mask does nothing; entries
 * beyond a shorter mask count as masked.
 */
export function inplaceMaskVector(mask: readonly boolean[], vector: bigint[]): void {
  if (mask.length === 0) return;
  for (let i = 0; i < vector.length; i++) if (i >= mask.length || mask[i]) vector[i] = 0n;
}

/** `clamp_value`: min with `high`, then max with `low`. */
export function clampValue(value: bigint, low: bigint, high: bigint): bigint {
  const v = value < high ? value : high;
  return v > low ? v : low;
}

