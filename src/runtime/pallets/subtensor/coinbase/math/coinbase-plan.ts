/**
 * One block of `run_coinbase` steps 3–4 (`get_subnet_block_emissions` → `emit_to_subnets`:
 * `get_subnet_terms`, `inject_and_maybe_swap`, the alpha_out split) computed on a snapshot of the
 * subnets it emits to. The pallet reads the snapshot from storage, calls `planCoinbaseEmission`,
 * and writes the per-subnet results back (reserves, alpha out, weights, pending accumulators,
 * per-block diagnostics); TAO it must recycle is `recycledTao`.
 *
 * Assumes, as in practice, that depositing TAO into a subnet account succeeds (the account
 * exists); subtensor only logs when it does not.
 */
import { U96F32 } from '../../../../../primitives/fixed/index.ts';
import {
  DEFAULT_QUOTE_WEIGHT,
  MAX_PRICE_RAO,
  adjustProtocolLiquidity,
  currentPrice,
  reservesAfterSwap,
  swapThroughSubnet,
  type SwapConfig,
  type SwapOutcome,
} from '../../../swap/math/index.ts';
import { rootSellFlag, subnetBlockEmissions, movingAlphaPrice } from './subnet-emissions.ts';
import { rootProportion, splitAlphaOut, subnetTerms, type AlphaOutSplit, type SubnetTerms } from './subnet-terms.ts';

const U64_MAX = (1n << 64n) - 1n;
const satAdd = (a: bigint, b: bigint): bigint => (a + b > U64_MAX ? U64_MAX : a + b);
const satSub = (a: bigint, b: bigint): bigint => (a > b ? a - b : 0n);

export interface CoinbaseSubnetState {
  readonly netuid: number;
  /** `SubnetMechanism` (0 stable, 1 dynamic). */
  readonly mechanism: number;
  readonly taoReserve: bigint;
  readonly alphaReserve: bigint;
  /** `SubnetAlphaOut`. */
  readonly alphaOut: bigint;
  readonly quoteWeight: bigint;
  readonly feeRate: number;
  /** `PalSwapInitialized`. */
  readonly swapInitialized: boolean;
  /** `SubnetMovingPrice` (I96F32 bits). */
  readonly subnetMovingPrice: bigint;
  /** `MinerBurned` (U96F32 bits). */
  readonly minerBurned: bigint;
  readonly emissionEnabled: boolean;
  readonly ownerCutEnabled: boolean;
}

export interface CoinbaseInput {
  /** The minted TAO credit of the block (u64 rao). */
  readonly blockEmission: bigint;
  /** The subnets `get_subnets_to_emit_to` returned, any order (processed by netuid). */
  readonly subnets: readonly CoinbaseSubnetState[];
  /** `SubnetTAO[root]`. */
  readonly rootTao: bigint;
  /** `TaoWeight` (raw u64). */
  readonly taoWeightRaw: bigint;
  /** `SubnetOwnerCut` (u16). */
  readonly subnetOwnerCut: number;
  readonly swapConfig?: SwapConfig;
}

export interface CoinbaseSubnetResult {
  readonly netuid: number;
  /** This subnet's TAO emission (U96F32 bits). */
  readonly taoEmission: bigint;
  readonly terms: SubnetTerms;
  /** What `adjust_protocol_liquidity` let in (0/0 when the weights would leave bounds). */
  readonly injectedTao: bigint;
  readonly injectedAlpha: bigint;
  /** TAO moved from the credit into the subnet account for the fee-less chain buy. */
  readonly excessTaoSpent: bigint;
  readonly chainBuy?: SwapOutcome;
  /** Alpha the chain buy took out of the pool (→ `SubnetProtocolAlpha`). */
  readonly protocolAlphaBought: bigint;
  /** New pool and issuance state. */
  readonly taoReserve: bigint;
  readonly alphaReserve: bigint;
  readonly alphaOut: bigint;
  readonly quoteWeight: bigint;
  readonly swapInitialized: boolean;
  readonly split: AlphaOutSplit;
  /** Increments for `TotalStake` and `SubnetVolume`. */
  readonly totalStakeIncrease: bigint;
  readonly volumeIncrease: bigint;
  /** Per-block diagnostics `SubnetTaoInEmission`, `SubnetAlphaInEmission`, `SubnetExcessTao`, `SubnetAlphaOutEmission`. */
  readonly taoInEmission: bigint;
  readonly alphaInEmission: bigint;
  readonly excessTaoRecorded: bigint;
  readonly alphaOutEmission: bigint;
}

export interface CoinbasePlan {
  readonly rootSellFlag: boolean;
  readonly subnets: readonly CoinbaseSubnetResult[];
  /** Credit left after all subnets, recycled (reduces `TotalIssuance`). */
  readonly recycledTao: bigint;
}

