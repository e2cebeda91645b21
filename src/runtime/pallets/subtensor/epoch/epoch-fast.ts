/**
 * The weight/bond part of the epoch (`epochCoreBigInt` in epoch.ts) on exact doubles: the same
 * I32F32 raw bits, held as integer-valued numbers, combined with the exact kernels of
 * exact-double.ts. Values stay proportions (raw ≤ ~2^33) except u16 weight/bond integers, whose
 * row/column normalization is done on the integers (⌊w·2^32/Σw⌋ — the common 2^32 of subtensor's
 * raw operands cancels exactly). Any value outside the proven ranges throws `UnsafeForDoubles`
 * and the caller reruns the BigInt reference, so results are bit-identical either way.
 *
 * Step order and masking follow `epoch_mechanism` exactly; see epoch.ts for the reference.
 */
import { alphaFromDistance, disabledLiquidAlpha, normalEmaAlpha, sigmoidSlope } from './liquid-alpha.ts';
import { divFx as divFxImported, mulFx as mulFxImported, proportionToU16, toDouble, unsafe } from './exact-double.ts';
import { u16ProportionToFixed } from './math-vector.ts';
import type { EpochCore, EpochInput, PreparedEpoch } from './types.ts';

const ONE = 4294967296;
const TWO31 = 2147483648;
// module-local bindings: calls in the hot loops go straight to the functions
const mulFx = mulFxImported;
const divFx = divFxImported;

interface Row {
  cols: number[];
  vals: number[];
}

/** A dense row of doubles reused across rows; a stamp per cell marks the cells a row touched. */
class Scratch {
  readonly values: Float64Array;
  readonly stamp: Int32Array;
  readonly touched: number[] = [];
  private gen = 0;
  constructor(size: number) {
    this.values = new Float64Array(size);
    this.stamp = new Int32Array(size);
  }
  reset(): void {
    this.gen++;
    this.touched.length = 0;
  }
  has(j: number): boolean {
    return this.stamp[j] === this.gen;
  }
  get(j: number): number {
    return this.stamp[j] === this.gen ? this.values[j]! : 0;
  }
  set(j: number, v: number): void {
    if (this.stamp[j] !== this.gen) {
      this.stamp[j] = this.gen;
      this.touched.push(j);
    }
    this.values[j] = v;
  }
  sorted(): number[] {
    return this.touched.sort((a, b) => a - b);
  }
}

function sumOf(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]!;
  return s;
}

/** `inplace_normalize` (values ≥ 0). */
function normalizeInPlace(v: number[]): void {
  const s = sumOf(v);
  if (s === 0) return;
  for (let i = 0; i < v.length; i++) v[i] = divFx(v[i]!, s);
}

/** `inplace_col_normalize_sparse` over `n` columns (values ≥ 0). */
function colNormalize(m: Row[], n: number): void {
  const colSum = new Float64Array(n);
  for (const r of m) for (let k = 0; k < r.cols.length; k++) if (r.cols[k]! < n) colSum[r.cols[k]!]! += r.vals[k]!;
  for (const r of m) {
    for (let k = 0; k < r.cols.length; k++) {
      const j = r.cols[k]!;
      const d = j < n ? colSum[j]! : 0;
      if (d !== 0) r.vals[k] = divFx(r.vals[k]!, d);
    }
  }
}

/** `mat_ema_sparse(new, old, α)` (rows = new.length, the matrix taken as square). */
function matEma(next: Row[], old: Row[], alpha: number): Row[] {
  const n = next.length;
  const oneMinusAlpha = ONE - alpha;
  const acc = new Scratch(n);
  return next.map((nr, i) => {
    acc.reset();
    for (let k = 0; k < nr.cols.length; k++) {
      const j = nr.cols[k]!;
      if (j < n) acc.set(j, acc.get(j) + mulFx(alpha, nr.vals[k]!));
    }
    const or = old[i];
    if (or) {
      for (let k = 0; k < or.cols.length; k++) {
        const j = or.cols[k]!;
        if (j < n) acc.set(j, acc.get(j) + mulFx(oneMinusAlpha, or.vals[k]!));
      }
    }
    const out: Row = { cols: [], vals: [] };
    for (const j of acc.sorted()) {
      const v = acc.values[j]!;
      if (v > 0) {
        out.cols.push(j);
        out.vals.push(v);
      }
    }
    return out;
  });
}

