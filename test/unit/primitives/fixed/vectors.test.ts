import { describe, expect, it } from 'vitest';
import { I32F32 } from '../../../../src/primitives/fixed/index.ts';

// Conversion side of the "math" vectors in shared/reference/vectors.json (V12, V27): literals in
// subtensor tests/math.rs are f32, converted with I32F32::from_num. Expected bits were worked
// out from the f32 encodings (0.1f32 = 13421773·2^-27, so ×2^32 = 13421773·32, …).

describe('V12 weighted median literals (f32 → I32F32)', () => {
  it('each literal is the f32 value scaled by 2^32', () => {
    const table: Array<[number, bigint]> = [
      [0.0, 0n],
      [0.1, 429496736n],
      [0.2, 858993472n],
      [0.3, 1288490240n],
      [0.4, 1717986944n],
      [0.5, 2147483648n],
      [0.25, 1073741824n],
      [0.75, 3221225472n],
      [0.24, 1030792128n],
      [0.26, 1116691456n],
      [0.76, 3264175104n],
      [0.51, 2190433280n],
    ];
    for (const [x, bits] of table) expect(I32F32.fromF32(x), String(x)).toBe(bits);
  });

  it('f32 literals differ from the same decimal read as f64', () => {
    expect(I32F32.fromNum(0.3)).toBe(1288490189n);
    expect(I32F32.fromF32(0.3) - I32F32.fromNum(0.3)).toBe(51n);
    // 0.001f32 × 2^32 = 4294967.6…: the only V27 literal that needs rounding
    expect(I32F32.fromF32(0.001)).toBe(4294968n);
  });
});

describe('V27 mat_ema_alpha cells (min(1, (1−a)·old + max(0, a·new)), I32F32 saturating ops)', () => {
  const cell = (oldV: bigint, newV: bigint, a: bigint): bigint => {
    const one = I32F32.ONE;
    const decayed = I32F32.saturatingMul(I32F32.saturatingSub(one, a), oldV);
    const inc = I32F32.max(I32F32.saturatingMul(a, newV), 0n);
    return I32F32.min(I32F32.saturatingAdd(decayed, inc), one);
  };
  const run = (oldL: number[], newL: number[], alpha: number): bigint[] =>
    oldL.map((o, i) => cell(I32F32.fromF32(o), I32F32.fromF32(newL[i]!), I32F32.fromF32(alpha)));
  const close = (got: bigint[], expected: number[]): void => {
    expect(got.length).toBe(expected.length);
    got.forEach((g, i) => {
      const diff = I32F32.abs(I32F32.sub(g, I32F32.fromF32(expected[i]!)));
      expect(diff, `cell ${i}`).toBeLessThanOrEqual(I32F32.fromF32(1e-4));
    });
  };
  const old1 = [0.1, 0.2, 3.0, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.1, 0.11, 0.12];

  it('test_math_mat_ema_alpha case 1 (alpha 0.1)', () => {
    const got = run(old1, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 0.1);
    close(got, [0.19, 0.38, 1.0, 0.436, 0.545, 0.6539, 0.763, 0.8719, 0.981, 1.0, 1.0, 1.0]);
  });

  it('case 2 (alpha 0: old clipped to 1) and case 3 (alpha 1: new clipped to 1)', () => {
    const expected = [0.1, 0.2, 1.0, 0.0399, 0.05, 0.0599, 0.07, 0.07999, 0.09, 0.1, 0.10999, 0.11999];
    close(run(old1, [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120], 0), expected);
    const old3 = [0.001, 0.002, 0.003, 0.004, 0.05, 0.006, 0.007, 0.008, 0.009, 0.01, 0.011, 0.012];
    close(run(old3, old1, 1), expected);
  });

  it('sparse case 2 (alpha 0.1, small old bonds)', () => {
    const old = [0.001, 0.002, 0.003, 0.004, 0.05, 0.006, 0.007, 0.008, 0.009, 0.01, 0.011, 0.012];
    close(run(old, old1, 0.1), [
      0.0109, 0.0218, 0.3027, 0.007599, 0.05, 0.01139, 0.0133, 0.01519, 0.017, 0.01899, 0.02089, 0.0227,
    ]);
  });
});
