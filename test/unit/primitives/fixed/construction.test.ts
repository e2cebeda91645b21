import { describe, expect, it } from 'vitest';
import {
  FixedOverflowError,
  I32F32,
  I64F64,
  I96F32,
  I110F18,
  U64F64,
  U96F32,
  type FixedType,
} from '../../../../src/primitives/fixed/index.ts';

const TYPES: Array<[FixedType, bigint, bigint, bigint]> = [
  // type, MIN, MAX, ONE — from the storage integer of each alias
  [I32F32, -(2n ** 63n), 2n ** 63n - 1n, 2n ** 32n],
  [I64F64, -(2n ** 127n), 2n ** 127n - 1n, 2n ** 64n],
  [U64F64, 0n, 2n ** 128n - 1n, 2n ** 64n],
  [U96F32, 0n, 2n ** 128n - 1n, 2n ** 32n],
  [I96F32, -(2n ** 127n), 2n ** 127n - 1n, 2n ** 32n],
];

describe('layout constants', () => {
  it.each(TYPES)('%s has the storage integer range', (T, min, max, one) => {
    expect(T.MIN).toBe(min);
    expect(T.MAX).toBe(max);
    expect(T.ONE).toBe(one);
    expect(T.DELTA).toBe(1n);
    expect(T.byteLength).toBe(T.totalBits / 8);
  });
});

describe('fromNum(integer)', () => {
  it('shifts the integer into place', () => {
    expect(I32F32.fromNum(5n)).toBe(21474836480n);
    expect(I32F32.fromNum(-1n)).toBe(-4294967296n);
    expect(U96F32.fromNum(2n ** 95n)).toBe(2n ** 127n);
    expect(I64F64.fromNum(-(2n ** 63n))).toBe(I64F64.MIN);
  });

  it('detects overflow at the integer range edge (I32F32: [-2^31, 2^31))', () => {
    expect(I32F32.fromNum(2n ** 31n - 1n)).toBe((2n ** 31n - 1n) << 32n);
    expect(I32F32.fromNum(-(2n ** 31n))).toBe(I32F32.MIN);
    expect(() => I32F32.fromNum(2n ** 31n)).toThrow(FixedOverflowError);
    expect(() => I32F32.fromNum(4294967295n)).toThrow(/overflow/); // subtensor test_math_fixed_to_u16_panics
    expect(I32F32.checkedFromNum(2n ** 31n)).toBeUndefined();
    expect(I32F32.checkedFromNum(-(2n ** 31n) - 1n)).toBeUndefined();
    expect(I32F32.saturatingFromNum(2n ** 31n)).toBe(I32F32.MAX);
    expect(I32F32.saturatingFromNum(-(2n ** 40n))).toBe(I32F32.MIN);
  });

  it('wraps like a release build', () => {
    expect(I32F32.wrappingFromNum(2n ** 31n)).toBe(I32F32.MIN);
    expect(I32F32.overflowingFromNum(2n ** 31n)).toEqual([I32F32.MIN, true]);
    expect(I32F32.overflowingFromNum(7n)).toEqual([7n << 32n, false]);
    expect(U64F64.wrappingFromNum(-1n)).toBe(2n ** 128n - 2n ** 64n);
  });

  it('unsigned types reject negatives and saturate to 0', () => {
    expect(U96F32.checkedFromNum(-1n)).toBeUndefined();
    expect(U96F32.saturatingFromNum(-1n)).toBe(0n);
    expect(U64F64.fromNum(2n ** 64n - 1n)).toBe((2n ** 64n - 1n) << 64n);
    expect(U64F64.checkedFromNum(2n ** 64n)).toBeUndefined();
    expect(U64F64.saturatingFromNum(2n ** 64n)).toBe(U64F64.MAX);
    expect(U96F32.saturatingFromNum(2n ** 96n)).toBe(U96F32.MAX);
  });
});

describe('fromBits', () => {
  it('accepts only in-range bits', () => {
    expect(I32F32.fromBits(0x180000000n)).toBe(0x180000000n);
    expect(() => I32F32.fromBits(2n ** 63n)).toThrow(FixedOverflowError);
    expect(() => U64F64.fromBits(-1n)).toThrow(FixedOverflowError);
    expect(I32F32.wrappingFromBits(2n ** 63n)).toBe(I32F32.MIN);
    expect(U64F64.wrappingFromBits(-1n)).toBe(U64F64.MAX);
  });
});

