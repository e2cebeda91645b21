/**
 * Sparse-matrix helpers of subtensor `epoch/math.rs` (the on-chain epoch's variants), on raw
 * I32F32 bits. Entry order, duplicate handling and which out-of-range columns are ignored follow
 * the Rust functions; where subtensor densifies a row (`mat_ema_sparse`, `interpolate_sparse`) we
 * only visit the columns that row touches and emit them in ascending order — the same output.
 */
import { I32F32 } from '../../../../primitives/fixed/index.ts';
import { emptyRow, type SparseMatrix, type SparseRow } from './sparse.ts';

const ONE = I32F32.ONE;
const satAdd = I32F32.saturatingAdd;
const satSub = I32F32.saturatingSub;
const satMul = I32F32.saturatingMul;
const safeDiv = I32F32.safeDiv;
const wrapAdd = I32F32.wrappingAdd;

/** A reusable dense row of `size` cells, with a stamp per cell to know which ones a row touched. */
class ScratchRow {
  readonly values: bigint[];
  readonly stamp: Int32Array;
  readonly touched: number[] = [];
  private generation = 0;

  constructor(size: number) {
    this.values = new Array<bigint>(size).fill(0n);
    this.stamp = new Int32Array(size);
  }

  /** Starts a new row: every cell reads as 0 again. */
  reset(): void {
    this.generation++;
    this.touched.length = 0;
  }

  has(j: number): boolean {
    return this.stamp[j] === this.generation;
  }

  get(j: number): bigint {
    return this.stamp[j] === this.generation ? this.values[j]! : 0n;
  }

  set(j: number, v: bigint): void {
    if (this.stamp[j] !== this.generation) {
      this.stamp[j] = this.generation;
      this.touched.push(j);
    }
    this.values[j] = v;
  }

  /** Touched columns in ascending order. */
  sortedTouched(): number[] {
    return this.touched.sort((a, b) => a - b);
  }
}

export { ScratchRow };

/** `inplace_row_normalize_sparse`: rows with a positive sum divided by it. */
export function inplaceRowNormalizeSparse(m: SparseMatrix): void {
  for (const row of m) {
    const vals = row.vals;
    let s = 0n;
    for (let k = 0; k < vals.length; k++) s = wrapAdd(s, vals[k]!);
    if (s > 0n) for (let k = 0; k < vals.length; k++) vals[k] = safeDiv(vals[k]!, s);
  }
}

/** `row_sum_sparse` (plain `+`, wrapping). */
export function rowSumSparse(m: SparseMatrix): bigint[] {
  const out = new Array<bigint>(m.length);
  for (let i = 0; i < m.length; i++) {
    const vals = m[i]!.vals;
    let s = 0n;
    for (let k = 0; k < vals.length; k++) s = wrapAdd(s, vals[k]!);
    out[i] = s;
  }
  return out;
}

/** `inplace_col_normalize_sparse`: saturating column sums over `columns` columns, then divide. */
export function inplaceColNormalizeSparse(m: SparseMatrix, columns: number): void {
  const colSum = new Array<bigint>(columns).fill(0n);
  for (const row of m) {
    for (let k = 0; k < row.cols.length; k++) {
      const j = row.cols[k]!;
      if (j < columns) colSum[j] = satAdd(colSum[j]!, row.vals[k]!);
    }
  }
  for (const row of m) {
    for (let k = 0; k < row.cols.length; k++) {
      const j = row.cols[k]!;
      const d = j < columns ? colSum[j]! : 0n;
      if (d !== 0n) row.vals[k] = safeDiv(row.vals[k]!, d);
    }
  }
}

/** `inplace_col_max_upscale_sparse`: each entry divided by its column's maximum (if non-zero). */
export function inplaceColMaxUpscaleSparse(m: SparseMatrix, columns: number): void {
  const colMax = new Array<bigint>(columns).fill(0n);
  for (const row of m) {
    for (let k = 0; k < row.cols.length; k++) {
      const j = row.cols[k]!;
      if (j < columns && colMax[j]! < row.vals[k]!) colMax[j] = row.vals[k]!;
    }
  }
  for (const row of m) {
    for (let k = 0; k < row.cols.length; k++) {
      const j = row.cols[k]!;
      const mx = j < columns ? colMax[j]! : 0n;
      if (mx !== 0n) row.vals[k] = safeDiv(row.vals[k]!, mx);
    }
  }
}

function filterRow(row: SparseRow, keep: (j: number) => boolean): SparseRow {
  const cols: number[] = [];
  const vals: bigint[] = [];
  for (let k = 0; k < row.cols.length; k++) {
    const j = row.cols[k]!;
    if (keep(j)) {
      cols.push(j);
      vals.push(row.vals[k]!);
    }
  }
  return { cols, vals };
}

/** `scalar_vec_mask_sparse_matrix`: drop (i, j) where `maskFn(scalar, vector[j] ?? 0)`. */
export function scalarVecMaskSparseMatrix(
  m: SparseMatrix,
  scalar: bigint,
  vector: readonly bigint[],
  maskFn: (scalar: bigint, vj: bigint) => boolean,
): SparseMatrix {
  return m.map((row) => filterRow(row, (j) => !maskFn(scalar, vector[j] ?? 0n)));
}

