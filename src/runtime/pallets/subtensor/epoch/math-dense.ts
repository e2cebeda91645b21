/**
 * Dense-matrix helpers of subtensor `epoch/math.rs` (used by its test-only dense epoch and its
 * math tests; the on-chain epoch is sparse). Ragged rows and short vectors are handled the way
 * the Rust functions handle them.
 */
import { I32F32, I64F64 } from '../../../../primitives/fixed/index.ts';
import { vecMul } from './math-vector.ts';

type Matrix = bigint[][];
type ReadonlyMatrix = readonly (readonly bigint[])[];

const ONE = I32F32.ONE;
const satAdd = I32F32.saturatingAdd;
const satSub = I32F32.saturatingSub;
const satMul = I32F32.saturatingMul;
const safeDiv = I32F32.safeDiv;
const wrapAdd = I32F32.wrappingAdd;

function rowSumOf(row: readonly bigint[]): bigint {
  let s = 0n;
  for (const v of row) s = wrapAdd(s, v);
  return s;
}

/** `inplace_row_normalize`: rows with a positive sum divided by it. */
export function inplaceRowNormalize(x: Matrix): void {
  for (const row of x) {
    const s = rowSumOf(row);
    if (s > 0n) for (let j = 0; j < row.length; j++) row[j] = safeDiv(row[j]!, s);
  }
}

/** `inplace_row_normalize_64` (I64F64). */
export function inplaceRowNormalize64(x: Matrix): void {
  for (const row of x) {
    let s = 0n;
    for (const v of row) s = I64F64.wrappingAdd(s, v);
    if (s > 0n) for (let j = 0; j < row.length; j++) row[j] = I64F64.safeDiv(row[j]!, s);
  }
}

/** `row_sum`: empty when the first row is empty. */
export function rowSum(x: ReadonlyMatrix): bigint[] {
  if (x.length > 0 && x[0]!.length === 0) return [];
  return x.map(rowSumOf);
}

/** `inplace_col_normalize`: saturating column sums over the widest row, missing cells = 0. */
export function inplaceColNormalize(x: Matrix): void {
  const sums: bigint[] = [];
  for (const row of x) {
    while (sums.length < row.length) sums.push(0n);
    for (let j = 0; j < row.length; j++) sums[j] = satAdd(sums[j]!, row[j]!);
  }
  if (sums.length === 0) return;
  for (const row of x) {
    for (let j = 0; j < row.length && j < sums.length; j++) if (sums[j] !== 0n) row[j] = safeDiv(row[j]!, sums[j]!);
  }
}

/** `inplace_col_max_upscale`. */
export function inplaceColMaxUpscale(x: Matrix): void {
  let width = 0;
  for (const row of x) width = Math.max(width, row.length);
  if (width === 0) return;
  const maxes = new Array<bigint>(width).fill(0n);
  for (const row of x) for (let j = 0; j < row.length; j++) if (maxes[j]! < row[j]!) maxes[j] = row[j]!;
  for (const row of x) for (let j = 0; j < row.length; j++) if (maxes[j] !== 0n) row[j] = safeDiv(row[j]!, maxes[j]!);
}

/** `inplace_mask_matrix`: cells whose mask is true (or missing) become 0; an empty mask does nothing. */
export function inplaceMaskMatrix(mask: readonly (readonly boolean[])[], matrix: Matrix): void {
  if (mask.length === 0 || mask[0]!.length === 0) return;
  matrix.forEach((row, r) => {
    const mr = mask[r];
    for (let c = 0; c < row.length; c++) if (mr === undefined || c >= mr.length || mr[c]) row[c] = 0n;
  });
}

/** `inplace_mask_rows`: masked rows (and rows beyond the mask) become zeros of the first row's width. */
export function inplaceMaskRows(mask: readonly boolean[], matrix: Matrix): void {
  if (matrix.length === 0) return;
  const cols = matrix[0]!.length;
  for (let r = 0; r < matrix.length; r++) if (r >= mask.length || mask[r]) matrix[r] = new Array<bigint>(cols).fill(0n);
}

/** `inplace_mask_cols`: columns whose mask is true (or beyond the mask) become 0. */
export function inplaceMaskCols(mask: readonly boolean[], matrix: Matrix): void {
  for (const row of matrix) for (let c = 0; c < row.length; c++) if (c >= mask.length || mask[c]) row[c] = 0n;
}

function isSquareNonEmpty(matrix: Matrix): boolean {
  return matrix.length > 0 && matrix[0]!.length > 0 && matrix.length === matrix[0]!.length;
}

/** `inplace_mask_diag` (square matrices only; anything else is left as it is). */
export function inplaceMaskDiag(matrix: Matrix): void {
  if (!isSquareNonEmpty(matrix)) return;
  matrix.forEach((row, i) => {
    if (i < row.length) row[i] = 0n;
  });
}

/** `inplace_mask_diag_except_index`. */
export function inplaceMaskDiagExceptIndex(matrix: Matrix, exceptIndex: number): void {
  if (!isSquareNonEmpty(matrix)) return;
  const keep = matrix[exceptIndex]?.[exceptIndex];
  inplaceMaskDiag(matrix);
  if (keep !== undefined) matrix[exceptIndex]![exceptIndex] = keep;
}

