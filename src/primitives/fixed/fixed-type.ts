/** The shape every fixed-point type object has (see define.ts for the semantics). */
import type { IntKind } from './int-kinds.ts';

export interface FixedSpec {
  readonly name: string;
  readonly intBits: number;
  readonly fracBits: number;
  readonly signed: boolean;
}

/** A source for `from_num`: a bigint is a Rust integer, a number is an f64. */
export type NumSource = bigint | number;

export interface FixedType {
  readonly name: string;
  readonly intBits: number;
  readonly fracBits: number;
  readonly totalBits: number;
  readonly byteLength: number;
  readonly signed: boolean;
  readonly MIN: bigint;
  readonly MAX: bigint;
  readonly ZERO: bigint;
  readonly ONE: bigint;
  /** Smallest positive value, raw bits 1. */
  readonly DELTA: bigint;

  isValidBits(bits: bigint): boolean;
  fromBits(bits: bigint): bigint;
  wrappingFromBits(bits: bigint): bigint;

  fromNum(src: NumSource): bigint;
  checkedFromNum(src: NumSource): bigint | undefined;
  saturatingFromNum(src: NumSource): bigint;
  wrappingFromNum(src: NumSource): bigint;
  overflowingFromNum(src: NumSource): [bigint, boolean];
  /** `from_num(x as f32)`: the f32 nearest to `src`, then converted exactly. */
  fromF32(src: number): bigint;
  saturatingFromF32(src: number): bigint;

  fromFixed(srcType: FixedType, bits: bigint): bigint;
  checkedFromFixed(srcType: FixedType, bits: bigint): bigint | undefined;
  saturatingFromFixed(srcType: FixedType, bits: bigint): bigint;
  wrappingFromFixed(srcType: FixedType, bits: bigint): bigint;
  overflowingFromFixed(srcType: FixedType, bits: bigint): [bigint, boolean];

  toInt(x: bigint, kind: IntKind): bigint;
  checkedToInt(x: bigint, kind: IntKind): bigint | undefined;
  saturatingToInt(x: bigint, kind: IntKind): bigint;
  wrappingToInt(x: bigint, kind: IntKind): bigint;
  toF64(x: bigint): number;

  add(a: bigint, b: bigint): bigint;
  sub(a: bigint, b: bigint): bigint;
  mul(a: bigint, b: bigint): bigint;
  div(a: bigint, b: bigint): bigint;
  neg(a: bigint): bigint;
  abs(a: bigint): bigint;
  checkedAdd(a: bigint, b: bigint): bigint | undefined;
  checkedSub(a: bigint, b: bigint): bigint | undefined;
  checkedMul(a: bigint, b: bigint): bigint | undefined;
  checkedDiv(a: bigint, b: bigint): bigint | undefined;
  checkedNeg(a: bigint): bigint | undefined;
  checkedAbs(a: bigint): bigint | undefined;
  saturatingAdd(a: bigint, b: bigint): bigint;
  saturatingSub(a: bigint, b: bigint): bigint;
  saturatingMul(a: bigint, b: bigint): bigint;
  saturatingDiv(a: bigint, b: bigint): bigint;
  saturatingNeg(a: bigint): bigint;
  saturatingAbs(a: bigint): bigint;
  wrappingAdd(a: bigint, b: bigint): bigint;
  wrappingSub(a: bigint, b: bigint): bigint;
  wrappingMul(a: bigint, b: bigint): bigint;
  wrappingDiv(a: bigint, b: bigint): bigint;
  wrappingNeg(a: bigint): bigint;
  wrappingAbs(a: bigint): bigint;
  /** safe-math `safe_div`: `checked_div(..).unwrap_or_default()` — 0 on ÷0 and on overflow. */
  safeDiv(a: bigint, b: bigint): bigint;
  safeDivOr(a: bigint, b: bigint, fallback: bigint): bigint;
  /** safe-math `FixedExt::abs_diff` (saturating). */
  absDiff(a: bigint, b: bigint): bigint;
  /** `Iterator::sum()`: plain `+` fold (throws on overflow like a debug build). */
  sum(values: Iterable<bigint>): bigint;

  int(x: bigint): bigint;
  frac(x: bigint): bigint;
  floor(x: bigint): bigint;
  ceil(x: bigint): bigint;
  round(x: bigint): bigint;
  roundTiesToEven(x: bigint): bigint;
  roundToZero(x: bigint): bigint;
  checkedCeil(x: bigint): bigint | undefined;
  checkedRound(x: bigint): bigint | undefined;
  checkedRoundTiesToEven(x: bigint): bigint | undefined;
  saturatingCeil(x: bigint): bigint;
  saturatingRound(x: bigint): bigint;
  saturatingRoundTiesToEven(x: bigint): bigint;
  wrappingCeil(x: bigint): bigint;
  wrappingRound(x: bigint): bigint;
  wrappingRoundTiesToEven(x: bigint): bigint;

  cmp(a: bigint, b: bigint): -1 | 0 | 1;
  min(a: bigint, b: bigint): bigint;
  max(a: bigint, b: bigint): bigint;
  isNegative(x: bigint): boolean;
  isPositive(x: bigint): boolean;

  /** SCALE: the raw bits as a little-endian two's-complement integer of `byteLength` bytes. */
  toLeBytes(x: bigint): Uint8Array;
  writeLeBytes(x: bigint, target: Uint8Array, offset: number): void;
  fromLeBytes(bytes: Uint8Array, offset?: number): bigint;
  /** Exact decimal expansion of the value (every fraction bit shown, trailing zeros trimmed). */
  toDecimalString(x: bigint): string;
}
