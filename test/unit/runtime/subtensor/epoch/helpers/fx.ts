/** Literal helpers mirroring subtensor tests/math.rs (`vec_to_fixed`, `vec_to_mat_fixed`, `vec_to_sparse_mat_fixed`, the compare asserts). */
import { expect } from 'vitest';
import { I32F32, I64F64 } from '../../../../../../src/primitives/fixed/index.ts';
import type { SparseMatrix } from '../../../../../../src/runtime/pallets/subtensor/epoch/sparse.ts';

/** `I32F32::from_num(x)` of an f64 literal. */
export const f = (x: number): bigint => I32F32.fromNum(x);
/** `I32F32::from_num(x)` of an f32 literal (`vec_to_fixed`, `fixed`). */
export const f32 = (x: number): bigint => I32F32.fromF32(x);
export const f64x64 = (x: number): bigint => I64F64.fromNum(x);

export const vf = (xs: number[]): bigint[] => xs.map(f32);

export function mf(xs: number[], rows: number, transpose = false): bigint[][] {
  const cols = xs.length / rows;
  if (!Number.isInteger(cols)) throw new Error('bad reshape');
  if (transpose) return Array.from({ length: cols }, (_, c) => Array.from({ length: rows }, (_, r) => f32(xs[r * cols + c]!)));
  return Array.from({ length: rows }, (_, r) => xs.slice(r * cols, (r + 1) * cols).map(f32));
}

/** `vec_to_sparse_mat_fixed`: entries > 0 only. */
export function sf(xs: number[], rows: number, transpose = false): SparseMatrix {
  const cols = xs.length / rows;
  if (!Number.isInteger(cols)) throw new Error('bad reshape');
  const out: SparseMatrix = [];
  if (transpose) {
    for (let c = 0; c < cols; c++) {
      const row = { cols: [] as number[], vals: [] as bigint[] };
      for (let r = 0; r < rows; r++) if (xs[r * cols + c]! > 0) (row.cols.push(r), row.vals.push(f32(xs[r * cols + c]!)));
      out.push(row);
    }
  } else {
    for (let r = 0; r < rows; r++) {
      const row = { cols: [] as number[], vals: [] as bigint[] };
      for (let c = 0; c < cols; c++) if (xs[r * cols + c]! > 0) (row.cols.push(c), row.vals.push(f32(xs[r * cols + c]!)));
      out.push(row);
    }
  }
  return out;
}

export function expectVec(va: readonly bigint[], vb: readonly bigint[], eps: bigint = 0n): void {
  expect(va.length, 'vector length').toBe(vb.length);
  va.forEach((a, i) => {
    const d = a > vb[i]! ? a - vb[i]! : vb[i]! - a;
    expect(d <= eps, `[${i}] ${I32F32.toDecimalString(a)} vs ${I32F32.toDecimalString(vb[i]!)}`).toBe(true);
  });
}

export function expectMat(ma: readonly (readonly bigint[])[], mb: readonly (readonly bigint[])[], eps: bigint = 0n): void {
  expect(ma.length, 'rows').toBe(mb.length);
  ma.forEach((row, i) => expectVec(row, mb[i]!, eps));
}

export function expectSparse(ma: SparseMatrix, mb: SparseMatrix, eps: bigint = 0n): void {
  expect(ma.length, 'rows').toBe(mb.length);
  ma.forEach((row, i) => {
    expect(row.cols, `row ${i} columns`).toEqual(mb[i]!.cols);
    expectVec(row.vals, mb[i]!.vals, eps);
  });
}
