/**
 * Staking spec tests: the stake-pool vectors of ../shared/reference/vectors.json — V16
 * (`test_max_amount_add_dynamic`), V18 (`test_stake_into_subnet_ok`), both `kind: "swap"` but
 * about staking through the pool, and V29 (share pools) — plus cases ported from subtensor's
 * `tests/staking.rs` (`test_max_amount_{add,remove,move}_*` incl. V17, which the vectors file
 * lists but does not carry, and the `test_sharepool_dataops_*` tests) and
 * `primitives/share-pool` tests. Subtensor's unit-test mock has `MinimumReserve = 100`.
 *
 * Pure parts only: V18 checks the swap that `stake_into_subnet` runs (fee, TAO into the pool,
 * alpha credited); the balance transfer and storage writes belong to the pallet.
 */
import { describe, expect, it } from 'vitest';
import { U64F64 } from '../../src/primitives/fixed/index.ts';
import {
  DEFAULT_QUOTE_WEIGHT,
  currentPrice,
  swapWithRaoLimit,
  type PoolState,
} from '../../src/runtime/pallets/swap/math/index.ts';
import {
  DEFAULT_MIN_STAKE,
  MemoryShareStore,
  SAFE_FLOAT_MAX,
  SAFE_FLOAT_ZERO,
  SharePool,
  alphaSharePoolStore,
  decreaseValueForOne,
  decodeSafeFloat,
  encodeSafeFloat,
  getMaxAmountAdd,
  getMaxAmountMove,
  getMaxAmountRemove,
  inheritedStake,
  minimumAddStakeAmount,
  safeFloatAdd,
  safeFloatDiv,
  safeFloatFromU64,
  safeFloatFromU64F64,
  safeFloatGt,
  safeFloatMulDiv,
  safeFloatNew,
  safeFloatSub,
  safeFloatToF64,
  safeFloatToU64,
  stakeWeight,
  taoEquivalentAtPrice,
  unstakeRefund,
  type AlphaShareBackend,
  type SafeFloat,
  type SubnetPool,
} from '../../src/runtime/pallets/subtensor/staking/math/index.ts';
import { loadVectors, vector } from '../helpers/vectors.ts';

const VECTORS = loadVectors();

const MOCK = { minimumReserve: 100n };
const U64_MAX = (1n << 64n) - 1n;
const dyn = (tao: bigint, alpha: bigint): SubnetPool => ({
  taoReserve: tao,
  alphaReserve: alpha,
  quoteWeight: DEFAULT_QUOTE_WEIGHT,
  feeRate: 33,
  mechanism: 1,
});
const stable: SubnetPool = { taoReserve: 0n, alphaReserve: 0n, quoteWeight: DEFAULT_QUOTE_WEIGHT, feeRate: 33, mechanism: 0 };
const root: SubnetPool = { ...stable, isRoot: true };
const abs = (x: bigint): bigint => (x < 0n ? -x : x);
const sf = (m: bigint, e: bigint): SafeFloat => {
  const v = safeFloatNew(m, e);
  if (!v) throw new Error('bad SafeFloat');
  return v;
};

describe('V16 test_max_amount_add_dynamic', () => {
  const v = vector('V16');
  const rows = (v.inputs as { rows: Array<{ tao_reserve: number | string; alpha_reserve: number | string; limit_price_rao_per_alpha: number | string }> }).rows;
  const expected = (v.expected as { rows: Array<{ expected: number | string; emulator: number | string }> }).rows;
  it.each(rows.map((r, i) => [i, r, expected[i]] as const))('row %i', (_i, r, e) => {
    const pool = dyn(BigInt(r.tao_reserve), BigInt(r.alpha_reserve));
    const got = getMaxAmountAdd(pool, BigInt(r.limit_price_rao_per_alpha), MOCK);
    if (e === undefined) throw new Error('missing expectation');
    if (typeof e.expected === 'string' && e.expected.startsWith('Err')) {
      expect(got).toEqual({ ok: false, error: e.expected.slice(4) });
      return;
    }
    expect(got.ok).toBe(true);
    if (!got.ok) return;
    // bit-level value of the independent emulator, exact
    expect(got.value).toBe(BigInt(e.emulator));
    // the test's tolerance: |actual − expected| ≤ expected / 10000
    const want = BigInt(e.expected);
    expect(abs(got.value - want)).toBeLessThanOrEqual(want / 10_000n);
  });
});

