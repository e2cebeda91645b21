/**
 * Emission spec tests: every `kind: "emission"` vector of ../shared/reference/vectors.json (V19,
 * V20, V21, V24) and cases ported from subtensor's `tests/coinbase.rs` and `tests/emission.rs`.
 *
 * The coinbase vectors are whole `run_coinbase` scenarios in subtensor's mock runtime. Here the
 * pure part runs: the state the scenario leaves just before the asserted block (reserves, alpha
 * out, root stake, tao weight, moving price) is the snapshot given to `planCoinbaseEmission`,
 * and the pending accumulators / reserves it returns are compared. Draining at epochs, minting
 * into storage and the author/fee plumbing belong to the pallet. Subtensor's mock has
 * `SubnetOwnerCut = 0`, `TaoWeight = 0`, `MinimumReserve = 100`.
 */
import { describe, expect, it } from 'vitest';
import { I96F32, U64F64, U96F32 } from '../../src/primitives/fixed/index.ts';
import { DEFAULT_QUOTE_WEIGHT, currentPrice } from '../../src/runtime/pallets/swap/math/index.ts';
import {
  DEFAULT_SUBNET_MOVING_ALPHA,
  MAX_TEMPO,
  blockEmissionForIssuance,
  blocksUntilNextAutoEpoch,
  calculateDividendDistribution,
  initialLastEpochBlock,
  isEligibleForEmission,
  minerBurnedProportion,
  mintableTao,
  movingAlphaPrice,
  nextEpochStartBlock,
  nextMovingPrice,
  parentChildDividends,
  planCoinbaseEmission,
  rootClaimableIncrement,
  rootProportion,
  rootSellFlag,
  selfContribution,
  shouldRunEpoch,
  splitAlphaOut,
  splitValidatorTake,
  subnetBlockEmissions,
  subnetTerms,
  taoWeightFraction,
  validatorPool,
  type CoinbaseInput,
  type CoinbaseSubnetState,
} from '../../src/runtime/pallets/subtensor/coinbase/math/index.ts';
import { loadVectors, vector } from '../helpers/vectors.ts';

const VECTORS = loadVectors();

const U64_MAX = (1n << 64n) - 1n;
const MOCK = { minimumReserve: 100n };
const abs = (x: bigint): bigint => (x < 0n ? -x : x);
const u96 = (n: bigint | number): bigint => U96F32.saturatingFromNum(typeof n === 'number' ? n : n);

const subnet = (o: Partial<CoinbaseSubnetState> & { netuid: number }): CoinbaseSubnetState => ({
  mechanism: 1,
  taoReserve: 0n,
  alphaReserve: 0n,
  alphaOut: 0n,
  quoteWeight: DEFAULT_QUOTE_WEIGHT,
  feeRate: 33,
  swapInitialized: true,
  subnetMovingPrice: 0n,
  minerBurned: 0n,
  emissionEnabled: true,
  ownerCutEnabled: true,
  ...o,
});
/** `set_full_injection_root_stake`: SubnetTAO[root] = 1e18 and TaoWeight = u64::MAX. */
const FULL_ROOT = { rootTao: 1_000_000_000_000_000_000n, taoWeightRaw: U64_MAX };
const plan = (o: Partial<CoinbaseInput> & Pick<CoinbaseInput, 'subnets'>) =>
  planCoinbaseEmission({ blockEmission: 0n, rootTao: 0n, taoWeightRaw: 0n, subnetOwnerCut: 0, swapConfig: MOCK, ...o });

describe('V19 blocks_until_next_auto_epoch (exact)', () => {
  const v = vector('V19');
  const rows = (v.inputs as { rows: Array<[number, number, number | string]> }).rows;
  const expected = (v.expected as { blocks: Array<number | string> }).blocks;
  it.each(rows.map((r, i) => [i, r, expected[i]] as const))('row %i %j', (_i, [last, tempo, block], want) => {
    expect(blocksUntilNextAutoEpoch(BigInt(last), tempo, BigInt(block))).toBe(BigInt(want ?? -1));
  });

  it('tests/emission.rs: consecutive blocks count down, alignment, large tempos', () => {
    for (let b = 0n; b < 10n; b++) expect(blocksUntilNextAutoEpoch(0n, 10, b)).toBe(10n - b);
    expect(blocksUntilNextAutoEpoch(100n, 360, 460n)).toBe(0n);
    expect(blocksUntilNextAutoEpoch(100n, 360, 459n)).toBe(1n);
    expect(blocksUntilNextAutoEpoch(U64_MAX - 5n, 65535, U64_MAX - 10n)).toBe(10n);
  });
});

