/**
 * Yuma Consensus epoch time: npx tsx bench/epoch.ts
 * The exact fixed-point epoch (`runEpoch`, BigInt I32F32) against the same pipeline in plain
 * float64 (written below), median of repeated runs, on 256 UIDs (64 validators) and 4,096 UIDs.
 * Prints figures only; no assertions.
 */
import { performance } from 'node:perf_hooks';
import { runEpoch, type EpochInput } from '../src/runtime/pallets/subtensor/epoch/index.ts';

// ---- inputs ------------------------------------------------------------------------------------

function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

interface Scenario {
  label: string;
  n: number;
  validators: number;
  liquidAlpha: boolean;
  runs: number;
}

/** A subnet in steady state: validators hold permits and weight every miner; bonds from a previous epoch. */
function makeInput(s: Scenario): EpochInput {
  const rnd = lcg(42 + s.n + s.validators);
  const n = s.n;
  const currentBlock = 1_000_000n;
  const uids = Array.from({ length: n }, (_, i) => i);
  const isValidator = (i: number): boolean => i < s.validators;
  const miners = uids.filter((i) => !isValidator(i));
  const weights = uids.map((i) => (isValidator(i) ? miners.map((j) => [j, 1 + Math.floor(rnd() * 65535)] as const) : []));
  const base: EpochInput = {
    n,
    currentBlock,
    tempo: 360,
    activityCutoffFactorMilli: 13889,
    alphaStake: uids.map((i) => (isValidator(i) ? BigInt(Math.floor(1e12 + rnd() * 1e15)) : BigInt(Math.floor(rnd() * 1e9)))),
    taoStake: uids.map((i) => (isValidator(i) ? BigInt(Math.floor(rnd() * 1e13)) : 0n)),
    taoWeight: 971_718_665_099_567_868n,
    stakeThreshold: 0n,
    lastUpdate: uids.map((i) => (isValidator(i) ? currentBlock - BigInt(Math.floor(rnd() * 300)) : 900_000n)),
    blockAtRegistration: uids.map(() => BigInt(Math.floor(rnd() * 800_000))),
    validatorPermit: uids.map(isValidator),
    maxAllowedValidators: s.validators,
    ownerUid: null,
    weights,
    bonds: [],
    kappa: 32767,
    bondsPenalty: 65535,
    bondsMovingAverage: 900_000n,
    yuma3: true,
    liquidAlpha: s.liquidAlpha,
    alphaLow: 45875,
    alphaHigh: 58982,
    alphaSigmoidSteepness: 1000,
    lastMechanismStepBlock: currentBlock - 360n,
    commitRevealEnabled: false,
    commitBlocks: [],
    raoEmission: 1_000_000_000_000n,
  };
  // one epoch to get realistic bonds, then perturb the weights a little
  const warm = runEpoch(base);
  return {
    ...base,
    bonds: warm.bonds,
    validatorPermit: warm.validatorPermit,
    weights: weights.map((row) => row.map(([j, w]) => [j, rnd() < 0.2 ? Math.floor(rnd() * 65536) : w] as const)),
  };
}

// ---- the same pipeline in float64 (Yuma3, sparse, on-chain order of steps) ---------------------------

interface FloatRow {
  cols: Int32Array;
  vals: Float64Array;
}

function normalizeF(x: Float64Array): void {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  if (s !== 0) for (let i = 0; i < x.length; i++) x[i]! /= s;
}

function weightedMedianF(stake: Float64Array, score: Float64Array, idx0: Int32Array, minority: number, lo0: number, hi0: number): number {
  let current = idx0;
  let lo = lo0;
  let hi = hi0;
  const limit = idx0.length;
  for (let it = 0; ; it++) {
    const n = current.length;
    if (n === 0) return 0;
    if (n === 1) return score[current[0]!]!;
    const pivot = score[current[n >>> 1]!]!;
    let loStake = 0;
    let hiStake = 0;
    const lower: number[] = [];
    const upper: number[] = [];
    for (let t = 0; t < n; t++) {
      const k = current[t]!;
      const v = score[k]!;
      if (v === pivot) continue;
      if (v < pivot) (loStake += stake[k]!, lower.push(k));
      else (hiStake += stake[k]!, upper.push(k));
    }
    if (minority < lo + loStake && lower.length > 0) {
      current = Int32Array.from(lower);
      hi = lo + loStake;
    } else if (hi - hiStake <= minority && upper.length > 0) {
      current = Int32Array.from(upper);
      lo = hi - hiStake;
    } else return pivot;
    if (it + 1 > limit) return 0;
  }
}

