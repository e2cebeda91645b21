/**
 * Yuma Consensus for one mechanism as a pure function: subtensor's sparse, on-chain
 * `epoch_mechanism` (`pallets/subtensor/src/epoch/run_epoch.rs` at 14bc6f9), step by step with
 * the same fixed-point types and rounding. Storage reads become `EpochInput` fields and the
 * storage writes (`persist_mechanism_epoch_terms`, `persist_netuid_epoch_terms`) come back as
 * `EpochOutput`.
 */
import { I32F32, I64F64, I96F32 } from '../../../../primitives/fixed/index.ts';
import { computeBondsSparse, normalEmaAlpha } from './liquid-alpha.ts';
import { weightedMedianColSparse } from './math-median.ts';
import {
  colClipSparse,
  inplaceColMaxUpscaleSparse,
  inplaceColNormalizeSparse,
  inplaceRowNormalizeSparse,
  interpolateSparse,
  maskDiagSparse,
  maskDiagSparseExceptIndex,
  maskRowsSparse,
  matEmaSparse,
  matmulSparse,
  matmulTransposeSparse,
  matVecMulSparse,
  rowHadamardSparse,
  rowSumSparse,
  scalarVecMaskSparseMatrix,
  vecMaskSparseMatrix,
} from './math-sparse.ts';
import {
  fixed64ToU64,
  fixedProportionToU16,
  fixedToFixedU16Proportion,
  inplaceMaskVector,
  inplaceNormalize,
  inplaceNormalize64,
  inplaceNormalizeUsingSum,
  isTopkNonzero,
  isZero,
  sum,
  u16ProportionToFixed,
  vecFixed64ToFixed32,
  vecMul,
} from './math-vector.ts';
import { cloneSparse, sparseToPairs, type SparseMatrix } from './sparse.ts';
import { stakeWeightsForNetwork } from './stake.ts';
import type { EpochCore, EpochInput, EpochOptions, EpochOutput, PreparedEpoch, SparseU16Rows } from './types.ts';
import { U64_MAX } from './commit-reveal.ts';
import { UnsafeForDoubles } from './exact-double.ts';
import { epochCoreDouble } from './epoch-fast.ts';

const satAddU64 = (a: bigint, b: bigint): bigint => (a + b > U64_MAX ? U64_MAX : a + b);
const satSubU64 = (a: bigint, b: bigint): bigint => (a > b ? a - b : 0n);

/** `get_activity_cutoff_blocks`: max(1, ⌊factor_milli · tempo / 1000⌋). */
export function activityCutoffBlocks(activityCutoffFactorMilli: number, tempo: number): bigint {
  const v = (BigInt(activityCutoffFactorMilli) * BigInt(tempo)) / 1000n;
  return v < 1n ? 1n : v;
}

/** `get_weights_sparse`: rows 0..n−1, entries of columns < n, u16 as an I32F32 integer. */
export function weightsSparse(rows: SparseU16Rows, n: number): SparseMatrix {
  const out: SparseMatrix = new Array(n);
  for (let i = 0; i < n; i++) {
    const cols: number[] = [];
    const vals: bigint[] = [];
    const row = rows[i];
    if (row) {
      for (const [j, w] of row) {
        if (j < n) {
          cols.push(j);
          vals.push(BigInt(w) << 32n);
        }
      }
    }
    out[i] = { cols, vals };
  }
  return out;
}

/**
 * `get_bonds_sparse` (u16 as an I32F32 integer) or, for Yuma3, `get_bonds_sparse_fixed_proportion`
 * (u16 / 65535). Rows 0..n−1; columns are not filtered, as in subtensor.
 */
export function bondsSparse(rows: SparseU16Rows, n: number, asProportion: boolean): SparseMatrix {
  const out: SparseMatrix = new Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i] ?? [];
    const cols = new Array<number>(row.length);
    const vals = new Array<bigint>(row.length);
    for (let k = 0; k < row.length; k++) {
      const [j, b] = row[k]!;
      const v = BigInt(b) << 32n;
      cols[k] = j;
      vals[k] = asProportion ? fixedToFixedU16Proportion(v) : v;
    }
    out[i] = { cols, vals };
  }
  return out;
}