/** `row_hadamard`: row i scaled by vector[i]; `[[]]` for an empty input. */
export function rowHadamard(matrix: ReadonlyMatrix, vector: readonly bigint[]): Matrix {
  if (matrix.length === 0 || matrix[0]!.length === 0) return [[]];
  const out: Matrix = [];
  for (let i = 0; i < matrix.length && i < vector.length; i++) out.push(matrix[i]!.map((m) => satMul(vector[i]!, m)));
  return out;
}

/** `matmul`: result_j = Σ_i vector_i · m_ij over the first row's width. */
export function matmul(matrix: ReadonlyMatrix, vector: readonly bigint[]): bigint[] {
  if (matrix.length === 0) return [];
  const cols = matrix[0]!.length;
  if (cols === 0) return [];
  const acc = new Array<bigint>(cols).fill(0n);
  matrix.forEach((row, i) => {
    const scale = vector[i] ?? 0n;
    for (let j = 0; j < row.length && j < cols; j++) acc[j] = satAdd(acc[j]!, satMul(scale, row[j]!));
  });
  return acc;
}

/** `matmul_transpose`: result_i = Σ_j vector_j · m_ij. */
export function matmulTranspose(matrix: ReadonlyMatrix, vector: readonly bigint[]): bigint[] {
  if (matrix.length === 0 || matrix[0]!.length === 0) return [];
  return matrix.map((row) => {
    let s = 0n;
    for (let j = 0; j < row.length && j < vector.length; j++) s = satAdd(s, satMul(row[j]!, vector[j]!));
    return s;
  });
}

/** `inplace_col_clip`: value = min(value, threshold_j). */
export function inplaceColClip(x: Matrix, threshold: readonly bigint[]): void {
  for (const row of x) for (let j = 0; j < row.length && j < threshold.length; j++) if (threshold[j]! < row[j]!) row[j] = threshold[j]!;
}

/** `interpolate`: mat1 + ratio·(mat2 − mat1), shaped like mat1. */
export function interpolate(m1: ReadonlyMatrix, m2: ReadonlyMatrix, ratio: bigint): Matrix {
  if (ratio === 0n) return m1.map((r) => r.slice());
  if (ratio === ONE) return m2.map((r) => r.slice());
  if (m1.length === 0 || m1[0]!.length === 0) return [[]];
  const cols = m1[0]!.length;
  const out: Matrix = m1.map(() => new Array<bigint>(cols).fill(0n));
  for (let i = 0; i < m1.length; i++) {
    const r2 = m2[i];
    if (r2 === undefined) break;
    const r1 = m1[i]!;
    const o = out[i]!;
    for (let j = 0; j < r1.length && j < r2.length && j < o.length; j++) {
      o[j] = satAdd(r1[j]!, satMul(ratio, satSub(r2[j]!, r1[j]!)));
    }
  }
  return out;
}

/** `mat_vec_mul`: each row times the vector element-wise (`vec_mul`). */
export function matVecMul(matrix: ReadonlyMatrix, vector: readonly bigint[]): Matrix {
  if (matrix.length === 0 || matrix[0]!.length === 0) return [[]];
  return matrix.map((row) => vecMul(row, vector));
}

/** `mat_ema`: α·new + (1−α)·old cell by cell (shortest row wins). */
export function matEma(next: ReadonlyMatrix, old: ReadonlyMatrix, alpha: bigint): Matrix {
  if (next.length === 0 || next[0]!.length === 0) return [[]];
  const oneMinusAlpha = satSub(ONE, alpha);
  const out: Matrix = [];
  for (let i = 0; i < next.length && i < old.length; i++) {
    const n = next[i]!;
    const o = old[i]!;
    const row: bigint[] = [];
    for (let j = 0; j < n.length && j < o.length; j++) row.push(satAdd(satMul(alpha, n[j]!), satMul(oneMinusAlpha, o[j]!)));
    out.push(row);
  }
  return out;
}

/**
 * `mat_ema_alpha`: min(1, (1−α_ij)·old_ij + max(0, α_ij·new_ij)) per cell. Empty input → `[[]]`;
 * row-count mismatch → copy of `old`; a row-length mismatch → copy of `new`.
 */
export function matEmaAlpha(next: ReadonlyMatrix, old: ReadonlyMatrix, alpha: ReadonlyMatrix): Matrix {
  if (next.length === 0 || next[0]!.length === 0) return [[]];
  if (next.length !== old.length || next.length !== alpha.length) return old.map((r) => r.slice());
  for (let i = 0; i < next.length; i++) {
    if (next[i]!.length !== old[i]!.length || next[i]!.length !== alpha[i]!.length) return next.map((r) => r.slice());
  }
  return next.map((n, i) => {
    const o = old[i]!;
    const a = alpha[i]!;
    return n.map((nv, j) => {
      const decayed = satMul(satSub(ONE, a[j]!), o[j]!);
      const prod = satMul(a[j]!, nv);
      const v = satAdd(decayed, prod > 0n ? prod : 0n);
      return v < ONE ? v : ONE;
    });
  });
}
