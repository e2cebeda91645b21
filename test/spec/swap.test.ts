/**
 * Swap (balancer pool) spec tests: the `kind: "swap"` vectors V14 and V30 of
 * ../shared/reference/vectors.json, and cases ported from subtensor's
 * `pallets/swap/src/pallet/tests.rs` and `balancer.rs` tests. The pallet tests run against mock
 * reserves (`set_mock_reserve`) with `MinimumReserve = 1`; here the reserves are the pool state.
 * V16 and V18 (also `kind: "swap"`) live in stake.test.ts with the other staking-through-pool cases.
 */
import { describe, expect, it } from 'vitest';
import { U64F64 } from '../../src/primitives/fixed/index.ts';
import {
  DEFAULT_QUOTE_WEIGHT,
  MAX_PRICE_RAO,
  MIN_PRICE_RAO,
  MIN_WEIGHT,
  PERQUINTILL_ONE,
  adjustProtocolLiquidity,
  balancerPrice,
  baseDeltaIn,
  baseNeededForQuote,
  convertDeltas,
  currentPrice,
  doSwap,
  expScaled,
  expBaseQuote,
  expQuoteBase,
  initialQuoteWeight,
  isValidQuoteWeight,
  limitPriceFromRao,
  mulPerquintillRound,
  perquintillFromRational,
  quoteDeltaIn,
  quoteWeightForAddedLiquidity,
  reservesAfterSwap,
  simSwap,
  simSwapAlphaForTao,
  simSwapTaoForAlpha,
  type PoolState,
  type SwapDirection,
} from '../../src/runtime/pallets/swap/math/index.ts';
import { loadVectors, vector } from '../helpers/vectors.ts';

const VECTORS = loadVectors();

const MOCK = { minimumReserve: 1n };
const f = (bits: bigint): number => U64F64.toF64(bits);
const pool = (tao: bigint, alpha: bigint, quoteWeight = DEFAULT_QUOTE_WEIGHT, feeRate = 33): PoolState => ({
  taoReserve: tao,
  alphaReserve: alpha,
  quoteWeight,
  feeRate,
});
const expectClose = (actual: number, expected: number, eps: number): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(eps);
};

describe('V14 test_swap_basic (reserves 1e9 TAO / 4e9 alpha, weight 0.5, fee 33)', () => {
  const v = vector('V14');
  const inputs = v.inputs as {
    tao_reserve: number;
    alpha_reserve: number;
    cases: Array<{
      order: string;
      amount: number;
      limit_price: number;
      asserted: { amount_paid_out: number; reserve_delta_in: number };
      emulator_exact: { paid_in: number; paid_out: number; fee: number; fee_to_author: number };
    }>;
  };
  it.each(inputs.cases.map((c, i) => [i, c] as const))('case %i', (_i, c) => {
    const p = pool(BigInt(inputs.tao_reserve), BigInt(inputs.alpha_reserve));
    const dir: SwapDirection = c.order.startsWith('buy') ? 'buy' : 'sell';
    const before = currentPrice(p);
    const r = doSwap(p, dir, BigInt(c.amount), U64F64.fromNum(c.limit_price), false, false, MOCK);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // exact (bit-level) result
    expect(r.value).toEqual({
      amountPaidIn: BigInt(c.emulator_exact.paid_in),
      amountPaidOut: BigInt(c.emulator_exact.paid_out),
      feePaid: BigInt(c.emulator_exact.fee),
      feeToBlockAuthor: BigInt(c.emulator_exact.fee_to_author),
    });
    // the test's own assertions (epsilon 1)
    expectClose(Number(r.value.amountPaidOut), c.asserted.amount_paid_out, 1);
    expectClose(Number(r.value.amountPaidIn), c.asserted.reserve_delta_in, 1);
    // and its f64 formula
    const fee = Math.floor((c.amount * 33) / 65535);
    const x = inputs.alpha_reserve;
    const y = inputs.tao_reserve;
    const net = c.amount - fee;
    const expectedOut = dir === 'buy' ? x * (1 - y / (y + net)) : y * (1 - x / (x + net));
    expectClose(Number(r.value.amountPaidOut), Math.trunc(expectedOut), 1);
    // price moves the right way once the reserves are updated
    const after = currentPrice({ ...p, ...reservesAfterSwap(p, dir, r.value) });
    expect(after >= before).toBe(dir === 'buy');
  });
});