/** Normalized u64 emission share → rao: ⌊I96F32(share) · I96F32(rao_emission)⌋, saturating. */
function toRao(share: bigint, rao: bigint): bigint {
  return I96F32.saturatingToInt(I96F32.saturatingMul(I96F32.saturatingFromFixed(I32F32, share), rao), 'u64');
}

export function prepareEpoch(input: EpochInput): PreparedEpoch {
  const n = input.n;
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new RangeError(`epoch: n must be a u16, got ${n}`);
  const currentBlock = input.currentBlock;
  const ownerUid = input.ownerUid;

  // == Active & updated ==
  const activityCutoff = activityCutoffBlocks(input.activityCutoffFactorMilli, input.tempo);
  const lastUpdate = input.lastUpdate.slice();
  while (lastUpdate.length < n) lastUpdate.push(0n);
  const inactive = lastUpdate.map((u) => satAddU64(u, activityCutoff) < currentBlock);
  const active = inactive.map((b) => !b);
  const blockAtRegistration = new Array<bigint>(n);
  for (let i = 0; i < n; i++) blockAtRegistration[i] = input.blockAtRegistration[i] ?? 0n;

  // == Stake ==
  const totalStake = stakeWeightsForNetwork(n, input.alphaStake, input.taoStake, input.taoWeight);
  const filtered = totalStake.map((s, uid) => (ownerUid !== uid && fixed64ToU64(s) < input.stakeThreshold ? 0n : s));
  inplaceNormalize64(filtered);
  const stake = vecFixed64ToFixed32(filtered);

  // == Validator permits ==
  const validatorPermits = input.validatorPermit.slice();
  if (ownerUid !== null && ownerUid < validatorPermits.length) validatorPermits[ownerUid] = true;
  const validatorForbids = validatorPermits.map((b) => !b);
  const newValidatorPermits = isTopkNonzero(stake, input.maxAllowedValidators);
  if (ownerUid !== null && ownerUid < newValidatorPermits.length) newValidatorPermits[ownerUid] = true;

  // == Active stake ==
  const activeStake = stake.slice();
  inplaceMaskVector(inactive, activeStake);
  inplaceMaskVector(validatorForbids, activeStake);
  inplaceNormalize(activeStake);

  let commitBlocks: bigint[] | null = null;
  if (input.commitRevealEnabled) {
    commitBlocks = new Array<bigint>(n);
    for (let i = 0; i < n; i++) commitBlocks[i] = input.commitBlocks[i] ?? U64_MAX;
  }
  const lms = input.lastMechanismStepBlock;
  return {
    n,
    activityCutoff,
    lastUpdate,
    active,
    blockAtRegistration,
    totalStake,
    stake,
    validatorForbids,
    newValidatorPermits,
    activeStake,
    commitBlocks,
    kappa: u16ProportionToFixed(input.kappa),
    bondsPenalty: u16ProportionToFixed(input.bondsPenalty),
    lastTempo: lms === 0n ? satSubU64(currentBlock, BigInt(input.tempo)) : satAddU64(lms, 1n),
  };
}

