/**
 * Epoch-time distribution math of `run_coinbase.rs` (`calculate_dividend_distribution`,
 * `get_parent_child_dividends_distribution`, `get_self_contribution`,
 * `distribute_dividends_and_incentives`) and `claim_root.rs` — on explicit inputs instead of
 * storage. Fixed-point values are U96F32 bits unless noted; hotkeys are any Map key.
 */
import { I96F32, U96F32 } from '../../../../../primitives/fixed/index.ts';
import { taoWeightFraction } from './subnet-terms.ts';

const U16_MAX_U96 = U96F32.saturatingFromNum(65_535n);
const U64_MAX_U96 = U96F32.saturatingFromNum((1n << 64n) - 1n);
const U64_MAX = (1n << 64n) - 1n;
const satAddU64 = (a: bigint, b: bigint): bigint => (a + b > U64_MAX ? U64_MAX : a + b);

const proportionOfU64 = (raw: bigint): bigint =>
  U96F32.safeDiv(U96F32.saturatingFromNum(raw), U64_MAX_U96);

/**
 * `calculate_dividend_distribution`: each validator's dividend is split into a root part
 * (root_stake·w / (alpha_stake + root_stake·w)) and an alpha part; the pending validator alpha and
 * pending root alpha are then shared out in proportion to those parts. Hotkeys absent from
 * `stakes` are skipped.
 */
export function calculateDividendDistribution<K>(
  pendingValidatorAlpha: bigint,
  pendingRootAlpha: bigint,
  taoWeight: bigint,
  stakes: ReadonlyMap<K, { readonly alphaStake: bigint; readonly rootStake: bigint }>,
  dividends: ReadonlyMap<K, bigint>,
): { alphaDividends: Map<K, bigint>; rootAlphaDividends: Map<K, bigint> } {
  let totalRoot = 0n;
  let totalAlpha = 0n;
  const rootDivs = new Map<K, bigint>();
  const alphaDivs = new Map<K, bigint>();
  for (const [hotkey, dividend] of dividends) {
    const stake = stakes.get(hotkey);
    if (stake === undefined) continue;
    const alphaStake = U96F32.saturatingFromNum(stake.alphaStake);
    const rootAlpha = U96F32.saturatingMul(U96F32.saturatingFromNum(stake.rootStake), taoWeight);
    const total = U96F32.saturatingAdd(alphaStake, rootAlpha);
    const rootProp = U96F32.checkedDiv(rootAlpha, total) ?? 0n;
    const root = U96F32.saturatingMul(dividend, rootProp);
    const alpha = U96F32.saturatingSub(dividend, root);
    alphaDivs.set(hotkey, U96F32.saturatingAdd(alphaDivs.get(hotkey) ?? 0n, alpha));
    totalAlpha = U96F32.saturatingAdd(totalAlpha, alpha);
    rootDivs.set(hotkey, U96F32.saturatingAdd(rootDivs.get(hotkey) ?? 0n, root));
    totalRoot = U96F32.saturatingAdd(totalRoot, root);
  }
  const pendingRoot = U96F32.saturatingFromNum(pendingRootAlpha);
  const pendingAlpha = U96F32.saturatingFromNum(pendingValidatorAlpha);
  const rootAlphaDividends = new Map<K, bigint>();
  for (const [hotkey, root] of rootDivs) {
    rootAlphaDividends.set(hotkey, U96F32.saturatingMul(pendingRoot, U96F32.checkedDiv(root, totalRoot) ?? 0n));
  }
  const alphaDividends = new Map<K, bigint>();
  for (const [hotkey, alpha] of alphaDivs) {
    alphaDividends.set(hotkey, U96F32.saturatingMul(pendingAlpha, U96F32.checkedDiv(alpha, totalAlpha) ?? 0n));
  }
  return { alphaDividends, rootAlphaDividends };
}

/**
 * `get_self_contribution`: (alpha + root·w) × (1 − Σ child proportions), floored to u64.
 */
export function selfContribution(
  alphaStake: bigint,
  rootStake: bigint,
  childProportions: readonly bigint[],
  taoWeightRaw: bigint,
): bigint {
  let remaining = U96F32.ONE;
  for (const p of childProportions) remaining = U96F32.saturatingSub(remaining, proportionOfU64(p));
  const w = taoWeightFraction(taoWeightRaw);
  const alpha = U96F32.saturatingMul(U96F32.saturatingFromNum(alphaStake), remaining);
  const root = U96F32.saturatingMul(U96F32.saturatingMul(U96F32.saturatingFromNum(rootStake), remaining), w);
  return U96F32.saturatingToInt(U96F32.saturatingAdd(alpha, root), 'u64');
}

export interface ParentContribution<K> {
  readonly hotkey: K;
  /** u64 proportion (of u64::MAX) the parent delegates to this child. */
  readonly proportion: bigint;
  readonly alphaStake: bigint;
  readonly rootStake: bigint;
  /** Whether the parent's owning coldkey differs from the child's (takes and burn apply). */
  readonly differentOwner: boolean;
}

export interface ParentChildDividendInput<K> {
  readonly hotkey: K;
  readonly dividend: bigint;
  /** `get_self_contribution` of the child (u64). */
  readonly selfContribution: bigint;
  readonly parents: readonly ParentContribution<K>[];
  /** `ChildkeyTake` of the child on this subnet (u16). */
  readonly childkeyTake: number;
  /** `CKBurn` (raw u64 proportion). */
  readonly ckBurnRaw: bigint;
  readonly taoWeightRaw: bigint;
}

