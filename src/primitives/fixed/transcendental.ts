/**
 * `substrate_fixed::transcendental` (encointer fork v0.6.0), same-type variants (S = D), which
 * is how subtensor calls them:
 *   exp  — epoch `exp_safe` (I32F32), `safe_pow` (I32F32), lock `exp_decay` (I64F64)
 *   ln   — epoch `safe_ln`, `safe_pow` (I32F32)
 *   log2 — `get_block_emission_for_issuance` (I96F32)
 *   sqrt — only subtensor tests (coinbase, consensus)
 * The crate's `Result::Err` is `undefined` here.
 *
 * Bit-level facts reproduced:
 * - constants are I9F23 (23 fraction bits, truncated): `exp(1)` returns e truncated to 2⁻²³, and
 *   `ln(x) = log2(x) / log2(e)` divides by log2(e) truncated to 2⁻²³;
 * - `exp` sums the Taylor series x^i/i! for i = 0 … fracBits−1 with checked multiply (floor) and
 *   checked divide (truncating); any overflow is an error; negative inputs use 1/exp(|x|);
 * - `log2` counts halvings with a rounding right shift `(x >> 1) + (x & lsb)` and then squares
 *   once per fraction bit (floor multiply).
 */
import type { FixedType } from './define.ts';

const I9F23_FRAC = 23;
/** e in I9F23 bits: the crate's U2F126 constant shifted right by 103. */
const E_I9F23 = 0xadf85458a2bb4a9aafdc5620273d3cf1n >> 103n;
/** log2(e) in I9F23 bits: the crate's U1F127 constant shifted right by 104. */
const LOG2_E_I9F23 = 0xb8aa3b295c17f0bbbe87fed0691d3e88n >> 104n;

/** Lossless `From<I9F23>` into T. */
function fromI9F23(T: FixedType, bits: bigint): bigint {
  return bits << BigInt(T.fracBits - I9F23_FRAC);
}

function requireSignedWithConsts(T: FixedType, fn: string): void {
  if (!T.signed || T.fracBits < I9F23_FRAC || T.intBits < 9) {
    throw new TypeError(`transcendental.${fn}: ${T.name} cannot hold the crate's I9F23 constants`);
  }
}

/** `exp::<T, T>(x)`. */
export function exp(T: FixedType, x: bigint): bigint | undefined {
  requireSignedWithConsts(T, 'exp');
  if (x === 0n) return T.ONE;
  if (x === T.ONE) return fromI9F23(T, E_I9F23);
  const negative = x < 0n;
  let operand = x;
  if (negative) {
    const flipped = T.checkedNeg(x);
    if (flipped === undefined) return undefined;
    operand = flipped;
  }
  let result = T.checkedAdd(operand, T.ONE);
  if (result === undefined) return undefined;
  let term: bigint | undefined = operand;
  for (let i = 2; i < T.fracBits; i++) {
    term = T.checkedMul(term, operand);
    if (term === undefined) return undefined;
    term = T.checkedDiv(term, T.fromNum(BigInt(i)));
    if (term === undefined) return undefined;
    result = T.checkedAdd(result, term);
    if (result === undefined) return undefined;
  }
  return negative ? T.checkedDiv(T.ONE, result) : result;
}

/** Right shift by one with rounding: `(x >> 1) + (x & lsb)`. */
function shiftRightRounded(x: bigint): bigint {
  return (x >> 1n) + (x & 1n);
}

/** log2 for x ≥ 1. */
function log2AtLeastOne(T: FixedType, operand: bigint): bigint {
  const two = T.ONE << 1n;
  let x = operand;
  let count = 0n;
  while (x >= two) {
    count += 1n;
    x = shiftRightRounded(x);
  }
  if (x === T.ONE) return T.wrappingFromNum(count);
  let result = count;
  for (let i = 0; i < T.fracBits; i++) {
    x = T.wrappingMul(x, x);
    result <<= 1n;
    if (x >= two) {
      result |= 1n;
      x = shiftRightRounded(x);
    }
  }
  return T.wrappingFromBits(result);
}

/** `log2::<T, T>(x)`; error for x ≤ 0 or when 1/x overflows. */
export function log2(T: FixedType, x: bigint): bigint | undefined {
  requireSignedWithConsts(T, 'log2');
  if (x <= 0n) return undefined;
  if (x < T.ONE) {
    const inverse = T.checkedDiv(T.ONE, x);
    if (inverse === undefined) return undefined;
    return T.wrappingNeg(log2AtLeastOne(T, inverse));
  }
  return log2AtLeastOne(T, x);
}

/** `ln::<T, T>(x)` = log2(x) / log2(e)[I9F23]. */
export function ln(T: FixedType, x: bigint): bigint | undefined {
  const l = log2(T, x);
  if (l === undefined) return undefined;
  return T.wrappingDiv(l, fromI9F23(T, LOG2_E_I9F23));
}

/** `sqrt::<T, T>(x)`: Newton iterations, `fracBits` of them; values below 1 are inverted first. */
export function sqrt(T: FixedType, x: bigint): bigint | undefined {
  if (x < 0n) return undefined;
  if (x === 0n || x === T.ONE) return x;
  let operand = x;
  const invert = operand < T.ONE;
  if (invert) {
    const inverse = T.checkedDiv(T.ONE, operand);
    if (inverse === undefined) return undefined;
    operand = inverse;
  }
  const two = T.ONE << 1n;
  let l = T.wrappingAdd(T.wrappingDiv(operand, two), T.ONE);
  for (let i = 0; i < T.fracBits; i++) {
    l = T.wrappingDiv(T.wrappingAdd(l, T.wrappingDiv(operand, l)), two);
  }
  return invert ? T.checkedDiv(T.ONE, l) : l;
}

/** The crate's I9F23 constants converted into T (for tests and callers that compare against them). */
export function transcendentalConstants(T: FixedType): { E: bigint; LOG2_E: bigint } {
  requireSignedWithConsts(T, 'constants');
  return { E: fromI9F23(T, E_I9F23), LOG2_E: fromI9F23(T, LOG2_E_I9F23) };
}