/** The weights → consensus → incentive → bonds → dividends part, on BigInt I32F32 (the reference). */
export function epochCoreBigInt(input: EpochInput, p: PreparedEpoch): EpochCore {
  const n = p.n;
  const { activeStake, blockAtRegistration } = p;
  const ownerUid = input.ownerUid;

  // == Weights ==
  let weights = weightsSparse(input.weights, n);
  weights = maskRowsSparse(p.validatorForbids, weights);
  weights = ownerUid !== null ? maskDiagSparseExceptIndex(weights, ownerUid) : maskDiagSparse(weights);
  weights = vecMaskSparseMatrix(weights, p.lastUpdate, blockAtRegistration, (updated, registered) => updated <= registered);
  if (p.commitBlocks) weights = vecMaskSparseMatrix(weights, p.commitBlocks, blockAtRegistration, (cb, reg) => cb < reg);
  inplaceRowNormalizeSparse(weights);

  // == Consensus, validator trust, incentive ==
  const consensus = weightedMedianColSparse(activeStake, weights, n, p.kappa);
  const clippedWeights = colClipSparse(weights, consensus);
  const validatorTrust = rowSumSparse(clippedWeights);
  const incentive = matmulSparse(clippedWeights, activeStake, n);
  inplaceNormalize(incentive);

  // == Bonds and dividends ==
  const weightsForBonds = interpolateSparse(weights, clippedWeights, n, p.bondsPenalty);
  const recentlyRegistered = (lt: bigint, registered: bigint): boolean => lt <= registered;

  let dividends: bigint[];
  let emaBonds: SparseMatrix;
  if (input.yuma3) {
    let bonds = bondsSparse(input.bonds, n, true);
    bonds = scalarVecMaskSparseMatrix(bonds, p.lastTempo, blockAtRegistration, recentlyRegistered);
    emaBonds = computeBondsSparse(
      weightsForBonds,
      bonds,
      consensus,
      input.liquidAlpha,
      {
        alphaLow: u16ProportionToFixed(input.alphaLow),
        alphaHigh: u16ProportionToFixed(input.alphaHigh),
        steepness: BigInt(input.alphaSigmoidSteepness) << 32n,
      },
      input.bondsMovingAverage,
    );
    const emaBondsNorm = cloneSparse(emaBonds);
    inplaceColNormalizeSparse(emaBondsNorm, n);
    const totalBondsPerValidator = rowSumSparse(matVecMulSparse(emaBondsNorm, incentive));
    dividends = vecMul(totalBondsPerValidator, activeStake);
    inplaceNormalize(dividends);
  } else {
    let bonds = bondsSparse(input.bonds, n, false);
    bonds = scalarVecMaskSparseMatrix(bonds, p.lastTempo, blockAtRegistration, recentlyRegistered);
    inplaceColNormalizeSparse(bonds, n);
    const bondsDelta = rowHadamardSparse(weightsForBonds, activeStake);
    inplaceColNormalizeSparse(bondsDelta, n);
    emaBonds = matEmaSparse(bondsDelta, bonds, normalEmaAlpha(input.bondsMovingAverage));
    inplaceColNormalizeSparse(emaBonds, n);
    dividends = matmulTransposeSparse(emaBonds, incentive);
    inplaceNormalize(dividends);
    inplaceColMaxUpscaleSparse(emaBonds, n);
  }
  const ema = emaBonds;
  return {
    consensus,
    validatorTrust,
    incentive,
    dividends,
    bondsU16: ema.map((row) => row.cols.map((j, k): [number, number] => [j, fixedProportionToU16(row.vals[k]!)])),
    debugWeights: () => sparseToPairs(weights),
    debugEmaBonds: () => sparseToPairs(ema),
  };
}

