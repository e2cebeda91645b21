/**
 * Stateful epoch scheduling (`run_coinbase.rs::should_run_epoch`,
 * `blocks_until_next_auto_epoch`, `get_next_epoch_start_block`; `subnet.rs::init_new_network`).
 */

export const MIN_TEMPO = 360;
export const MAX_TEMPO = 50_400;
const U64_MAX = (1n << 64n) - 1n;

export interface EpochScheduleState {
  readonly tempo: number;
  /** `LastEpochBlock[netuid]`. */
  readonly lastEpochBlock: bigint;
  /** `PendingEpochAt[netuid]` (0 = none). */
  readonly pendingEpochAt: bigint;
  /** `BlocksSinceLastStep[netuid]` (already incremented for this block by `drain_pending`). */
  readonly blocksSinceLastStep: bigint;
}

/** `should_run_epoch`: owner trigger, safety net past MAX_TEMPO, or a full tempo elapsed. */
export function shouldRunEpoch(state: EpochScheduleState, currentBlock: bigint): boolean {
  if (state.tempo === 0) return false;
  if (state.pendingEpochAt > 0n && currentBlock >= state.pendingEpochAt) return true;
  if (state.blocksSinceLastStep > BigInt(MAX_TEMPO)) return true;
  const since = currentBlock > state.lastEpochBlock ? currentBlock - state.lastEpochBlock : 0n;
  return since >= BigInt(state.tempo);
}

/** `blocks_until_next_auto_epoch`: (LastEpochBlock + tempo) ⊖ block; u64::MAX for tempo 0. */
export function blocksUntilNextAutoEpoch(lastEpochBlock: bigint, tempo: number, blockNumber: bigint): bigint {
  if (tempo === 0) return U64_MAX;
  let next = lastEpochBlock + BigInt(tempo);
  if (next > U64_MAX) next = U64_MAX;
  return next > blockNumber ? next - blockNumber : 0n;
}

/** `get_next_epoch_start_block`: min(LastEpochBlock + tempo, PendingEpochAt if set). */
export function nextEpochStartBlock(
  lastEpochBlock: bigint,
  tempo: number,
  pendingEpochAt: bigint,
): bigint | undefined {
  if (tempo === 0) return undefined;
  let auto = lastEpochBlock + BigInt(tempo);
  if (auto > U64_MAX) auto = U64_MAX;
  return pendingEpochAt > 0n && pendingEpochAt < auto ? pendingEpochAt : auto;
}

/** `init_new_network`: `LastEpochBlock = now ⊖ (netuid mod max(tempo, 1))` (stagger). */
export function initialLastEpochBlock(now: bigint, netuid: number, tempo: number): bigint {
  const stagger = BigInt(netuid) % BigInt(Math.max(tempo, 1));
  return now > stagger ? now - stagger : 0n;
}