describe('fromNum(f64): exact binary value, round to nearest, ties to even', () => {
  it('converts exact values exactly', () => {
    expect(I32F32.fromNum(1.5)).toBe(0x180000000n);
    expect(I32F32.fromNum(-1.5)).toBe(-0x180000000n);
    expect(U64F64.fromNum(2.5)).toBe(5n << 63n);
    expect(I32F32.fromNum(-0)).toBe(0n);
  });

  it('rounds the exact binary value of 0.1 and 0.3', () => {
    // 0.1 = 0.1000000000000000055511…; × 2^32 = 429496729.6000… → 429496730
    expect(I32F32.fromNum(0.1)).toBe(429496730n);
    expect(I32F32.fromNum(0.3)).toBe(1288490189n); // 1288490188.8…
  });

  it('f32 literals go through the f32 value first', () => {
    // f32(0.1) = 13421773 · 2^-27 → × 2^32 = 13421773 · 32 exactly
    expect(I32F32.fromF32(0.1)).toBe(429496736n);
    // f32(0.3) = 10066330 · 2^-25 → × 2^32 = 10066330 · 128
    expect(I32F32.fromF32(0.3)).toBe(1288490240n);
    expect(I32F32.saturatingFromF32(1e10)).toBe(I32F32.MAX);
  });

  it('breaks exact ties toward the even neighbour', () => {
    const u = 2 ** -32; // one I32F32 unit
    expect(I32F32.fromNum(0.5 * u)).toBe(0n);
    expect(I32F32.fromNum(1.5 * u)).toBe(2n);
    expect(I32F32.fromNum(2.5 * u)).toBe(2n);
    expect(I32F32.fromNum(3.5 * u)).toBe(4n);
    expect(I32F32.fromNum(-1.5 * u)).toBe(-2n);
    expect(I32F32.fromNum(-2.5 * u)).toBe(-2n);
    expect(I32F32.fromNum(0.5 * u + 2 ** -80)).toBe(1n);
    expect(I32F32.fromNum(1.5 * u - 2 ** -80)).toBe(1n);
    const w = 2 ** -64; // one I64F64 unit
    expect(I64F64.fromNum(0.5 * w)).toBe(0n);
    expect(I64F64.fromNum(-0.5 * w)).toBe(0n);
    expect(U64F64.fromNum(2.5 * w)).toBe(2n);
    expect(U64F64.fromNum(2.75 * w)).toBe(3n);
  });

  it('tiny values round to zero (no overflow, even for unsigned)', () => {
    expect(I32F32.fromNum(5e-324)).toBe(0n);
    expect(I64F64.fromNum(1e-300)).toBe(0n);
    expect(U64F64.fromNum(-1e-300)).toBe(0n);
    expect(U96F32.checkedFromNum(-(2 ** -34))).toBe(0n);
    // but a negative that rounds to a nonzero value does not fit an unsigned type
    expect(U96F32.checkedFromNum(-(2 ** -31))).toBeUndefined();
    expect(U96F32.saturatingFromNum(-0.75)).toBe(0n);
  });

  it('huge and non-finite values', () => {
    expect(I32F32.checkedFromNum(1e300)).toBeUndefined();
    expect(I32F32.saturatingFromNum(1e300)).toBe(I32F32.MAX);
    expect(I32F32.saturatingFromNum(-1e300)).toBe(I32F32.MIN);
    expect(I32F32.saturatingFromNum(Infinity)).toBe(I32F32.MAX);
    expect(I32F32.saturatingFromNum(-Infinity)).toBe(I32F32.MIN);
    expect(U64F64.saturatingFromNum(-Infinity)).toBe(0n);
    expect(I32F32.checkedFromNum(Infinity)).toBeUndefined();
    expect(I32F32.checkedFromNum(NaN)).toBeUndefined();
    expect(() => I32F32.saturatingFromNum(NaN)).toThrow(RangeError);
    expect(() => I32F32.fromNum(Infinity)).toThrow(FixedOverflowError);
    expect(() => I32F32.fromNum(2 ** 31)).toThrow(FixedOverflowError);
    expect(I32F32.fromNum(2147483647.5)).toBe(2n ** 63n - 2n ** 31n);
    expect(I32F32.fromNum(-(2 ** 31))).toBe(I32F32.MIN);
    // 2^31 − 2^-33 is not an f64; the nearest double below 2^31 is 2^31 − 2^-22
    expect(I32F32.fromNum(2 ** 31 - 2 ** -22)).toBe(2n ** 63n - 2n ** 10n);
    expect(U64F64.checkedFromNum(2 ** 64)).toBeUndefined();
    // the double nearest 1e28 is 9999999999999999583119736832, and that exact value is converted
    expect(I96F32.fromNum(1e28)).toBe(9999999999999999583119736832n << 32n);
  });

  it('subtensor test_math_u64_normalization (I64F64 quotients equal their f64 literals)', () => {
    const max = I64F64.fromNum(21_000_000_000_000_000n);
    const minFrac = I64F64.div(I64F64.fromNum(1n), max);
    expect(minFrac).toBe(878n); // ⌊2^64 / 21e15⌋
    expect(minFrac).toBe(I64F64.fromNum(0.0000000000000000476));
    expect(I32F32.fromFixed(I64F64, minFrac)).toBe(I32F32.fromNum(0n));
    const min32Frac = I64F64.div(I64F64.fromNum(4_889_444n), max);
    expect(min32Frac).toBe(4294967720n);
    expect(min32Frac).toBe(I64F64.fromNum(0.00000000023283066664));
    expect(I32F32.fromFixed(I64F64, min32Frac)).toBe(1n);
    expect(I32F32.fromFixed(I64F64, min32Frac)).toBe(I32F32.fromNum(0.0000000002));
    const half = I64F64.div(I64F64.fromNum(10_500_000_000_000_000n), max);
    expect(half).toBe(I64F64.fromNum(0.5));
    expect(I32F32.fromFixed(I64F64, half)).toBe(I32F32.fromNum(0.5));
    expect(I64F64.div(max, max)).toBe(I64F64.ONE);
  });
});

