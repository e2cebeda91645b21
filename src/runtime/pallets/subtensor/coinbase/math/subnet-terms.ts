/**
 * Per-subnet coinbase terms (`run_coinbase.rs::get_subnet_terms`, `emit_to_subnets`,
 * `block_step.rs::root_proportion`), all in U96F32 bits unless noted.
 */
import { U64F64, U96F32 } from '../../../../../primitives/fixed/index.ts';
import { blockEmissionForIssuance } from './block-emission.ts';

const HALF = U96F32.saturatingFromNum(0.5);
const U16_MAX_U96 = U96F32.saturatingFromNum(65_535n);
const U64_MAX_U96 = U96F32.saturatingFromNum((1n << 64n) - 1n);

/** `get_tao_weight`: `TaoWeight` raw u64 / u64::MAX (U96F32 bits). */
export function taoWeightFraction(taoWeightRaw: bigint): bigint {
  return U96F32.safeDiv(U96F32.saturatingFromNum(taoWeightRaw), U64_MAX_U96);
}

/**
 * `root_proportion(netuid)`: R·w / (R·w + alpha issuance), R = `SubnetTAO[root]`,
 * w = tao weight; 0 when undefined.
 */
export function rootProportion(alphaIssuance: bigint, rootTao: bigint, taoWeightRaw: bigint): bigint {
  const issuance = U96F32.fromNum(alphaIssuance);
  const weighted = U96F32.saturatingMul(U96F32.fromNum(rootTao), taoWeightFraction(taoWeightRaw));
  return U96F32.checkedDiv(weighted, U96F32.saturatingAdd(weighted, issuance)) ?? 0n;
}

export interface SubnetTermsInput {
  /** This subnet's TAO emission (U96F32 bits, from `subnetBlockEmissions`). */
  readonly taoEmission: bigint;
  /** `SubnetAlphaIn + SubnetAlphaOut` before this block's minting. */
  readonly alphaIssuance: bigint;
  /** Current spot price (U64F64 bits). */
  readonly price: bigint;
  /** `root_proportion` before this block's minting (U96F32 bits). */
  readonly rootProportion: bigint;
}

export interface SubnetTerms {
  readonly taoIn: bigint;
  readonly alphaIn: bigint;
  readonly alphaOut: bigint;
  readonly excessTao: bigint;
  /** The block emission for the subnet's alpha issuance (u64). */
  readonly alphaEmission: bigint;
}

/**
 * `get_subnet_terms` for one subnet: alpha_out = the halving emission on alpha issuance;
 * alpha_in = tao_emission / price, capped at root_proportion × alpha_emission (then
 * tao_in = alpha_in × price); the TAO that cannot be injected is `excessTao` (chain buy).
 */
export function subnetTerms(input: SubnetTermsInput): SubnetTerms {
  const alphaEmission = blockEmissionForIssuance(input.alphaIssuance) ?? 0n;
  const alphaEmissionFixed = U96F32.saturatingFromNum(alphaEmission);
  const price = U96F32.saturatingFromFixed(U64F64, input.price);
  let taoIn = input.taoEmission;
  let alphaIn = U96F32.safeDivOr(input.taoEmission, price, 0n);
  const cap = U96F32.saturatingMul(input.rootProportion, alphaEmissionFixed);
  if (alphaIn > cap) {
    alphaIn = cap;
    taoIn = U96F32.saturatingMul(alphaIn, price);
  }
  return {
    taoIn,
    alphaIn,
    alphaOut: alphaEmissionFixed,
    excessTao: U96F32.saturatingSub(input.taoEmission, taoIn),
    alphaEmission,
  };
}

export interface AlphaOutSplitInput {
  /** alpha_out of the block (U96F32 bits). */
  readonly alphaOut: bigint;
  /** `get_owner_cut_enabled(netuid)` (default true). */
  readonly ownerCutEnabled: boolean;
  /** `SubnetOwnerCut` (u16; runtime default 11_796 = 18 %). */
  readonly subnetOwnerCut: number;
  /** `root_proportion` AFTER this block's alpha_in and alpha_out were minted (U96F32 bits). */
  readonly rootProportion: bigint;
  readonly rootSellFlag: boolean;
}

/** The u64 amounts `emit_to_subnets` adds to the pending accumulators (or recycles). */
export interface AlphaOutSplit {
  /** alpha minted to `SubnetAlphaOut` (floor of alpha_out). */
  readonly alphaCreated: bigint;
  readonly ownerCut: bigint;
  readonly serverEmission: bigint;
  readonly validatorEmission: bigint;
  /** Root's part of the validator half; pending if root sells, else recycled. */
  readonly rootAlpha: bigint;
  readonly pendingRootAlpha: bigint;
  readonly recycledRootAlpha: bigint;
}

/**
 * `emit_to_subnets` per subnet: owner cut = alpha_out × cut/65535; of the rest half goes to
 * miners, half to validators, and root's share root_prop × rest × 0.5 comes out of the
 * validators' half.
 */
export function splitAlphaOut(input: AlphaOutSplitInput): AlphaOutSplit {
  let alphaOut = input.alphaOut;
  const alphaCreated = U96F32.saturatingToInt(alphaOut, 'u64');
  let ownerCut = 0n;
  if (input.ownerCutEnabled) {
    const cut = U96F32.saturatingMul(alphaOut, U96F32.safeDiv(U96F32.saturatingFromNum(BigInt(input.subnetOwnerCut)), U16_MAX_U96));
    alphaOut = U96F32.saturatingSub(alphaOut, cut);
    ownerCut = U96F32.saturatingToInt(cut, 'u64');
  }
  const rootAlphaFixed = U96F32.saturatingMul(U96F32.saturatingMul(input.rootProportion, alphaOut), HALF);
  const server = U96F32.saturatingMul(alphaOut, HALF);
  const validatorTotal = U96F32.saturatingSub(alphaOut, server);
  const validator = U96F32.saturatingSub(validatorTotal, rootAlphaFixed);
  const rootAlpha = U96F32.saturatingToInt(rootAlphaFixed, 'u64');
  return {
    alphaCreated,
    ownerCut,
    serverEmission: U96F32.saturatingToInt(server, 'u64'),
    validatorEmission: U96F32.saturatingToInt(validator, 'u64'),
    rootAlpha,
    pendingRootAlpha: input.rootSellFlag ? rootAlpha : 0n,
    recycledRootAlpha: input.rootSellFlag ? 0n : rootAlpha,
  };
}
