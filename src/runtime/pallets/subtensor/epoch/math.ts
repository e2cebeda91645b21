/** Every helper of subtensor `epoch/math.rs`, split by kind (see README.md). */
export * from './math-vector.ts';
export * from './math-sparse.ts';
export * from './math-dense.ts';
export * from './math-median.ts';
export { expSafe, sigmoidSafe, safeLn } from '../../../../primitives/fixed/index.ts';
