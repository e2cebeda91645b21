/**
 * Which subnets get emission and how the block's TAO is split among them
 * (`coinbase/subnet_emissions.rs`, current price-EMA design): share ∝ moving price ×
 * (1 − miner-burned proportion), emission-disabled subnets get 0 and the rest is renormalized.
 */
import { I96F32, U64F64, U96F32 } from '../../../../../primitives/fixed/index.ts';

export interface EmissionEligibility {
  readonly isRoot: boolean;
  /** `FirstEmissionBlockNumber` is set (the owner's start call happened). */
  readonly firstEmissionBlockSet: boolean;
  readonly subtokenEnabled: boolean;
  readonly registrationAllowed: boolean;
}

/** `get_subnets_to_emit_to` filter for one subnet. */
export function isEligibleForEmission(s: EmissionEligibility): boolean {
  return !s.isRoot && s.firstEmissionBlockSet && s.subtokenEnabled && s.registrationAllowed;
}

/**
 * `get_moving_alpha_price`: 1.0 for root and stable (mechanism 0) subnets, else the stored
 * `SubnetMovingPrice` (I96F32 bits) as U64F64 (negative → 0).
 */
export function movingAlphaPrice(isRoot: boolean, mechanism: number, subnetMovingPrice: bigint): bigint {
  if (isRoot || mechanism === 0) return U64F64.ONE;
  return U64F64.saturatingFromFixed(I96F32, subnetMovingPrice);
}

export interface EmissionShareInput {
  readonly netuid: number;
  /** `get_moving_alpha_price` (U64F64 bits). */
  readonly movingPrice: bigint;
  /** `MinerBurned[netuid]` (U96F32 bits). */
  readonly minerBurned: bigint;
  /** `SubnetEmissionEnabled[netuid]`. */
  readonly emissionEnabled: boolean;
}

/** `get_shares_price_ema`: p_i / Σp (checked_div; 0 when Σ = 0). U64F64 bits by netuid. */
export function priceEmaShares(subnets: readonly EmissionShareInput[]): Map<number, bigint> {
  let total = 0n;
  for (const s of subnets) total = U64F64.saturatingAdd(total, s.movingPrice);
  const out = new Map<number, bigint>();
  for (const s of subnets) out.set(s.netuid, U64F64.checkedDiv(s.movingPrice, total) ?? 0n);
  return out;
}

/** `get_shares`: price shares weighted by (1 − min(1, MinerBurned)) and renormalized. */
export function emissionShares(subnets: readonly EmissionShareInput[]): Map<number, bigint> {
  const priceShares = priceEmaShares(subnets);
  const one = U64F64.ONE;
  const weighted = new Map<number, bigint>();
  let totalWeight = 0n;
  for (const s of subnets) {
    const burned = U64F64.min(U64F64.saturatingFromFixed(U96F32, s.minerBurned), one);
    const w = U64F64.saturatingMul(priceShares.get(s.netuid) ?? 0n, U64F64.saturatingSub(one, burned));
    weighted.set(s.netuid, w);
    totalWeight = U64F64.saturatingAdd(totalWeight, w);
  }
  if (totalWeight === 0n) return priceShares;
  const out = new Map<number, bigint>();
  for (const [netuid, w] of weighted) out.set(netuid, U64F64.safeDiv(w, totalWeight));
  return out;
}

/**
 * `get_subnet_block_emissions(subnets, block_emission)`: each subnet's TAO emission for the block
 * as U96F32 bits (`block_emission` is U96F32 bits too). Disabled subnets stay in the map with 0.
 */
export function subnetBlockEmissions(
  subnets: readonly EmissionShareInput[],
  blockEmission: bigint,
): Map<number, bigint> {
  const shares = emissionShares(subnets);
  const sorted = [...subnets].sort((a, b) => a.netuid - b.netuid);
  let hasDisabled = false;
  let enabledSum = 0n;
  for (const s of sorted) {
    const share = shares.get(s.netuid) ?? 0n;
    if (s.emissionEnabled) enabledSum = U64F64.saturatingAdd(enabledSum, share);
    else hasDisabled = true;
  }
  const emission = U64F64.saturatingFromFixed(U96F32, blockEmission);
  const out = new Map<number, bigint>();
  for (const s of sorted) {
    let share = shares.get(s.netuid) ?? 0n;
    if (hasDisabled) share = s.emissionEnabled && enabledSum > 0n ? U64F64.safeDiv(share, enabledSum) : 0n;
    out.set(s.netuid, U96F32.saturatingFromFixed(U64F64, U64F64.saturatingMul(emission, share)));
  }
  return out;
}

/**
 * `get_network_root_sell_flag`: Σ moving prices (U64F64, plain `+` — wrapping as a release
 * build would) over the subnets emitted to, compared with 1.
 */
export function rootSellFlag(movingPrices: readonly bigint[]): boolean {
  let total = 0n;
  for (const p of movingPrices) total = U64F64.wrappingAdd(total, p);
  return total > U64F64.ONE;
}
