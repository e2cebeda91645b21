/**
 * Stake-weighted median (consensus) of subtensor `epoch/math.rs`: `weighted_median` (mid-pivot
 * partition search), `weighted_median_col` (dense) and `weighted_median_col_sparse` (on chain).
 */
import { I32F32 } from '../../../../primitives/fixed/index.ts';
import { inplaceNormalize, sum } from './math-vector.ts';
import type { SparseMatrix } from './sparse.ts';

const satAdd = I32F32.saturatingAdd;
const satSub = I32F32.saturatingSub;

/**
 * `weighted_median(stake, score, partition_idx, minority, lo, hi)`: repeatedly pivots on the
 * score at the middle position of the current index list; the stake strictly below/above the
 * pivot decides which side to keep, until the pivot is the answer. Gives 0 for an empty
 * partition, for mismatched lengths, or when the iteration cap (the partition's length) is hit.
 */
export function weightedMedian(
  stake: readonly bigint[],
  score: readonly bigint[],
  partitionIdx: readonly number[],
  minority: bigint,
  partitionLo: bigint,
  partitionHi: bigint,
): bigint {
  if (stake.length !== score.length) return 0n;
  const limit = partitionIdx.length;
  let current: number[] = partitionIdx.slice();
  let lo = partitionLo;
  let hi = partitionHi;
  let iterations = 0;
  for (;;) {
    const n = current.length;
    if (n === 0) return 0n;
    if (n === 1) return score[current[0]!] ?? 0n;
    const pivot = score[current[n >>> 1]!] ?? 0n;
    let loStake = 0n;
    let hiStake = 0n;
    const lower: number[] = [];
    const upper: number[] = [];
    for (let t = 0; t < n; t++) {
      const idx = current[t]!;
      const s = score[idx] ?? 0n;
      if (s === pivot) continue;
      if (s < pivot) {
        loStake = satAdd(loStake, stake[idx] ?? 0n);
        lower.push(idx);
      } else {
        hiStake = satAdd(hiStake, stake[idx] ?? 0n);
        upper.push(idx);
      }
    }
    const loEdge = satAdd(lo, loStake);
    const hiEdge = satSub(hi, hiStake);
    if (minority < loEdge && lower.length > 0) {
      current = lower;
      hi = loEdge;
    } else if (hiEdge <= minority && upper.length > 0) {
      current = upper;
      lo = hiEdge;
    } else {
      return pivot;
    }
    iterations++;
    if (iterations > limit) return 0n;
  }
}

/**
 * `weighted_median_col`: per column of a dense score matrix, the median over rows with positive
 * stake (re-normalized), with minority = Σstake − majority. Rows of the wrong width count as
 * zero stake and zero score.
 */
export function weightedMedianCol(stake: readonly bigint[], score: readonly (readonly bigint[])[], majority: bigint): bigint[] {
  const columns = score.length > 0 ? score[0]!.length : 0;
  const median = new Array<bigint>(columns).fill(0n);
  for (let c = 0; c < columns; c++) {
    const useStake: bigint[] = [];
    const useScore: bigint[] = [];
    for (let r = 0; r < stake.length; r++) {
      const st = stake[r]!;
      if (st <= 0n) continue;
      const row = score[r];
      if (row !== undefined && row.length === columns) {
        useStake.push(st);
        useScore.push(row[c] ?? 0n);
      } else {
        useStake.push(0n);
        useScore.push(0n);
      }
    }
    if (useStake.length > 0) {
      inplaceNormalize(useStake);
      const stakeSum = sum(useStake);
      const minority = satSub(stakeSum, majority);
      const idxs = useStake.map((_, i) => i);
      median[c] = weightedMedian(useStake, useScore, idxs, minority, 0n, stakeSum);
    }
  }
  return median;
}

/**
 * `weighted_median_col_sparse` (consensus in the on-chain epoch): validators with positive stake,
 * re-normalized; a validator without an entry in a column scores 0 there; entries of columns
 * ≥ `columns` are ignored and a later duplicate overwrites an earlier one.
 */
export function weightedMedianColSparse(
  stake: readonly bigint[],
  score: SparseMatrix,
  columns: number,
  majority: bigint,
): bigint[] {
  const useStake: bigint[] = [];
  for (const s of stake) if (s > 0n) useStake.push(s);
  inplaceNormalize(useStake);
  const stakeSum = sum(useStake);
  const minority = satSub(stakeSum, majority);
  const k = useStake.length;
  const stakeIdx = useStake.map((_, i) => i);

  const useScore: bigint[][] = new Array(columns);
  for (let c = 0; c < columns; c++) useScore[c] = new Array<bigint>(k).fill(0n);
  let pos = 0;
  const rows = Math.min(stake.length, score.length);
  for (let r = 0; r < rows; r++) {
    if (stake[r]! > 0n) {
      const row = score[r]!;
      for (let t = 0; t < row.cols.length; t++) {
        const c = row.cols[t]!;
        if (c < columns) useScore[c]![pos] = row.vals[t]!;
      }
      pos++;
    }
  }

  const median = new Array<bigint>(columns);
  for (let c = 0; c < columns; c++) {
    median[c] = weightedMedian(useStake, useScore[c]!, stakeIdx, minority, 0n, stakeSum);
  }
  return median;
}
