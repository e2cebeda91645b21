import { describe, expect, it } from 'vitest';
import {
  I32F32,
  I64F64,
  I9F23,
  I96F32,
  U64F64,
  expSafe,
  safeLn,
  sigmoidSafe,
  transcendental,
  type FixedType,
} from '../../../../src/primitives/fixed/index.ts';

const { exp, ln, log2, sqrt } = transcendental;
const near = (T: FixedType, x: bigint | undefined, target: number, eps: number): void => {
  expect(x).toBeDefined();
  expect(Math.abs(T.toF64(x!) - target)).toBeLessThanOrEqual(eps);
};

describe('exp (Taylor series, I9F23 constant for e)', () => {
  it('exp(0) = 1 and exp(1) = e truncated to 23 fraction bits', () => {
    expect(exp(I32F32, 0n)).toBe(I32F32.ONE);
    // crate consts::E (U2F126) >> 103 = 22802600 = 2.71828174591… · 2^23
    expect(exp(I32F32, I32F32.ONE)).toBe(22802600n << 9n);
    expect(exp(I64F64, I64F64.ONE)).toBe(22802600n << 41n);
  });

  it('approximates e^x (crate exp_works)', () => {
    near(I32F32, exp(I32F32, I32F32.fromNum(5n)), 148.413159, 1e-1);
    near(I32F32, exp(I32F32, I32F32.fromNum(-1n)), Math.exp(-1), 1e-8);
    near(I64F64, exp(I64F64, I64F64.fromNum(-23n)), 102.619e-12, 1e-12);
    near(I64F64, exp(I64F64, I64F64.fromNum(-40n)), Math.exp(-40), 1e-17);
  });

  it('errors when an intermediate term overflows', () => {
    // 23^22/22! · 23 ≈ 1.9e10 does not fit I32F32 before the division by 23
    expect(exp(I32F32, I32F32.fromNum(-23n))).toBeUndefined();
    expect(exp(I32F32, I32F32.fromNum(23n))).toBeUndefined();
    expect(exp(I32F32, I32F32.MIN)).toBeUndefined();
    expect(exp(I32F32, I32F32.fromNum(20n))).toBeDefined();
  });
});

describe('epoch exp_safe / sigmoid_safe (subtensor tests/math.rs, exact equality)', () => {
  it('test_math_exp_safe', () => {
    const one = I32F32.ONE;
    expect(expSafe(0n)).toBe(exp(I32F32, 0n));
    expect(expSafe(one)).toBe(exp(I32F32, one));
    const lo = exp(I32F32, I32F32.fromNum(-20n));
    const hi = exp(I32F32, I32F32.fromNum(20n));
    expect(expSafe(I32F32.fromNum(-20n))).toBe(lo);
    expect(expSafe(I32F32.fromNum(-21n))).toBe(lo);
    expect(expSafe(I32F32.MIN)).toBe(lo);
    expect(expSafe(I32F32.fromNum(20n))).toBe(hi);
    expect(expSafe(I32F32.fromNum(21n))).toBe(hi);
    expect(expSafe(I32F32.MAX)).toBe(hi);
  });

  const trust = [I32F32.MIN, 0n, I32F32.fromNum(0.4), I32F32.fromNum(0.5), I32F32.fromNum(0.6), I32F32.ONE, I32F32.MAX];

  it('test_math_sigmoid_safe with extreme rho/kappa', () => {
    const tiny = I32F32.fromF32(0.0000000019);
    expect(tiny).toBe(8n);
    expect(trust.map((t) => sigmoidSafe(t, I32F32.MAX, I32F32.MAX))).toEqual([tiny, tiny, tiny, tiny, tiny, tiny, I32F32.fromF32(0.5)]);
    expect(trust.map((t) => sigmoidSafe(t, I32F32.MIN, I32F32.MIN))).toEqual([I32F32.fromF32(0.5), tiny, tiny, tiny, tiny, tiny, tiny]);
  });

  it('test_math_sigmoid_safe with rho = 30, kappa = 0.5 (f64 targets)', () => {
    const target = [0.0000000019, 0.0000003057, 0.0474258729, 0.5, 0.952574127, 0.9999996943, 0.9999999981];
    const got = trust.map((t) => sigmoidSafe(t, I32F32.fromNum(30n), I32F32.fromNum(0.5)));
    expect(got).toEqual(target.map((c) => I32F32.fromNum(c)));
  });

  it('test_math_sigmoid_safe with rho = 40, kappa = 0.5 (f32 inputs)', () => {
    const inputs = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1].map((x) => I32F32.fromF32(x));
    const target = [
      0.0000000019, 0.0000001125, 0.0000061442, 0.0003353502, 0.017986214, 0.5, 0.9820138067, 0.9996646498,
      0.9999938558, 0.9999998875, 0.9999999981,
    ];
    const got = inputs.map((t) => sigmoidSafe(t, I32F32.fromNum(40n), I32F32.fromNum(0.5)));
    expect(got).toEqual(target.map((c) => I32F32.fromNum(c)));
  });
});

