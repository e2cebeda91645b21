/**
 * Cases ported from subtensor `pallets/subtensor/src/tests/math.rs` (14bc6f9). Literals follow the
 * Rust types: `vec_to_fixed`/`vec_to_mat_fixed`/`fixed` take f32, `I32F32::from_num(0.4)` takes f64.
 */
import { describe, expect, it } from 'vitest';
import { I32F32, I64F64, transcendental } from '../../src/primitives/fixed/index.ts';
import * as m from '../../src/runtime/pallets/subtensor/epoch/math.ts';
import { disabledLiquidAlpha, normalEmaAlpha } from '../../src/runtime/pallets/subtensor/epoch/index.ts';
import { sparseFromPairs } from '../../src/runtime/pallets/subtensor/epoch/sparse.ts';
import { expectMat, expectSparse, expectVec, f, f32, f64x64, mf, sf, vf } from '../unit/runtime/subtensor/epoch/helpers/fx.ts';

const E4 = f(0.0001);

describe('upscaling and limits', () => {
  it('test_vec_max_upscale_to_u16', () => {
    const cases: Array<[bigint[], number[]]> = [
      [vf([]), []],
      [vf([0]), [0]],
      [vf([0, 0]), [0, 0]],
      [vf([0, 1]), [0, 65535]],
      [vf([0, 0.000000001]), [0, 65535]],
      [vf([0, 0.000016, 1]), [0, 1, 65535]],
      [vf([0.000000001, 0.000000001]), [65535, 65535]],
      [vf([0.000001, 0.000006, 0.000007, 0.0001, 0.001, 0.01, 0.1, 0.2, 0.3, 0.4]), [0, 1, 1, 16, 164, 1638, 16384, 32768, 49151, 65535]],
      [[I32F32.fromNum(16384n)], [65535]],
      [[I32F32.fromNum(32768n)], [65535]],
      [[I32F32.fromNum(32769n)], [65535]],
      [[I32F32.fromNum(65535n)], [65535]],
      [[I32F32.MAX], [65535]],
      [vf([0, 1, 65535]), [0, 1, 65535]],
      [vf([0, 0.5, 1, 1.5, 2, 32768]), [0, 1, 2, 3, 4, 65535]],
      [vf([0, 0.5, 1, 1.5, 2, 32768, 32769]), [0, 1, 2, 3, 4, 65533, 65535]],
      [[0n, I32F32.fromNum(1n), I32F32.fromNum(32768n), I32F32.fromNum(32769n), I32F32.MAX], [0, 0, 1, 1, 65535]],
    ];
    for (const [input, target] of cases) expect(m.vecMaxUpscaleToU16(input)).toEqual(target);
  });

  it('test_vec_u16_max_upscale_to_u16', () => {
    const same = [[], [0], [0, 0], [65535], [65535, 65535], [0, 1, 2, 3, 4, 65533, 65535]];
    for (const v of same) expect(m.vecU16MaxUpscaleToU16(v)).toEqual(v);
    expect(m.vecU16MaxUpscaleToU16([1])).toEqual([65535]);
    expect(m.vecU16MaxUpscaleToU16([0, 1])).toEqual([0, 65535]);
    expect(m.vecU16MaxUpscaleToU16([65534])).toEqual([65535]);
    expect(m.vecU16MaxUpscaleToU16([0, 1, 65534])).toEqual([0, 1, 65535]);
  });

  it('test_check_vec_max_limited', () => {
    const M = 65535;
    const cases: Array<[number[], number, boolean]> = [
      [[], 0, true],
      [[], M, true],
      [[M], M, true],
      [[M], M - 1, false],
      [[M], 0, false],
      [[0], M, true],
      [[0, M], M, true],
      [[0, M, M], Math.floor(M / 2), false],
      [[0, M, M], Math.floor(M / 2) + 1, true],
      [[0, M, M, M], Math.floor(M / 3) - 1, false],
      [[0, M, M, M], Math.floor(M / 3), true],
    ];
    for (const [v, limit, ok] of cases) expect(m.checkVecMaxLimited(v, limit), `${v} ≤ ${limit}`).toBe(ok);
  });
});

