/** Pure TAO⇄alpha pool math of subtensor's swap pallet (see README.md). */
export * from './perquintill.ts';
export { powRatioScaled, integerRoot, floorDiv, bitLength } from './pow-ratio.ts';
export * from './balancer.ts';
export * from './swap.ts';
export * from './liquidity.ts';