describe('log2 / ln', () => {
  it('exact powers of two', () => {
    expect(log2(I32F32, I32F32.ONE)).toBe(0n);
    expect(log2(I32F32, I32F32.fromNum(2n))).toBe(I32F32.ONE);
    expect(log2(I32F32, I32F32.fromNum(1024n))).toBe(I32F32.fromNum(10n));
    expect(log2(I32F32, I32F32.fromNum(0.5))).toBe(-I32F32.ONE);
    expect(log2(I96F32, I96F32.fromNum(2n ** 90n))).toBe(I96F32.fromNum(90n));
  });

  it('halving uses a rounding shift (x >> 1) + (x & lsb): log2(4 − δ) is exactly 2', () => {
    // raw 4·2^32 − 1 is odd: (2·2^32 − 1) + 1 = 2.0, then 1.0 → the integer path returns 2
    expect(log2(I32F32, 4n * I32F32.ONE - 1n)).toBe(2n * I32F32.ONE);
    expect(log2(I32F32, 8n * I32F32.ONE - 1n)).toBe(3n * I32F32.ONE);
    expect(log2(I96F32, 4n * I96F32.ONE - 1n)).toBe(2n * I96F32.ONE);
    // below 2 no halving happens; squaring keeps the result under 1
    const below2 = log2(I32F32, 2n * I32F32.ONE - 1n)!;
    expect(below2).toBeLessThan(I32F32.ONE);
    expect(below2).toBeGreaterThan(I32F32.ONE - 2n ** 8n);
  });

  it('errors for x ≤ 0', () => {
    expect(log2(I32F32, 0n)).toBeUndefined();
    expect(log2(I32F32, -I32F32.ONE)).toBeUndefined();
    expect(ln(I32F32, 0n)).toBeUndefined();
    expect(safeLn(0n)).toBe(0n);
    expect(safeLn(-5n)).toBe(0n);
  });

  it('approximations (crate log2_works / ln_works, inputs via I9F23)', () => {
    const viaI9F23 = (x: number): bigint => I32F32.fromFixed(I9F23, I9F23.fromNum(x));
    near(I32F32, log2(I32F32, viaI9F23(3.33333)), 1.73696, 1e-5);
    near(I32F32, log2(I32F32, viaI9F23(0.11111)), -3.16994, 1e-2);
    near(I32F32, ln(I32F32, I32F32.fromNum(10n)), 2.30259, 1e-4);
    near(I32F32, ln(I32F32, viaI9F23(0.00001)), -11.5129, 1e-1);
    near(I32F32, log2(I32F32, I32F32.fromNum(3n)), Math.log2(3), 1e-9);
  });

  it('ln divides by log2(e) truncated to 23 fraction bits', () => {
    // log2(2) = 1 exactly, then 1 / (12102203 · 2^-23) = 2^64 / (12102203 · 2^9) truncated
    expect(ln(I32F32, I32F32.fromNum(2n))).toBe(2977044511n);
    expect(safeLn(I32F32.fromNum(2n))).toBe(2977044511n);
    expect(ln(I64F64, I64F64.fromNum(2n))).toBe(12786308815896786259n);
    expect(ln(I32F32, I32F32.ONE)).toBe(0n);
  });

  it('block emission halvings (coinbase/block_emission.rs formula, values from the economics reference)', () => {
    const T = I96F32;
    const emissionFor = (issuance: bigint): bigint => {
      const total = T.saturatingFromNum(issuance);
      if (total >= T.saturatingFromNum(21_000_000_000_000_000n)) return 0n;
      const ratio = T.checkedDiv(total, T.saturatingMul(T.saturatingFromNum(2.0), T.saturatingFromNum(10_500_000_000_000_000.0)))!;
      const residual = log2(T, T.checkedDiv(T.saturatingFromNum(1.0), T.checkedSub(T.saturatingFromNum(1.0), ratio)!)!)!;
      const k = T.saturatingToInt(T.floor(residual), 'u64');
      let multiplier = T.saturatingFromNum(1.0);
      for (let i = 0n; i < k; i++) multiplier = T.saturatingMul(multiplier, T.saturatingFromNum(2.0));
      const pct = T.safeDiv(T.saturatingFromNum(1.0), multiplier);
      return T.saturatingToInt(T.saturatingMul(pct, T.saturatingFromNum(1_000_000_000n)), 'u64');
    };
    expect(emissionFor(0n)).toBe(1_000_000_000n);
    expect(emissionFor(10_499_999_999_999_999n)).toBe(1_000_000_000n);
    expect(emissionFor(10_500_000_000_000_000n)).toBe(500_000_000n);
    expect(emissionFor(15_750_000_000_000_000n)).toBe(250_000_000n);
    expect(emissionFor(18_375_000_000_000_000n)).toBe(125_000_000n);
    expect(emissionFor(21_000_000_000_000_000n)).toBe(0n);
  });
});