/** `vec_mask_sparse_matrix`: drop (i, j) where `maskFn(first[i] ?? 0, second[j] ?? 0)`. */
export function vecMaskSparseMatrix(
  m: SparseMatrix,
  first: readonly bigint[],
  second: readonly bigint[],
  maskFn: (fv: bigint, sv: bigint) => boolean,
): SparseMatrix {
  return m.map((row, i) => {
    const fv = first[i] ?? 0n;
    return filterRow(row, (j) => !maskFn(fv, second[j] ?? 0n));
  });
}

/** `mask_rows_sparse`: masked rows (and rows beyond the mask) become empty. */
export function maskRowsSparse(mask: readonly boolean[], m: SparseMatrix): SparseMatrix {
  return m.map((row, i) => (i >= mask.length || mask[i] ? emptyRow() : { cols: row.cols.slice(), vals: row.vals.slice() }));
}

/** `mask_diag_sparse`: drop entries (i, i). */
export function maskDiagSparse(m: SparseMatrix): SparseMatrix {
  return m.map((row, i) => filterRow(row, (j) => j !== i));
}

/** `mask_diag_sparse_except_index`: drop (i, i) except (except, except). */
export function maskDiagSparseExceptIndex(m: SparseMatrix, exceptIndex: number): SparseMatrix {
  return m.map((row, i) => filterRow(row, (j) => j !== i || i === exceptIndex));
}

/** `row_hadamard_sparse`: row i scaled by vector[i] (rows beyond the vector are dropped). */
export function rowHadamardSparse(m: SparseMatrix, vector: readonly bigint[]): SparseMatrix {
  const rows = Math.min(m.length, vector.length);
  const out: SparseMatrix = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const row = m[i]!;
    const scale = vector[i]!;
    const vals = new Array<bigint>(row.vals.length);
    for (let k = 0; k < vals.length; k++) vals[k] = satMul(row.vals[k]!, scale);
    out[i] = { cols: row.cols.slice(), vals };
  }
  return out;
}

/** `matmul_sparse`: result_j = Σ_i vector_i · m_ij (saturating), `columns` wide. */
export function matmulSparse(m: SparseMatrix, vector: readonly bigint[], columns: number): bigint[] {
  const result = new Array<bigint>(columns).fill(0n);
  for (let i = 0; i < m.length; i++) {
    const scale = vector[i] ?? 0n;
    const row = m[i]!;
    for (let k = 0; k < row.cols.length; k++) {
      const j = row.cols[k]!;
      if (j < columns) result[j] = satAdd(result[j]!, satMul(scale, row.vals[k]!));
    }
  }
  return result;
}

/** `matmul_transpose_sparse`: result_i = Σ_j vector_j · m_ij (saturating; missing vector_j = 0). */
export function matmulTransposeSparse(m: SparseMatrix, vector: readonly bigint[]): bigint[] {
  const out = new Array<bigint>(m.length);
  for (let i = 0; i < m.length; i++) {
    const row = m[i]!;
    let acc = 0n;
    for (let k = 0; k < row.cols.length; k++) acc = satAdd(acc, satMul(vector[row.cols[k]!] ?? 0n, row.vals[k]!));
    out[i] = acc;
  }
  return out;
}

/** `col_clip_sparse`: values above the column threshold become it, or vanish if it is ≤ 0. */
export function colClipSparse(m: SparseMatrix, threshold: readonly bigint[]): SparseMatrix {
  return m.map((row) => {
    const cols: number[] = [];
    const vals: bigint[] = [];
    for (let k = 0; k < row.cols.length; k++) {
      const j = row.cols[k]!;
      const v = row.vals[k]!;
      const th = threshold[j] ?? 0n;
      if (th < v) {
        if (th > 0n) {
          cols.push(j);
          vals.push(th);
        }
      } else {
        cols.push(j);
        vals.push(v);
      }
    }
    return { cols, vals };
  });
}

/**
 * `interpolate_sparse`: mat1 + ratio·(mat2 − mat1). ratio 0 → copy of mat1, 1 → copy of mat2
 * (both keep zero entries and order); row-count mismatch → copy of mat2; otherwise each row is
 * densified over `columns` (a later duplicate overwrites) and strictly positive cells are kept
 * in column order.
 */
