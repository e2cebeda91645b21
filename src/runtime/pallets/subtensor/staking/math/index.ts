/** Pure staking math of subtensor: SafeFloat share pools, limit-price amounts, stake weights. */
export * from './safe-float.ts';
export * from './share-pool.ts';
export * from './limits.ts';
export * from './stake-weights.ts';