describe('V30 pool initialization and price-preserving injection', () => {
  const v = vector('V30');
  it('test_swap_initialization: no price → weight 0.5, price 0.25', () => {
    const init = initialQuoteWeight({ taoReserve: 1_000_000_000n, alphaReserve: 4_000_000_000n });
    expect(init).toEqual({ ok: true, quoteWeight: 500_000_000_000_000_000n });
    expect(init.ok && init.quoteWeight).toBe(perquintillFromRational(1n, 2n));
    const price = currentPrice(pool(1_000_000_000n, 4_000_000_000n));
    expectClose(f(price), 0.25, 1e-9);
  });

  it('test_swap_initialization_with_price: price 1/5 → w = y/(p·x + y), price 0.2', () => {
    const p = U64F64.div(U64F64.fromNum(1n), U64F64.fromNum(5n));
    const init = initialQuoteWeight({ taoReserve: 1_000_000_000n, alphaReserve: 4_000_000_000n }, p);
    expect(init.ok).toBe(true);
    if (!init.ok) return;
    expectClose(Number(init.quoteWeight) / 1e18, 1e9 / (0.2 * 4e9 + 1e9), 1e-9);
    const price = currentPrice(pool(1_000_000_000n, 4_000_000_000n, init.quoteWeight));
    expectClose(f(price), 0.2, 1e-9);
  });

  const subset = v.inputs['test_adjust_protocol_liquidity_happy (subset)'] as {
    cases: Array<{ tao_delta: number; alpha_delta: number }>;
  };
  const emulator = (v.expected['test_adjust_protocol_liquidity_happy (subset)'] as { emulator: string[] }).emulator;
  it.each(subset.cases.map((c, i) => [i, c, emulator[i] as string] as const))(
    'adjust_protocol_liquidity case %i is exact and keeps the price',
    (_i, c, expectedWeight) => {
      const tao = 1_000_000_000_000n;
      const alpha = 4_000_000_000_000n;
      const before = currentPrice(pool(tao, alpha));
      const r = adjustProtocolLiquidity(pool(tao, alpha), BigInt(c.tao_delta), BigInt(c.alpha_delta));
      expect(r.quoteWeight).toBe(BigInt(expectedWeight));
      expect(r.taoAdded).toBe(BigInt(c.tao_delta));
      const after = currentPrice(pool(tao + r.taoAdded, alpha + r.alphaAdded, r.quoteWeight));
      expectClose(f(after), f(before), f(before) / 1e12);
    },
  );
});

