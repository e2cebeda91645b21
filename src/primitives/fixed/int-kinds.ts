/** Rust primitive integer targets for `to_num::<T>()` and friends. */
export type IntKind = 'u8' | 'u16' | 'u32' | 'u64' | 'u128' | 'i8' | 'i16' | 'i32' | 'i64' | 'i128';

export interface IntRange {
  readonly bits: number;
  readonly signed: boolean;
  readonly min: bigint;
  readonly max: bigint;
}

function range(bits: number, signed: boolean): IntRange {
  const b = BigInt(bits);
  return signed
    ? { bits, signed, min: -(1n << (b - 1n)), max: (1n << (b - 1n)) - 1n }
    : { bits, signed, min: 0n, max: (1n << b) - 1n };
}

export const INT_RANGES: Readonly<Record<IntKind, IntRange>> = Object.freeze({
  u8: range(8, false),
  u16: range(16, false),
  u32: range(32, false),
  u64: range(64, false),
  u128: range(128, false),
  i8: range(8, true),
  i16: range(16, true),
  i32: range(32, true),
  i64: range(64, true),
  i128: range(128, true),
});

/** Reduces an integer modulo 2^bits into the kind's range (Rust `as` / wrapping semantics). */
export function wrapInt(value: bigint, kind: IntRange): bigint {
  return kind.signed ? BigInt.asIntN(kind.bits, value) : BigInt.asUintN(kind.bits, value);
}
