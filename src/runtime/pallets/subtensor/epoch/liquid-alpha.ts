/**
 * Bond EMA of the Yuma3 branch (`run_epoch.rs`: `compute_bonds_sparse`,
 * `compute_liquid_alpha_values_sparse`, `alpha_sigmoid`, `compute_disabled_liquid_alpha`,
 * `compute_ema_bonds_normal_sparse`).
 *
 * Subtensor builds a dense n×n matrix of per-cell α and then only reads the cells whose column
 * appears in the validator's weight row. We compute α lazily for exactly those cells — the same
 * numbers without n² sigmoid evaluations. The weight and bond a cell's α sees are what
 * subtensor's merge walk over the (assumed sorted) row finds: only entries whose column exceeds
 * every earlier column in the row are visible (all of them for a sorted row without duplicates).
 */
import { I32F32, I64F64 } from '../../../../primitives/fixed/index.ts';
import { clampValue } from './math-vector.ts';
import { emaAlphaRow, matEmaSparse, ScratchRow } from './math-sparse.ts';
import { matEma, matEmaAlpha } from './math-dense.ts';
import type { SparseMatrix, SparseRow } from './sparse.ts';

const ONE = I32F32.ONE;
const HALF = 1n << 31n;
const MINUS_100 = -100n << 32n;
const satAdd = I32F32.saturatingAdd;
const satSub = I32F32.saturatingSub;
const satMul = I32F32.saturatingMul;
const satDiv = I32F32.saturatingDiv;

export interface LiquidAlphaParams {
  /** `AlphaValues` low as I32F32 (u16 / 65535). */
  readonly alphaLow: bigint;
  /** `AlphaValues` high as I32F32. */
  readonly alphaHigh: bigint;
  /** `AlphaSigmoidSteepness` as I32F32 (the i16 itself). */
  readonly steepness: bigint;
}

/** e in I32F32 as the crate's `exp(1)` returns it: its I9F23 constant (e truncated to 2⁻²³), widened. */
const E_AS_I32F32 = (0xadf85458a2bb4a9aafdc5620273d3cf1n >> 103n) << 9n;
const TWENTY = 20n << 32n;

/**
 * `exp_safe` for I32F32, specialised: the same Taylor series as substrate_fixed's `exp` (floor
 * multiply, truncating divide, i = 2 … 31, 1/exp(|x|) for x < 0, e as its 23-bit constant), with
 * the input clamped to [−20, 20] where no step can overflow, so the error branches are
 * unreachable; the loop stops once a term is 0 (every later term is 0 too).
 */
export function expSafeI32F32(input: bigint): bigint {
  const x = input < -TWENTY ? -TWENTY : input > TWENTY ? TWENTY : input;
  if (x === 0n) return ONE;
  if (x === ONE) return E_AS_I32F32;
  const operand = x < 0n ? -x : x;
  let result = operand + ONE;
  let term = operand;
  for (let i = 2n; i < 32n; i++) {
    term = (term * operand) >> 32n;
    term = term / i;
    if (term === 0n) break;
    result += term;
  }
  return x < 0n ? (ONE << 32n) / result : result;
}

/** The buy/sell distance `alpha_sigmoid` feeds into the sigmoid: clamp(w − c) or clamp(b − w) to [0, 1]. */
export function liquidAlphaDistance(consensus: bigint, weight: bigint, bond: bigint): bigint {
  return weight >= bond ? clampValue(satSub(weight, consensus), 0n, ONE) : clampValue(satSub(bond, weight), 0n, ONE);
}

/** steepness / −100 (I32F32 `saturating_div`), the sigmoid's slope factor. */
export function sigmoidSlope(steepness: bigint): bigint {
  return satDiv(steepness, MINUS_100);
}

/** α for a distance: alpha_low + (alpha_high − alpha_low) / (1 + e^(slope·(distance − ½))), clamped. */
export function alphaFromDistance(distance: bigint, alphaLow: bigint, alphaHigh: bigint, slope: bigint): bigint {
  const z = satMul(slope, satSub(distance, HALF));
  const sigmoid = satDiv(ONE, satAdd(ONE, expSafeI32F32(z)));
  const alpha = satAdd(alphaLow, satMul(sigmoid, satSub(alphaHigh, alphaLow)));
  return clampValue(alpha, alphaLow, alphaHigh);
}

/**
 * `alpha_sigmoid`: distance of the weight above consensus (buying) or of the bond above the
 * weight (selling), clamped to [0, 1], through 1/(1 + e^((steepness/−100)·(diff − ½))), mapped
 * into [alpha_low, alpha_high].
 */
export function alphaSigmoid(
  consensus: bigint,
  weight: bigint,
  bond: bigint,
  alphaLow: bigint,
  alphaHigh: bigint,
  steepness: bigint,
): bigint {
  return alphaFromDistance(liquidAlphaDistance(consensus, weight, bond), alphaLow, alphaHigh, sigmoidSlope(steepness));
}

/** `compute_disabled_liquid_alpha`: 1 − bma/10⁶ with the release build's plain conversions. */
export function disabledLiquidAlpha(bondsMovingAverage: bigint): bigint {
  const bma = I64F64.saturatingDiv(I64F64.wrappingFromNum(bondsMovingAverage), I64F64.fromNum(1_000_000n));
  return satSub(ONE, I32F32.wrappingFromFixed(I64F64, bma));
}