describe('tests.rs test_adjust_protocol_liquidity_happy (all 38 deltas)', () => {
  const deltas: Array<[number, number]> = [
    [0, 0], [0, 1], [1, 0], [1, 1], [0, 10], [10, 0], [10, 10], [0, 100], [100, 0], [100, 100],
    [0, 1_000], [1_000, 0], [1_000, 1_000], [1_000_000, 0], [0, 1_000_000], [1_000_000, 1_000_000],
    [1_000_000_000, 0], [0, 1_000_000_000], [1_000_000_000, 1_000_000_000], [1_000_000_000_000, 0],
    [0, 1_000_000_000_000], [1_000_000_000_000, 1_000_000_000_000], [1, 2], [2, 1], [10, 20], [20, 10],
    [100, 200], [200, 100], [1_000, 2_000], [2_000, 1_000], [1_000_000, 2_000_000], [2_000_000, 1_000_000],
    [1_000_000_000, 2_000_000_000], [2_000_000_000, 1_000_000_000], [1_000_000_000_000, 2_000_000_000_000],
    [2_000_000_000_000, 1_000_000_000_000], [1_234_567, 2_432_765], [1_234_567, 2_432_765_890],
  ];
  it.each(deltas)('tao +%i alpha +%i', (dt, da) => {
    const tao = 1_000_000_000_000n;
    const alpha = 4_000_000_000_000n;
    const before = f(currentPrice(pool(tao, alpha)));
    const r = adjustProtocolLiquidity(pool(tao, alpha), BigInt(dt), BigInt(da));
    const after = f(currentPrice(pool(tao + BigInt(dt), alpha + BigInt(da), r.quoteWeight)));
    expectClose(after, before, before / 1e12);
    const newTao = 1e12 + dt;
    const newAlpha = 4e12 + da;
    const expectedWeight = newTao / (newAlpha * before + newTao);
    expectClose(Number(r.quoteWeight) / 1e18 - 0.5, expectedWeight - 0.5, expectedWeight / 1e12);
  });

  it('test_adjust_protocol_liquidity_zero_alpha: a zero-alpha pool keeps weight 0.5 and gets its price fixed', () => {
    for (const [dt, da] of deltas) {
      const tao = 1_000_000_000_000n;
      expect(currentPrice(pool(tao, 0n))).toBe(0n);
      const r = adjustProtocolLiquidity(pool(tao, 0n), BigInt(dt), BigInt(da));
      expect(r.quoteWeight).toBe(DEFAULT_QUOTE_WEIGHT);
      const after = currentPrice(pool(tao + BigInt(dt), BigInt(da), r.quoteWeight));
      if (da === 0) expect(after).toBe(0n);
      else expectClose(f(after), (1e12 + dt) / da, 1e-3 * ((1e12 + dt) / da));
    }
  });

  it('rejects an injection that would push a weight below 0.01 (nothing injected)', () => {
    const r = adjustProtocolLiquidity(pool(1_000n, 1_000_000_000n), 0n, 1_000_000_000_000_000n);
    expect(r).toEqual({ quoteWeight: DEFAULT_QUOTE_WEIGHT, taoAdded: 0n, alphaAdded: 0n });
  });
});