describe('V17 test_max_amount_remove_dynamic (ported from tests/staking.rs; 1 % band)', () => {
  type Row = [bigint, bigint, bigint, bigint | string];
  const rows: Row[] = [
    [0n, 1_000_000_000n, 100n, 'ReservesTooLow'],
    [1_000_000_000n, 0n, 100n, 'PriceLimitExceeded'],
    [10_000_000_000n, 10_000_000_000n, 0n, 10_000_000_000_000n],
    [1_000n, 1_000n, 0n, 1_000_000n],
    [1_001n, 1_001n, 0n, 1_001_000n],
    [1_001n, 1_001n, 1n, 1_001_000n],
    [1_001n, 1_001n, 2n, 1_001_000n],
    [1_001n, 1_001n, 1_001n, 1_001_000n],
    [1_001n, 1_001n, 10_000n, 17_472n],
    [1_001n, 1_001n, 100_000n, 17_472n],
    [1_001n, 1_001n, 1_000_000n, 17_472n],
    [1_001n, 1_001n, 10_000_000n, 9_013n],
    [1_001n, 1_001n, 100_000_000n, 2_165n],
    [1_000_000n, 1_000_000n, 250_000_000n, 1_010_000n],
    [1_000_000n, 1_000_000n, 62_500_000n, 3_030_000n],
    [1_000_000_000_000n, 1_000_000_000_000n, 62_500_000n, 3_030_000_000_000n],
    [200_000_000_000n, 100_000_000_000n, 0n, 100_000_000_000_000n],
    [200_000_000_000n, 100_000_000_000n, 500_000_000n, 101_000_000_000n],
    [200_000_000_000n, 100_000_000_000n, 125_000_000n, 303_000_000_000n],
    [200_000_000_000n, 100_000_000_000n, 2_000_000_000n, 'PriceLimitExceeded'],
    [200_000_000_000n, 100_000_000_000n, 2_000_000_001n, 'PriceLimitExceeded'],
    [200_000_000_000n, 100_000_000_000n, 1_999_999_999n, 24n],
    [200_000_000_000n, 100_000_000_000n, 1_999_999_990n, 250n],
    [21_000_000_000_000_000n, 1_000_000n, 21_000_000_000_000_000n, 17_455_533n],
    [21_000_000_000_000_000n, 1_000_000n, U64_MAX, 67_000n],
    [21_000_000_000_000_000n, 1_000_000_000_000_000_000n, U64_MAX, 'PriceLimitExceeded'],
    [21_000_000_000_000_000n, 1_000_000_000_000_000_000n, 20_000_000n, 24_700_000_000_000_000n],
    [21_000_000_000_000_000n, 21_000_000_000_000_000n, 999_999_999n, 10_605_000n],
    [21_000_000_000_000_000n, 21_000_000_000_000_000n, 0n, U64_MAX],
  ];
  it.each(rows.map((r, i) => [i, ...r] as const))('row %i: tao %s alpha %s limit %s', (_i, tao, alpha, limit, want) => {
    const pool = dyn(tao, alpha);
    if (alpha !== 0n) expect(currentPrice(pool)).toBe(U64F64.div(U64F64.fromNum(tao), U64F64.fromNum(alpha)));
    const got = getMaxAmountRemove(pool, limit, MOCK);
    if (typeof want === 'string') {
      expect(got).toEqual({ ok: false, error: want });
      return;
    }
    expect(got.ok).toBe(true);
    if (got.ok) expect(abs(got.value - want)).toBeLessThanOrEqual(want / 100n);
  });
});

describe('max amount: root and stable subnets (test_max_amount_{add,remove}_{root,stable})', () => {
  it.each([root, stable].map((s) => [s.isRoot ? 'root' : 'stable', s] as const))('%s', (_n, s) => {
    const add = (l: bigint): bigint | string => {
      const r = getMaxAmountAdd(s, l);
      return r.ok ? r.value : r.error;
    };
    const rem = (l: bigint): bigint | string => {
      const r = getMaxAmountRemove(s, l);
      return r.ok ? r.value : r.error;
    };
    expect([0n, 999_999_999n, 1_000_000_000n, 1_000_000_001n, 2_000_000_000n].map(add)).toEqual([0n, 0n, U64_MAX, U64_MAX, U64_MAX]);
    expect([0n, 500_000_000n, 999_999_999n, 1_000_000_000n, 1_000_000_001n, 2_000_000_000n].map(rem)).toEqual([
      U64_MAX, U64_MAX, U64_MAX, U64_MAX, 0n, 0n,
    ]);
  });
});

