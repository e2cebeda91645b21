/**
 * Pool swap throughput: npx tsx bench/swap.ts
 * Executed (non-simulated) buys and sells against one pool whose reserves follow each swap,
 * at weight 0.5 (exact integer power) and at a weight that has drifted from 0.5 by protocol
 * injections (safe-bigmath's ln/exp fallback at 256 bits), plus limit-clipped buys (1024-bit
 * path) and share-pool stake updates. Prints figures only.
 */
import { opsPerSecond, report } from './lib.ts';
import {
  DEFAULT_QUOTE_WEIGHT,
  MAX_PRICE_RAO,
  MIN_PRICE_RAO,
  adjustProtocolLiquidity,
  limitPriceFromRao,
  reservesAfterSwap,
  doSwap,
  type PoolState,
  type SwapDirection,
} from '../src/runtime/pallets/swap/math/index.ts';
import { MemoryShareStore, SharePool } from '../src/runtime/pallets/subtensor/staking/math/index.ts';

const TAO = 1_000_000_000n;
const MAX_LIMIT = limitPriceFromRao(MAX_PRICE_RAO);
const MIN_LIMIT = limitPriceFromRao(MIN_PRICE_RAO);

function swapLoop(start: PoolState, direction: SwapDirection, amount: bigint): () => void {
  let pool = start;
  let i = 0;
  return () => {
    // alternate a little around the size so reserves keep moving
    const a = amount + BigInt(i++ % 97);
    const limit = direction === 'buy' ? MAX_LIMIT : MIN_LIMIT;
    const r = doSwap(pool, direction, a, limit, false, false);
    if (!r.ok) throw new Error(`swap failed: ${r.error}`);
    pool = { ...pool, ...reservesAfterSwap(pool, direction, r.value) };
    if (pool.taoReserve < 1_000n * TAO || pool.alphaReserve < 1_000n * TAO) pool = start;
  };
}

const half: PoolState = { taoReserve: 100_000n * TAO, alphaReserve: 400_000n * TAO, quoteWeight: DEFAULT_QUOTE_WEIGHT, feeRate: 33 };
const injected = adjustProtocolLiquidity(half, 1_000_000_000n, 2_500_000_000n);
const drifted: PoolState = {
  taoReserve: half.taoReserve + injected.taoAdded,
  alphaReserve: half.alphaReserve + injected.alphaAdded,
  quoteWeight: injected.quoteWeight,
  feeRate: 33,
};

report('buy  1 TAO, weight 0.5 (exact power)', opsPerSecond(swapLoop(half, 'buy', TAO)), 'swaps/s');
report('sell 4 alpha, weight 0.5 (exact power)', opsPerSecond(swapLoop(half, 'sell', 4n * TAO)), 'swaps/s');
report(`buy  1 TAO, weight ${Number(drifted.quoteWeight) / 1e18} (ln/exp, 256 bits)`, opsPerSecond(swapLoop(drifted, 'buy', TAO), 1000, 3), 'swaps/s');
report(`sell 4 alpha, weight ${Number(drifted.quoteWeight) / 1e18} (ln/exp)`, opsPerSecond(swapLoop(drifted, 'sell', 4n * TAO), 1000, 3), 'swaps/s');

const clipLimit = limitPriceFromRao(260_000_000n);
report(
  'buy clipped at a limit price, weight 0.5',
  opsPerSecond(() => {
    const r = doSwap(half, 'buy', 100_000n * TAO, clipLimit, false, true);
    if (!r.ok) throw new Error(r.error);
  }),
  'swaps/s',
);
report(
  'buy clipped at a limit price, drifted weight (ln/exp, 1024 bits)',
  opsPerSecond(() => {
    const r = doSwap(drifted, 'buy', 100_000n * TAO, clipLimit, false, true);
    if (!r.ok) throw new Error(r.error);
  }, 1000, 3),
  'swaps/s',
);

const pool = new SharePool(new MemoryShareStore<number>());
let k = 0;
report(
  'share pool stake/unstake update (SafeFloat)',
  opsPerSecond(() => {
    const key = k++ % 64;
    pool.updateValueForOne(key, 1_000_000n);
    pool.updateValueForAll(10_000n);
    pool.updateValueForOne(key, -500_000n);
  }),
  'updates/s',
);
