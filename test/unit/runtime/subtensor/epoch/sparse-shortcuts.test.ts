/**
 * Where our sparse kernels take a shortcut over subtensor's literal algorithm (touched columns
 * instead of a dense row; α only for the cells that are read), they must give the same matrix.
 * Each shortcut is checked here against a straight transcription of the Rust loop on random
 * rows that are unsorted, have duplicate columns and columns out of range.
 */
import { describe, expect, it } from 'vitest';
import { expSafe, I32F32 } from '../../../../../src/primitives/fixed/index.ts';
import { expSafeI32F32 } from '../../../../../src/runtime/pallets/subtensor/epoch/liquid-alpha.ts';
import * as m from '../../../../../src/runtime/pallets/subtensor/epoch/math.ts';
import {
  alphaSigmoid,
  computeBondsSparse,
  computeLiquidAlphaValuesSparse,
  disabledLiquidAlpha,
  type SparseMatrix,
} from '../../../../../src/runtime/pallets/subtensor/epoch/index.ts';
import { interpolateSparse, matEmaAlphaSparse, matEmaSparse } from '../../../../../src/runtime/pallets/subtensor/epoch/math.ts';
import { Rng } from './helpers/random.ts';

const ONE = I32F32.ONE;
const { saturatingAdd: add, saturatingSub: sub, saturatingMul: mul } = I32F32;

function randomSparse(r: Rng, rows: number, cols: number, opts: { sorted: boolean }): SparseMatrix {
  return Array.from({ length: rows }, () => {
    const k = r.int(cols + 3);
    const c: number[] = [];
    for (let t = 0; t < k; t++) c.push(r.chance(0.05) ? cols + r.int(3) : r.int(cols));
    if (opts.sorted) c.sort((a, b) => a - b);
    return { cols: c, vals: c.map(() => (r.chance(0.1) ? 0n : r.big(ONE + ONE / 2n))) };
  });
}

/** `mat_ema_sparse` transcribed: dense accumulator row of new.len() cells. */
function matEmaSparseLiteral(next: SparseMatrix, old: SparseMatrix, alpha: bigint): SparseMatrix {
  const n = next.length;
  const oma = sub(ONE, alpha);
  return next.map((nr, i) => {
    const acc = new Array<bigint>(n).fill(0n);
    nr.cols.forEach((j, k) => {
      if (j < n) acc[j] = add(acc[j]!, mul(alpha, nr.vals[k]!));
    });
    const or = old[i];
    or?.cols.forEach((j, k) => {
      if (j < n) acc[j] = add(acc[j]!, mul(oma, or.vals[k]!));
    });
    const out = { cols: [] as number[], vals: [] as bigint[] };
    acc.forEach((v, j) => {
      if (v > 0n) (out.cols.push(j), out.vals.push(v));
    });
    return out;
  });
}

/** `interpolate_sparse` transcribed (general ratio). */
function interpolateLiteral(m1: SparseMatrix, m2: SparseMatrix, columns: number, ratio: bigint): SparseMatrix {
  return m1.map((r1, i) => {
    const a = new Array<bigint>(columns).fill(0n);
    const b = new Array<bigint>(columns).fill(0n);
    r1.cols.forEach((j, k) => {
      if (j < columns) a[j] = r1.vals[k]!;
    });
    m2[i]!.cols.forEach((j, k) => {
      if (j < columns) b[j] = m2[i]!.vals[k]!;
    });
    const out = { cols: [] as number[], vals: [] as bigint[] };
    for (let j = 0; j < columns; j++) {
      const v = add(a[j]!, mul(ratio, sub(b[j]!, a[j]!)));
      if (v > 0n) (out.cols.push(j), out.vals.push(v));
    }
    return out;
  });
}

/** `compute_liquid_alpha_values_sparse` transcribed: the peeking merge walk over each row. */
function liquidAlphaLiteral(w: SparseMatrix, b: SparseMatrix, consensus: bigint[], lo: bigint, hi: bigint, st: bigint): bigint[][] {
  return w.map((wr, i) => {
    const br = b[i]!;
    let wi = 0;
    let bi = 0;
    return consensus.map((c, j) => {
      let weight = 0n;
      while (wi < wr.cols.length) {
        if (wr.cols[wi]! < j) wi++;
        else {
          if (wr.cols[wi] === j) weight = wr.vals[wi]!;
          break;
        }
      }
      let bond = 0n;
      while (bi < br.cols.length) {
        if (br.cols[bi]! < j) bi++;
        else {
          if (br.cols[bi] === j) bond = br.vals[bi]!;
          break;
        }
      }
      return alphaSigmoid(c, weight, bond, lo, hi, st);
    });
  });
}