function epochF64(input: EpochInput): { incentive: Float64Array; dividends: Float64Array; emission: Float64Array } {
  const n = input.n;
  const cutoff = Math.max(1, Math.floor((input.activityCutoffFactorMilli * input.tempo) / 1000));
  const block = Number(input.currentBlock);
  const tw = Number(input.taoWeight) / 18446744073709551615;
  const stake = new Float64Array(n);
  for (let i = 0; i < n; i++) stake[i] = Number(input.alphaStake[i]!) + Number(input.taoStake[i]!) * tw;
  normalizeF(stake);
  const active = new Float64Array(stake);
  const permit = input.validatorPermit;
  for (let i = 0; i < n; i++) if (Number(input.lastUpdate[i]!) + cutoff < block || !permit[i]) active[i] = 0;
  normalizeF(active);
  const reg = input.blockAtRegistration.map(Number);
  // weights: permit rows, no diagonal, not outdated, row-normalized
  const w: FloatRow[] = [];
  for (let i = 0; i < n; i++) {
    const row = permit[i] ? (input.weights[i] ?? []) : [];
    const lu = Number(input.lastUpdate[i]!);
    const cols: number[] = [];
    const vals: number[] = [];
    let s = 0;
    for (const [j, v] of row) {
      if (j === i || j >= n || lu <= reg[j]!) continue;
      cols.push(j);
      vals.push(v);
      s += v;
    }
    const fv = Float64Array.from(vals);
    if (s > 0) for (let k = 0; k < fv.length; k++) fv[k]! /= s;
    w.push({ cols: Int32Array.from(cols), vals: fv });
  }
  // consensus
  const kappa = input.kappa / 65535;
  const useIdx: number[] = [];
  for (let i = 0; i < n; i++) if (active[i]! > 0) useIdx.push(i);
  const useStake = Float64Array.from(useIdx.map((i) => active[i]!));
  normalizeF(useStake);
  let stakeSum = 0;
  for (const v of useStake) stakeSum += v;
  const minority = stakeSum - kappa;
  const k = useIdx.length;
  const scores = new Float64Array(n * k);
  useIdx.forEach((i, pos) => {
    const r = w[i]!;
    for (let t = 0; t < r.cols.length; t++) scores[r.cols[t]! * k + pos] = r.vals[t]!;
  });
  const idx0 = Int32Array.from({ length: k }, (_, i) => i);
  const consensus = new Float64Array(n);
  for (let j = 0; j < n; j++) consensus[j] = weightedMedianF(useStake, scores.subarray(j * k, (j + 1) * k), idx0, minority, 0, stakeSum);
  // clip, incentive
  const incentive = new Float64Array(n);
  const clipped: FloatRow[] = w.map((r, i) => {
    const vals = new Float64Array(r.vals.length);
    for (let t = 0; t < r.cols.length; t++) {
      const c = consensus[r.cols[t]!]!;
      vals[t] = r.vals[t]! > c ? c : r.vals[t]!;
      incentive[r.cols[t]!]! += active[i]! * vals[t]!;
    }
    return { cols: r.cols, vals };
  });
  normalizeF(incentive);
  // bonds (Yuma3): EMA with fixed or liquid α over the clipped weights (bonds penalty 1)
  const lastTempo = Number(input.lastMechanismStepBlock) + 1;
  const alphaLow = input.alphaLow / 65535;
  const alphaHigh = input.alphaHigh / 65535;
  const steep = input.alphaSigmoidSteepness;
  const fixedAlpha = 1 - Number(input.bondsMovingAverage) / 1e6;
  const liquid = input.liquidAlpha && consensus.some((c) => c !== 0);
  const oldB = new Float64Array(n);
  const ema: FloatRow[] = clipped.map((r, i) => {
    oldB.fill(0);
    for (const [j, b] of input.bonds[i] ?? []) if (j < n && !(lastTempo <= reg[j]!)) oldB[j] = b / 65535;
    const vals = new Float64Array(r.cols.length);
    for (let t = 0; t < r.cols.length; t++) {
      const j = r.cols[t]!;
      const wv = r.vals[t]!;
      const b = oldB[j]!;
      let a = fixedAlpha;
      if (liquid) {
        const diff = wv >= b ? Math.min(Math.max(wv - consensus[j]!, 0), 1) : Math.min(Math.max(b - wv, 0), 1);
        const sig = 1 / (1 + Math.exp(Math.min(20, Math.max(-20, (steep / -100) * (diff - 0.5)))));
        a = Math.min(Math.max(alphaLow + sig * (alphaHigh - alphaLow), alphaLow), alphaHigh);
        vals[t] = Math.min(1, (1 - a) * b + Math.max(0, a * wv));
      } else vals[t] = a * wv + (1 - a) * b;
    }
    return { cols: r.cols, vals };
  });
  const colSum = new Float64Array(n);
  for (const r of ema) for (let t = 0; t < r.cols.length; t++) colSum[r.cols[t]!]! += r.vals[t]!;
  const dividends = new Float64Array(n);
  ema.forEach((r, i) => {
    let s = 0;
    for (let t = 0; t < r.cols.length; t++) {
      const j = r.cols[t]!;
      if (colSum[j]! > 0) s += (r.vals[t]! / colSum[j]!) * incentive[j]!;
    }
    dividends[i] = s * active[i]!;
  });
  normalizeF(dividends);
  const emission = new Float64Array(n);
  let esum = 0;
  for (let i = 0; i < n; i++) esum += incentive[i]! + dividends[i]!;
  const rao = Number(input.raoEmission);
  for (let i = 0; i < n; i++) emission[i] = Math.floor(((incentive[i]! + dividends[i]!) / (esum || 1)) * rao);
  return { incentive, dividends, emission };
}