describe('epoch schedule (should_run_epoch, next start, stagger)', () => {
  const base = { tempo: 360, lastEpochBlock: 1000n, pendingEpochAt: 0n, blocksSinceLastStep: 0n };
  it('runs after a full tempo, on an owner trigger, past MAX_TEMPO, never at tempo 0', () => {
    expect(shouldRunEpoch(base, 1359n)).toBe(false);
    expect(shouldRunEpoch(base, 1360n)).toBe(true);
    expect(shouldRunEpoch({ ...base, pendingEpochAt: 1200n }, 1200n)).toBe(true);
    expect(shouldRunEpoch({ ...base, pendingEpochAt: 1200n }, 1199n)).toBe(false);
    expect(shouldRunEpoch({ ...base, blocksSinceLastStep: BigInt(MAX_TEMPO) + 1n }, 1001n)).toBe(true);
    expect(shouldRunEpoch({ ...base, tempo: 0 }, 99_999n)).toBe(false);
  });
  it('next epoch start = min(auto, pending); stagger = netuid mod tempo', () => {
    expect(nextEpochStartBlock(1000n, 360, 0n)).toBe(1360n);
    expect(nextEpochStartBlock(1000n, 360, 1010n)).toBe(1010n);
    expect(nextEpochStartBlock(1000n, 0, 1010n)).toBeUndefined();
    expect(initialLastEpochBlock(1000n, 5, 360)).toBe(995n);
    expect(initialLastEpochBlock(3n, 5, 360)).toBe(0n);
    expect(initialLastEpochBlock(1000n, 5, 0)).toBe(1000n);
  });
});

describe('block emission and halving (block_emission.rs)', () => {
  it('halves at 21M·(1 − 2^−k)', () => {
    expect(blockEmissionForIssuance(0n)).toBe(1_000_000_000n);
    expect(blockEmissionForIssuance(10_499_999_999_999_999n)).toBe(1_000_000_000n);
    expect(blockEmissionForIssuance(10_500_000_000_000_000n)).toBe(500_000_000n);
    expect(blockEmissionForIssuance(15_749_999_999_999_999n)).toBe(500_000_000n);
    expect(blockEmissionForIssuance(15_750_000_000_000_000n)).toBe(250_000_000n);
    expect(blockEmissionForIssuance(18_375_000_000_000_000n)).toBe(125_000_000n);
    expect(blockEmissionForIssuance(20_999_999_999_999_999n)).toBe(0n);
    expect(blockEmissionForIssuance(21_000_000_000_000_000n)).toBe(0n);
    expect(blockEmissionForIssuance(U64_MAX)).toBe(0n);
  });
  it('is ⌊1e9 / 2^k⌋ over the whole range', () => {
    for (let k = 0; k < 34; k++) {
      const threshold = 21_000_000_000_000_000n - (21_000_000_000_000_000n >> BigInt(k));
      const e = blockEmissionForIssuance(threshold + 1n);
      expect(e === 0n || e === 1_000_000_000n >> BigInt(k) || e === 1_000_000_000n / 2n ** BigInt(k)).toBe(true);
    }
  });
  it('minting is capped at the 21M supply', () => {
    expect(mintableTao(1_000_000_000n, 20_999_999_500_000_000n)).toBe(500_000_000n);
    expect(mintableTao(1_000_000_000n, 21_000_000_000_000_000n)).toBe(0n);
    expect(mintableTao(1_000_000_000n, 0n)).toBe(1_000_000_000n);
  });
});