describe('max amount move (test_max_amount_move_*)', () => {
  const move = (o: SubnetPool, d: SubnetPool, l: bigint): bigint | string => {
    const r = getMaxAmountMove(o, d, l, MOCK);
    return r.ok ? r.value : r.error;
  };
  it('root→root and root→stable: MAX up to price 1.0, else 0', () => {
    for (const d of [root, stable]) {
      expect([0n, 500_000_000n, 999_999_999n, 1_000_000_000n, 1_000_000_001n, 2_000_000_000n].map((l) => move(root, d, l))).toEqual([
        U64_MAX, U64_MAX, U64_MAX, U64_MAX, 0n, 0n,
      ]);
    }
  });

  it('stable→dynamic (price 0.5) mimics add_stake_limit with the inverted price', () => {
    const d = dyn(50_000_000_000n, 100_000_000_000n);
    expect(currentPrice(d)).toBe(U64F64.fromNum(0.5));
    expect(move(stable, d, 0n)).toBe(U64_MAX);
    expect(move(stable, d, 2_000_000_000n)).toBe('PriceLimitExceeded');
    expect(move(stable, d, 3_000_000_000n)).toBe('PriceLimitExceeded');
    const twoX = move(stable, d, 500_000_000n) as bigint;
    const want = 50_000_000_000n + 150_000_000n;
    expect(abs(twoX - want)).toBeLessThanOrEqual(50_000_000_000n / 100n);
    expect(move(stable, d, 1_999_999_000n) as bigint).toBeGreaterThan(0n);
    for (const l of [U64_MAX, U64_MAX - 1n, U64_MAX / 2n]) expect(move(stable, d, l)).toBe('PriceLimitExceeded');
  });

  it('dynamic (price 1.5) → stable mimics remove_stake_limit', () => {
    const o = dyn(150_000_000_000n, 100_000_000_000n);
    expect(currentPrice(o)).toBe(U64F64.fromNum(1.5));
    expect(move(o, stable, 0n)).toBe(100_000_000_000n * 1000n);
    for (const l of [1n, 2n, 3n]) expect(move(o, stable, l) as bigint).toBeGreaterThan(0n);
    expect(move(o, stable, 1_500_000_001n)).toBe('PriceLimitExceeded');
    const at = move(o, stable, 1_500_000_000n);
    expect(typeof at === 'string' ? 0n : at).toBeLessThanOrEqual(10_000n);
    const quarter = move(o, stable, 375_000_000n) as bigint;
    expect(abs(quarter - (100_000_000_000n + 100_000_000_000n / 2000n))).toBeLessThanOrEqual(100_000_000_000n / 10_000n);
    expect(move(o, stable, 1_499_999_999n) as bigint).toBeGreaterThan(0n);
    for (const l of [U64_MAX, U64_MAX - 1n, U64_MAX / 2n]) {
      const r = move(o, stable, l);
      expect(typeof r === 'string' ? 0n : r).toBeLessThan(21_000_000_000_000_000n);
    }
  });

  it('dynamic → dynamic closed form (all rows of test_max_amount_move_dynamic_dynamic)', () => {
    const rows: Array<[bigint, bigint, bigint, bigint, bigint, bigint, bigint]> = [
      [0n, 1_000_000_000n, 1_000_000_000n, 1_000_000_000n, 100n, 0n, 1n],
      [1_000_000_000n, 0n, 1_000_000_000n, 1_000_000_000n, 100n, 0n, 1n],
      [1_000_000_000n, 1_000_000_000n, 0n, 1_000_000_000n, 100n, 0n, 1n],
      [1_000_000_000n, 1_000_000_000n, 1_000_000_000n, 0n, 100n, 0n, 1n],
      [1n, 1n, 1n, 1n, 0n, U64_MAX, 1n],
      [1n, 1n, 1n, 1n, 1n, 500_000_000n, 1n],
      [1n, 1n, 1n, 1n, 2n, 250_000_000n, 1n],
      [1n, 1n, 1n, 1n, 3n, 166_666_666n, 1n],
      [1n, 1n, 1n, 1n, 4n, 125_000_000n, 1n],
      [1n, 1n, 1n, 1n, 1_000n, 500_000n, 1n],
      [1_000n, 1_000n, 1_000n, 1_000n, 500_000_000n, 500n, 1n],
      [1_000n, 1_000n, 1_000n, 1_000n, 100_000_000n, 4_500n, 1n],
      [150_000_000_000n, 100_000_000_000n, 100_000_000_000n, 100_000_000_000n, 100_000_000n, 560_000_000_000n, 1_000_000n],
      [150_000_000_000n, 100_000_000_000n, 100_000_000_000n, 100_000_000_000n, 500_000_000n, 80_000_000_000n, 1_000_000n],
      [150_000_000_000n, 100_000_000_000n, 100_000_000_000n, 100_000_000_000n, 750_000_000n, 40_000_000_000n, 1_000_000n],
      [150_000_000_000n, 100_000_000_000n, 100_000_000_000n, 100_000_000_000n, 1_000_000_000n, 20_000_000_000n, 1_000n],
      [150_000_000_000n, 100_000_000_000n, 100_000_000_000n, 100_000_000_000n, 1_250_000_000n, 8_000_000_000n, 1_000n],
      [150_000_000_000n, 100_000_000_000n, 100_000_000_000n, 100_000_000_000n, 1_499_999_999n, 27n, 1n],
      [150_000_000_000n, 100_000_000_000n, 100_000_000_000n, 100_000_000_000n, 1_500_000_000n, 0n, 1n],
      [150_000_000_000n, 100_000_000_000n, 100_000_000_000n, 100_000_000_000n, 1_500_000_001n, 0n, 1n],
      [150_000_000_000n, 100_000_000_000n, 100_000_000_000n, 100_000_000_000n, 1_500_001_000n, 0n, 1n],
      [150_000_000_000n, 100_000_000_000n, 100_000_000_000n, 100_000_000_000n, 2_000_000_000n, 0n, 1n],
      [150_000_000_000n, 100_000_000_000n, 100_000_000_000n, 100_000_000_000n, U64_MAX, 0n, 1n],
      [100_000_000_000n, 200_000_000_000n, 300_000_000_000n, 400_000_000_000n, 500_000_000n, 50_000_000_000n, 1_000n],
      [1_000_000_000n, 1_000_000_000n, 1_000_000_000n, 1_000_000_000n, 1n, 499_999_999_500_000_000n, 100_000_000n],
      [1_000_000n, 1_000_000n, 21_000_000_000_000_000n, 1_000_000_000_000_000_000n, 1n, 48_000_000_000_000_000n, 1_000_000_000_000_000n],
      [1_000_000n, 1_000_000n, 21_000_000_000_000_000n, 1_000_000_000_000_000_000n, U64_MAX, 0n, 1n],
    ];
    for (const [t1, a1, t2, a2, limit, want, eps] of rows) {
      const r = move(dyn(t1, a1), dyn(t2, a2), limit);
      const got = typeof r === 'string' ? 0n : r;
      expect(abs(got - want), `${t1} ${a1} ${t2} ${a2} @${limit}`).toBeLessThanOrEqual(eps);
    }
  });
});

