/**
 * Builds a block on a parent: inherents first (Timestamp.set), then ready pool transactions in
 * priority order until the block is full or the time budget is spent. Transactions found
 * invalid are reported so the pool drops them; future ones are left for later.
 */
import { encode } from '../primitives/scale/index.ts';
import { toHex } from '../primitives/hex.ts';
import { encodeUnsigned } from '../runtime/extrinsic/unchecked.ts';
import type { RuntimeInstance } from '../runtime/runtime.ts';
import type { Header } from '../runtime/types.ts';
import { auraPreDigest } from '../consensus/aura.ts';
import type { Chain, ExecutedBlock } from './chain.ts';
import type { PoolTx } from './txpool.ts';

export interface BuildRequest {
  parentHash: Uint8Array;
  slot: bigint;
  timestamp: bigint;
  /** Ready transactions, best first. */
  candidates: Iterable<PoolTx>;
  maxExtrinsics: number;
  /** Stop adding transactions after this many milliseconds. */
  budgetMs: number;
  now: () => number;
}

export interface BuiltBlock {
  /** Header without its state root (the chain fills it in when committing). */
  executed: ExecutedBlock;
  included: string[];
  invalid: string[];
}

export function timestampInherent(rt: RuntimeInstance, now: bigint): Uint8Array {
  const callBytes = encode(rt.runtime.callCodec, { pallet: 'Timestamp', name: 'set', args: { now } });
  return encodeUnsigned(callBytes);
}

export function buildBlock(chain: Chain, req: BuildRequest): BuiltBlock {
  const { executive } = chain.rt;
  const parent = chain.header(req.parentHash);
  if (!parent) throw new Error(`unknown parent ${toHex(req.parentHash)}`);
  const number = parent.header.number + 1;
  const digest = { logs: [auraPreDigest(req.slot)] };
  const ctx = executive.initializeBlock(chain.stateAt(req.parentHash), { number, parentHash: req.parentHash, digest });
  const extrinsics: Uint8Array[] = [];
  const inherent = executive.decode(timestampInherent(chain.rt, req.timestamp));
  const r = executive.applyExtrinsic(ctx, 0, inherent);
  if (!r.ok) throw new Error(`timestamp inherent rejected: ${r.error.message}`);
  extrinsics.push(inherent.encoded);

  const included: string[] = [];
  const invalid: string[] = [];
  const started = req.now();
  let skipped = 0;
  for (const tx of req.candidates) {
    if (extrinsics.length >= req.maxExtrinsics || req.now() - started > req.budgetMs) break;
    const res = executive.applyExtrinsic(ctx, extrinsics.length, tx.xt);
    if (res.ok) {
      extrinsics.push(tx.bytes);
      included.push(tx.hashHex);
      continue;
    }
    const reason = res.error.reason;
    if (reason === 'ExhaustsResources') {
      // Block is full: stop after a few misses, like Substrate's builder.
      if (++skipped > 8) break;
      continue;
    }
    if (reason === 'Future') continue;
    invalid.push(tx.hashHex);
  }
  const extrinsicsRoot = executive.finalizeBlock(ctx, extrinsics.length);
  const header: Header = {
    parent_hash: req.parentHash,
    number,
    state_root: new Uint8Array(32),
    extrinsics_root: extrinsicsRoot,
    digest,
  };
  return { executed: { header, extrinsics, changes: ctx.storage.changes() }, included, invalid };
}
