/**
 * Registration spec tests: the `kind: "registration"` vector V26 of
 * ../shared/reference/vectors.json (burn decay, bump and clamps, exact) and cases ported from
 * subtensor's `tests/registration.rs` and `tests/networks.rs`. The subtensor tests drive the
 * burn through `step_block` / `burned_register`; the pure per-block decay (`decayBurn`) and the
 * per-registration bump (`bumpBurn`) are applied here in the same order.
 */
import { describe, expect, it } from 'vitest';
import { U64F64 } from '../../src/primitives/fixed/index.ts';
import {
  DEFAULT_BURN_INCREASE_MULT,
  NETWORK_MIN_LOCK_COST,
  bumpBurn,
  decayBurn,
  decayFactorQ32,
  lockReductionInterval,
  medianSubnetAlphaPrice,
  mulByQ32,
  networkLockCost,
  newSubnetPool,
  powQ32,
} from '../../src/runtime/pallets/subtensor/registration/math/index.ts';
import { loadVectors } from '../helpers/vectors.ts';

const VECTORS = loadVectors();
const V26 = VECTORS.find((v) => v.id === 'V26');
if (!V26) throw new Error('missing V26');

const U64_MAX = (1n << 64n) - 1n;
const mult = (n: number): bigint => U64F64.fromNum(BigInt(n));

describe('V26 burn price decay and bump (exact)', () => {
  const e = V26.expected as {
    case1: number[];
    case2: { after_register: number; after_1_block: number };
    case3: number[];
    decay_factor_q32: { h1: number; h2: number; h1000: number };
  };

  it('decay factors', () => {
    expect(decayFactorQ32(1)).toBe(BigInt(e.decay_factor_q32.h1));
    expect(decayFactorQ32(2)).toBe(BigInt(e.decay_factor_q32.h2));
    expect(decayFactorQ32(1000)).toBe(BigInt(e.decay_factor_q32.h1000));
    expect(decayFactorQ32(0)).toBe(1n << 32n);
  });

  it('case 1 test_burn_halves_every_half_life: 1024 → 511 → 255 (half-life 2)', () => {
    const bounds = { minBurn: 0n, maxBurn: U64_MAX };
    let burn = 1024n;
    let block = 1n;
    const seen: bigint[] = [];
    for (const steps of [2, 2]) {
      for (let i = 0; i < steps; i++) {
        block += 1n;
        burn = decayBurn(burn, 2, block, bounds);
      }
      seen.push(burn);
    }
    expect(seen).toEqual(e.case1.map(BigInt));
  });

  it('case 2 test_burn_decay: register (×2) → 2000, next block → 1998 (half-life 1000)', () => {
    const bounds = { minBurn: 0n, maxBurn: U64_MAX };
    const after = bumpBurn(1000n, mult(2), bounds);
    expect(after).toBe(BigInt(e.case2.after_register));
    expect(decayBurn(after, 1000, 2n, bounds)).toBe(BigInt(e.case2.after_1_block));
  });

  it('case 3 test_burn_min_and_max_clamps_prevent_zero_stuck_and_cap_bump', () => {
    const bounds = { minBurn: 100_000n, maxBurn: 150_000n };
    const seen: bigint[] = [];
    let burn = 1n;
    burn = decayBurn(burn, 1, 2n, bounds);
    seen.push(burn);
    burn = bumpBurn(burn, mult(2), bounds);
    seen.push(burn);
    burn = decayBurn(burn, 1, 3n, bounds);
    seen.push(burn);
    burn = decayBurn(burn, 1, 4n, bounds);
    seen.push(burn);
    expect(seen).toEqual(e.case3.map(BigInt));
  });
});