describe('tests.rs swaps', () => {
  it('test_swap_precision_edge_case: tiny reserves, minimum limit price, still pays out', () => {
    for (const [tao, alpha, amount] of [
      [1_000n, 1_000n, 999_500n],
      [1_000_000n, 1_000_000n, 999_500_000n],
    ] as const) {
      const r = doSwap(pool(tao, alpha), 'sell', amount, limitPriceFromRao(MIN_PRICE_RAO), false, true, MOCK);
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.value.amountPaidOut).toBeGreaterThan(0n);
    }
  });

  it('test_convert_deltas: weights 0.5, 0.5±1e-8, 0.1, 0.9 within 2 of the f64 formula', () => {
    const U64_MAX = (1n << 64n) - 1n;
    for (const [tao, alpha] of [
      [1500, 1000],
      [1, 1_000_000],
      [1_000_000, 1],
    ] as const) {
      for (const wq of [0.5, 0.50000001, 0.49999999, 0.1, 0.9]) {
        const q = perquintillFromRational(BigInt(Math.trunc(wq * 1e9)), 1_000_000_000n);
        for (const d of [1n, 10_000n, 1_000_000n, U64_MAX]) {
          const p = pool(BigInt(tao), BigInt(alpha), q);
          const y = tao;
          const x = alpha;
          const dd = Number(d);
          const sell = y * (1 - (x / (x + dd)) ** ((1 - wq) / wq));
          const buy = x * (1 - (y / (y + dd)) ** (wq / (1 - wq)));
          expectClose(Number(convertDeltas(p, 'sell', d)), Math.trunc(sell), 2);
          expectClose(Number(convertDeltas(p, 'buy', d)), Math.trunc(buy), 2);
        }
      }
    }
  });

  it('test_rollback_works: a simulated swap equals the executed one', () => {
    const p = pool(1_000_000_000_000n, 4_000_000_000_000n);
    const limit = U64F64.fromNum((1n << 64n) - 1n);
    const sim = doSwap(p, 'buy', 1_000_000n, limit, false, true, MOCK);
    const real = doSwap(p, 'buy', 1_000_000n, limit, false, false, MOCK);
    expect(sim).toEqual(real);
  });

  it('test_swap_rejects_input_over_1000x_input_reserve / sim / allows exactly 1000x', () => {
    const p = pool(1_000n, 1_000n);
    const min = limitPriceFromRao(MIN_PRICE_RAO);
    const max = limitPriceFromRao(MAX_PRICE_RAO);
    expect(doSwap(p, 'sell', 1_000_001n, min, true, false, MOCK)).toMatchObject({ ok: false, error: 'SwapInputTooLarge' });
    expect(doSwap(p, 'buy', 1_000_001n, max, true, false, MOCK)).toMatchObject({ ok: false, error: 'SwapInputTooLarge' });
    // with fees: 1_001_000 − fee(≈504) is still above 1000 × 1000
    expect(simSwap(p, 'sell', 1_001_000n, MOCK)).toMatchObject({ ok: false, error: 'SwapInputTooLarge' });
    expect(simSwap(p, 'buy', 1_001_000n, MOCK)).toMatchObject({ ok: false, error: 'SwapInputTooLarge' });
    expect(doSwap(p, 'sell', 1_000_000n, min, true, true, MOCK).ok).toBe(true);
    expect(doSwap(p, 'buy', 1_000_000n, max, true, true, MOCK).ok).toBe(true);
  });

  it('output reserve below MinimumReserve → ReservesTooLow; price not beyond limit → PriceLimitExceeded', () => {
    const p = pool(1_000_000_000n, 999_999n);
    expect(doSwap(p, 'buy', 1_000n, U64F64.fromNum(1000n), false, true)).toMatchObject({ error: 'ReservesTooLow' });
    const q = pool(1_000_000_000n, 4_000_000_000n);
    expect(doSwap(q, 'buy', 1_000n, currentPrice(q), false, true, MOCK)).toMatchObject({ error: 'PriceLimitExceeded' });
    expect(doSwap(q, 'sell', 1_000n, currentPrice(q), false, true, MOCK)).toMatchObject({ error: 'PriceLimitExceeded' });
  });

  it('an uninitialized pool swaps at weight 0.5 and reports that it initializes it', () => {
    const p: PoolState = { ...pool(1_000_000_000n, 4_000_000_000n, 700_000_000_000_000_000n), initialized: false };
    const r = doSwap(p, 'buy', 10_000n, U64F64.fromNum(1000n), false, false, MOCK);
    const same = doSwap(pool(1_000_000_000n, 4_000_000_000n), 'buy', 10_000n, U64F64.fromNum(1000n), false, false, MOCK);
    expect(r.ok && same.ok && r.value).toEqual(same.ok && same.value);
    expect(r.initializesPool).toBe(true);
  });

  it('a buy that crosses its limit stops at the limit price, with the fee as the same share of the gross', () => {
    const p = pool(1_000_000_000_000n, 1_000_000_000_000n);
    const limit = limitPriceFromRao(4_000_000_000n); // 4 TAO per alpha → Δy = y·(√4 − 1) = y
    const r = doSwap(p, 'buy', 100_000_000_000_000n, limit, false, true, MOCK);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.amountPaidIn).toBe(1_000_000_000_000n);
    expect(r.value.feePaid).toBe((1_000_000_000_000n * 33n) / (65535n - 33n));
    const after = currentPrice({ ...p, ...reservesAfterSwap(p, 'buy', r.value) });
    expectClose(f(after), 4, 1e-9);
  });

  it('sim_swap quotes equal an executed swap; runtime API SimSwapResult fields', () => {
    const p = pool(100_000_000_000n, 1_000_000_000_000n);
    const sim = simSwapTaoForAlpha(p, 100_000_000n);
    const exec = doSwap(p, 'buy', 100_000_000n, limitPriceFromRao(MAX_PRICE_RAO), false, false);
    expect(exec.ok).toBe(true);
    if (!exec.ok) return;
    expect(sim.alpha_amount).toBe(exec.value.amountPaidOut);
    expect(sim.tao_amount).toBe(exec.value.amountPaidIn);
    expect(sim.tao_fee).toBe(exec.value.feePaid);
    expect(sim.alpha_fee).toBe(0n);
    // no-slippage alpha at price 0.1 is 1e9; slippage is what the buy loses to the curve
    expect(sim.alpha_slippage).toBe(1_000_000_000n - exec.value.amountPaidOut);
    const sell = simSwapAlphaForTao(p, 1_000_000_000n);
    expect(sell.alpha_amount + sell.alpha_fee).toBe(1_000_000_000n);
    // price 0.1 is floor(2^64/10) in U64F64, so the no-slippage TAO is 99_999_999
    const noSlippage = U64F64.saturatingToInt(U64F64.mul(U64F64.fromNum(1_000_000_000n), currentPrice(p)), 'u64');
    expect(noSlippage).toBe(99_999_999n);
    expect(sell.tao_slippage).toBe(noSlippage - sell.tao_amount);
    // failure → all zero
    expect(simSwapTaoForAlpha(pool(1_000n, 1_000n), 10_000_000n)).toEqual({
      tao_amount: 0n, alpha_amount: 0n, tao_fee: 0n, alpha_fee: 0n, tao_slippage: 0n, alpha_slippage: 0n,
    });
  });

  it('stable subnets simulate 1:1 without fee (0 for a missing subnet)', () => {
    const stable: PoolState = { ...pool(0n, 0n), mechanism: 0 };
    expect(simSwap(stable, 'buy', 12_345n)).toMatchObject({ ok: true, value: { amountPaidIn: 12_345n, amountPaidOut: 12_345n, feePaid: 0n } });
    expect(simSwap(stable, 'sell', 12_345n, { subnetExists: false })).toMatchObject({ value: { amountPaidOut: 0n } });
    expect(currentPrice(stable)).toBe(U64F64.ONE);
  });
});

