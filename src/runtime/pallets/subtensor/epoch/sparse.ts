/**
 * Sparse matrices as subtensor's epoch holds them (`Vec<Vec<(u16, I32F32)>>`): one row per UID,
 * each row a list of (column, value) entries in stored order — not necessarily sorted, duplicates
 * possible. Here a row is two parallel arrays (column numbers and raw I32F32 bits), so loops stay
 * monomorphic and allocate no tuples.
 */

export interface SparseRow {
  /** Column index of each entry (a u16 UID). */
  readonly cols: number[];
  /** Raw bits of each entry's value (I32F32 unless a function says otherwise). */
  readonly vals: bigint[];
}

export type SparseMatrix = SparseRow[];

export function emptyRow(): SparseRow {
  return { cols: [], vals: [] };
}

export function cloneRow(row: SparseRow): SparseRow {
  return { cols: row.cols.slice(), vals: row.vals.slice() };
}

export function cloneSparse(m: SparseMatrix): SparseMatrix {
  return m.map(cloneRow);
}

/** Builds a sparse matrix from rows of `[column, raw bits]` pairs. */
export function sparseFromPairs(rows: ReadonlyArray<ReadonlyArray<readonly [number, bigint]>>): SparseMatrix {
  return rows.map((row) => ({ cols: row.map((e) => e[0]), vals: row.map((e) => e[1]) }));
}

/** The rows as `[column, raw bits]` pairs (tests and debugging). */
export function sparseToPairs(m: SparseMatrix): Array<Array<[number, bigint]>> {
  return m.map((row) => row.cols.map((c, k): [number, bigint] => [c, row.vals[k]!]));
}