describe('tests/registration.rs burn dynamics', () => {
  const neutral = { minBurn: 0n, maxBurn: U64_MAX };

  it('test_bump_registration_price_after_registration_applies_multiplier_immediately (×3)', () => {
    expect(bumpBurn(1000n, mult(3), neutral)).toBe(3000n);
  });

  it('test_update_registration_prices_for_networks_runs_on_next_block_step: 1000 → 999', () => {
    expect(decayBurn(1000n, 1000, 2n, neutral)).toBe(999n);
  });

  it('no decay on block ≤ 1 or with half-life 0; multipliers below 1 act as 1', () => {
    expect(decayBurn(1000n, 2, 1n, neutral)).toBe(1000n);
    expect(decayBurn(1000n, 0, 50n, neutral)).toBe(1000n);
    expect(bumpBurn(1000n, U64F64.fromNum(0.5), neutral)).toBe(1000n);
    expect(bumpBurn(1_000_000_000n, DEFAULT_BURN_INCREASE_MULT, neutral)).toBe(1_260_000_000n);
  });

  it('test_update_registration_prices_for_networks_many_half_lives_over_thousands_of_blocks', () => {
    // reference: a direct Q32 model (u128 product >> 32, square-and-multiply, bisection)
    const refMul = (v: bigint, f: bigint): bigint => {
      const s = (v * f) >> 32n;
      return s > U64_MAX ? U64_MAX : s;
    };
    const refPow = (b: bigint, exp: number): bigint => {
      let r = 1n << 32n;
      let f = b;
      for (let p = exp; p > 0; p >>= 1) {
        if (p & 1) r = refMul(r, f);
        if (p > 1) f = refMul(f, f);
      }
      return r;
    };
    const refFactor = (h: number): bigint => {
      if (h === 0) return 1n << 32n;
      let lo = 0n;
      let hi = 1n << 32n;
      while (lo + 1n < hi) {
        const mid = lo + ((hi - lo) >> 1n);
        if (refPow(mid, h) > 1n << 31n) hi = mid;
        else lo = mid;
      }
      return lo;
    };
    const cases: Array<[number, bigint]> = [
      [0, 777_777n], [0, 0n], [1, 0n], [1, 1n], [1, 2n], [2, 1_024n], [3, 4_096n], [4, 65_536n],
      [5, 123_456n], [7, 999_999n], [8, 1_000_000n], [16, 1_000_000n], [64, 1_000_000n],
      [360, 10_000_000_000n], [1_000, 1_000_000_000_000n], [36_100, U64_MAX / 3n],
    ];
    for (const [h, initial] of cases) {
      const f = refFactor(h);
      expect(decayFactorQ32(h)).toBe(f);
      if (h > 0) expect(powQ32(f, h)).toBeLessThanOrEqual(1n << 31n);
      let ours = initial;
      let ref = initial;
      for (let block = 1n; block <= 3000n; block += 1n) {
        ours = decayBurn(ours, h, block, neutral);
        ref = h === 0 || block <= 1n ? ref : refMul(ref, f);
      }
      expect(ours, `half-life ${h}`).toBe(ref);
    }
  });

  it('test_burned_register_immediately_bumps_price_many_multipliers_and_same_block_registrations', () => {
    const ref = (prev: bigint, m: bigint, min: bigint, max: bigint): bigint => {
      const next = U64F64.toInt(U64F64.floor(U64F64.mul(U64F64.fromNum(prev), U64F64.fromNum(m < 1n ? 1n : m))), 'u64');
      return next < min ? min : next > max ? max : next;
    };
    const cases: Array<[bigint, bigint, bigint, bigint, number]> = [
      [1_000n, 2n, 0n, U64_MAX, 5],
      [1_000n, 0n, 0n, U64_MAX, 3],
      [7n, 3n, 10n, 1_000n, 6],
      [1_000_000n, 10n, 0n, 5_000_000_000n, 4],
    ];
    for (const [initial, m, min, max, regs] of cases) {
      let burn = initial;
      let expected = initial;
      for (let i = 0; i < regs; i++) {
        burn = bumpBurn(burn, mult(Number(m)), { minBurn: min, maxBurn: max });
        expected = ref(expected, m, min, max);
      }
      expect(burn).toBe(expected);
    }
  });

  it('mul_by_q32 saturates at u64::MAX', () => {
    expect(mulByQ32(U64_MAX, U64_MAX)).toBe(U64_MAX);
    expect(mulByQ32(10n, 1n << 31n)).toBe(5n);
  });
});

describe('subnet registration economics (root.rs, subnet.rs)', () => {
  it('lock cost: doubles the last lock, decays linearly over the reduction interval, never below the minimum', () => {
    const interval = lockReductionInterval(100_800n, 1_000_000_000n);
    expect(interval).toBe(100_800n);
    expect(lockReductionInterval(100_800n, 500_000_000n)).toBe(50_400n);
    expect(lockReductionInterval(57_600n, 0n)).toBe(0n);
    const base = { lastLock: 2_000_000_000_000n, minLock: NETWORK_MIN_LOCK_COST, lastLockBlock: 1_000n, lockReductionInterval: interval };
    expect(networkLockCost({ ...base, currentBlock: 1_000n })).toBe(4_000_000_000_000n);
    const perBlock = 2_000_000_000_000n / interval;
    expect(networkLockCost({ ...base, currentBlock: 11_000n })).toBe(4_000_000_000_000n - perBlock * 10_000n);
    expect(networkLockCost({ ...base, currentBlock: 1_000_000n })).toBe(NETWORK_MIN_LOCK_COST);
    // first registration ever: multiplier 1
    expect(networkLockCost({ ...base, lastLockBlock: 0n, currentBlock: 0n })).toBe(2_000_000_000_000n);
    // zero interval: no decay (saturating division → 0)
    expect(networkLockCost({ ...base, lockReductionInterval: 0n, currentBlock: 99_999_999n })).toBe(4_000_000_000_000n);
  });

  it('test_register_subnet_low/high_lock_cost: the pool starts with TAO = alpha = lock at median price 1', () => {
    for (const lock of [1_000n, 1_000_000_000_000n]) {
      const cost = networkLockCost({ lastLock: lock, minLock: lock, lastLockBlock: 0n, currentBlock: 1n, lockReductionInterval: 100_800n });
      expect(cost).toBe(lock);
      const p = newSubnetPool(cost, lock, medianSubnetAlphaPrice([]));
      expect(p).toEqual({ taoReserve: lock, alphaReserve: lock, recycledTao: 0n });
    }
  });

  it('median subnet price: odd, even (mean of the middle two), ignores zero prices', () => {
    const p = (x: number): bigint => U64F64.fromNum(x);
    expect(medianSubnetAlphaPrice([])).toBe(U64F64.ONE);
    expect(medianSubnetAlphaPrice([0n, 0n])).toBe(U64F64.ONE);
    expect(medianSubnetAlphaPrice([p(3), p(1), p(2)])).toBe(p(2));
    expect(medianSubnetAlphaPrice([p(4), p(1), p(2), p(3)])).toBe(p(2.5));
    expect(medianSubnetAlphaPrice([p(2), p(2), 0n, p(8)])).toBe(p(2));
    const pool = newSubnetPool(2_000_000_000_000n, NETWORK_MIN_LOCK_COST, p(0.5));
    expect(pool).toEqual({ taoReserve: 2_000_000_000_000n, alphaReserve: 4_000_000_000_000n, recycledTao: 0n });
    expect(newSubnetPool(10n, 100n, U64F64.ONE)).toEqual({ taoReserve: 100n, alphaReserve: 100n, recycledTao: 0n });
  });
});