describe('V20 test_owner_cut_base', () => {
  const v = vector('V20');
  it('PendingOwnerCut is 0 with cut 0 and the whole 1e9 alpha_out with cut 65535', () => {
    const e = v.expected as { PendingOwnerCut_after_run1: number; PendingOwnerCut_after_run2: number };
    // add_network(1, 1, 0): stable mechanism, reserves 1e12/1e12, no alpha out yet, 0 TAO emission
    const s1 = subnet({ netuid: 1, mechanism: 0, taoReserve: 1_000_000_000_000n, alphaReserve: 1_000_000_000_000n });
    const run1 = plan({ subnets: [s1], subnetOwnerCut: 0 });
    const r1 = run1.subnets[0];
    expect(r1?.split.ownerCut).toBe(BigInt(e.PendingOwnerCut_after_run1));
    const s2 = { ...s1, alphaReserve: r1?.alphaReserve ?? 0n, alphaOut: r1?.alphaOut ?? 0n };
    const run2 = plan({ subnets: [s2], subnetOwnerCut: 65535 });
    expect(run2.subnets[0]?.split.ownerCut).toBe(BigInt(e.PendingOwnerCut_after_run2));
    expect(run2.subnets[0]?.alphaOutEmission).toBe(1_000_000_000n);
  });
});

describe('V21 test_pending_emission', () => {
  const v = vector('V21');
  it('third coinbase run: server 5e8, validator 3.75e8, root 1.25e8 (root prop after minting)', () => {
    const st = v.inputs.state_before_last_run as {
      SubnetAlphaIn: number;
      SubnetAlphaOut: number;
      SubnetTAO_root: number;
      tao_weight_raw: string;
    };
    const e = v.expected as {
      PendingServerEmission: number;
      PendingValidatorEmission: number;
      PendingRootAlphaDivs: number;
      emulator_exact: { server: number; validator: number; root: number };
    };
    const s = subnet({
      netuid: 1,
      taoReserve: 1_000_000n,
      alphaReserve: BigInt(st.SubnetAlphaIn),
      alphaOut: BigInt(st.SubnetAlphaOut),
      subnetMovingPrice: I96F32.fromNum(2n),
      emissionEnabled: false,
    });
    const out = plan({ subnets: [s], rootTao: BigInt(st.SubnetTAO_root), taoWeightRaw: BigInt(st.tao_weight_raw) });
    expect(out.rootSellFlag).toBe(true);
    const split = out.subnets[0]?.split;
    expect(split?.serverEmission).toBe(BigInt(e.emulator_exact.server));
    expect(split?.validatorEmission).toBe(BigInt(e.emulator_exact.validator));
    expect(split?.pendingRootAlpha).toBe(BigInt(e.emulator_exact.root));
    expect(abs((split?.serverEmission ?? 0n) - BigInt(e.PendingServerEmission))).toBeLessThanOrEqual(1n);
    expect(abs((split?.validatorEmission ?? 0n) - BigInt(e.PendingValidatorEmission))).toBeLessThanOrEqual(1n);
    expect(abs((split?.pendingRootAlpha ?? 0n) - BigInt(e.PendingRootAlphaDivs))).toBeLessThanOrEqual(1n);
    expect(rootSellFlag([movingAlphaPrice(false, 1, I96F32.fromNum(2n))])).toBe(true);
  });
});

describe('V24 test_coinbase_alpha_issuance_base / _different', () => {
  const v = vector('V24');
  const e = v.expected as { base_SubnetAlphaIn: number[]; different_SubnetAlphaIn: number[] };
  it('base: two stable subnets at price 1 split 1e6 TAO evenly → alpha in 1.5e6 each', () => {
    const subs = [1, 2].map((n) => subnet({ netuid: n, mechanism: 0, taoReserve: 1_000_000n, alphaReserve: 1_000_000n }));
    const out = plan({ subnets: subs, blockEmission: 1_000_000n, ...FULL_ROOT });
    expect(out.subnets.map((s) => s.alphaReserve)).toEqual(e.base_SubnetAlphaIn.map(BigInt));
    expect(out.subnets.map((s) => s.taoReserve)).toEqual([1_500_000n, 1_500_000n]);
    expect(out.recycledTao).toBe(0n);
  });
  it('different: moving prices 1 and 2 → shares 1/3, 2/3; alpha in = tao in / spot price', () => {
    const subs = [
      subnet({ netuid: 1, taoReserve: 1_000_000n, alphaReserve: 1_000_000n, subnetMovingPrice: I96F32.fromNum(1n) }),
      subnet({ netuid: 2, taoReserve: 2_000_000n, alphaReserve: 1_000_000n, subnetMovingPrice: I96F32.fromNum(2n) }),
    ];
    const out = plan({ subnets: subs, blockEmission: 1_000_000n, ...FULL_ROOT });
    expect(out.subnets.map((s) => s.alphaReserve)).toEqual(e.different_SubnetAlphaIn.map(BigInt));
  });
});