/** Emission split and the per-UID outputs (O(n), shared by every path). */
export function finishEpoch(input: EpochInput, p: PreparedEpoch, core: EpochCore, options: EpochOptions = {}): EpochOutput {
  const n = p.n;
  const { incentive, dividends } = core;
  const { stake, activeStake } = p;

  // == Emission ==
  const len = Math.min(incentive.length, dividends.length);
  const combined = new Array<bigint>(len);
  for (let i = 0; i < len; i++) combined[i] = I32F32.saturatingAdd(incentive[i]!, dividends[i]!);
  const emissionSum = sum(combined);
  const normServer = incentive.slice();
  let normValidator = dividends.slice();
  let normCombined = combined.slice();
  inplaceNormalizeUsingSum(normServer, emissionSum);
  inplaceNormalizeUsingSum(normValidator, emissionSum);
  inplaceNormalize(normCombined);
  if (emissionSum === 0n) {
    // no weights set, outdated weights, or self-weights only: pay validators by stake
    const fallback = isZero(activeStake) ? stake : activeStake;
    normValidator = fallback.slice();
    normCombined = fallback.slice();
  }
  const rao = I96F32.saturatingFromNum(input.raoEmission);
  const serverEmissionAll = normServer.map((x) => toRao(x, rao));
  const validatorEmissionAll = normValidator.map((x) => toRao(x, rao));
  const combinedEmissionAll = normCombined.map((x) => toRao(x, rao));

  // == Outputs per UID ==
  const u16At = (v: readonly bigint[], i: number): number => (i < v.length ? fixedProportionToU16(v[i]!) : 0);
  const at = <T>(v: readonly T[], i: number, d: T): T => (i < v.length ? v[i]! : d);
  const out = {
    active: [] as boolean[],
    validatorPermit: [] as boolean[],
    stakeWeight: [] as number[],
    consensus: [] as number[],
    incentive: [] as number[],
    dividends: [] as number[],
    validatorTrust: [] as number[],
    emission: [] as bigint[],
    serverEmission: [] as bigint[],
    validatorEmission: [] as bigint[],
    bonds: [] as Array<Array<[number, number]>>,
    stake: [] as bigint[],
  };
  for (let uid = 0; uid < n; uid++) {
    out.active.push(at(p.active, uid, false));
    out.validatorPermit.push(at(p.newValidatorPermits, uid, false));
    out.stakeWeight.push(u16At(stake, uid));
    out.consensus.push(u16At(core.consensus, uid));
    out.incentive.push(u16At(incentive, uid));
    out.dividends.push(u16At(dividends, uid));
    out.validatorTrust.push(u16At(core.validatorTrust, uid));
    out.emission.push(at(combinedEmissionAll, uid, 0n));
    out.serverEmission.push(at(serverEmissionAll, uid, 0n));
    out.validatorEmission.push(at(validatorEmissionAll, uid, 0n));
    out.stake.push(I64F64.saturatingToInt(p.totalStake[uid]!, 'u64'));
    out.bonds.push(out.validatorPermit[uid] ? (core.bondsU16[uid] ?? []) : []);
  }

  const result: EpochOutput = { ...out, activityCutoff: p.activityCutoff };
  if (!options.debug) return result;
  return {
    ...result,
    debug: {
      totalStake: p.totalStake,
      stake,
      activeStake,
      consensus: core.consensus,
      validatorTrust: core.validatorTrust,
      incentive,
      dividends,
      normalizedServerEmission: normServer,
      normalizedValidatorEmission: normValidator,
      normalizedCombinedEmission: normCombined,
      weights: core.debugWeights ? core.debugWeights() : [],
      emaBonds: core.debugEmaBonds ? core.debugEmaBonds() : [],
      kappa: p.kappa,
      bondsPenalty: p.bondsPenalty,
    },
  };
}

/** The epoch on BigInt I32F32 throughout (the reference implementation). */
export function runEpochReference(input: EpochInput, options: EpochOptions = {}): EpochOutput {
  const p = prepareEpoch(input);
  return finishEpoch(input, p, epochCoreBigInt(input, p), options);
}

/**
 * One mechanism's epoch. The weight/bond loops run on exact doubles when every value provably
 * fits (`epoch-fast.ts`), else on BigInt; both give the same bits.
 */
export function runEpoch(input: EpochInput, options: EpochOptions = {}): EpochOutput {
  const p = prepareEpoch(input);
  let core: EpochCore;
  if (options.path === 'bigint') core = epochCoreBigInt(input, p);
  else {
    try {
      core = epochCoreDouble(input, p);
    } catch (e) {
      if (!(e instanceof UnsafeForDoubles) || options.path === 'double') throw e;
      core = epochCoreBigInt(input, p);
    }
  }
  return finishEpoch(input, p, core, options);
}
