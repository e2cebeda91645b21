/** Pure coinbase/emission math of subtensor (see README.md). */
export * from './block-emission.ts';
export * from './subnet-emissions.ts';
export * from './subnet-terms.ts';
export * from './moving-price.ts';
export * from './coinbase-plan.ts';
export * from './dividends.ts';
export * from './epoch-schedule.ts';