describe('fixed-point conversions', () => {
  it('test_math_fixed_overflow: α from the bonds moving average', () => {
    expect(normalEmaAlpha(900_000n)).toBe(f(0.1));
    expect(disabledLiquidAlpha(900_000n)).toBe(f(0.1));
    const one64 = I64F64.div(I64F64.fromFixed(I32F32, I32F32.MAX), I64F64.fromFixed(I32F32, I32F32.MAX));
    expect(I32F32.sub(I32F32.ONE, I32F32.fromFixed(I64F64, one64))).toBe(0n);
  });

  it('test_math_u64_normalization', () => {
    const max = I64F64.fromNum(21_000_000_000_000_000n);
    const minFrac = I64F64.div(I64F64.fromNum(1n), max);
    expect(minFrac).toBe(f64x64(0.0000000000000000476));
    expect(m.fixed64ToFixed32(minFrac)).toBe(0n);
    const min32Frac = I64F64.div(I64F64.fromNum(4_889_444n), max);
    expect(min32Frac).toBe(f64x64(0.00000000023283066664));
    expect(m.fixed64ToFixed32(min32Frac)).toBe(f(0.0000000002));
    const half = I64F64.div(I64F64.fromNum(10_500_000_000_000_000n), max);
    expect(half).toBe(f64x64(0.5));
    expect(m.fixed64ToFixed32(half)).toBe(f(0.5));
    expect(m.fixed64ToFixed32(I64F64.div(max, max))).toBe(I32F32.ONE);
  });

  it('test_math_fixed_to_u16 / _u64 / fixed64_to_u64 / fixed64_to_fixed32 and their saturation', () => {
    for (const x of [0, 32767, 65535]) expect(m.fixedToU16(I32F32.fromNum(BigInt(x)))).toBe(x);
    expect(m.fixedToU16(I32F32.fromNum(4294967295n - (1n << 31n)))).toBe(65535); // subtensor panics in debug; saturates here
    expect(m.fixedToU64(0n)).toBe(0n);
    expect(m.fixedToU64(f(-1))).toBe(0n);
    const i64max = (1n << 63n) - 1n;
    for (const x of [0n, i64max / 2n, i64max]) expect(m.fixed64ToU64(I64F64.fromNum(x))).toBe(x);
    expect(m.fixed64ToU64(I64F64.fromNum(-1n))).toBe(0n);
    expect(m.fixed64ToFixed32(I64F64.fromNum(0n))).toBe(0n);
    expect(m.fixed64ToFixed32(I64F64.fromNum(2147483647n))).toBe(I32F32.fromNum(2147483647n));
    expect(m.fixed64ToFixed32(I64F64.fromNum(4294967295n))).toBe(I32F32.MAX);
    expect(m.vecFixed64ToFixed32([I64F64.fromNum(-2147483648n)])).toEqual([I32F32.fromNum(-2147483648n)]);
    expect(m.vecFixed64ToFixed32([I64F64.fromNum(i64max)])).toEqual([I32F32.MAX]);
  });

  it('test_math_u16_to_fixed / u16_proportion_to_fixed / fixed_proportion_to_u16 (+ saturation)', () => {
    for (const x of [0, 32767, 65535]) expect(m.u16ToFixed(x)).toBe(I32F32.fromNum(BigInt(x)));
    expect(m.u16ProportionToFixed(0)).toBe(0n);
    expect(m.fixedProportionToU16(0n)).toBe(0);
    expect(m.fixedProportionToU16(I32F32.fromNum(65535n))).toBe(65535);
    expect(m.fixedProportionToU16(f(0.5))).toBe(32767);
    expect(m.fixedProportionToU16(f(0.1))).toBe(6553);
  });

  it('test_checked_sum', () => {
    expect(m.checkedSum([1n, 2n, 3n].map((x) => x << 32n).concat([I32F32.MAX]))).toBeUndefined();
    expect(m.checkedSum(Array.from({ length: 10 }, (_, i) => BigInt(i + 1) << 32n))).toBe(55n << 32n);
    expect(m.checkedSum([])).toBe(0n);
    expect(m.checkedSum([1n << 32n])).toBe(1n << 32n);
  });
});