/** `weighted_median` on doubles, with reusable index buffers. */
function weightedMedian(
  stake: ArrayLike<number>,
  score: Float64Array,
  k: number,
  minority: number,
  partitionHi: number,
  buffers: [Int32Array, Int32Array, Int32Array],
): number {
  let [cur, lower, upper] = buffers;
  for (let t = 0; t < k; t++) cur[t] = t;
  let len = k;
  let lo = 0;
  let hi = partitionHi;
  let iterations = 0;
  for (;;) {
    if (len === 0) return 0;
    if (len === 1) return score[cur[0]!]!;
    const pivot = score[cur[len >>> 1]!]!;
    let loStake = 0;
    let hiStake = 0;
    let nl = 0;
    let nu = 0;
    for (let t = 0; t < len; t++) {
      const idx = cur[t]!;
      const s = score[idx]!;
      if (s === pivot) continue;
      if (s < pivot) {
        loStake += stake[idx]!;
        lower[nl++] = idx;
      } else {
        hiStake += stake[idx]!;
        upper[nu++] = idx;
      }
    }
    if (minority < lo + loStake && nl > 0) {
      [cur, lower] = [lower, cur];
      len = nl;
      hi = lo + loStake;
    } else if (hi - hiStake <= minority && nu > 0) {
      [cur, upper] = [upper, cur];
      len = nu;
      lo = hi - hiStake;
    } else {
      return pivot;
    }
    iterations++;
    if (iterations > k) return 0;
  }
}

/** `weighted_median_col_sparse` with the scores gathered per column (a transposed copy). */
function consensusOf(activeStake: number[], weights: Row[], n: number, kappa: number): number[] {
  const useStake: number[] = [];
  const pos = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    if (activeStake[i]! > 0) {
      pos[i] = useStake.length;
      useStake.push(activeStake[i]!);
    }
  }
  normalizeInPlace(useStake);
  const stakeSum = sumOf(useStake);
  const minority = stakeSum - kappa;
  const k = useStake.length;
  const consensus = new Array<number>(n).fill(0);
  if (k === 0) return consensus;

  // column-major copy of the validators' entries, in row order (a later duplicate overwrites)
  const count = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    if (pos[i]! < 0) continue;
    for (const j of weights[i]!.cols) if (j < n) count[j + 1]!++;
  }
  for (let j = 0; j < n; j++) count[j + 1]! += count[j]!;
  const fill = count.slice(0, n);
  const colPos = new Int32Array(count[n]!);
  const colVal = new Float64Array(count[n]!);
  for (let i = 0; i < n; i++) {
    if (pos[i]! < 0) continue;
    const r = weights[i]!;
    for (let t = 0; t < r.cols.length; t++) {
      const j = r.cols[t]!;
      if (j < n) {
        colPos[fill[j]!] = pos[i]!;
        colVal[fill[j]!] = r.vals[t]!;
        fill[j]!++;
      }
    }
  }
  const score = new Float64Array(k);
  const buffers: [Int32Array, Int32Array, Int32Array] = [new Int32Array(k), new Int32Array(k), new Int32Array(k)];
  for (let j = 0; j < n; j++) {
    const from = count[j]!;
    const to = count[j + 1]!;
    if (from === to) continue; // every score 0 → the median is 0
    for (let t = from; t < to; t++) score[colPos[t]!] = colVal[t]!;
    consensus[j] = weightedMedian(useStake, score, k, minority, stakeSum, buffers);
    for (let t = from; t < to; t++) score[colPos[t]!] = 0;
  }
  return consensus;
}

/** Entries of a row that subtensor's sorted-merge walk can see (see liquid-alpha.ts). */
function visible(row: Row, width: number, into: Scratch): void {
  into.reset();
  let runningMax = -1;
  for (let k = 0; k < row.cols.length; k++) {
    const j = row.cols[k]!;
    if (j > runningMax) {
      if (j < width) into.set(j, row.vals[k]!);
      runningMax = j;
    }
  }
}