describe('tests/coinbase.rs: TAO issuance into pools', () => {
  it('test_coinbase_tao_issuance_base: one dynamic subnet takes the whole emission', () => {
    const s = subnet({ netuid: 1, taoReserve: 100_000_000_000n, alphaReserve: 100_000_000_000n, subnetMovingPrice: I96F32.fromNum(1n) });
    const out = plan({ subnets: [s], blockEmission: 1_234_567n, ...FULL_ROOT });
    expect(out.subnets[0]?.taoReserve).toBe(100_000_000_000n + 1_234_567n);
    expect(out.subnets[0]?.totalStakeIncrease).toBe(1_234_567n);
    expect(out.recycledTao).toBe(0n);
  });

  it('test_coinbase_tao_issuance_multiple: three stable subnets each get 1/3 (±1)', () => {
    const subs = [1, 2, 3].map((n) => subnet({ netuid: n, mechanism: 0 }));
    const out = plan({ subnets: subs, blockEmission: 3_333_333n });
    for (const s of out.subnets) expect(abs(s.taoReserve - 1_111_111n)).toBeLessThanOrEqual(1n);
    const total = out.subnets.reduce((a, s) => a + s.totalStakeIncrease, 0n);
    expect(abs(total - 3_333_333n)).toBeLessThanOrEqual(3n);
  });

  it('test_coinbase_disabled_subnet_emission_redistributes_tao_to_enabled_subnets', () => {
    const inputs = [1, 2, 3].map((n) => ({
      netuid: n,
      movingPrice: U64F64.ONE,
      minerBurned: 0n,
      emissionEnabled: n !== 2,
    }));
    const em = subnetBlockEmissions(inputs, u96(3_333_333n));
    expect(Math.abs(U96F32.toF64(em.get(1) ?? 0n) - 1_666_666)).toBeLessThanOrEqual(2);
    expect(em.get(2)).toBe(0n);
    expect(Math.abs(U96F32.toF64(em.get(3) ?? 0n) - 1_666_666)).toBeLessThanOrEqual(2);
    const subs = [1, 2, 3].map((n) => subnet({ netuid: n, mechanism: 0, emissionEnabled: n !== 2 }));
    const out = plan({ subnets: subs, blockEmission: 3_333_333n });
    expect(abs((out.subnets[0]?.taoReserve ?? 0n) - 1_666_666n)).toBeLessThanOrEqual(2n);
    expect(out.subnets[1]?.taoReserve).toBe(0n);
    expect(out.subnets[1]?.terms.alphaIn).toBe(0n);
    expect(out.subnets[1]?.terms.excessTao).toBe(0n);
    expect(out.subnets[1]?.terms.alphaOut).toBeGreaterThan(0n);
    expect(abs((out.subnets[2]?.taoReserve ?? 0n) - 1_666_666n)).toBeLessThanOrEqual(2n);
  });

  it('test_sudo_set_subnet_emission_enabled_multiple_subnets_multiple_toggles (first toggles)', () => {
    const subs = [1, 2, 3].map((n) => subnet({ netuid: n, mechanism: 0 }));
    const a = plan({ subnets: subs, blockEmission: 3_000_000n, ...FULL_ROOT });
    // the test asserts within 2 rao: shares of 1/3 floor to 999_999
    for (const s of a.subnets) expect(abs(s.taoInEmission - 1_000_000n)).toBeLessThanOrEqual(2n);
    expect(a.subnets.every((s) => s.alphaInEmission > 0n && s.alphaOutEmission > 0n)).toBe(true);
    const next = a.subnets.map((s, i) => ({ ...subs[i]!, taoReserve: s.taoReserve, alphaReserve: s.alphaReserve, alphaOut: s.alphaOut, emissionEnabled: i !== 1 }));
    const b = plan({ subnets: next, blockEmission: 3_000_000n, ...FULL_ROOT });
    const got = b.subnets.map((s) => s.taoInEmission);
    expect(abs((got[0] ?? 0n) - 1_500_000n)).toBeLessThanOrEqual(2n);
    expect(got[1]).toBe(0n);
    expect(b.subnets[1]?.alphaInEmission).toBe(0n);
    expect(b.subnets[1]?.excessTaoRecorded).toBe(0n);
    expect(abs((got[2] ?? 0n) - 1_500_000n)).toBeLessThanOrEqual(2n);
  });

  it('test_coinbase_tao_issuance_different_prices: moving prices 0.1/0.2 → 1/3 and 2/3 of 1e8', () => {
    const subs = [
      subnet({ netuid: 1, taoReserve: 100_000n, alphaReserve: 1_000_000n, subnetMovingPrice: I96F32.fromNum(0.1) }),
      subnet({ netuid: 2, taoReserve: 100_000n, alphaReserve: 500_000n, subnetMovingPrice: I96F32.fromNum(0.2) }),
    ];
    const out = plan({ subnets: subs, blockEmission: 100_000_000n, ...FULL_ROOT });
    expect(abs((out.subnets[0]?.taoReserve ?? 0n) - (100_000n + 100_000_000n / 3n))).toBeLessThanOrEqual(10n);
    expect(abs((out.subnets[1]?.taoReserve ?? 0n) - (100_000n + 200_000_000n / 3n))).toBeLessThanOrEqual(10n);
    expect(out.recycledTao).toBeLessThanOrEqual(10n);
  });

  it('test_coinbase_alpha_issuance_with_cap_trigger: alpha in stays under a full emission', () => {
    const subs = [1, 2].map((n) =>
      subnet({ netuid: n, taoReserve: 1_000n, alphaReserve: 1_000_000_000n, subnetMovingPrice: I96F32.fromNum(BigInt(n)) }),
    );
    const out = plan({ subnets: subs, blockEmission: 1_000_000n, ...FULL_ROOT });
    for (const s of out.subnets) {
      expect(s.alphaReserve).toBeLessThan(1_000_000_000n + 1_000_000_000n);
      expect(s.alphaOutEmission).toBe(1_000_000_000n);
    }
  });

  it('test_coinbase_alpha_issuance_with_cap_trigger_and_block_emission: no alpha emission → all TAO buys alpha', () => {
    const subs = [1, 2].map((n) =>
      subnet({
        netuid: n,
        taoReserve: 10_000n,
        alphaReserve: 1_000_000_000n,
        alphaOut: 21_000_000_000_000_000n,
        subnetMovingPrice: I96F32.fromNum(BigInt(n)),
      }),
    );
    const before = subs.map((s) => currentPrice(s));
    const out = plan({ subnets: subs, blockEmission: 1_000_000n });
    out.subnets.forEach((s, i) => {
      expect(s.terms.alphaEmission).toBe(0n);
      expect(s.protocolAlphaBought).toBeGreaterThan(0n);
      expect(s.alphaReserve).toBeLessThan(1_000_000_000n);
      expect(s.alphaOut).toBe(21_000_000_000_000_000n + s.protocolAlphaBought);
      const after = currentPrice({ ...subs[i]!, taoReserve: s.taoReserve, alphaReserve: s.alphaReserve, quoteWeight: s.quoteWeight });
      expect(after).toBeGreaterThan(before[i] ?? 0n);
    });
  });
});