describe('exp and sigmoid', () => {
  it('test_math_exp_safe', () => {
    const exp = (x: bigint): bigint => transcendental.exp(I32F32, x)!;
    expect(m.expSafe(0n)).toBe(exp(0n));
    expect(m.expSafe(I32F32.ONE)).toBe(exp(I32F32.ONE));
    const lo = exp(f(-20));
    expect(m.expSafe(f(-20))).toBe(lo);
    expect(m.expSafe(f(-21))).toBe(lo);
    expect(m.expSafe(I32F32.MIN)).toBe(lo);
    const hi = exp(f(20));
    expect(m.expSafe(f(20))).toBe(hi);
    expect(m.expSafe(f(21))).toBe(hi);
    expect(m.expSafe(I32F32.MAX)).toBe(hi);
  });

  it('test_math_sigmoid_safe', () => {
    const trust = [I32F32.MIN, 0n, f(0.4), f(0.5), f(0.6), f(1), I32F32.MAX];
    expect(trust.map((t) => m.sigmoidSafe(t, I32F32.MAX, I32F32.MAX))).toEqual(vf([0.0000000019, 0.0000000019, 0.0000000019, 0.0000000019, 0.0000000019, 0.0000000019, 0.5]));
    expect(trust.map((t) => m.sigmoidSafe(t, I32F32.MIN, I32F32.MIN))).toEqual(vf([0.5, 0.0000000019, 0.0000000019, 0.0000000019, 0.0000000019, 0.0000000019, 0.0000000019]));
    expect(trust.map((t) => m.sigmoidSafe(t, f(30), f(0.5)))).toEqual(
      [0.0000000019, 0.0000003057, 0.0474258729, 0.5, 0.952574127, 0.9999996943, 0.9999999981].map(f),
    );
    const t2 = vf([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(t2.map((t) => m.sigmoidSafe(t, f(40), f(0.5)))).toEqual(
      [0.0000000019, 0.0000001125, 0.0000061442, 0.0003353502, 0.017986214, 0.5, 0.9820138067, 0.9996646498, 0.9999938558, 0.9999998875, 0.9999999981].map(f),
    );
  });
});

describe('vectors', () => {
  it('test_math_is_topk', () => {
    const F = false;
    const T = true;
    expect(m.isTopk(vf([]), 5)).toEqual([]);
    const v = vf([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(m.isTopk(v, 0)).toEqual(new Array(10).fill(F));
    expect(m.isTopk(v, 5)).toEqual([F, F, F, F, F, T, T, T, T, T]);
    expect(m.isTopk(v, 10)).toEqual(new Array(10).fill(T));
    expect(m.isTopk(v, 100)).toEqual(new Array(10).fill(T));
    expect(m.isTopk(vf([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]), 5)).toEqual([T, T, T, T, T, F, F, F, F, F]);
    expect(m.isTopk(vf([9, 0, 8, 1, 7, 2, 6, 3, 5, 4]), 5)).toEqual([T, F, T, F, T, F, T, F, T, F]);
    expect(m.isTopk(vf([0.9, 0, 0.8, 0.1, 0.7, 0.2, 0.6, 0.3, 0.5, 0.4]), 5)).toEqual([T, F, T, F, T, F, T, F, T, F]);
    expect(m.isTopk(vf([0, 1, 2, 3, 4, 5, 5, 5, 5, 6]), 5)).toEqual([F, F, F, F, F, T, T, T, T, T]);
    // is_topk_nonzero: zeros never get in, ties keep the higher index
    expect(m.isTopkNonzero(vf([0, 0, 1, 1]), 3)).toEqual([F, F, T, T]);
    expect(m.isTopkNonzero(vf([1, 1, 1]), 2)).toEqual([F, T, T]);
    expect(m.isTopkNonzero(vf([0, 2]), 5)).toEqual([F, T]);
  });

  it('test_math_sum / normalize / inplace_normalize / inplace_normalize_64', () => {
    expect(m.sum([])).toBe(0n);
    expect(m.sum([f(1), f(10), f(30)])).toBe(f(41));
    expect(m.sum([f(-1), f(10), f(30)])).toBe(f(39));
    expectVec(m.normalize([]), []);
    const a = [f(1), f(10), f(30)];
    const na = m.normalize(a);
    expectVec(na, [0.0243902437, 0.243902439, 0.7317073171].map(f), E4);
    expect(I32F32.abs(m.sum(na) - I32F32.ONE) <= E4).toBe(true);
    const b = [f(-1), f(10), f(30)];
    expectVec(m.normalize(b), [-0.0256410255, 0.2564102563, 0.769230769].map(f), E4);
    m.inplaceNormalize(a);
    expectVec(a, na);
    m.inplaceNormalize(b);
    expectVec(b, [-0.0256410255, 0.2564102563, 0.769230769].map(f), E4);
    const c = [1, 10, 30].map(f64x64);
    m.inplaceNormalize64(c);
    const E64 = f64x64(0.0001);
    [0.0243902437, 0.243902439, 0.7317073171].map(f64x64).forEach((t, i) => expect(I64F64.abs(c[i]! - t) <= E64).toBe(true));
    const d = [-1, 10, 30].map(f64x64);
    m.inplaceNormalize64(d);
    [-0.0256410255, 0.2564102563, 0.769230769].map(f64x64).forEach((t, i) => expect(I64F64.abs(d[i]! - t) <= E64).toBe(true));
  });

  it('test_math_vecdiv / vec_mul / inplace_mask_vector', () => {
    expect(m.vecdiv([], [])).toEqual([]);
    expect(m.vecdiv(vf([0, 1, 0, 1]), vf([0, 1, 1, 0]))).toEqual(vf([0, 1, 0, 0]));
    expect(m.vecdiv(vf([1, 1, 10]), vf([2, 3, 2]))).toEqual([I32F32.div(f32(1), f32(2)), I32F32.div(f32(1), f32(3)), f32(5)]);
    const v = vf([1, 2, 3, 4]);
    expect(m.vecMul(v, v)).toEqual(vf([1, 4, 9, 16]));
    expect(m.vecMul([], v)).toEqual([]);
    expect(m.vecMul(vf([0, 0, 0, 0, 0, 0, 0, 0]), v)).toEqual(vf([0, 0, 0, 0]));
    expect(m.vecMul([I32F32.MAX], [f(2)])).toEqual([0n]); // checked_mul overflow → 0
    for (const [mask, target] of [
      [[false, false, false], [0, 1, 2]],
      [[false, true, false], [0, 0, 2]],
      [[true, true, true], [0, 0, 0]],
    ] as Array<[boolean[], number[]]>) {
      const x = vf([0, 1, 2]);
      m.inplaceMaskVector(mask, x);
      expect(x).toEqual(vf(target));
    }
    const short = vf([1, 2, 3]);
    m.inplaceMaskVector([false], short); // entries beyond the mask count as masked
    expect(short).toEqual(vf([1, 0, 0]));
    const untouched = vf([1, 2]);
    m.inplaceMaskVector([], untouched); // an empty mask does nothing
    expect(untouched).toEqual(vf([1, 2]));
  });
});

describe('normalization and max-upscale of matrices', () => {
  const v20 = [0, 1, 2, 3, 4, 0, 10, 100, 1000, 10000, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
  const t20 = [0, 0.1, 0.2, 0.3, 0.4, 0, 0.0009, 0.009, 0.09, 0.9, 0, 0, 0, 0, 0, 0.2, 0.2, 0.2, 0.2, 0.2];
  const v42 = [
    0, 1, 0, 2, 0, 3, 4, 0, 1, 0, 2, 0, 3, 0, 1, 0, 0, 2, 0, 3, 4, 0, 10, 0, 100, 1000, 0, 10000, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1,
  ];
  const t42 = [
    0, 0.1, 0, 0.2, 0, 0.3, 0.4, 0, 0.166666, 0, 0.333333, 0, 0.5, 0, 0.1, 0, 0, 0.2, 0, 0.3, 0.4, 0, 0.0009, 0, 0.009, 0.09, 0, 0.9, 0, 0,
    0, 0, 0, 0, 0, 0.142857, 0.142857, 0.142857, 0.142857, 0.142857, 0.142857, 0.142857,
  ];
  const zeros12 = new Array<number>(12).fill(0);

  it('test_math_inplace_row_normalize(_sparse)', () => {
    const d = mf(v20, 4);
    m.inplaceRowNormalize(d);
    expectMat(d, mf(t20, 4), E4);
    const s = sf(v42, 6);
    m.inplaceRowNormalizeSparse(s);
    expectSparse(s, sf(t42, 6), E4);
    const z = sf(zeros12, 3);
    m.inplaceRowNormalizeSparse(z);
    expectSparse(z, sf(zeros12, 3));
  });

  it('test_math_inplace_col_normalize(_sparse)', () => {
    const d = mf(v20, 4, true);
    m.inplaceColNormalize(d);
    expectMat(d, mf(t20, 4, true), E4);
    const s = sf(v42, 6, true);
    m.inplaceColNormalizeSparse(s, 6);
    expectSparse(s, sf(t42, 6, true), E4);
    const z = sf(zeros12, 3);
    m.inplaceColNormalizeSparse(z, 6);
    expectSparse(z, sf(zeros12, 3));
    const empty: ReturnType<typeof sf> = [];
    m.inplaceColNormalizeSparse(empty, 0);
    expect(empty).toEqual([]);
  });

  it('test_math_inplace_col_max_upscale(_sparse)', () => {
    const e: bigint[][] = [[]];
    m.inplaceColMaxUpscale(e);
    expect(e).toEqual([[]]);
    const z: bigint[][] = [[0n]];
    m.inplaceColMaxUpscale(z);
    expect(z).toEqual([[0n]]);
    const d = mf(v20, 4, true);
    m.inplaceColMaxUpscale(d);
    expectMat(d, mf([0, 0.25, 0.5, 0.75, 1, 0, 0.001, 0.01, 0.1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1], 4, true), E4);

    const se = sparseFromPairs([[]]);
    m.inplaceColMaxUpscaleSparse(se, 0);
    expect(se).toEqual(sparseFromPairs([[]]));
    const sz = sparseFromPairs([[[0, 0n]]]);
    m.inplaceColMaxUpscaleSparse(sz, 1);
    expect(sz).toEqual(sparseFromPairs([[[0, 0n]]]));
    const s = sf(v42, 6, true);
    m.inplaceColMaxUpscaleSparse(s, 6);
    const t = [
      0, 0.25, 0, 0.5, 0, 0.75, 1, 0, 0.333333, 0, 0.666666, 0, 1, 0, 0.25, 0, 0, 0.5, 0, 0.75, 1, 0, 0.001, 0, 0.01, 0.1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1,
      1, 1, 1, 1, 1, 1,
    ];
    expectSparse(s, sf(t, 6, true), E4);
  });
});

describe('masks', () => {
  const nine = [1, 2, 3, 4, 5, 6, 7, 8, 9];
  const diag0 = [0, 2, 3, 4, 0, 6, 7, 8, 0];

  it('test_math_inplace_mask_matrix / rows / diag / diag_except_index', () => {
    const base = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    const F = false;
    const T = true;
    for (const [mask, target] of [
      [[[F, F, F], [F, F, F], [F, F, F]], base],
      [[[T, F, F], [F, T, F], [F, F, T]], [0, 1, 2, 3, 0, 5, 6, 7, 0]],
      [[[T, T, T], [T, T, T], [T, T, T]], new Array(9).fill(0)],
    ] as Array<[boolean[][], number[]]>) {
      const x = mf(base, 3);
      m.inplaceMaskMatrix(mask, x);
      expectMat(x, mf(target, 3));
    }
    for (const [mask, target] of [
      [[F, F, F], nine],
      [[T, T, T], new Array(9).fill(0)],
      [[T, F, T], [0, 0, 0, 4, 5, 6, 0, 0, 0]],
    ] as Array<[boolean[], number[]]>) {
      const x = mf(nine, 3);
      m.inplaceMaskRows(mask, x);
      expectMat(x, mf(target, 3));
      expectSparse(m.maskRowsSparse(mask, sf(nine, 3)), sf(target, 3));
    }
    const x = mf(nine, 3);
    m.inplaceMaskDiag(x);
    expectMat(x, mf(diag0, 3));
    for (let i = 0; i < 3; i++) {
      const target = diag0.slice();
      target[i * 3 + i] = nine[i * 3 + i]!;
      const y = mf(nine, 3);
      m.inplaceMaskDiagExceptIndex(y, i);
      expectMat(y, mf(target, 3));
    }
  });

  it('test_math_mask_diag_sparse(_except_index)', () => {
    expectSparse(m.maskDiagSparse(sf(nine, 3)), sf(diag0, 3));
    const d = [1, 0, 0, 0, 5, 0, 0, 0, 9];
    expectSparse(m.maskDiagSparse(sf(d, 3)), sf(new Array(9).fill(0), 3));
    for (let i = 0; i < 3; i++) {
      const t1 = diag0.slice();
      t1[i * 4] = nine[i * 4]!;
      expectSparse(m.maskDiagSparseExceptIndex(sf(nine, 3), i), sf(t1, 3));
      const t2 = new Array<number>(9).fill(0);
      t2[i * 4] = d[i * 4]!;
      expectSparse(m.maskDiagSparseExceptIndex(sf(d, 3), i), sf(t2, 3));
    }
  });

  it('test_math_vec_mask_sparse_matrix (+ scalar_vec_mask_sparse_matrix)', () => {
    const fv = [1n, 2n, 3n];
    expectSparse(m.vecMaskSparseMatrix(sf(nine, 3), fv, fv, (a, b) => a === b), sf(diag0, 3));
    expectSparse(m.vecMaskSparseMatrix(sf(nine, 3), fv, fv, (a, b) => a < b), sf([1, 0, 0, 4, 5, 0, 7, 8, 9], 3));
    expectSparse(m.vecMaskSparseMatrix(sf(new Array(9).fill(0), 3), fv, fv, (a, b) => a === b), sf(new Array(9).fill(0), 3));
    expectSparse(m.scalarVecMaskSparseMatrix(sf(nine, 3), 2n, fv, (s, v) => s <= v), sf([1, 0, 0, 4, 0, 0, 7, 0, 0], 3));
  });
});

describe('products', () => {
  const twelve = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const holes = [0, 2, 3, 4, 0, 6, 7, 8, 0, 10, 11, 12];
  const zeros = new Array<number>(12).fill(0);

  it('test_math_mat_vec_mul(_sparse)', () => {
    const v = vf([1, 2, 3]);
    expectMat(m.matVecMul(mf(twelve, 4), v), mf([1, 4, 9, 4, 10, 18, 7, 16, 27, 10, 22, 36], 4));
    expectMat(m.matVecMul(mf(twelve, 4), vf([1, 0, 0])), mf([1, 0, 0, 4, 0, 0, 7, 0, 0, 10, 0, 0], 4));
    expectMat(m.matVecMul(mf(twelve, 4), []), [[], [], [], []]);
    expectSparse(m.matVecMulSparse(sf(twelve, 4), v), sf([1, 4, 9, 4, 10, 18, 7, 16, 27, 10, 22, 36], 4));
    expectSparse(m.matVecMulSparse(sf(twelve, 4), vf([1, 0, 0])), sf([1, 0, 0, 4, 0, 0, 7, 0, 0, 10, 0, 0], 4));
    expectSparse(m.matVecMulSparse(sf(twelve, 4), []), sparseFromPairs([[], [], [], []]));
  });

  it('test_math_row_hadamard(_sparse)', () => {
    const v = vf([1, 2, 3, 4]);
    expectMat(m.rowHadamard(mf(twelve, 4), v), mf([1, 2, 3, 8, 10, 12, 21, 24, 27, 40, 44, 48], 4));
    expectSparse(m.rowHadamardSparse(sf(twelve, 4), v), sf([1, 2, 3, 8, 10, 12, 21, 24, 27, 40, 44, 48], 4));
    expectSparse(m.rowHadamardSparse(sf(holes, 4), v), sf([0, 2, 3, 8, 0, 12, 21, 24, 0, 40, 44, 48], 4));
    expectSparse(m.rowHadamardSparse(sf(zeros, 4), v), sf(zeros, 4));
  });

  it('test_math_row_sum(_sparse)', () => {
    expect(m.rowSum(mf(twelve, 4))).toEqual(vf([6, 15, 24, 33]));
    expect(m.rowSumSparse(sf(twelve, 4))).toEqual(vf([6, 15, 24, 33]));
    expect(m.rowSumSparse(sf(holes, 4))).toEqual(vf([5, 10, 15, 33]));
    expect(m.rowSumSparse(sf([1, 2, 3, 0, 0, 0, 7, 8, 9, 10, 11, 12], 4))).toEqual(vf([6, 0, 24, 33]));
    expect(m.rowSumSparse(sf(zeros, 4))).toEqual(vf([0, 0, 0, 0]));
  });

  it('test_math_matmul / matmul_transpose (dense and sparse) / matmul2', () => {
    expect(m.matmul(mf(twelve, 4), vf([1, 2, 3, 4]))).toEqual(vf([70, 80, 90]));
    expect(m.matmulTranspose(mf(twelve, 4), vf([1, 2, 3]))).toEqual(vf([14, 32, 50, 68]));
    expect(m.matmulSparse(sf(twelve, 4), vf([1, 2, 3, 4]), 3)).toEqual(vf([70, 80, 90]));
    expect(m.matmulSparse(sf(holes, 4), vf([1, 2, 3, 4]), 3)).toEqual(vf([69, 70, 63]));
    expect(m.matmulSparse(sf(zeros, 4), vf([1, 2, 3, 4]), 3)).toEqual(vf([0, 0, 0]));
    expect(m.matmulTransposeSparse(sf(twelve, 4), vf([1, 2, 3]))).toEqual(vf([14, 32, 50, 68]));
    expect(m.matmulTransposeSparse(sf(holes, 4), vf([1, 2, 3]))).toEqual(vf([13, 22, 23, 68]));
    expect(m.matmulTransposeSparse(sf(zeros, 4), vf([1, 2, 3]))).toEqual(vf([0, 0, 0, 0]));
    const full = (x: number): bigint[][] => [0, 1, 2].map(() => [f(x), f(x), f(x)]);
    const vec = (x: number): bigint[] => [f(x), f(x), f(x)];
    for (const [w, x, r] of [
      [1, 1, 3],
      [1, 2, 6],
      [1, 3, 9],
      [1, -1, -3],
      [-1, 1, -3],
      [-1, 2, -6],
      [-1, 3, -9],
      [-1, -1, 3],
    ]) {
      expectVec(m.matmul(full(w!), vec(x!)), vec(r!), E4);
    }
    const rows = [[f(1), f(1), f(1)], [f(2), f(2), f(2)], [f(3), f(3), f(3)]];
    expectVec(m.matmul(rows, vec(0)), vec(0), E4);
    expectVec(m.matmul(rows, vec(2)), vec(12), E4);
    const cols = [0, 1, 2].map(() => [f(1), f(2), f(3)]);
    expectVec(m.matmul(cols, vec(0)), vec(0), E4);
    expectVec(m.matmul(cols, vec(2)), [f(6), f(12), f(18)], E4);
  });

  it('test_math_inplace_col_clip / col_clip_sparse', () => {
    const th = vf([0, 5, 12]);
    const x = mf([0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 4);
    m.inplaceColClip(x, th);
    expectMat(x, mf([0, 2, 3, 0, 5, 6, 0, 5, 9, 0, 5, 12], 4));
    expectSparse(m.colClipSparse(sf([0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 4), th), sf([0, 2, 3, 0, 5, 6, 0, 5, 9, 0, 5, 12], 4));
    expectSparse(m.colClipSparse(sf([0, 2, 3, 4, 5, 6, 0, 0, 0, 10, 11, 12], 4), th), sf([0, 2, 3, 0, 5, 6, 0, 0, 0, 0, 5, 12], 4));
    expectSparse(m.colClipSparse(sf(zeros, 4), th), sf(zeros, 4));
  });
});

describe('weighted median', () => {
  const zero = 0n;
  const one = f32(1);
  const wm = (stake: bigint[], score: bigint[], majority = f32(0.51)): bigint =>
    m.weightedMedian(stake, score, stake.map((_, i) => i), one - majority, zero, m.sum(stake));

  it('test_math_weighted_median (fixed cases)', () => {
    expect(wm([], [])).toBe(zero);
    expect(wm(m.normalize(vf([0.51])), vf([1]))).toBe(one);
    expect(wm(vf([0.49, 0.51]), vf([0.5, 1]))).toBe(one);
    expect(wm(vf([0.51, 0.49]), vf([0.5, 1]))).toBe(f32(0.5));
    expect(wm(vf([0.49, 0, 0.51]), vf([0.5, 0.7, 1]))).toBe(one);
    expect(wm(vf([0.49, 0.01, 0.5]), vf([0.5, 0.7, 1]))).toBe(f32(0.7));
    expect(wm(vf([0.49, 0.51, 0]), vf([0.5, 0.7, 1]))).toBe(f32(0.7));
    expect(wm(vf([0, 0.49, 0.51]), vf([0.5, 0.7, 1]))).toBe(one);
    expect(wm(vf([0, 0.49, 0, 0.51]), vf([0.5, 0.5, 1, 1]))).toBe(one);
    expect(wm(vf([0, 0.49, 0, 0.51, 0]), vf([0.5, 0.5, 1, 1, 0.5]))).toBe(one);
    expect(wm(vf([0.2, 0.2, 0.2, 0.2, 0.2]), vf([0.8, 0.2, 1, 0.6, 0.4]))).toBe(f32(0.6));
    expect(wm(vf(new Array(10).fill(0.1)), vf([0.8, 0.8, 0.2, 0.2, 1, 1, 0.6, 0.6, 0.4, 0.4]))).toBe(f32(0.6));
  });

  it('test_math_weighted_median (randomized: the result is one of the admissible medians, under permutation)', () => {
    let seed = 7;
    const rand = (k: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % k;
    };
    const n = 100;
    for (let round = 0; round < 10; round++) {
      for (const majority of vf([0, 0.0000001, 0.25, 0.49, 0.49, 0.49, 0.5, 0.51, 0.51, 0.51, 0.9999999, 1])) {
        for (const allowEqual of [false, true]) {
          let stake: bigint[] = [];
          let score: bigint[] = [];
          let last = zero;
          for (let i = 0; i < n; i++) {
            if (allowEqual) {
              stake.push(rand(2) === 1 ? one : zero);
              if (rand(2) === 1) last += one;
              score.push(last);
            } else {
              stake.push(one);
              score.push(I32F32.fromNum(BigInt(i)));
            }
          }
          m.inplaceNormalize(stake);
          const total = m.sum(stake);
          let minority = total - majority;
          if (minority < zero) minority = zero;
          const medians: bigint[] = [];
          let medianStake = zero;
          let medianSet = false;
          let acc = zero;
          for (let i = 0; i < n; i++) {
            acc += stake[i]!;
            if (!medianSet && acc >= minority) {
              medianStake = acc;
              medianSet = true;
            }
            if (medianSet) {
              if (medianStake < acc) {
                if (medianStake === minority && !medians.includes(score[i]!)) medians.push(score[i]!);
                break;
              }
              if (!medians.includes(score[i]!)) medians.push(score[i]!);
            }
          }
          if (medians.length === 0) medians.push(zero);
          const idx = stake.map((_, i) => i);
          expect(medians).toContain(m.weightedMedian(stake, score, idx, minority, zero, total));
          for (let p = 0; p < 10; p++) {
            const perm = idx.slice();
            for (let i = perm.length - 1; i > 0; i--) {
              const j = rand(i + 1);
              [perm[i], perm[j]] = [perm[j]!, perm[i]!];
            }
            stake = perm.map((i) => stake[i]!);
            score = perm.map((i) => score[i]!);
            expect(medians).toContain(m.weightedMedian(stake, score, idx, minority, zero, total));
          }
        }
      }
    }
  });

  it('test_math_weighted_median_col(_sparse): empty and all-zero inputs', () => {
    expect(m.weightedMedianCol([], [[]], f32(0.5))).toEqual([]);
    expect(m.weightedMedianColSparse([], sparseFromPairs([[]]), 0, f32(0.5))).toEqual([]);
    expect(m.weightedMedianCol(vf([0, 0]), mf([0, 0, 0, 0], 2), f32(0.5))).toEqual(vf([0, 0]));
    expect(m.weightedMedianColSparse(vf([0, 0]), sf([0, 0, 0, 0], 2), 2, f32(0.5))).toEqual(vf([0, 0]));
  });
});

describe('interpolation', () => {
  const zeros = new Array<number>(12).fill(0);
  const ones = new Array<number>(12).fill(1);

  it('test_math_interpolate', () => {
    expectMat(m.interpolate([[]], [[]], 0n), [[]]);
    expectMat(m.interpolate([[0n]], [[f(1)]], 0n), [[0n]]);
    expectMat(m.interpolate([[0n]], [[f(1)]], f(1)), [[f(1)]]);
    for (const r of [0, 1]) expectMat(m.interpolate(mf(zeros, 4), mf(zeros, 4), f(r)), mf(zeros, 4));
    const a = mf([1, 10, 100, 1000, 10000, 100000], 3);
    const b = mf([10, 100, 1000, 10000, 100000, 1000000], 3);
    expectMat(m.interpolate(a, b, 0n), a);
    expectMat(m.interpolate(a, b, f(0.9)), mf([9.1, 91, 910, 9100, 91000, 910000], 3), E4);
    const z = mf(zeros, 4);
    const o = mf(ones, 4);
    expectMat(m.interpolate(z, o, 0n), z);
    expectMat(m.interpolate(z, o, f(0.000000001)), mf(new Array(12).fill(0.000000001), 4));
    expectMat(m.interpolate(z, o, f(0.5)), mf(new Array(12).fill(0.5), 4));
    expectMat(m.interpolate(z, o, f(0.9999998808)), mf(new Array(12).fill(0.9999999), 4));
    expectMat(m.interpolate(z, o, f(1)), o);
  });

  it('test_math_interpolate_sparse', () => {
    expectSparse(m.interpolateSparse(sparseFromPairs([[]]), sparseFromPairs([[]]), 0, 0n), sparseFromPairs([[]]));
    const one0 = sf([0], 1);
    const one1 = sf([1], 1);
    expectSparse(m.interpolateSparse(one0, one1, 1, 0n), sf([0], 1));
    expectSparse(m.interpolateSparse(one0, one1, 1, f(0.5)), sf([0.5], 1));
    expectSparse(m.interpolateSparse(one0, one1, 1, f(1)), sf([1], 1));
    for (const r of [0, 1]) expectSparse(m.interpolateSparse(sf(zeros, 4), sf(zeros, 4), 3, f(r)), sf(zeros, 4));
    const a = sf([1, 0, 100, 1000, 10000, 100000], 3);
    const b = sf([10, 100, 1000, 10000, 100000, 0], 3);
    expectSparse(m.interpolateSparse(a, b, 2, 0n), sf([1, 0, 100, 1000, 10000, 100000], 3));
    expectSparse(m.interpolateSparse(a, b, 2, f(0.9)), sf([9.1, 90, 910, 9100, 91000, 10000], 3), E4);
    const z = sf(zeros, 4);
    const o = sf(ones, 4);
    expectSparse(m.interpolateSparse(z, o, 3, 0n), z);
    expectSparse(m.interpolateSparse(z, o, 3, f(0.000000001)), sf(new Array(12).fill(0.000000001), 4));
    expectSparse(m.interpolateSparse(z, o, 3, f(0.5)), sf(new Array(12).fill(0.5), 4));
    expectSparse(m.interpolateSparse(z, o, 3, f(0.9999998808)), sf(new Array(12).fill(0.9999999), 4));
    expectSparse(m.interpolateSparse(z, o, 3, f(1)), o);
  });
});

describe('EMA', () => {
  const pairs = (rows: Array<Array<[number, number]>>) => sparseFromPairs(rows.map((r) => r.map(([j, v]): [number, bigint] => [j, f(v)])));

  it('test_mat_ema_alpha_sparse_* cases', () => {
    expect(m.matEmaAlphaSparse([], [], [])).toEqual([]);
    expect(m.matEmaAlphaSparse(pairs([[[0, 1]]]), pairs([[[0, 2]]]), [[f(0.5)]])).toEqual(pairs([[[0, 1]]]));
    const n2 = pairs([
      [
        [0, 1],
        [1, 2],
      ],
      [
        [0, 3],
        [1, 4],
      ],
    ]);
    const o2 = pairs([
      [
        [0, 5],
        [1, 6],
      ],
      [
        [0, 7],
        [1, 8],
      ],
    ]);
    const ones = pairs([
      [
        [0, 1],
        [1, 1],
      ],
      [
        [0, 1],
        [1, 1],
      ],
    ]);
    expectSparse(m.matEmaAlphaSparse(n2, o2, [[f(0.1), f(0.2)], [f(0.1), f(0.2)]]), ones, f(0.000001));
    expectSparse(m.matEmaAlphaSparse(n2, o2, [[f(0.3), f(0.7)], [f(0.3), f(0.7)]]), ones, f(0.000001));
    expect(m.matEmaAlphaSparse(pairs([[[0, 1]]]), pairs([[[0, 2]]]), [[f(0.1), 0n]])).toEqual(pairs([[[0, 1]]]));
    expect(m.matEmaAlphaSparse(pairs([[[0, 1]]]), pairs([[[0, 2]]]), [[f(1), 0n]])).toEqual(pairs([[[0, 1]]]));
    expect(m.matEmaAlphaSparse(pairs([[[0, 1]], [[1, 4]]]), pairs([[[0, 5]], [[1, 8]]]), [[f(0.5), f(0.5)], [f(0.5), f(0.5)]])).toEqual(
      pairs([[[0, 1]], [[1, 1]]]),
    );
    const w = pairs([
      [
        [0, 0.1],
        [1, 0.2],
      ],
      [
        [0, 0.3],
        [1, 0.4],
      ],
    ]);
    const b = pairs([
      [
        [0, 0.5],
        [1, 0.6],
      ],
      [
        [0, 0.7],
        [1, 0.8],
      ],
    ]);
    const expected = pairs([
      [
        [0, 0.14],
        [1, 0.28],
      ],
      [
        [0, 0.499999],
        [1, 0.519999],
      ],
    ]);
    expectSparse(m.matEmaAlphaSparse(w, b, [[f(0.9), f(0.8)], [f(0.5), f(0.7)]]), expected, f(1e-6));
  });

  it('test_mat_ema_alpha_* cases (dense)', () => {
    const mat = (rows: number[][]): bigint[][] => rows.map((r) => r.map(f32));
    const nw = mat([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const old = mat([
      [0.5, 1.5, 2.5],
      [3.5, 4.5, 5.5],
    ]);
    expect(m.matEmaAlpha(nw, old, [0, 1].map(() => [f(0.5), f(0.5), f(0.5)]))).toEqual(
      mat([
        [0.75, 1, 1],
        [1, 1, 1],
      ]),
    );
    expectMat(
      m.matEmaAlpha(nw, old, [0, 1].map(() => [f(0.2), f(0.5), f(0.8)])),
      mat([
        [0.6, 1, 1],
        [1, 1, 1],
      ]),
      f(1e-6),
    );
    expect(m.matEmaAlpha([], [], [])).toEqual([[]]);
    expect(m.matEmaAlpha(mat([[1]]), mat([[0.5]]), [[f(0.5)]])).toEqual(mat([[0.75]]));
    const mismatched = m.matEmaAlpha(
      mat([
        [1, 2],
        [3, 4],
      ]),
      mat([
        [1, 2, 3],
        [4, 5, 6],
      ]),
      [0, 1].map(() => [f(0.5), f(0.5), f(0.5)]),
    );
    expect(mismatched[0]![0]).toBe(f32(1));
  });

  it('mat_ema_sparse keeps decayed old bonds where the new matrix has no entry', () => {
    const next = pairs([[[1, 1]], []]);
    const old = pairs([[[0, 0.5]], [[1, 1]]]);
    const out = m.matEmaSparse(next, old, f(0.1));
    expect(out[0]!.cols).toEqual([0, 1]);
    expect(out[0]!.vals).toEqual([I32F32.saturatingMul(I32F32.saturatingSub(I32F32.ONE, f(0.1)), f(0.5)), I32F32.saturatingMul(f(0.1), f(1))]);
    expect(out[1]!.cols).toEqual([1]);
  });
});
