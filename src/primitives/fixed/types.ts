/**
 * The substrate_fixed aliases subtensor uses (`substrate_fixed::types::*`).
 * Storage integer in brackets; SCALE encodes exactly that integer, little-endian.
 */
import { defineFixed } from './define.ts';

/** FixedI64<U32> [i64] — everything inside the epoch. */
export const I32F32 = defineFixed({ name: 'I32F32', intBits: 32, fracBits: 32, signed: true });
/** FixedI128<U64> [i128] — raw stake, bonds moving average, lock decay. */
export const I64F64 = defineFixed({ name: 'I64F64', intBits: 64, fracBits: 64, signed: true });
/** FixedU128<U64> [u128] — swap prices, fee rates, emission shares. */
export const U64F64 = defineFixed({ name: 'U64F64', intBits: 64, fracBits: 64, signed: false });
/** FixedU128<U32> [u128] — coinbase amounts, tao weight. */
export const U96F32 = defineFixed({ name: 'U96F32', intBits: 96, fracBits: 32, signed: false });
/** FixedI128<U32> [i128] — epoch emission, block emission, moving price, root claimable. */
export const I96F32 = defineFixed({ name: 'I96F32', intBits: 96, fracBits: 32, signed: true });
/** FixedU128<U18> [u128] — only in subtensor tests (safe-math `checked_sqrt` tests). */
export const U110F18 = defineFixed({ name: 'U110F18', intBits: 110, fracBits: 18, signed: false });
/** FixedI128<U18> [i128] — only in subtensor tests (`test_math_fixed_overflow`, staking tests). */
export const I110F18 = defineFixed({ name: 'I110F18', intBits: 110, fracBits: 18, signed: true });
/** FixedI32<U23> [i32] — the crate's internal constant type for transcendental functions. */
export const I9F23 = defineFixed({ name: 'I9F23', intBits: 9, fracBits: 23, signed: true });