/** The α of `compute_ema_bonds_normal_sparse` (original Yuma): 1 − bma/10⁶, saturating. */
export function normalEmaAlpha(bondsMovingAverage: bigint): bigint {
  const bma = I64F64.safeDiv(I64F64.saturatingFromNum(bondsMovingAverage), I64F64.saturatingFromNum(1_000_000n));
  return satSub(ONE, I32F32.saturatingFromFixed(I64F64, bma));
}

/** Fills `seen` with the entries of `row` that subtensor's sorted-merge walk can find (< width). */
function visibleEntries(row: SparseRow, width: number, seen: ScratchRow): void {
  seen.reset();
  let runningMax = -1;
  for (let k = 0; k < row.cols.length; k++) {
    const j = row.cols[k]!;
    if (j > runningMax) {
      if (j < width) seen.set(j, row.vals[k]!);
      runningMax = j;
    }
  }
}

/**
 * `compute_liquid_alpha_values_sparse`: the dense α matrix (rows of `consensus.length`).
 * Empty when the row counts differ. The epoch itself uses the lazy path in `computeBondsSparse`.
 */
export function computeLiquidAlphaValuesSparse(
  weights: SparseMatrix,
  bonds: SparseMatrix,
  consensus: readonly bigint[],
  p: LiquidAlphaParams,
): bigint[][] {
  if (weights.length !== bonds.length) return [];
  const width = consensus.length;
  const w = new ScratchRow(width);
  const b = new ScratchRow(width);
  return weights.map((wr, i) => {
    visibleEntries(wr, width, w);
    visibleEntries(bonds[i]!, width, b);
    const row = new Array<bigint>(width);
    for (let j = 0; j < width; j++) row[j] = alphaSigmoid(consensus[j]!, w.get(j), b.get(j), p.alphaLow, p.alphaHigh, p.steepness);
    return row;
  });
}

/**
 * `compute_bonds_sparse`: liquid α when enabled and some consensus is non-zero
 * (`mat_ema_alpha_sparse`), otherwise `mat_ema_sparse` with the fixed α of
 * `compute_disabled_liquid_alpha`.
 */
export function computeBondsSparse(
  weights: SparseMatrix,
  bonds: SparseMatrix,
  consensus: readonly bigint[],
  liquidAlphaOn: boolean,
  p: LiquidAlphaParams,
  bondsMovingAverage: bigint,
): SparseMatrix {
  if (liquidAlphaOn && consensus.some((c) => c !== 0n)) {
    // subtensor: mismatched rows give an empty α matrix, and `mat_ema_alpha_sparse` then returns `weights`
    if (weights.length !== bonds.length) return weights.map((r) => ({ cols: r.cols.slice(), vals: r.vals.slice() }));
    const width = consensus.length;
    const w = new ScratchRow(width);
    const b = new ScratchRow(width);
    const alphaCache = new ScratchRow(width);
    const oldLast = new ScratchRow(width);
    return weights.map((wr, i) => {
      const br = bonds[i]!;
      visibleEntries(wr, width, w);
      visibleEntries(br, width, b);
      alphaCache.reset();
      const alphaAt = (j: number): bigint => {
        if (alphaCache.has(j)) return alphaCache.values[j]!;
        const a = alphaSigmoid(consensus[j]!, w.get(j), b.get(j), p.alphaLow, p.alphaHigh, p.steepness);
        alphaCache.set(j, a);
        return a;
      };
      return emaAlphaRow(wr, br, width, alphaAt, oldLast);
    });
  }
  return matEmaSparse(weights, bonds, disabledLiquidAlpha(bondsMovingAverage));
}

/** `compute_liquid_alpha_values` (dense, test-only epoch): α per cell over zipped rows and columns. */
export function computeLiquidAlphaValues(
  weights: readonly (readonly bigint[])[],
  bonds: readonly (readonly bigint[])[],
  consensus: readonly bigint[],
  p: LiquidAlphaParams,
): bigint[][] {
  if (weights.length !== bonds.length) return [];
  return weights.map((wr, i) => {
    const br = bonds[i]!;
    const len = Math.min(wr.length, br.length, consensus.length);
    const row = new Array<bigint>(len);
    for (let j = 0; j < len; j++) row[j] = alphaSigmoid(consensus[j]!, wr[j]!, br[j]!, p.alphaLow, p.alphaHigh, p.steepness);
    return row;
  });
}

/** `compute_bonds` (dense): `mat_ema_alpha` with liquid α, or `mat_ema` with the fixed α. */
export function computeBonds(
  weights: readonly (readonly bigint[])[],
  bonds: readonly (readonly bigint[])[],
  consensus: readonly bigint[],
  liquidAlphaOn: boolean,
  p: LiquidAlphaParams,
  bondsMovingAverage: bigint,
): bigint[][] {
  if (liquidAlphaOn && consensus.some((c) => c !== 0n)) {
    return matEmaAlpha(weights, bonds, computeLiquidAlphaValues(weights, bonds, consensus, p));
  }
  return matEma(weights, bonds, disabledLiquidAlpha(bondsMovingAverage));
}