describe('lock exp_decay (staking/lock.rs) via I64F64 exp', () => {
  const expDecay = (dt: bigint, tau: bigint): bigint => {
    const minRatio = I64F64.saturatingFromNum(-40n);
    const neg = I64F64.checkedDiv(I64F64.saturatingFromNum(-dt), I64F64.saturatingFromNum(tau)) ?? minRatio;
    const decay = exp(I64F64, I64F64.max(neg, minRatio)) ?? 0n;
    return decay < 0n ? 0n : U64F64.saturatingFromFixed(I64F64, decay);
  };
  it('test_exp_decay_one_tau and test_exp_decay_clamps_large_dt_to_min_ratio', () => {
    const tau = 216_000n;
    expect(Math.abs(U64F64.toF64(expDecay(tau, tau)) - 0.36787944)).toBeLessThan(0.001);
    const clamped = expDecay(40n * tau, tau);
    const oversized = expDecay(100n * tau, tau);
    expect(U64F64.absDiff(clamped, oversized)).toBeLessThan(U64F64.fromNum(0.000000001));
    expect(oversized).toBeGreaterThan(0n);
  });
});

describe('sqrt (Newton, crate sqrt_works / sqrt_check_lower_bound_of_working_values)', () => {
  it('I9F23', () => {
    expect(sqrt(I9F23, I9F23.fromNum(4n))).toBe(I9F23.fromNum(2n));
    expect(sqrt(I9F23, I9F23.ONE)).toBe(I9F23.ONE);
    expect(sqrt(I9F23, 0n)).toBe(0n);
    near(I9F23, sqrt(I9F23, I9F23.fromF32(0.1)), 0.316228, 1e-4);
    near(I9F23, sqrt(I9F23, I9F23.fromNum(10n)), 3.16228, 1e-4);
    expect(sqrt(I9F23, -1n)).toBeUndefined();
  });

  it('I32F32 lower bound: 1/x must fit', () => {
    near(I32F32, sqrt(I32F32, I32F32.fromNum(5.8208e-10)), 0.0000261, 1e-6);
    expect(sqrt(I32F32, I32F32.fromNum(5.8205e-10))).toBeUndefined();
    near(U64F64, sqrt(U64F64, U64F64.fromNum(2n)), Math.SQRT2, 1e-15);
  });
});