describe('V18 test_stake_into_subnet_ok (the swap stake_into_subnet runs)', () => {
  const v = vector('V18');
  it('100M rao into a 100 TAO / 1000 alpha pool', () => {
    const i = v.inputs as { tao_reserve: number; alpha_reserve: number; tao_amount: number; limit_price_rao: string };
    const e = v.expected as { stake_alpha_approx: number; emulator_exact: { fee: number; tao_into_pool: number; alpha_out: number } };
    const pool: PoolState = dyn(BigInt(i.tao_reserve), BigInt(i.alpha_reserve));
    const price = U64F64.toF64(currentPrice(pool));
    const r = swapWithRaoLimit(pool, 'buy', BigInt(i.tao_amount), BigInt(i.limit_price_rao), false, false, MOCK);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.feePaid).toBe(BigInt(e.emulator_exact.fee));
    expect(r.value.amountPaidIn).toBe(BigInt(e.emulator_exact.tao_into_pool));
    expect(r.value.amountPaidOut).toBe(BigInt(e.emulator_exact.alpha_out));
    // the test's assertion: within 0.1 % of amount·(1 − fee)/price
    const approx = (i.tao_amount * (1 - 33 / 65535)) / price;
    expect(Math.abs(Number(r.value.amountPaidOut) - approx)).toBeLessThanOrEqual(approx / 1000);
    expect(Math.abs(approx - e.stake_alpha_approx)).toBeLessThan(1);
    // the credited alpha goes into an empty share pool intact
    const sp = new SharePool(new MemoryShareStore<string>());
    expect(sp.simUpdateValueForOne(r.value.amountPaidOut)).toBe(true);
    sp.updateValueForOne('coldkey', r.value.amountPaidOut);
    expect(sp.getValue('coldkey')).toBe(r.value.amountPaidOut);
  });
});

describe('staking amount rules', () => {
  it('add_stake minimum = DefaultMinStake + fee of a simulated min-stake buy', () => {
    const p = dyn(1_000_000_000_000n, 1_000_000_000_000n);
    expect(minimumAddStakeAmount(p, MOCK)).toBe(DEFAULT_MIN_STAKE + (DEFAULT_MIN_STAKE * 33n) / 65535n);
    expect(minimumAddStakeAmount(stable)).toBe(DEFAULT_MIN_STAKE);
  });
  it('transfer_stake_within_subnet TAO equivalent and unstake refund', () => {
    expect(taoEquivalentAtPrice(U64F64.fromNum(0.5), 10_000_000n)).toBe(5_000_000n);
    expect(unstakeRefund(1_000n, 900n, 5n)).toBe(95n);
    expect(unstakeRefund(1_000n, 996n, 5n)).toBe(0n);
  });
  it('inherited stake through child/parent proportions and the tao-weighted total', () => {
    const half = U64_MAX / 2n;
    // a parent giving (just under) half of 1000 to this key, which gives as much of its own 400
    // to a child: 400 − 199.99… + 499.99… floors to 699
    expect(inheritedStake(400n, [half], [{ proportion: half, stake: 1_000n }])).toBe(699n);
    expect(inheritedStake(400n, [], [{ proportion: U64_MAX, stake: 1_000n }])).toBe(1_400n);
    expect(inheritedStake(1_000n, [], [])).toBe(1_000n);
    const w = stakeWeight(1_000n, 1_000_000n, U64_MAX);
    expect(w.total >> 64n).toBe(1_001_000n); // tao weight u64::MAX/u64::MAX = 1.0 exactly
    expect(stakeWeight(1_000n, 1_000_000n, 0n).total >> 64n).toBe(1_000n);
  });
});