describe('tests/coinbase.rs: subnet terms, root proportion, moving prices', () => {
  it('test_root_proportion: R·w / (R·w + issuance), exact', () => {
    const tw = 3_320_413_933_267_719_290n;
    const r = rootProportion(100_000_000_000n, 1_000_000_000_000n, tw);
    const w = taoWeightFraction(tw);
    const rw = U96F32.mul(w, U96F32.fromNum(1_000_000_000_000n));
    expect(r).toBe(U96F32.div(rw, U96F32.add(rw, U96F32.fromNum(100_000_000_000n))));
    expect(rootProportion(5n, 0n, tw)).toBe(0n);
    expect(rootProportion(0n, 0n, tw)).toBe(0n);
  });

  it('test_get_subnet_terms_alpha_emissions_cap: alpha in capped at root_prop × alpha emission', () => {
    const rp = rootProportion(1_000_000_000_000n, FULL_ROOT.rootTao, FULL_ROOT.taoWeightRaw);
    const cap = U96F32.saturatingMul(rp, u96(1_000_000_000n));
    const t1 = subnetTerms({ taoEmission: u96(100_000_000n), alphaIssuance: 1_000_000_000_000n, price: U64F64.ONE, rootProportion: rp });
    expect(t1.alphaIn).toBe(u96(100_000_000n));
    const t2 = subnetTerms({ taoEmission: u96(10_000_000_000n), alphaIssuance: 1_000_000_000_000n, price: U64F64.ONE, rootProportion: rp });
    expect(t2.alphaIn).toBe(cap);
  });

  it('test_coinbase_subnet_terms_with_alpha_in_gt / lte_alpha_emission', () => {
    const issuance = 2_000_000_000_000_000n;
    const alphaEmission = u96(blockEmissionForIssuance(issuance) ?? 0n);
    const rp = rootProportion(issuance, FULL_ROOT.rootTao, FULL_ROOT.taoWeightRaw);
    const price = U64F64.saturatingFromNum(0.01);
    const p96 = U96F32.saturatingFromFixed(U64F64, price);
    const taoEmission = U96F32.saturatingAdd(U96F32.saturatingMul(alphaEmission, p96), U96F32.saturatingFromNum(0.01));
    const gt = subnetTerms({ taoEmission, alphaIssuance: issuance, price, rootProportion: rp });
    const cap = U96F32.saturatingMul(rp, alphaEmission);
    expect(U96F32.div(taoEmission, p96) > cap).toBe(true);
    expect(gt.alphaOut).toBe(alphaEmission);
    expect(Math.abs(U96F32.toF64(gt.alphaIn) - U96F32.toF64(cap))).toBeLessThanOrEqual(U96F32.toF64(cap) / 1000);
    expect(Math.abs(U96F32.toF64(gt.taoIn) - U96F32.toF64(U96F32.saturatingMul(gt.alphaIn, p96)))).toBeLessThanOrEqual(0.01);
    expect(Math.abs(U96F32.toF64(gt.excessTao) - (U96F32.toF64(taoEmission) - U96F32.toF64(gt.taoIn)))).toBeLessThanOrEqual(0.01);

    const one = U64F64.ONE;
    const lte = subnetTerms({ taoEmission: u96(34_566_756n), alphaIssuance: issuance, price: one, rootProportion: rp });
    expect(lte.alphaIn).toBe(u96(34_566_756n));
    expect(lte.taoIn).toBe(u96(34_566_756n));
    expect(lte.excessTao).toBe(0n);
  });

  it('test_coinbase_moving_prices: α = 1 converges at once; α = 0.1 at 28 days → 0.512325', () => {
    const spot = currentPrice(subnet({ netuid: 1, taoReserve: 1_000_000n, alphaReserve: 1_000_000n }));
    expect(spot).toBe(U64F64.ONE);
    const base = { firstEmissionBlock: 1n, halvingBlocks: 201_600n, spotPrice: spot };
    const p1 = nextMovingPrice({ ...base, currentBlock: 7_200_000n, movingAlpha: DEFAULT_SUBNET_MOVING_ALPHA, movingPrice: U64F64.ONE });
    expect(p1).toBe(I96F32.fromNum(1n));
    const p2 = nextMovingPrice({ ...base, currentBlock: 7_200_000n, movingAlpha: I96F32.fromNum(1n), movingPrice: 0n });
    expect(1 - I96F32.toF64(p2)).toBeLessThan(0.05);
    let mp = 0n;
    for (let i = 0; i < 14; i++) {
      const next = nextMovingPrice({ ...base, currentBlock: 7_200n * 28n, movingAlpha: I96F32.fromNum(0.1), movingPrice: mp });
      mp = movingAlphaPrice(false, 1, next);
    }
    expect(Math.abs(U64F64.toF64(mp) - 0.512325)).toBeLessThanOrEqual(0.001);
  });

  it('test_update_moving_price_initial / _after_time (α 0.5, price 1.0)', () => {
    const base = { firstEmissionBlock: 500n, halvingBlocks: 201_600n, spotPrice: U64F64.ONE, movingAlpha: I96F32.fromNum(0.5), movingPrice: 0n };
    expect(I96F32.toF64(nextMovingPrice({ ...base, currentBlock: 510n }))).toBeLessThan(0.001);
    expect(Math.abs(I96F32.toF64(nextMovingPrice({ ...base, currentBlock: 144_000_500n })) - 0.5)).toBeLessThan(0.001);
    // the spot input is capped at 1.0
    const capped = nextMovingPrice({ ...base, currentBlock: 144_000_500n, spotPrice: U64F64.fromNum(3n) });
    expect(Math.abs(I96F32.toF64(capped) - 0.5)).toBeLessThan(0.001);
  });

  it('moving alpha price is 1 for root/stable; eligibility filter', () => {
    expect(movingAlphaPrice(true, 1, 0n)).toBe(U64F64.ONE);
    expect(movingAlphaPrice(false, 0, 0n)).toBe(U64F64.ONE);
    expect(movingAlphaPrice(false, 1, I96F32.fromNum(-1n))).toBe(0n);
    const ok = { isRoot: false, firstEmissionBlockSet: true, subtokenEnabled: true, registrationAllowed: true };
    expect(isEligibleForEmission(ok)).toBe(true);
    expect(isEligibleForEmission({ ...ok, isRoot: true })).toBe(false);
    expect(isEligibleForEmission({ ...ok, firstEmissionBlockSet: false })).toBe(false);
    expect(isEligibleForEmission({ ...ok, registrationAllowed: false })).toBe(false);
  });

  it('miner-burned subnets lose share; all burned falls back to price shares', () => {
    const mk = (n: number, burned: number) => ({ netuid: n, movingPrice: U64F64.ONE, minerBurned: U96F32.saturatingFromNum(burned), emissionEnabled: true });
    const em = subnetBlockEmissions([mk(1, 0), mk(2, 0.5)], u96(3_000_000n));
    expect(Math.abs(U96F32.toF64(em.get(1) ?? 0n) - 2_000_000)).toBeLessThanOrEqual(1);
    expect(Math.abs(U96F32.toF64(em.get(2) ?? 0n) - 1_000_000)).toBeLessThanOrEqual(1);
    const all = subnetBlockEmissions([mk(1, 1), mk(2, 1)], u96(3_000_000n));
    expect(Math.abs(U96F32.toF64(all.get(1) ?? 0n) - 1_500_000)).toBeLessThanOrEqual(1);
  });
});