export function epochCoreDouble(input: EpochInput, p: PreparedEpoch): EpochCore {
  const n = p.n;
  const bar = p.blockAtRegistration;
  const forbids = p.validatorForbids;
  const ownerUid = input.ownerUid;
  const A = p.activeStake.map(toDouble);
  for (const a of A) if (a < 0 || a > ONE * 2) unsafe('active stake out of range');

  // == Weights: permit rows, diagonal, outdated and commit-reveal masks, row normalization ==
  const weights: Row[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const out: Row = { cols: [], vals: [] };
    weights[i] = out;
    const row = i < forbids.length && !forbids[i] ? input.weights[i] : undefined;
    if (!row) continue;
    const updated = p.lastUpdate[i] ?? 0n;
    const commit = p.commitBlocks ? p.commitBlocks[i]! : undefined;
    let total = 0;
    for (let t = 0; t < row.length; t++) {
      const entry = row[t]!;
      const j = entry[0];
      const w = entry[1];
      if (j >= n) continue;
      if (j === i && i !== ownerUid) continue;
      if (updated <= bar[j]!) continue;
      if (commit !== undefined && commit < bar[j]!) continue;
      out.cols.push(j);
      out.vals.push(w);
      total += w;
    }
    if (total >= TWO31) unsafe('weight row sum wraps I32F32');
    for (let k = 0; k < out.vals.length; k++) out.vals[k] = total > 0 ? divFx(out.vals[k]!, total) : 0;
  }

  // == Consensus, validator trust, incentive ==
  const consensus = consensusOf(A, weights, n, Number(p.kappa));
  const validatorTrust = new Array<number>(n).fill(0);
  const incentive = new Array<number>(n).fill(0);
  const clipped: Row[] = weights.map((r, i) => {
    const out: Row = { cols: [], vals: [] };
    let trust = 0;
    for (let k = 0; k < r.cols.length; k++) {
      const j = r.cols[k]!;
      const v = r.vals[k]!;
      const th = consensus[j]!;
      const c = th < v ? th : v;
      if (th < v && th <= 0) continue;
      out.cols.push(j);
      out.vals.push(c);
      trust += c;
      incentive[j] = incentive[j]! + mulFx(A[i]!, c);
    }
    validatorTrust[i] = trust;
    return out;
  });
  normalizeInPlace(incentive);

  // == Weights for bonds (bonds penalty) ==
  const beta = Number(p.bondsPenalty);
  let weightsForBonds: Row[];
  if (beta === 0) weightsForBonds = weights;
  else if (beta === ONE) weightsForBonds = clipped;
  else {
    const a = new Scratch(n);
    const b = new Scratch(n);
    weightsForBonds = weights.map((r1, i) => {
      const r2 = clipped[i]!;
      a.reset();
      b.reset();
      for (let k = 0; k < r1.cols.length; k++) a.set(r1.cols[k]!, r1.vals[k]!);
      for (let k = 0; k < r2.cols.length; k++) b.set(r2.cols[k]!, r2.vals[k]!);
      const cols = new Set<number>([...a.touched, ...b.touched]);
      const out: Row = { cols: [], vals: [] };
      for (const j of [...cols].sort((x, y) => x - y)) {
        const v1 = a.get(j);
        const v = v1 + mulFx(beta, b.get(j) - v1);
        if (v > 0) {
          out.cols.push(j);
          out.vals.push(v);
        }
      }
      return out;
    });
  }

  // == Bonds and dividends ==
  const lastTempo = p.lastTempo;
  const recent = (j: number): boolean => lastTempo <= (j < n ? bar[j]! : 0n);
  let dividends: number[];
  let ema: Row[];
  if (input.yuma3) {
    const bonds: Row[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const out: Row = { cols: [], vals: [] };
      for (const [j, b] of input.bonds[i] ?? []) {
        if (recent(j)) continue;
        out.cols.push(j);
        out.vals.push(divFx(b, 65535));
      }
      bonds[i] = out;
    }
    if (input.liquidAlpha && consensus.some((c) => c !== 0)) {
      const lo = u16ProportionToFixed(input.alphaLow);
      const hi = u16ProportionToFixed(input.alphaHigh);
      const slope = sigmoidSlope(BigInt(input.alphaSigmoidSteepness) << 32n);
      // α depends on the cell only through the clamped buy/sell distance: cache per distance
      const alphaOfDistance = new Map<number, number>();
      const w = new Scratch(n);
      const bv = new Scratch(n);
      const alphaCache = new Scratch(n);
      const oldLast = new Scratch(n);
      ema = weightsForBonds.map((wr, i) => {
        const br = bonds[i]!;
        visible(wr, n, w);
        visible(br, n, bv);
        alphaCache.reset();
        oldLast.reset();
        for (let k = 0; k < br.cols.length; k++) if (br.cols[k]! < n) oldLast.set(br.cols[k]!, br.vals[k]!);
        const out: Row = { cols: [], vals: [] };
        for (let k = 0; k < wr.cols.length; k++) {
          const j = wr.cols[k]!;
          if (j >= n) continue;
          let a: number;
          if (alphaCache.has(j)) a = alphaCache.values[j]!;
          else {
            const wj = w.get(j);
            const bj = bv.get(j);
            const raw = wj >= bj ? wj - consensus[j]! : bj - wj;
            const distance = raw < 0 ? 0 : raw > ONE ? ONE : raw;
            const cached = alphaOfDistance.get(distance);
            if (cached !== undefined) a = cached;
            else {
              a = Number(alphaFromDistance(BigInt(distance), lo, hi, slope));
              alphaOfDistance.set(distance, a);
            }
            alphaCache.set(j, a);
          }
          const decayed = oldLast.has(j) ? mulFx(ONE - a, oldLast.values[j]!) : 0;
          const prod = mulFx(a, wr.vals[k]!);
          const s = decayed + (prod > 0 ? prod : 0);
          const v = s < ONE ? s : ONE;
          if (v > 0) {
            out.cols.push(j);
            out.vals.push(v);
          }
        }
        return out;
      });
    } else {
      ema = matEma(weightsForBonds, bonds, toDouble(disabledLiquidAlpha(input.bondsMovingAverage)));
    }
    const emaNorm = ema.map((r) => ({ cols: r.cols, vals: r.vals.slice() }));
    colNormalize(emaNorm, n);
    dividends = emaNorm.map((r, i) => {
      let total = 0;
      for (let k = 0; k < r.cols.length; k++) if (r.cols[k]! < n) total += mulFx(r.vals[k]!, incentive[r.cols[k]!]!);
      return mulFx(total, A[i]!);
    });
    normalizeInPlace(dividends);
  } else {
    // bonds as u16 integers; column sums on the integers (no I32F32 saturation below 2^31)
    const colSum = new Float64Array(n);
    const bondRows: Array<{ cols: number[]; ints: number[] }> = new Array(n);
    for (let i = 0; i < n; i++) {
      const out = { cols: [] as number[], ints: [] as number[] };
      for (const [j, b] of input.bonds[i] ?? []) {
        if (recent(j)) continue;
        out.cols.push(j);
        out.ints.push(b);
        if (j < n) colSum[j]! += b;
      }
      bondRows[i] = out;
    }
    for (const s of colSum) if (s >= TWO31) unsafe('bond column sum saturates I32F32');
    const bonds: Row[] = bondRows.map((r) => ({
      cols: r.cols,
      vals: r.ints.map((b, k) => {
        const j = r.cols[k]!;
        return j < n && colSum[j] !== 0 ? divFx(b, colSum[j]!) : b * ONE;
      }),
    }));
    const delta: Row[] = weightsForBonds.map((r, i) => ({ cols: r.cols, vals: r.vals.map((v) => mulFx(v, A[i]!)) }));
    colNormalize(delta, n);
    ema = matEma(delta, bonds, toDouble(normalEmaAlpha(input.bondsMovingAverage)));
    colNormalize(ema, n);
    dividends = ema.map((r) => {
      let acc = 0;
      for (let k = 0; k < r.cols.length; k++) if (r.cols[k]! < n) acc += mulFx(incentive[r.cols[k]!]!, r.vals[k]!);
      return acc;
    });
    normalizeInPlace(dividends);
    const colMax = new Float64Array(n);
    for (const r of ema) for (let k = 0; k < r.cols.length; k++) if (colMax[r.cols[k]!]! < r.vals[k]!) colMax[r.cols[k]!] = r.vals[k]!;
    for (const r of ema) for (let k = 0; k < r.cols.length; k++) if (colMax[r.cols[k]!] !== 0) r.vals[k] = divFx(r.vals[k]!, colMax[r.cols[k]!]!);
  }

  const big = (v: number[]): bigint[] => v.map((x) => BigInt(x));
  const pairs = (m: Row[]): Array<Array<[number, bigint]>> => m.map((r) => r.cols.map((j, k): [number, bigint] => [j, BigInt(r.vals[k]!)]));
  const finalEma = ema;
  return {
    consensus: big(consensus),
    validatorTrust: big(validatorTrust),
    incentive: big(incentive),
    dividends: big(dividends),
    bondsU16: finalEma.map((r) => r.cols.map((j, k): [number, number] => [j, proportionToU16(r.vals[k]!)])),
    debugWeights: () => pairs(weights),
    debugEmaBonds: () => pairs(finalEma),
  };
}