describe('V29 share pools', () => {
  const v = vector('V29');
  it('test_get_value: 3/10 and 7/10 of 100', () => {
    const store = new MemoryShareStore<number>();
    store.denominator = safeFloatFromU64(10n);
    store.shares.set(1, safeFloatFromU64(3n));
    store.shares.set(2, safeFloatFromU64(7n));
    store.sharedValue = 100n;
    const pool = new SharePool(store);
    const e = (v.expected['test_get_value / test_denom_precision / test_denom_high_precision'] as Record<string, Record<string, number>>);
    expect(pool.getValue(1)).toBe(BigInt(e.case1?.value1 ?? -1));
    expect(pool.getValue(2)).toBe(BigInt(e.case1?.value2 ?? -1));
  });

  it('test_denom_precision: +1000/−990 on two keys leaves 10 each', () => {
    const pool = new SharePool(new MemoryShareStore<number>());
    pool.updateValueForOne(1, 1000n);
    expect(pool.getValue(1)).toBe(1000n);
    pool.updateValueForOne(1, -990n);
    pool.updateValueForOne(2, 1000n);
    pool.updateValueForOne(2, -990n);
    expect(pool.getValue(1)).toBe(10n);
    expect(pool.getValue(2)).toBe(10n);
  });

  it('test_denom_high_precision: 1 rao stakes survive huge emissions (±1)', () => {
    const pool = new SharePool(new MemoryShareStore<number>());
    pool.updateValueForOne(1, 1n);
    pool.updateValueForOne(2, 1n);
    pool.updateValueForAll(999_999_999_999_998n);
    pool.updateValueForOne(1, -499_999_999_999_990n);
    pool.updateValueForOne(2, -499_999_999_999_990n);
    pool.updateValueForAll(999_999_999_999_980n);
    pool.updateValueForOne(1, 1_000_000_000_000n);
    pool.updateValueForOne(2, 1_000_000_000_000n);
    expect(abs(pool.getValue(1) - 501_000_000_000_000n)).toBeLessThanOrEqual(1n);
    expect(abs(pool.getValue(2) - 501_000_000_000_000n)).toBeLessThanOrEqual(1n);
  });

  const backend = () => {
    const m = {
      total: 0n as bigint | undefined,
      legacy: new Map<number, bigint>(),
      v2: new Map<number, SafeFloat>(),
      legacyDen: undefined as bigint | undefined,
      den: undefined as SafeFloat | undefined,
    };
    const b: AlphaShareBackend<number> = {
      getTotalHotkeyAlpha: () => m.total ?? 0n,
      setTotalHotkeyAlpha: (x) => void (m.total = x),
      getLegacyShare: (k) => m.legacy.get(k),
      removeLegacyShare: (k) => void m.legacy.delete(k),
      getShareV2: (k) => m.v2.get(k),
      setShareV2: (k, s) => void (s === undefined ? m.v2.delete(k) : m.v2.set(k, s)),
      getLegacyDenominator: () => m.legacyDen,
      removeLegacyDenominator: () => void (m.legacyDen = undefined),
      getDenominatorV2: () => m.den,
      setDenominatorV2: (s) => void (m.den = s),
    };
    return { m, b };
  };
  const one = U64F64.fromNum(1n);

  it('test_sharepool_dataops_update_value_for_all / _for_one_v2 (AlphaV2 maps)', () => {
    const e = v.expected['test_sharepool_dataops_update_value_for_all / _for_one_v2'] as Record<string, number>;
    const { m, b } = backend();
    m.total = 200_000n;
    m.v2.set(1, safeFloatFromU64(1n));
    m.den = safeFloatFromU64(1n);
    const pool = new SharePool(alphaSharePoolStore(b));
    pool.updateValueForAll(200_000n);
    expect(pool.getValue(1)).toBe(BigInt(e.value_after_all_plus ?? -1));
    pool.updateValueForAll(-200_000n);
    expect(pool.getValue(1)).toBe(BigInt(e.value_after_all_minus ?? -1));
    const fresh = backend();
    fresh.m.total = 200_000n;
    fresh.m.v2.set(1, safeFloatFromU64(1n));
    fresh.m.den = safeFloatFromU64(1n);
    const p2 = new SharePool(alphaSharePoolStore(fresh.b));
    p2.updateValueForOne(1, 200_000n);
    expect(p2.getValue(1)).toBe(BigInt(e.value_after_one_plus ?? -1));
  });

  it('test_sharepool_dataops_get_value_{v1,v2,mixed} and update_value_for_one_v1_with_migration', () => {
    for (const [legacyShare, legacyDen] of [[true, true], [false, false], [true, false], [false, true]] as const) {
      const { m, b } = backend();
      m.total = 200_000n;
      if (legacyShare) m.legacy.set(1, one);
      else m.v2.set(1, safeFloatFromU64(1n));
      if (legacyDen) m.legacyDen = one;
      else m.den = safeFloatFromU64(1n);
      const pool = new SharePool(alphaSharePoolStore(b));
      expect(pool.getValue(1)).toBe(200_000n);
      expect(pool.getValueFromShares(safeFloatFromU64F64(one))).toBe(200_000n);
      pool.updateValueForOne(1, 200_000n);
      expect(pool.getValue(1)).toBe(400_000n);
      expect(m.legacy.has(1)).toBe(false);
      expect(m.legacyDen).toBeUndefined();
      expect(m.v2.has(1)).toBe(true);
    }
  });
});

