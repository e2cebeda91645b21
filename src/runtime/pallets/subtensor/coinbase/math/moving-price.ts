/**
 * Subnet moving (EMA) price (`staking/stake_utils.rs::update_moving_price`), updated each block
 * for the subnets that receive emission, after the coinbase used it:
 *   b = block − (FirstEmissionBlockNumber − 1),  α = SubnetMovingAlpha · b/(b + halving)
 *   p' = α·min(spot, 1) + (1 − α)·p           (U64F64, stored as I96F32)
 */
import { I96F32, U64F64 } from '../../../../../primitives/fixed/index.ts';

/** `DefaultMovingAlpha`: I96F32 from 0.000003. */
export const DEFAULT_SUBNET_MOVING_ALPHA = I96F32.saturatingFromNum(0.000003);
/** `EMAPriceHalvingBlocks` default (28 days). */
export const DEFAULT_EMA_PRICE_HALVING_BLOCKS = 201_600n;

export interface MovingPriceInput {
  readonly currentBlock: bigint;
  /** `FirstEmissionBlockNumber[netuid]` (undefined → 0). */
  readonly firstEmissionBlock: bigint | undefined;
  /** `EMAPriceHalvingBlocks[netuid]`. */
  readonly halvingBlocks: bigint;
  /** `SubnetMovingAlpha` (I96F32 bits). */
  readonly movingAlpha: bigint;
  /** Current spot price (U64F64 bits). */
  readonly spotPrice: bigint;
  /** `get_moving_alpha_price` before the update (U64F64 bits). */
  readonly movingPrice: bigint;
}

/** The new `SubnetMovingPrice` (I96F32 bits). */
export function nextMovingPrice(input: MovingPriceInput): bigint {
  const first = input.firstEmissionBlock ?? 0n;
  const startCall = first > 0n ? first - 1n : 0n;
  const since = input.currentBlock > startCall ? input.currentBlock - startCall : 0n;
  const b = U64F64.saturatingFromNum(since);
  const ma = U64F64.saturatingFromFixed(I96F32, input.movingAlpha);
  const alpha = U64F64.saturatingMul(
    ma,
    U64F64.safeDiv(b, U64F64.saturatingAdd(b, U64F64.saturatingFromNum(input.halvingBlocks))),
  );
  const oneMinusAlpha = U64F64.saturatingSub(U64F64.ONE, alpha);
  const spot = U64F64.min(input.spotPrice, U64F64.ONE);
  const current = U64F64.saturatingMul(alpha, spot);
  const moving = U64F64.saturatingMul(oneMinusAlpha, input.movingPrice);
  return I96F32.saturatingFromFixed(U64F64, U64F64.saturatingAdd(current, moving));
}