// ---- timing ------------------------------------------------------------------------------------

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

function time(runs: number, fn: () => void): number {
  fn(); // warm-up
  fn();
  const t: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    fn();
    t.push(performance.now() - start);
  }
  return median(t);
}

const scenarios: Scenario[] = [
  { label: '256 UIDs, 64 validators', n: 256, validators: 64, liquidAlpha: false, runs: 21 },
  { label: '256 UIDs, 64 validators, liquid alpha', n: 256, validators: 64, liquidAlpha: true, runs: 21 },
  { label: '4096 UIDs, 64 validators', n: 4096, validators: 64, liquidAlpha: false, runs: 7 },
  { label: '4096 UIDs, 64 validators, liquid alpha', n: 4096, validators: 64, liquidAlpha: true, runs: 7 },
  { label: '4096 UIDs, 256 validators', n: 4096, validators: 256, liquidAlpha: false, runs: 5 },
];

console.log(`epoch (Yuma3, sparse), median of repeated runs — node ${process.version}`);
console.log('exact = runEpoch (exact doubles, BigInt fallback); bigint = the all-BigInt reference path; f64 = plain float64');
console.log(
  `${'scenario'.padEnd(40)} ${'weights'.padStart(8)} ${'exact ms'.padStart(9)} ${'bigint ms'.padStart(10)} ${'f64 ms'.padStart(7)} ${'exact/f64'.padStart(9)}  max |Δ| incentive / dividends, f64 vs I32F32`,
);
for (const s of scenarios) {
  const input = makeInput(s);
  const entries = input.weights.reduce((a, r) => a + r.length, 0);
  let approx = epochF64(input);
  const exactMs = time(s.runs, () => {
    runEpoch(input);
  });
  const f64Ms = time(s.runs * 4, () => {
    approx = epochF64(input);
  });
  const bigintMs = time(Math.max(3, s.runs >> 2), () => {
    runEpoch(input, { path: 'bigint' });
  });
  const fixedValues = runEpoch(input, { debug: true }).debug!;
  let dInc = 0;
  let dDiv = 0;
  for (let i = 0; i < input.n; i++) {
    dInc = Math.max(dInc, Math.abs(Number(fixedValues.incentive[i]!) / 2 ** 32 - approx.incentive[i]!));
    dDiv = Math.max(dDiv, Math.abs(Number(fixedValues.dividends[i]!) / 2 ** 32 - approx.dividends[i]!));
  }
  console.log(
    `${s.label.padEnd(40)} ${String(entries).padStart(8)} ${exactMs.toFixed(1).padStart(9)} ${bigintMs.toFixed(1).padStart(10)} ${f64Ms.toFixed(1).padStart(7)} ${(exactMs / f64Ms).toFixed(1).padStart(8)}×  ${dInc.toExponential(1)} / ${dDiv.toExponential(1)}`,
  );
}