describe('share-pool crate tests', () => {
  it('test_division_by_zero / test_max_shared_value / test_max_share_value', () => {
    expect(new SharePool(new MemoryShareStore<number>()).getValue(1)).toBe(0n);
    const s1 = new MemoryShareStore<number>();
    s1.sharedValue = U64_MAX;
    s1.shares.set(1, safeFloatFromU64(3n));
    s1.shares.set(2, safeFloatFromU64(7n));
    s1.denominator = safeFloatFromU64(10n);
    const p1 = new SharePool(s1);
    expect(U64_MAX - (p1.getValue(1) + p1.getValue(2))).toBeLessThanOrEqual(5n);
    const s2 = new MemoryShareStore<number>();
    s2.sharedValue = 1_000_000_000n;
    s2.shares.set(1, safeFloatFromU64(U64_MAX / 2n));
    s2.shares.set(2, safeFloatFromU64(U64_MAX / 2n));
    s2.denominator = safeFloatFromU64(U64_MAX);
    const p2 = new SharePool(s2);
    expect(abs(p2.getValue(1) - 500_000_000n)).toBeLessThanOrEqual(1n);
    expect(abs(p2.getValue(2) - 500_000_000n)).toBeLessThanOrEqual(1n);
  });

  it('test_denom_high_precision_many_small_unstakes (±1)', () => {
    const pool = new SharePool(new MemoryShareStore<number>());
    pool.updateValueForOne(1, 1n);
    pool.updateValueForOne(2, 1n);
    pool.updateValueForAll(1_000_000_000_000_000n);
    for (let i = 0; i < 1000; i++) {
      pool.updateValueForOne(1, -500_000_000n);
      pool.updateValueForOne(2, -500_000_000n);
    }
    pool.updateValueForAll(1_000_000_000_000_000n);
    pool.updateValueForOne(1, 1_000_000_000_000n);
    pool.updateValueForOne(2, 1_000_000_000_000n);
    const want = 1_001_000_000_000_000n - 1000n * 500_000_000n;
    expect(abs(pool.getValue(1) - want)).toBeLessThanOrEqual(1n);
    expect(abs(pool.getValue(2) - want)).toBeLessThanOrEqual(1n);
  });

  it('test_update_value_for_one / _for_all', () => {
    const a = new SharePool(new MemoryShareStore<number>());
    a.updateValueForOne(1, 1000n);
    expect(a.getValue(1)).toBe(1000n);
    const store = new MemoryShareStore<number>();
    new SharePool(store).updateValueForAll(1000n);
    expect(store.sharedValue).toBe(1000n);
  });

  it('test_get_shares_per_update within 1/1000 of the f64 ratio', () => {
    const rows: Array<[bigint, bigint, bigint, bigint]> = [
      [1n, 1n, 1n, 0n],
      [1n, 1_000_000_000_000_000_000n, 1n, 0n],
      [1n, 21_000_000_000_000_000n, 1n, 5n],
      [1n, 21_000_000_000_000_000n, 1n, -1_000_000n],
      [1n, 21_000_000_000_000_000n, 1n, -1_000_000_000n],
      [1n, 21_000_000_000_000_000n, 1n, -1_000_000_001n],
      [1_000n, 21_000_000_000_000_000n, 1n, 5n],
      [21_000_000_000_000_000n, 21_000_000_000_000_000n, 1n, 5n],
      [21_000_000_000_000_000n, 21_000_000_000_000_000n, 1n, -5n],
      [21_000_000_000_000_000n, 21_000_000_000_000_000n, 1n, -100n],
      [21_000_000_000_000_000n, 21_000_000_000_000_000n, 1n, 100n],
      [210_000_000_000_000_000n, 21_000_000_000_000_000n, 1n, 5n],
      [1_000n, 1_000n, 21_000_000_000_000_000n, 0n],
      [1_000n, 1_000n, 21_000_000_000_000_000n, -1n],
    ];
    const pool = new SharePool(new MemoryShareStore<number>());
    for (const [update, shared, dm, de] of rows) {
      const den = safeFloatNew(dm, de) ?? SAFE_FLOAT_ZERO;
      const spu = safeFloatToF64(pool.sharesPerUpdate(update, shared, den));
      const expected = (Number(update) * safeFloatToF64(den)) / Number(shared);
      if (expected === 0) expect(spu).toBe(0);
      else expect(Math.abs(spu - expected)).toBeLessThanOrEqual(expected / 1000);
      // exact mantissa check where f64 cannot follow (1e-1000000 denominators)
      if (de < -1000n) {
        const r = pool.sharesPerUpdate(update, shared, den);
        expect(r.mantissa).toBeGreaterThan(0n);
      }
    }
  });

  it('test_loss_due_to_precision (SN64 case): a 1000-rao unstake costs 1000 rao', () => {
    const store = new MemoryShareStore<number>();
    store.denominator = sf(1n, -14n);
    store.sharedValue = 1_000_000_000_000n;
    store.shares.set(1, sf(1n, -15n));
    const pool = new SharePool(store);
    const before = pool.getValue(1);
    expect(Math.abs(Number(before) - 100_000_000_000)).toBeLessThanOrEqual(0.1);
    pool.updateValueForOne(1, -1000n);
    const after = pool.getValue(1);
    expect(Math.abs(Number(before - after) - 1000)).toBeLessThanOrEqual(1000 / 1e9);
  });

  it('simUpdateValueForOne: false when no shares would be minted (zero update, or shares on a zero value)', () => {
    const store = new MemoryShareStore<number>();
    store.sharedValue = 0n;
    store.denominator = sf(1n, -40n);
    const pool = new SharePool(store);
    expect(pool.simUpdateValueForOne(1n)).toBe(false);
    store.sharedValue = U64_MAX;
    expect(pool.simUpdateValueForOne(0n)).toBe(false);
    expect(pool.simUpdateValueForOne(1n)).toBe(true);
    expect(new SharePool(new MemoryShareStore<number>()).simUpdateValueForOne(1n)).toBe(true);
  });

  it('decrease only when the coldkey holds enough', () => {
    const pool = new SharePool(new MemoryShareStore<number>());
    pool.updateValueForOne(1, 1000n);
    expect(decreaseValueForOne(pool, 1, 2000n)).toBe(false);
    expect(decreaseValueForOne(pool, 2, 1n)).toBe(false);
    expect(decreaseValueForOne(pool, 1, 400n)).toBe(true);
    expect(pool.getValue(1)).toBe(600n);
  });
});

