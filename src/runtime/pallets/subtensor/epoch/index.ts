/** Yuma Consensus epoch (Yuma3, sparse on-chain variant) of subtensor 14bc6f9 as pure functions. */
export { runEpoch, activityCutoffBlocks, weightsSparse, bondsSparse } from './epoch.ts';
export type { EpochInput, EpochOutput, EpochDebug, EpochOptions, SparseU16Rows } from './types.ts';
export { parseEpochInput, epochOutputToJson, EpochInputError, EPOCH_INPUT_DEFAULTS } from './json.ts';
export { earliestCommitBlocks, isCommitExpired, type CommitRef, type CommitRevealState } from './commit-reveal.ts';
export { stakeWeightsForNetwork, taoWeightFixed } from './stake.ts';
export { alphaSigmoid, computeBonds, computeLiquidAlphaValues, computeBondsSparse, computeLiquidAlphaValuesSparse, disabledLiquidAlpha, normalEmaAlpha } from './liquid-alpha.ts';
export * from './sparse.ts';