export function interpolateSparse(m1: SparseMatrix, m2: SparseMatrix, columns: number, ratio: bigint): SparseMatrix {
  const copy = (m: SparseMatrix): SparseMatrix => m.map((r) => ({ cols: r.cols.slice(), vals: r.vals.slice() }));
  if (ratio === 0n) return copy(m1);
  if (ratio === ONE) return copy(m2);
  if (m1.length !== m2.length) return copy(m2);
  const a = new ScratchRow(columns);
  const b = new ScratchRow(columns);
  const cells = new ScratchRow(columns);
  return m1.map((row1, i) => {
    const row2 = m2[i]!;
    a.reset();
    b.reset();
    cells.reset();
    for (let k = 0; k < row1.cols.length; k++) {
      const j = row1.cols[k]!;
      if (j < columns) {
        a.set(j, row1.vals[k]!);
        cells.set(j, 0n);
      }
    }
    for (let k = 0; k < row2.cols.length; k++) {
      const j = row2.cols[k]!;
      if (j < columns) {
        b.set(j, row2.vals[k]!);
        cells.set(j, 0n);
      }
    }
    const cols: number[] = [];
    const vals: bigint[] = [];
    for (const j of cells.sortedTouched()) {
      const v1 = a.get(j);
      const v = satAdd(v1, satMul(ratio, satSub(b.get(j), v1)));
      if (v > 0n) {
        cols.push(j);
        vals.push(v);
      }
    }
    return { cols, vals };
  });
}

/** `mat_vec_mul_sparse`: m_ij · vector_j for j inside the vector, zero products dropped. */
export function matVecMulSparse(m: SparseMatrix, vector: readonly bigint[]): SparseMatrix {
  return m.map((row) => {
    const cols: number[] = [];
    const vals: bigint[] = [];
    for (let k = 0; k < row.cols.length; k++) {
      const j = row.cols[k]!;
      if (j < vector.length) {
        const v = satMul(row.vals[k]!, vector[j]!);
        if (v !== 0n) {
          cols.push(j);
          vals.push(v);
        }
      }
    }
    return { cols, vals };
  });
}

/**
 * `mat_ema_sparse`: per row, α·new_ij then (1−α)·old_ij saturating-added into a dense row of
 * `new.length` cells (the matrix is taken as square); strictly positive cells kept.
 */
export function matEmaSparse(next: SparseMatrix, old: SparseMatrix, alpha: bigint): SparseMatrix {
  const n = next.length;
  if (n === 0) return [];
  const oneMinusAlpha = satSub(ONE, alpha);
  const acc = new ScratchRow(n);
  const out: SparseMatrix = new Array(n);
  for (let i = 0; i < n; i++) {
    acc.reset();
    const nr = next[i]!;
    for (let k = 0; k < nr.cols.length; k++) {
      const j = nr.cols[k]!;
      if (j < n) acc.set(j, satAdd(acc.get(j), satMul(alpha, nr.vals[k]!)));
    }
    const or = old[i];
    if (or) {
      for (let k = 0; k < or.cols.length; k++) {
        const j = or.cols[k]!;
        if (j < n) acc.set(j, satAdd(acc.get(j), satMul(oneMinusAlpha, or.vals[k]!)));
      }
    }
    const cols: number[] = [];
    const vals: bigint[] = [];
    for (const j of acc.sortedTouched()) {
      const v = acc.values[j]!;
      if (v > 0n) {
        cols.push(j);
        vals.push(v);
      }
    }
    out[i] = { cols, vals };
  }
  return out;
}

/**
 * `mat_ema_alpha_sparse` with a dense α matrix: per row, decayed_j = (1−α_ij)·old_ij (the last
 * old entry of a column wins), then for every entry of `new` (in its order, duplicates included)
 * min(1, decayed_j + max(0, α_ij·new_ij)), kept if > 0. Old bonds in columns absent from `new`
 * vanish. Mismatched row counts return a copy of `new`.
 */
export function matEmaAlphaSparse(next: SparseMatrix, old: SparseMatrix, alpha: readonly (readonly bigint[])[]): SparseMatrix {
  if (next.length !== old.length || next.length !== alpha.length) {
    return next.map((r) => ({ cols: r.cols.slice(), vals: r.vals.slice() }));
  }
  const out: SparseMatrix = new Array(next.length);
  for (let i = 0; i < next.length; i++) {
    const alphaRow = alpha[i]!;
    out[i] = emaAlphaRow(next[i]!, old[i]!, alphaRow.length, (j) => alphaRow[j]!, new ScratchRow(alphaRow.length));
  }
  return out;
}

/**
 * One row of `mat_ema_alpha_sparse`, α looked up per column through `alphaAt` (only for
 * columns < `width` that appear in the new row — the only cells the result depends on).
 */
export function emaAlphaRow(
  nr: SparseRow,
  or: SparseRow,
  width: number,
  alphaAt: (j: number) => bigint,
  oldLast: ScratchRow,
): SparseRow {
  oldLast.reset();
  for (let k = 0; k < or.cols.length; k++) {
    const j = or.cols[k]!;
    if (j < width) oldLast.set(j, or.vals[k]!);
  }
  const cols: number[] = [];
  const vals: bigint[] = [];
  for (let k = 0; k < nr.cols.length; k++) {
    const j = nr.cols[k]!;
    if (j >= width) continue;
    const a = alphaAt(j);
    const decayed = oldLast.has(j) ? satMul(satSub(ONE, a), oldLast.values[j]!) : 0n;
    const prod = satMul(a, nr.vals[k]!);
    const inc = prod > 0n ? prod : 0n;
    const sum = satAdd(decayed, inc);
    const v = sum < ONE ? sum : ONE;
    if (v > 0n) {
      cols.push(j);
      vals.push(v);
    }
  }
  return { cols, vals };
}