describe('migrate_swapv3_to_balancer: initialization from a known price', () => {
  it('price 1.23² on reserves priced 0.25 → the pool quotes ≈1.5129', () => {
    const sqrt = U64F64.fromNum(1.23);
    const price = U64F64.mul(sqrt, sqrt);
    const init = initialQuoteWeight({ taoReserve: 1_000_000_000n, alphaReserve: 4_000_000_000n }, price);
    expect(init.ok).toBe(true);
    if (!init.ok) return;
    expectClose(f(currentPrice(pool(1_000_000_000n, 4_000_000_000n, init.quoteWeight))), 1.23 * 1.23, 0.1);
  });

  it('falls back to 0.5 when the price weight would be out of range', () => {
    const init = initialQuoteWeight({ taoReserve: 1n, alphaReserve: 1_000_000_000_000n }, U64F64.ONE);
    expect(init).toEqual({ ok: false, error: 'ReservesOutOfBalance' });
    const zero = initialQuoteWeight({ taoReserve: 0n, alphaReserve: 0n }, U64F64.ONE);
    expect(zero).toEqual({ ok: false, error: 'ReservesOutOfBalance' });
  });
});

describe('balancer.rs unit tests', () => {
  it('rejects weights outside [0.01, 0.99]', () => {
    for (const q of [0n, 1n, MIN_WEIGHT - 1n, PERQUINTILL_ONE - MIN_WEIGHT + 1n, PERQUINTILL_ONE]) {
      expect(isValidQuoteWeight(q)).toBe(false);
    }
    expect(isValidQuoteWeight(MIN_WEIGHT)).toBe(true);
    expect(isValidQuoteWeight(PERQUINTILL_ONE - MIN_WEIGHT)).toBe(true);
  });

  it('extreme exp / price / delta / liquidity inputs do not throw', () => {
    const U64_MAX = (1n << 64n) - 1n;
    for (const q of [MIN_WEIGHT, DEFAULT_QUOTE_WEIGHT, PERQUINTILL_ONE - MIN_WEIGHT]) {
      for (const [r, d] of [[0n, 0n], [0n, 1n], [1n, 0n], [1n, 1n], [1n, U64_MAX], [U64_MAX, 0n], [U64_MAX, 1n], [U64_MAX, U64_MAX]] as const) {
        expBaseQuote(q, r, d);
        expQuoteBase(q, r, d);
        expScaled(q, r, -d, true);
        expScaled(q, r, -d, false);
      }
    }
    const prices = [0n, U64F64.ONE, U64F64.fromNum(U64_MAX)];
    for (const x of [0n, 1n, U64_MAX]) for (const y of [0n, 1n, U64_MAX]) balancerPrice(MIN_WEIGHT, x, y);
    for (const c of prices) for (const t of prices) for (const r of [0n, 1n, U64_MAX]) {
      quoteDeltaIn(MIN_WEIGHT, c, t, r);
      baseDeltaIn(MIN_WEIGHT, c, t, r);
    }
    for (const [t, a, dt, da] of [[0n, 0n, 0n, 0n], [0n, 0n, U64_MAX, U64_MAX], [U64_MAX, U64_MAX, U64_MAX, U64_MAX], [1n, U64_MAX, U64_MAX, 1n]] as const) {
      quoteWeightForAddedLiquidity(DEFAULT_QUOTE_WEIGHT, t, a, dt, da);
    }
  });

  it('mul_perquintill_round: 0, 1, halves round up, thirds, large values', () => {
    expect(mulPerquintillRound(0n, 1_000_000n)).toBe(0n);
    expect(mulPerquintillRound(PERQUINTILL_ONE, 1_000_000n)).toBe(1_000_000n);
    const half = perquintillFromRational(1n, 2n);
    const pairs: Array<[bigint, bigint]> = [[0n, 0n], [1n, 1n], [2n, 1n], [3n, 2n], [4n, 2n], [5n, 3n], [1023n, 512n], [1025n, 513n]];
    for (const [v, r] of pairs) expect(mulPerquintillRound(half, v)).toBe(r);
    const third = perquintillFromRational(1n, 3n);
    for (const [v, r] of [[3n, 1n], [4n, 1n], [5n, 2n], [6n, 2n]] as const) expect(mulPerquintillRound(third, v)).toBe(r);
    const v = 1_000_000_000_000_000_000n;
    expect(mulPerquintillRound(perquintillFromRational(7n, 10n), v)).toBe((v * 7n + 5n) / 10n);
    const U128_MAX = (1n << 128n) - 1n;
    expect(mulPerquintillRound(PERQUINTILL_ONE, U128_MAX)).toBe(U128_MAX);
  });

  it('price = (w1/w2)·(y/x) for several weights', () => {
    const q = (n: bigint, d: bigint): bigint => perquintillFromRational(n, d);
    expectClose(f(balancerPrice(q(1n, 2n), 2n, 5n)), 2.5, 1e-12);
    expectClose(f(balancerPrice(q(1n, 3n), 4n, 10n)), 5, 1e-10);
    expect(balancerPrice(q(3n, 10n), 10n, 0n)).toBe(0n);
    expectClose(f(balancerPrice(q(1n, 2n), 3n, 7n)), f(balancerPrice(q(1n, 2n), 30n, 70n)), 1e-12);
    expectClose(f(balancerPrice(q(2n, 5n), 9n, 25n)), (0.6 / 0.4) * (25 / 9), 1e-9);
    const w = q(3n, 10n);
    expectClose(f(balancerPrice(w, 21_000_000_000_000_000n, 15_000_000_000_000_000n)), (0.7 / 0.3) * (15 / 21), 1e-9);
  });

  it('test_exp_scaled rows', () => {
    const rows: Array<[bigint, bigint, bigint, bigint, boolean, number]> = [
      [5n, 10n, 100_000n, 100n, true, 0.999000999000999],
      [1n, 4n, 500_000n, 5_000n, true, 0.970590147927644],
      [3n, 4n, 200_000n, 2_000n, false, 0.970590147927644],
      [9n, 10n, 13_513_642n, 1_673n, false, 0.998886481979889],
      [773n, 1000n, 7_000_000_000n, 10_000n, true, 0.999999580484586],
    ];
    for (const [n, d, r, dr, bq, expected] of rows) {
      expectClose(f(expScaled(perquintillFromRational(n, d), r, dr, bq)), f(U64F64.fromNum(expected)), 1e-9);
    }
  });

  it('test_calculate_quote_delta_in / base_delta_in (w_quote 0.25) equal the f64 formula', () => {
    const w = perquintillFromRational(250_000_000_000n, 1_000_000_000_000n);
    const p01 = U64F64.fromNum(0.1);
    const p02 = U64F64.fromNum(0.2);
    const dy = quoteDeltaIn(w, p01, p02, 1_000_000_000n);
    expect(dy).toBe(BigInt(Math.trunc(1e9 * ((f(p02) / f(p01)) ** 0.75 - 1))));
    const dx = baseDeltaIn(w, p02, p01, 1_000_000_000n);
    expect(dx).toBe(BigInt(Math.trunc(1e9 * ((f(p02) / f(p01)) ** 0.25 - 1))));
    // impossible directions → 0
    expect(quoteDeltaIn(w, p01, U64F64.fromNum(0.05), 1_000_000_000n)).toBe(0n);
    expect(baseDeltaIn(w, p01, p02, 1_000_000_000n)).toBe(0n);
  });

  it('test_calculate_delta_in_reverse_swap: buying Δy reaches the target price', () => {
    const w = perquintillFromRational(500_000_000_000n, 1_000_000_000_000n);
    const cur = U64F64.fromNum(0.1);
    const tgt = U64F64.fromNum(0.2);
    const tao = 1_000_000_000;
    const alpha = Math.trunc(tao / f(cur));
    const dy = Number(quoteDeltaIn(w, cur, tgt, BigInt(tao)));
    const dx = alpha * (1 - tao / (tao + dy));
    const price = balancerPrice(w, BigInt(alpha - Math.trunc(dx)), BigInt(tao + dy));
    expectClose(f(price), f(tgt), f(tgt) / 1e9);
  });

  it('test_base_needed_for_quote (w_quote 0.25)', () => {
    const w = perquintillFromRational(250_000_000_000n, 1_000_000_000_000n);
    const dx = baseNeededForQuote(w, 1_000_000_000n, 1_000_000_000n, 1_123_432n);
    expect(dx).toBe(BigInt(Math.trunc(1e9 * ((1e9 / (1e9 - 1_123_432)) ** (0.25 / 0.75) - 1))));
  });
});

describe('named entry points', () => {
  it('swapTaoForAlpha / swapAlphaForTao default to the max / min price limits', async () => {
    const { swapTaoForAlpha, swapAlphaForTao } = await import('../../src/runtime/pallets/swap/math/index.ts');
    const p = pool(1_000_000_000_000n, 4_000_000_000_000n);
    expect(swapTaoForAlpha(p, 1_000_000n)).toEqual(doSwap(p, 'buy', 1_000_000n, limitPriceFromRao(MAX_PRICE_RAO), false, false));
    expect(swapAlphaForTao(p, 1_000_000n)).toEqual(doSwap(p, 'sell', 1_000_000n, limitPriceFromRao(MIN_PRICE_RAO), false, false));
  });
});