/**
 * `get_parent_child_dividends_distribution`: the child's dividend shared with its parents by
 * stake contribution; parents with another owner lose `CKBurn` (recycled) and the child key take
 * (kept by the child). Returns (hotkey, amount) with the child last, and the alpha to recycle.
 */
export function parentChildDividends<K>(
  input: ParentChildDividendInput<K>,
): { tuples: Array<[K, bigint]>; recycled: bigint } {
  const validating = U96F32.saturatingFromNum(input.dividend);
  let remaining = validating;
  const burnProportion = proportionOfU64(input.ckBurnRaw);
  const childTake = U96F32.safeDiv(U96F32.saturatingFromNum(BigInt(input.childkeyTake)), U16_MAX_U96);
  const w = taoWeightFraction(input.taoWeightRaw);
  let totalContribution = U96F32.saturatingFromNum(input.selfContribution);
  const contributions: Array<[ParentContribution<K>, bigint]> = [];
  for (const parent of input.parents) {
    const p = proportionOfU64(parent.proportion);
    const alpha = U96F32.saturatingMul(U96F32.saturatingFromNum(parent.alphaStake), p);
    const root = U96F32.saturatingMul(U96F32.saturatingMul(U96F32.saturatingFromNum(parent.rootStake), p), w);
    const combined = U96F32.saturatingAdd(alpha, root);
    totalContribution = U96F32.saturatingAdd(totalContribution, combined);
    contributions.push([parent, combined]);
  }
  const tuples: Array<[K, bigint]> = [];
  let totalChildTake = 0n;
  let recycled = 0n;
  for (const [parent, contribution] of contributions) {
    const factor = U96F32.checkedDiv(contribution, totalContribution) ?? 0n;
    let emission = U96F32.saturatingMul(validating, factor);
    remaining = U96F32.saturatingSub(remaining, emission);
    if (parent.differentOwner) {
      const burn = U96F32.saturatingMul(burnProportion, emission);
      const take = U96F32.saturatingMul(childTake, emission);
      emission = U96F32.saturatingSub(U96F32.saturatingSub(emission, burn), take);
      totalChildTake = U96F32.saturatingAdd(totalChildTake, take);
      recycled = satAddU64(recycled, U96F32.saturatingToInt(burn, 'u64'));
    }
    tuples.push([parent.hotkey, U96F32.saturatingToInt(emission, 'u64')]);
  }
  tuples.push([input.hotkey, U96F32.saturatingToInt(U96F32.saturatingAdd(remaining, totalChildTake), 'u64')]);
  return { tuples, recycled };
}

/**
 * `distribute_emission`'s validator pool: when no miner earned incentive, the validators also
 * receive the server (miner) half.
 */
export function validatorPool(pendingValidator: bigint, pendingServer: bigint, incentiveSum: bigint): bigint {
  return incentiveSum !== 0n ? pendingValidator : satAddU64(pendingValidator, pendingServer);
}

/**
 * Validator take on a dividend (`distribute_dividends_and_incentives`): `take` (u64, staked to the
 * hotkey's owner) and `rest` (u64, added to the hotkey's pool for all its nominators).
 */
export function splitValidatorTake(dividend: bigint, delegateTake: number): { take: bigint; rest: bigint } {
  const takeFixed = U96F32.saturatingMul(
    U96F32.safeDiv(U96F32.saturatingFromNum(BigInt(delegateTake)), U16_MAX_U96),
    dividend,
  );
  return {
    take: U96F32.saturatingToInt(takeFixed, 'u64'),
    rest: U96F32.saturatingToInt(U96F32.saturatingSub(dividend, takeFixed), 'u64'),
  };
}

/** `MinerBurned` written after an epoch: withheld / total incentive (U96F32 bits, 0 if none). */
export function minerBurnedProportion(withheld: bigint, total: bigint): bigint {
  return U96F32.checkedDiv(U96F32.saturatingFromNum(withheld), U96F32.saturatingFromNum(total)) ?? 0n;
}

/**
 * `increase_root_claimable_for_hotkey_and_subnet`: the I96F32 increment of `RootClaimable`
 * per unit of root stake, or `stakeDirectly` when the amount exceeds the hotkey's root stake
 * (then subtensor stakes the amount to the hotkey's owner instead).
 */
export function rootClaimableIncrement(
  amount: bigint,
  hotkeyRootStake: bigint,
): { kind: 'claimable'; increment: bigint } | { kind: 'stakeDirectly' } {
  const total = I96F32.saturatingFromNum(hotkeyRootStake);
  const increment = I96F32.checkedDiv(I96F32.saturatingFromNum(amount), total) ?? 0n;
  if (amount > I96F32.saturatingToInt(total, 'u64')) return { kind: 'stakeDirectly' };
  return { kind: 'claimable', increment };
}

/**
 * Root alpha owed to a coldkey on a subnet: `RootClaimable × root stake − RootClaimed`
 * (I96F32 claimable per unit; result as I96F32 bits, may be negative before the floor).
 */
export function rootClaimableOwed(claimablePerUnit: bigint, coldkeyRootStake: bigint, claimed: bigint): bigint {
  const owed = I96F32.saturatingMul(claimablePerUnit, I96F32.saturatingFromNum(coldkeyRootStake));
  return I96F32.saturatingSub(owed, I96F32.saturatingFromNum(claimed));
}