/** Plan one block's emission into the subnets it emits to. */
export function planCoinbaseEmission(input: CoinbaseInput): CoinbasePlan {
  const subnets = [...input.subnets].sort((a, b) => a.netuid - b.netuid);
  const movingPrices = subnets.map((s) => movingAlphaPrice(false, s.mechanism, s.subnetMovingPrice));
  const emissions = subnetBlockEmissions(
    subnets.map((s, i) => ({
      netuid: s.netuid,
      movingPrice: movingPrices[i] ?? 0n,
      minerBurned: s.minerBurned,
      emissionEnabled: s.emissionEnabled,
    })),
    U96F32.saturatingFromNum(input.blockEmission),
  );
  const sellFlag = rootSellFlag(movingPrices);

  // get_subnet_terms on the state before any injection.
  const terms = subnets.map((s) =>
    subnetTerms({
      taoEmission: emissions.get(s.netuid) ?? 0n,
      alphaIssuance: satAdd(s.alphaReserve, s.alphaOut),
      price: currentPrice({ ...s, initialized: s.swapInitialized }),
      rootProportion: rootProportion(satAdd(s.alphaReserve, s.alphaOut), input.rootTao, input.taoWeightRaw),
    }),
  );

  let credit = input.blockEmission;
  const staged = subnets.map((s, i) => {
    const t = terms[i] as SubnetTerms;
    const taoIn = U96F32.saturatingToInt(t.taoIn, 'u64');
    const alphaIn = U96F32.saturatingToInt(t.alphaIn, 'u64');
    const toSwap = U96F32.saturatingToInt(t.excessTao, 'u64');
    const adjusted = adjustProtocolLiquidity(s, taoIn, alphaIn);
    let taoReserve = s.taoReserve;
    let alphaReserve = s.alphaReserve;
    let alphaOut = s.alphaOut;
    let quoteWeight = adjusted.quoteWeight;
    let swapInitialized = s.swapInitialized;
    let excessTaoSpent = 0n;
    let chainBuy: SwapOutcome | undefined;
    let protocolAlphaBought = 0n;
    let excessTaoRecorded = 0n;
    let totalStakeIncrease = 0n;
    let volumeIncrease = 0n;
    let taoInEmission = 0n;

    if (toSwap > 0n && credit >= toSwap) {
      credit -= toSwap;
      excessTaoSpent = toSwap;
      const pool = {
        taoReserve,
        alphaReserve,
        quoteWeight,
        feeRate: s.feeRate,
        mechanism: s.mechanism,
        initialized: swapInitialized,
      };
      chainBuy = swapThroughSubnet(pool, 'buy', toSwap, MAX_PRICE_RAO, true, input.swapConfig);
      if (chainBuy.ok) {
        if (chainBuy.initializesPool) {
          quoteWeight = DEFAULT_QUOTE_WEIGHT;
          swapInitialized = true;
        }
        const r = reservesAfterSwap(pool, 'buy', chainBuy.value);
        taoReserve = r.taoReserve;
        alphaReserve = r.alphaReserve;
        alphaOut = satAdd(alphaOut, chainBuy.value.amountPaidOut);
        protocolAlphaBought = chainBuy.value.amountPaidOut;
        excessTaoRecorded = chainBuy.value.amountPaidIn;
        totalStakeIncrease = satAdd(totalStakeIncrease, toSwap);
        volumeIncrease = toSwap;
      }
    }

    alphaReserve = satAdd(alphaReserve, adjusted.alphaAdded);
    if (adjusted.taoAdded !== 0n && credit >= adjusted.taoAdded) {
      credit -= adjusted.taoAdded;
      taoInEmission = adjusted.taoAdded;
      taoReserve = satAdd(taoReserve, adjusted.taoAdded);
      totalStakeIncrease = satAdd(totalStakeIncrease, adjusted.taoAdded);
    }
    return {
      s,
      t,
      adjusted,
      taoReserve,
      alphaReserve,
      alphaOut,
      quoteWeight,
      swapInitialized,
      excessTaoSpent,
      chainBuy,
      protocolAlphaBought,
      excessTaoRecorded,
      totalStakeIncrease,
      volumeIncrease,
      taoInEmission,
    };
  });

  const results: CoinbaseSubnetResult[] = staged.map((st) => {
    const alphaCreated = U96F32.saturatingToInt(st.t.alphaOut, 'u64');
    let alphaOut = satAdd(st.alphaOut, alphaCreated);
    const split = splitAlphaOut({
      alphaOut: st.t.alphaOut,
      ownerCutEnabled: st.s.ownerCutEnabled,
      subnetOwnerCut: input.subnetOwnerCut,
      rootProportion: rootProportion(satAdd(st.alphaReserve, alphaOut), input.rootTao, input.taoWeightRaw),
      rootSellFlag: sellFlag,
    });
    alphaOut = satSub(alphaOut, split.recycledRootAlpha);
    const result: CoinbaseSubnetResult = {
      netuid: st.s.netuid,
      taoEmission: emissions.get(st.s.netuid) ?? 0n,
      terms: st.t,
      injectedTao: st.adjusted.taoAdded,
      injectedAlpha: st.adjusted.alphaAdded,
      excessTaoSpent: st.excessTaoSpent,
      protocolAlphaBought: st.protocolAlphaBought,
      taoReserve: st.taoReserve,
      alphaReserve: st.alphaReserve,
      alphaOut,
      quoteWeight: st.quoteWeight,
      swapInitialized: st.swapInitialized,
      split,
      totalStakeIncrease: st.totalStakeIncrease,
      volumeIncrease: st.volumeIncrease,
      taoInEmission: st.taoInEmission,
      alphaInEmission: st.adjusted.alphaAdded,
      excessTaoRecorded: st.excessTaoRecorded,
      alphaOutEmission: alphaCreated,
    };
    return st.chainBuy === undefined ? result : { ...result, chainBuy: st.chainBuy };
  });

  return { rootSellFlag: sellFlag, subnets: results, recycledTao: credit };
}
