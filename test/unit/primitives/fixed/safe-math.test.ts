import { describe, expect, it } from 'vitest';
import {
  I32F32,
  I64F64,
  U110F18,
  U64F64,
  checkedLn,
  checkedLog,
  checkedPow,
  checkedSqrt,
} from '../../../../src/primitives/fixed/index.ts';

// Ports of subtensor primitives/safe-math/src/lib.rs tests plus hand-derived edge cases.

describe('checkedSqrt (bisection with epsilon)', () => {
  const eps = U110F18.fromNum(0.0001);
  const within = (x: bigint | undefined, target: bigint, e: bigint): void => {
    expect(x).toBeDefined();
    expect(U110F18.absDiff(x!, target)).toBeLessThanOrEqual(e);
  };

  it('test_checked_sqrt_positive_values / large / 21m tao / zero / precision', () => {
    within(checkedSqrt(U110F18, U110F18.fromNum(4.0), eps), U110F18.fromNum(2.0), eps);
    within(checkedSqrt(U110F18, U110F18.fromNum(1_000_000_000_000_000_000.0), eps), U110F18.fromNum(1e9), eps);
    const bigF64 = 441_000_000_000_000_000_000_000_000_000_000.0; // 4.41e32, sqrt = 2.1e16
    const big = U110F18.fromNum(bigF64);
    within(checkedSqrt(U110F18, big, U110F18.fromNum(1000n)), U110F18.fromNum(Math.sqrt(bigF64)), U110F18.fromNum(1000n));
    within(checkedSqrt(U110F18, 0n, eps), 0n, eps);
    within(checkedSqrt(U110F18, U110F18.fromNum(2.0), eps), U110F18.fromNum(Math.SQRT2), eps);
  });

  it('test_checked_sqrt_max_iterations: epsilon below resolution still terminates', () => {
    expect(U110F18.fromNum(1e-30)).toBe(0n);
    expect(checkedSqrt(U110F18, U110F18.fromNum(2.0), U110F18.fromNum(1e-30))).toBeDefined();
  });

  it('values below one bisect in [x, 1]; negatives are None', () => {
    const r = checkedSqrt(U64F64, U64F64.fromNum(0.25), U64F64.fromNum(0.000001));
    expect(Math.abs(U64F64.toF64(r!) - 0.5)).toBeLessThan(1e-6);
    expect(checkedSqrt(I32F32, I32F32.fromNum(-1n), I32F32.fromNum(0.001))).toBeUndefined();
    // subnet_emissions inplace_pow_normalize: U64F64 with epsilon 1/1000
    const e = U64F64.safeDiv(U64F64.fromNum(1n), U64F64.fromNum(1000n));
    expect(Math.abs(U64F64.toF64(checkedSqrt(U64F64, U64F64.fromNum(2n), e)!) - Math.SQRT2)).toBeLessThan(1e-3);
  });
});

describe('checkedPow (binary exponentiation with saturating_mul)', () => {
  it('test_checked_pow_fixed', () => {
    expect(checkedPow(U64F64, U64F64.fromNum(2.5), 3)).toBe(U64F64.fromNum(15.625));
    const r = checkedPow(I32F32, I32F32.fromNum(1.5), -2n)!;
    expect(I32F32.abs(I32F32.sub(r, I32F32.fromNum(0.44444444)))).toBeLessThanOrEqual(I32F32.fromNum(0.00001));
    expect(checkedPow(I32F32, 0n, -1)).toBeUndefined();
  });

  it('edges: x^0 = 1, 0^n = 0, saturation, 1/0 → 0', () => {
    expect(checkedPow(I32F32, 0n, 0)).toBe(I32F32.ONE);
    expect(checkedPow(I32F32, I32F32.fromNum(-2n), 3)).toBe(I32F32.fromNum(-8n));
    expect(checkedPow(I32F32, I32F32.fromNum(2n), 31)).toBe(I32F32.MAX); // 2^31 saturates
    expect(checkedPow(I32F32, I32F32.fromNum(2n), 30)).toBe(I32F32.fromNum(2n ** 30n));
    expect(checkedPow(I32F32, I32F32.fromNum(2n), -2)).toBe(I32F32.fromNum(0.25));
    // 1 / MAX = 0 raw (quotient 2^64/(2^63−1) truncates to 2 units) — not an error
    expect(checkedPow(I32F32, I32F32.fromNum(2n), -31)).toBe(2n);
    // exponent is saturated into i32: huge exponents behave like i32::MAX
    expect(checkedPow(U64F64, U64F64.ONE, 10n ** 20n)).toBe(U64F64.ONE);
  });
});

describe('checkedLn / checkedLog (Taylor series on [1, 2) plus k·ln2)', () => {
  it('test_checked_ln', () => {
    const l = checkedLn(I64F64, I64F64.fromNum(10.0))!;
    expect(I64F64.absDiff(l, I64F64.fromNum(Math.LN10))).toBeLessThan(I64F64.fromNum(0.00001));
    expect(checkedLn(I64F64, I64F64.fromNum(-5.0))).toBeUndefined();
    expect(checkedLn(I64F64, 0n)).toBeUndefined();
  });

  it('test_checked_log', () => {
    const x = I64F64.fromNum(10.0);
    const l = checkedLog(I64F64, x, I64F64.fromNum(10.0))!;
    expect(I64F64.absDiff(l, I64F64.ONE)).toBeLessThan(I64F64.fromNum(0.00001));
    expect(checkedLog(I64F64, x, I64F64.fromNum(-2.0))).toBeUndefined();
    expect(checkedLog(I64F64, x, I64F64.ONE)).toBeUndefined();
  });

  it('exact at powers of two: ln(2^k) = k · from_num(LN_2)', () => {
    expect(checkedLn(I32F32, I32F32.ONE)).toBe(0n);
    expect(checkedLn(I32F32, I32F32.fromNum(8n))).toBe(I32F32.mul(I32F32.fromNum(3n), I32F32.fromNum(Math.LN2)));
    expect(checkedLn(I32F32, I32F32.fromNum(0.25))).toBe(I32F32.mul(I32F32.fromNum(-2n), I32F32.fromNum(Math.LN2)));
  });
});