describe('SafeFloat crate tests', () => {
  it('test_safefloat_normalize', () => {
    const rows: Array<[bigint, bigint, bigint, bigint]> = [
      [1n, 0n, SAFE_FLOAT_MAX, -21n],
      [0n, 0n, 0n, 0n],
      [10n, 0n, SAFE_FLOAT_MAX, -20n],
      [1_000n, 0n, SAFE_FLOAT_MAX, -18n],
      [100_000_000_000_000_000_000n, 0n, SAFE_FLOAT_MAX, -1n],
      [SAFE_FLOAT_MAX, 0n, SAFE_FLOAT_MAX, 0n],
    ];
    for (const [m, e, em, ee] of rows) expect(sf(m, e)).toEqual({ mantissa: em, exponent: ee });
    expect(safeFloatNew(SAFE_FLOAT_MAX + 1n, 0n)).toBeUndefined();
  });

  it('test_safefloat_add (both orders)', () => {
    const rows: Array<[bigint, bigint, bigint, bigint, bigint, bigint]> = [
  [1n, 0n, 1n, 0n, 200000000000000000000n, -20n],
  [0n, 0n, 1n, 0n, 1000000000000000000000n, -21n],
  [0n, 0n, 1n, -1n, 1000000000000000000000n, -22n],
  [1n, -1000n, 1n, -1n, 1000000000000000000000n, -22n],
  [1000000000000000000000n, 0n, 1000000000000000000000n, 0n, 200000000000000000000n, 1n],
  [1n, 0n, 1000000000000000000000n, 1n, 1000000000000000000000n, 1n],
  [1n, 0n, 1n, 22n, 1000000000000000000000n, 1n],
  [1n, 0n, 1n, 23n, 1000000000000000000000n, 2n],
  [123n, 0n, 1n, 23n, 1000000000000000000000n, 2n],
  [123n, 1n, 1n, 23n, 100000000000000000001n, 3n],
  [42n, 0n, 1n, 22n, 1000000000000000000000n, 1n],
  [999999999999999999999n, 0n, 1n, 22n, 109999999999999999999n, 2n],
  [42n, 0n, 1n, 23n, 1000000000000000000000n, 2n],
  [4200n, 0n, 1n, 23n, 100000000000000000004n, 3n],
  [999999999999999999999n, 0n, 1n, 23n, 100999999999999999999n, 3n],
  [999999n, 1n, 1n, 23n, 100000000000000009999n, 3n],
  [1n, 24n, 1n, 0n, 1000000000000000000000n, 3n],
  [1n, 24n, 123456789012345678901n, 0n, 100012345678901234567n, 4n],
  [1n, 22n, 1n, 23n, 110000000000000000000n, 3n],
  [999999999999999999999n, 22n, 1n, 22n, 1000000000000000000000n, 22n]
    ];
    for (const [ma, ea, mb, eb, em, ee] of rows) {
      const a = sf(ma, ea);
      const b = sf(mb, eb);
      expect(safeFloatAdd(a, b)).toEqual({ mantissa: em, exponent: ee });
      expect(safeFloatAdd(b, a)).toEqual({ mantissa: em, exponent: ee });
    }
  });

  it('test_safefloat_div and div by zero', () => {
    expect(safeFloatDiv(sf(1n, 0n), SAFE_FLOAT_ZERO)).toBeUndefined();
    const rows: Array<[bigint, bigint, bigint, bigint]> = [
      [1n, 0n, 100_000_000_000_000_000_000n, -20n], [1n, 0n, 1n, 0n], [1n, 1n, 1n, 0n], [1n, 7n, 1n, 0n],
      [1n, 50n, 1n, 0n], [1n, 100n, 1n, 0n], [1n, 0n, 7n, 0n], [1n, 1n, 7n, 0n], [1n, 7n, 7n, 0n],
      [1n, 50n, 7n, 0n], [1n, 100n, 7n, 0n], [1n, 0n, 3n, 0n], [2n, 7n, 3n, 0n], [5n, 100n, 3n, 0n],
      [10n, 0n, 100_000_000_000_000_000_000n, -19n], [1_000n, 0n, 100_000_000_000_000_000_000n, -17n],
      [100_000_000_000_000_000_000n, 0n, SAFE_FLOAT_MAX, -1n], [SAFE_FLOAT_MAX, 0n, SAFE_FLOAT_MAX, 0n],
      [SAFE_FLOAT_MAX, 100n, SAFE_FLOAT_MAX, -100n], [SAFE_FLOAT_MAX, 100n, SAFE_FLOAT_MAX - 1n, -100n],
      [SAFE_FLOAT_MAX - 1n, 100n, SAFE_FLOAT_MAX, -100n], [SAFE_FLOAT_MAX, 100n, SAFE_FLOAT_MAX / 2n - 1n, 100n],
      [123_456_789_123_456_789_123n, 20n, 87_654_321_987_654_321_987n, -20n],
      [123_456_789_123_456_789_123n, -123n, 87_654_321_987_654_321_987n, 32n],
    ];
    for (const [ma, ea, mb, eb] of rows) {
      const actual = safeFloatToF64(safeFloatDiv(sf(ma, ea), sf(mb, eb)) ?? SAFE_FLOAT_ZERO);
      const expected = (Number(ma) * 10 ** Number(ea)) / (Number(mb) * 10 ** Number(eb));
      expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(actual) / 1e14);
    }
  });

  it('test_safefloat_mul_div keeps the precision of a·b', () => {
    const rows: Array<[bigint, bigint, bigint, bigint, bigint, bigint]> = [
      [1n, -20n, 1n, -20n, 1n, -20n],
      [123n, 20n, 123n, -20n, 321n, 0n],
      [123_123_123_123_123_123n, 20n, 321_321_321_321_321_321n, -20n, 777_777_777_777_777_777n, 0n],
      [11_111_111_111_111_111_111n, 20n, 99_321_321_321_321_321_321n, -20n, 77_777_777_777_777_777_777n, 0n],
    ];
    for (const [ma, ea, mb, eb, mc, ec] of rows) {
      const actual = safeFloatToF64(safeFloatMulDiv(sf(ma, ea), sf(mb, eb), sf(mc, ec)) ?? SAFE_FLOAT_ZERO);
      const expected = ((Number(ma) * 10 ** Number(ea)) * (Number(mb) * 10 ** Number(eb))) / (Number(mc) * 10 ** Number(ec));
      expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(actual) / 1e14);
    }
  });

  it('test_safefloat_from_u64f64 (0.1), sub, gt, to_u64, SCALE round trip', () => {
    const tenth = U64F64.fromNum(0.1);
    const v = safeFloatToF64(safeFloatFromU64F64(tenth));
    expect(Math.abs(v - U64F64.toF64(tenth))).toBeLessThanOrEqual(v / 1e14);
    expect(safeFloatSub(SAFE_FLOAT_ZERO, sf(1n, 0n))).toBeUndefined();
    expect(safeFloatSub(sf(1n, 0n), sf(2n, 0n))).toEqual(SAFE_FLOAT_ZERO);
    expect(safeFloatToU64(safeFloatSub(sf(1000n, 0n), sf(1n, 0n)) ?? SAFE_FLOAT_ZERO)).toBe(999n);
    expect(safeFloatGt(sf(2n, 0n), sf(1n, 0n))).toBe(true);
    expect(safeFloatGt(sf(1n, 0n), sf(2n, 0n))).toBe(false);
    expect(safeFloatGt(sf(1n, 5n), sf(9n, 0n))).toBe(true);
    expect(safeFloatToU64(sf(1n, 30n))).toBe(U64_MAX);
    expect(safeFloatToU64(sf(123n, 0n))).toBe(123n);
    const x = sf(123_456_789n, -7n);
    expect(decodeSafeFloat(encodeSafeFloat(x))).toEqual(x);
  });
});

