/**
 * Every `kind: "math"` vector of ../shared/reference/vectors.json (subtensor tests/math.rs)
 * against the epoch math module.
 */
import { describe, expect, it } from 'vitest';
import {
  matEmaAlpha,
  matEmaAlphaSparse,
  weightedMedianCol,
  weightedMedianColSparse,
} from '../../src/runtime/pallets/subtensor/epoch/math.ts';
import { expectMat, expectSparse, f32, mf, sf, vf } from '../unit/runtime/subtensor/epoch/helpers/fx.ts';
import { vector, vectorsOfKind } from '../unit/runtime/subtensor/epoch/helpers/vectors.ts';

const covered = new Set(['V12', 'V27']);

describe('math vectors', () => {
  it('every math vector in vectors.json has a test here', () => {
    for (const v of vectorsOfKind('math')) expect(covered.has(v.id), `${v.id} ${v.name}`).toBe(true);
  });
});

describe('V12 weighted_median_col / weighted_median_col_sparse (exact)', () => {
  const v = vector('V12');
  const cases = (v.inputs as { cases: Array<{ stake: number[]; weights_rows: number[][]; majority: number }> }).cases;
  const medians = (v.expected as { medians: number[][] }).medians;
  cases.forEach((c, k) => {
    it(`case ${k}: majority ${c.majority}`, () => {
      const stake = vf(c.stake);
      const flat = c.weights_rows.flat();
      const rows = c.weights_rows.length;
      const columns = c.weights_rows[0]!.length;
      const expected = vf(medians[k]!);
      expect(weightedMedianCol(stake, mf(flat, rows), f32(c.majority))).toEqual(expected);
      expect(weightedMedianColSparse(stake, sf(flat, rows), columns, f32(c.majority))).toEqual(expected);
    });
  });
});

describe('V27 mat_ema_alpha (dense) and mat_ema_alpha_sparse', () => {
  const v = vector('V27');
  const dense = (v.inputs as Record<string, Record<string, unknown>>).test_math_mat_ema_alpha!;
  const sparse = (v.inputs as Record<string, Record<string, unknown>>).test_math_sparse_mat_ema_alpha!;
  const exp = v.expected as Record<string, Record<string, number[] | string>>;
  const eps = f32(1e-4);
  const alphaMat = (a: number): bigint[][] => mf(new Array<number>(12).fill(a), 4);

  it('dense case 1 (α 0.1), case 2 (α 0: old clipped to 1), case 3 (α 1)', () => {
    const old = dense.old as number[];
    const second = dense.second_case as { new: number[] };
    const third = dense.third_case as { old: number[]; new: number[] };
    const e = exp.test_math_mat_ema_alpha!;
    expectMat(matEmaAlpha(mf(dense.new as number[], 4), mf(old, 4), alphaMat(0.1)), mf(e.case1 as number[], 4), eps);
    expectMat(matEmaAlpha(mf(second.new, 4), mf(old, 4), alphaMat(0)), mf(e.case2 as number[], 4), eps);
    expectMat(matEmaAlpha(mf(third.new, 4), mf(third.old, 4), alphaMat(1)), mf(e.case2 as number[], 4), eps);
  });

  const sparseCases = sparse.cases as Array<{ old: number[]; new: number[] }>;
  const e = exp.test_math_sparse_mat_ema_alpha!;
  sparseCases.forEach((c, k) => {
    it(`sparse case ${k + 1}`, () => {
      const result = matEmaAlphaSparse(sf(c.new, 4), sf(c.old, 4), alphaMat(0.1));
      if (k < 3) {
        expectSparse(result, sf(e[`case${k + 1}`] as number[], 4), eps);
      } else {
        // case 4: row 0's old bond 1.0 disappears (no entry in `new`); only (1,1) = 0.2 remains
        const target = [0, 0, 0, 0, 0.2, 0, 0, 0, 0, 0, 0, 0];
        expectSparse(result, sf(target, 4), f32(1e-1));
        expect(result[0]!.cols).toEqual([]);
      }
    });
  });
});