describe('fixed → fixed (from_num of another fixed type): floor, then range', () => {
  it('widening is exact', () => {
    expect(I64F64.fromFixed(I32F32, -3n)).toBe(-3n << 32n);
    expect(U96F32.fromFixed(U64F64, 5n << 64n)).toBe(5n << 32n);
  });

  it('dropping fraction bits floors, also for negatives', () => {
    expect(I32F32.fromFixed(I64F64, 1n)).toBe(0n);
    expect(I32F32.fromFixed(I64F64, -1n)).toBe(-1n); // −2^-64 floors to −2^-32
    expect(I32F32.fromFixed(I64F64, (3n << 32n) - 1n)).toBe(2n);
    expect(I32F32.fromFixed(I64F64, -((3n << 32n) - 1n))).toBe(-3n);
    expect(I110F18.fromFixed(I32F32, I32F32.MAX)).toBe(2n ** 49n - 1n);
  });

  it('bonds moving average: 1 − I32F32(I64F64(900000)/I64F64(1e6)) = from_num(0.1) (test_math_fixed_overflow)', () => {
    const bma = I64F64.div(I64F64.fromNum(900_000n), I64F64.fromNum(1_000_000n));
    expect(bma).toBe(16602069666338596454n);
    const alpha = I32F32.sub(I32F32.fromNum(1n), I32F32.fromFixed(I64F64, bma));
    expect(alpha).toBe(429496730n);
    expect(alpha).toBe(I32F32.fromNum(0.1));
    const maxQ = I64F64.div(I64F64.fromFixed(I32F32, I32F32.MAX), I64F64.fromFixed(I32F32, I32F32.MAX));
    expect(I32F32.sub(I32F32.ONE, I32F32.fromFixed(I64F64, maxQ))).toBe(0n);
  });

  it('saturates and detects overflow (test_math_fixed64_to_fixed32_saturates et al.)', () => {
    expect(I32F32.saturatingFromFixed(I64F64, I64F64.fromNum(4294967295n))).toBe(I32F32.MAX);
    expect(I32F32.saturatingFromFixed(I64F64, I64F64.fromNum(2n ** 63n - 1n))).toBe(I32F32.MAX);
    expect(I32F32.saturatingFromFixed(I64F64, I64F64.fromNum(-(2n ** 31n)))).toBe(I32F32.fromNum(-(2n ** 31n)));
    expect(I32F32.saturatingFromFixed(I64F64, I64F64.fromNum(2n ** 31n - 1n))).toBe(I32F32.fromNum(2n ** 31n - 1n));
    expect(I32F32.saturatingFromFixed(I64F64, I64F64.MIN)).toBe(I32F32.MIN);
    expect(U96F32.saturatingFromFixed(I96F32, -1n)).toBe(0n);
    expect(U64F64.checkedFromFixed(I64F64, -1n)).toBeUndefined();
    expect(() => I32F32.fromFixed(I64F64, I64F64.fromNum(2n ** 31n))).toThrow(FixedOverflowError);
    expect(I32F32.overflowingFromFixed(I64F64, I64F64.fromNum(2n ** 31n))).toEqual([I32F32.MIN, true]);
    expect(I32F32.wrappingFromFixed(I64F64, I64F64.fromNum(2n ** 32n + 5n))).toBe(5n << 32n);
  });
});