describe('tests/move_stake.rs (the swaps a cross-subnet move runs)', () => {
  const run = (pool: PoolState, dir: 'buy' | 'sell', amount: bigint, limitRao: bigint, dropFees: boolean) => {
    const r = swapWithRaoLimit(pool, dir, amount, limitRao, dropFees, false, MOCK);
    if (!r.ok) throw new Error(r.error);
    const next =
      dir === 'buy'
        ? { ...pool, taoReserve: pool.taoReserve + r.value.amountPaidIn, alphaReserve: pool.alphaReserve - r.value.amountPaidOut }
        : { ...pool, alphaReserve: pool.alphaReserve + r.value.amountPaidIn, taoReserve: pool.taoReserve - r.value.amountPaidOut };
    return { r: r.value, pool: next };
  };

  it('test_do_move_different_subnets: alpha arrives minus one fee (±0.1 %)', () => {
    const stake = DEFAULT_MIN_STAKE * 10n;
    let origin: PoolState = dyn(stake * 100n, stake * 100n);
    const destination: PoolState = dyn(stake * 100n, stake * 100n);
    // stake_into_subnet at max price, with fee
    const staked = run(origin, 'buy', stake, 1_000_000_000_000_000n, false);
    origin = staked.pool;
    const alpha = staked.r.amountPaidOut;
    // move: the origin (not root) pays the fee, the destination buy is fee-less
    const sold = run(origin, 'sell', alpha, 1_000n, false);
    expect(unstakeRefund(alpha, sold.r.amountPaidIn, sold.r.feePaid)).toBe(0n);
    const tao = sold.r.amountPaidOut;
    expect(tao >= DEFAULT_MIN_STAKE).toBe(true);
    const bought = run(destination, 'buy', tao, 1_000_000_000_000_000n, true);
    const fee = (alpha * 33n) / 65535n; // approx_fee_amount(destination, alpha)
    expect(abs(bought.r.amountPaidOut - (alpha - fee))).toBeLessThanOrEqual(alpha / 1000n);
  });

  it('test_do_transfer_different_subnets: sim quotes on both sides predict the result (±1000)', () => {
    const stake = DEFAULT_MIN_STAKE * 10n;
    const origin = dyn(1_000_000_000_000n, 1_000_000_000_000n);
    const destination = dyn(1_000_000_000_000n, 1_000_000_000_000n);
    const staked = run(origin, 'buy', stake, 1_000_000_000_000_000n, false);
    const alpha = staked.r.amountPaidOut;
    // the test's expectation: a fee-less sell quote, then a buy quote with fee
    const quoteTao = run(staked.pool, 'sell', alpha, 1_000n, true).r.amountPaidOut;
    const quoteAlpha = run(destination, 'buy', quoteTao, 1_000_000_000_000_000n, false).r.amountPaidOut;
    const actual = run(destination, 'buy', run(staked.pool, 'sell', alpha, 1_000n, false).r.amountPaidOut, 1_000_000_000_000_000n, true).r.amountPaidOut;
    expect(abs(actual - quoteAlpha)).toBeLessThanOrEqual(1_000n);
  });
});