describe('sparse shortcuts equal the literal algorithms', () => {
  it('mat_ema_sparse', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const r = new Rng(seed);
      const n = 1 + r.int(12);
      const next = randomSparse(r, n, n, { sorted: r.chance(0.5) });
      const old = randomSparse(r, n - r.int(2), n, { sorted: r.chance(0.5) });
      const alpha = r.chance(0.5) ? I32F32.fromNum(0.1) : r.big(ONE);
      expect(matEmaSparse(next, old, alpha), `seed ${seed}`).toEqual(matEmaSparseLiteral(next, old, alpha));
    }
  });

  it('interpolate_sparse', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const r = new Rng(seed);
      const rows = 1 + r.int(10);
      const columns = 1 + r.int(10);
      const m1 = randomSparse(r, rows, columns, { sorted: false });
      const m2 = randomSparse(r, rows, columns, { sorted: false });
      const ratio = 1n + r.big(ONE - 1n);
      expect(interpolateSparse(m1, m2, columns, ratio), `seed ${seed}`).toEqual(interpolateLiteral(m1, m2, columns, ratio));
    }
  });

  it('liquid α: lazy per-cell α == dense α matrix through mat_ema_alpha_sparse (incl. unsorted rows)', () => {
    for (let seed = 1; seed <= 80; seed++) {
      const r = new Rng(seed);
      const n = 1 + r.int(10);
      const w = randomSparse(r, n, n, { sorted: r.chance(0.5) });
      const b = randomSparse(r, n, n, { sorted: r.chance(0.5) });
      const consensus: bigint[] = Array.from({ length: n }, () => (r.chance(0.3) ? 0n : r.big(ONE)));
      if (!consensus.some((c) => c !== 0n)) consensus[0] = 1n;
      const lo = I32F32.fromNum(0.1) + r.big(ONE / 4n);
      const p = { alphaLow: lo, alphaHigh: lo + r.big(ONE / 2n), steepness: BigInt(r.int(2000) - 500) << 32n };
      const dense = computeLiquidAlphaValuesSparse(w, b, consensus, p);
      expect(dense, `α seed ${seed}`).toEqual(liquidAlphaLiteral(w, b, consensus, p.alphaLow, p.alphaHigh, p.steepness));
      const lazy = computeBondsSparse(w, b, consensus, true, p, 900_000n);
      expect(lazy, `bonds seed ${seed}`).toEqual(matEmaAlphaSparse(w, b, dense));
    }
  });

  it('liquid α off, or all consensus zero: mat_ema_sparse with 1 − bma/10⁶', () => {
    const r = new Rng(5);
    const w = randomSparse(r, 6, 6, { sorted: true });
    const b = randomSparse(r, 6, 6, { sorted: true });
    const p = { alphaLow: I32F32.fromNum(0.7), alphaHigh: I32F32.fromNum(0.9), steepness: 1000n << 32n };
    const expected = matEmaSparse(w, b, disabledLiquidAlpha(975_000n));
    expect(computeBondsSparse(w, b, new Array(6).fill(1n << 30n), false, p, 975_000n)).toEqual(expected);
    expect(computeBondsSparse(w, b, new Array(6).fill(0n), true, p, 975_000n)).toEqual(expected);
  });
});

describe('alpha_sigmoid', () => {
  it('stays within [alpha_low, alpha_high] and is the midpoint when the distance is ½', () => {
    const lo = I32F32.fromNum(0.1);
    const hi = I32F32.fromNum(0.3);
    const st = 1000n << 32n;
    for (const [c, w, b] of [
      [0n, ONE, 0n],
      [ONE, 0n, ONE],
      [ONE / 2n, ONE / 2n, 0n],
    ] as const) {
      const a = alphaSigmoid(c, w, b, lo, hi, st);
      expect(a >= lo && a <= hi).toBe(true);
    }
    // weight − consensus = ½ → exponent 0 → sigmoid ½ → α = low + (high − low)/2
    const mid = alphaSigmoid(0n, ONE / 2n, 0n, lo, hi, st);
    expect(mid).toBe(lo + I32F32.mul(I32F32.div(ONE, 2n * ONE), hi - lo));
  });
});

describe('expSafeI32F32 (early-exit Taylor series)', () => {
  it('equals substrate_fixed exp_safe bit for bit on [−25, 25]', () => {
    const r = new Rng(21);
    const inputs: bigint[] = [0n, ONE, -ONE, 20n << 32n, -(20n << 32n), (20n << 32n) + 1n, -(20n << 32n) - 1n, I32F32.MAX, I32F32.MIN];
    for (let t = 0; t < 20_000; t++) inputs.push(r.big(50n << 32n) - (25n << 32n));
    for (let t = 0; t < 2_000; t++) inputs.push(r.big(1n << 33n) - (1n << 32n));
    for (const x of inputs) expect(expSafeI32F32(x), `x = ${x}`).toBe(expSafe(x));
  });

  it('alpha_sigmoid via the distance equals the formula on the crate exp', () => {
    const r = new Rng(22);
    const lo = I32F32.fromNum(0.1);
    const hi = I32F32.fromNum(0.3);
    for (let t = 0; t < 5_000; t++) {
      const st = BigInt(r.int(65536) - 32768) << 32n;
      const c = r.big(ONE);
      const w = r.big(ONE);
      const b = r.big(ONE);
      const diff = w >= b ? m.clampValue(sub(w, c), 0n, ONE) : m.clampValue(sub(b, w), 0n, ONE);
      const z = mul(I32F32.saturatingDiv(st, -100n << 32n), sub(diff, 1n << 31n));
      const sig = I32F32.saturatingDiv(ONE, add(ONE, expSafe(z)));
      const want = m.clampValue(add(lo, mul(sig, sub(hi, lo))), lo, hi);
      expect(alphaSigmoid(c, w, b, lo, hi, st)).toBe(want);
    }
  });
});