describe('alpha_out split (emit_to_subnets)', () => {
  it('runtime owner cut 18 %: 18 / 41 / 41 with root taking root_prop of the validator half', () => {
    const s = splitAlphaOut({ alphaOut: u96(1_000_000_000n), ownerCutEnabled: true, subnetOwnerCut: 11_796, rootProportion: 0n, rootSellFlag: true });
    expect(s.ownerCut).toBe(179_995_422n);
    expect(s.serverEmission).toBe(410_002_288n);
    expect(s.validatorEmission).toBe(410_002_288n);
    expect(s.rootAlpha).toBe(0n);
    const half = splitAlphaOut({ alphaOut: u96(1_000_000_000n), ownerCutEnabled: true, subnetOwnerCut: 11_796, rootProportion: U96F32.saturatingFromNum(0.5), rootSellFlag: false });
    expect(half.rootAlpha).toBe(205_001_144n);
    expect(half.recycledRootAlpha).toBe(205_001_144n);
    expect(half.pendingRootAlpha).toBe(0n);
    expect(half.validatorEmission).toBe(205_001_144n);
  });
  it('test_disabling_owner_cut_sends_subnet_emission_to_miners_and_validators', () => {
    const s = splitAlphaOut({ alphaOut: u96(1_000_000_000n), ownerCutEnabled: false, subnetOwnerCut: 11_796, rootProportion: 0n, rootSellFlag: true });
    expect(s.ownerCut).toBe(0n);
    expect(s.serverEmission + s.validatorEmission).toBe(1_000_000_000n);
  });
});