describe('to_num::<int>: floor (not truncation), then the integer range', () => {
  it('floors toward −∞', () => {
    expect(I32F32.toInt(I32F32.fromNum(1.5), 'i64')).toBe(1n);
    expect(I32F32.toInt(I32F32.fromNum(-1.5), 'i64')).toBe(-2n);
    expect(I32F32.toInt(-1n, 'i32')).toBe(-1n);
    expect(I64F64.toInt(I64F64.fromNum(-0.25), 'i128')).toBe(-1n);
    expect(U96F32.toInt(U96F32.fromNum(7.99), 'u64')).toBe(7n);
  });

  it('saturating_to_num clamps to the integer range', () => {
    expect(I32F32.saturatingToInt(I32F32.fromNum(-1n), 'u64')).toBe(0n); // test_math_fixed_to_u64_saturates
    expect(I64F64.saturatingToInt(I64F64.fromNum(-1n), 'u64')).toBe(0n);
    expect(I32F32.saturatingToInt(I32F32.MAX, 'u16')).toBe(65535n);
    expect(I32F32.saturatingToInt(I32F32.MAX, 'u64')).toBe(2n ** 31n - 1n);
    expect(I32F32.saturatingToInt(I32F32.fromNum(-0.5), 'u16')).toBe(0n);
    expect(I64F64.saturatingToInt(I64F64.fromNum(2n ** 63n - 1n), 'u64')).toBe(2n ** 63n - 1n);
    expect(U96F32.saturatingToInt(U96F32.MAX, 'u64')).toBe(2n ** 64n - 1n);
    expect(U96F32.saturatingToInt(U96F32.MAX, 'u128')).toBe(2n ** 96n - 1n);
  });

  it('plain to_num panics on overflow; checked returns undefined; wrapping wraps', () => {
    expect(I32F32.toInt(I32F32.fromNum(65535n), 'u16')).toBe(65535n);
    expect(() => I32F32.toInt(I32F32.fromNum(65536n), 'u16')).toThrow(FixedOverflowError);
    expect(() => I32F32.toInt(I32F32.fromNum(-1n), 'u16')).toThrow(FixedOverflowError);
    expect(I32F32.checkedToInt(I32F32.fromNum(-1n), 'u64')).toBeUndefined();
    expect(I32F32.wrappingToInt(I32F32.fromNum(65537n), 'u16')).toBe(1n);
    expect(I32F32.wrappingToInt(I32F32.fromNum(-1n), 'u8')).toBe(255n);
    // test_math_to_num
    expect(I96F32.toInt(I96F32.fromNum(2n ** 64n - 1n), 'u64')).toBe(2n ** 64n - 1n);
  });
});

describe('to_num::<f64>: round to nearest, ties to even', () => {
  it('exact values', () => {
    expect(I32F32.toF64(0x180000000n)).toBe(1.5);
    expect(I32F32.toF64(I32F32.MIN)).toBe(-(2 ** 31));
    expect(I32F32.toF64(1n)).toBe(2 ** -32);
    expect(I64F64.toF64(-1n)).toBe(-(2 ** -64));
  });

  it('rounds 54+ significant bits with ties to even', () => {
    const w = 2 ** -64;
    expect(I64F64.toF64(2n ** 53n + 1n)).toBe(2 ** 53 * w); // tie → even (down)
    expect(I64F64.toF64(2n ** 53n + 3n)).toBe((2 ** 53 + 4) * w); // tie → even (up)
    expect(I64F64.toF64(-(2n ** 53n + 1n))).toBe(-(2 ** 53) * w);
    expect(I64F64.toF64(2n ** 54n + 3n)).toBe((2 ** 54 + 4) * w); // above the tie → up
    expect(U64F64.toF64(U64F64.MAX)).toBe(2 ** 64);
    expect(I32F32.toF64(I32F32.MAX)).toBe(2 ** 31);
  });
});