describe('tests/coinbase.rs: dividend distribution', () => {
  const stakes = new Map([
    [0, { alphaStake: 4_859_302n, rootStake: 2_342_352n }],
    [1, { alphaStake: 23_423n, rootStake: 859_273n }],
  ]);
  const dividends = new Map([
    [0, u96(77_783_738n)],
    [1, u96(19_283_940n)],
  ]);
  const total = (m: Map<number, bigint>): bigint => U96F32.saturatingToInt([...m.values()].reduce((a, b) => U96F32.add(a, b), 0n), 'u64');
  it.each([
    ['totals', 183_123_567_452n, 837_120_949_872n, 0.18],
    ['total_only_tao', 0n, 837_120_949_872n, 0.18],
    ['total_no_tao_weight', 183_123_567_452n, 0n, 0],
    ['total_only_alpha', 183_123_567_452n, 0n, 0.18],
  ] as const)('test_calculate_dividend_distribution_%s (±1000)', (_n, pendingAlpha, pendingRoot, tw) => {
    const r = calculateDividendDistribution(pendingAlpha, pendingRoot, U96F32.fromNum(tw), stakes, dividends);
    expect(abs(total(r.alphaDividends) - pendingAlpha)).toBeLessThanOrEqual(1_000n);
    expect(abs(total(r.rootAlphaDividends) - pendingRoot)).toBeLessThanOrEqual(1_000n);
  });

  it('test_calculate_dividend_and_incentive_distribution(_all_to_validators): one validator with alpha only', () => {
    const st = new Map([[1, { alphaStake: 1n, rootStake: 0n }]]);
    const half = 123_456_789n / 2n;
    const r = calculateDividendDistribution(half, 0n, 0n, st, new Map([[1, u96(half)]]));
    expect(abs(total(r.alphaDividends) + half - 123_456_789n)).toBeLessThanOrEqual(2n);
    const all = calculateDividendDistribution(123_456_789n, 0n, 0n, st, new Map([[1, u96(123_456_789n)]]));
    expect(total(all.alphaDividends)).toBe(123_456_789n);
  });

  it('validator pool absorbs the miners half when no incentive was earned; takes; miner burned', () => {
    expect(validatorPool(400n, 500n, 0n)).toBe(900n);
    expect(validatorPool(400n, 500n, 1n)).toBe(400n);
    const t = splitValidatorTake(u96(1_000_000n), 11_796);
    expect(t.take).toBe(179_995n);
    expect(t.rest).toBe(820_004n);
    expect(minerBurnedProportion(1n, 4n)).toBe(U96F32.saturatingFromNum(0.25));
    expect(minerBurnedProportion(1n, 0n)).toBe(0n);
  });

  it('parent/child split: contributions, child take from foreign parents, CK burn recycled', () => {
    const halfU64 = U64_MAX / 2n;
    const self = selfContribution(1_000n, 0n, [], 0n);
    expect(self).toBe(1_000n);
    const r = parentChildDividends({
      hotkey: 'child',
      dividend: 3_000n,
      selfContribution: self,
      parents: [{ hotkey: 'parent', proportion: U64_MAX, alphaStake: 2_000n, rootStake: 0n, differentOwner: true }],
      childkeyTake: 6_553, // ≈10 %
      ckBurnRaw: 0n,
      taoWeightRaw: 0n,
    });
    const parent = r.tuples.find(([k]) => k === 'parent')?.[1] ?? 0n;
    const child = r.tuples.find(([k]) => k === 'child')?.[1] ?? 0n;
    expect(parent + child).toBeGreaterThanOrEqual(2_999n);
    expect(parent).toBe(1_800n); // 2/3 of 3000 minus a 10 % child take (6553/65535 ≈ 0.09999)
    expect(r.recycled).toBe(0n);
    const withBurn = parentChildDividends({
      hotkey: 'child', dividend: 3_000n, selfContribution: self,
      parents: [{ hotkey: 'parent', proportion: U64_MAX, alphaStake: 2_000n, rootStake: 0n, differentOwner: true }],
      childkeyTake: 0, ckBurnRaw: halfU64, taoWeightRaw: 0n,
    });
    expect(withBurn.recycled).toBe(999n);
    expect(selfContribution(1_000n, 0n, [halfU64], 0n)).toBe(500n);
  });

  it('root claimable increment per unit of root stake', () => {
    expect(rootClaimableIncrement(500n, 1_000n)).toEqual({ kind: 'claimable', increment: I96F32.saturatingFromNum(0.5) });
    expect(rootClaimableIncrement(2_000n, 1_000n)).toEqual({ kind: 'stakeDirectly' });
  });
});
