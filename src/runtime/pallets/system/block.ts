/**
 * frame_system's per-block bookkeeping: initialize (number, parent, digest, block-hash window),
 * note each applied extrinsic, and finalize (events to storage, extrinsics root, pruning).
 */
import { ScaleWriter } from '../../../primitives/scale/index.ts';
import type { BlockContext } from '../../framework/context.ts';
import { BLOCK_HASH_COUNT } from '../../constants.ts';
import type { Digest } from '../../types.ts';
import { SystemStorage } from './storage.ts';
import { EventRecordCodec } from './event-record.ts';
import { EXTRINSIC_INDEX_KEY } from './well-known-keys.ts';

function u32le(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n, true);
  return out;
}

export function initializeSystem(ctx: BlockContext, number: number, parentHash: Uint8Array, digest: Digest): void {
  const s = ctx.storage;
  SystemStorage.ExecutionPhase.set(s, { tag: 'Initialization', value: undefined });
  s.set(EXTRINSIC_INDEX_KEY, u32le(0));
  SystemStorage.Number.set(s, number);
  SystemStorage.Digest.set(s, digest);
  SystemStorage.ParentHash.set(s, parentHash);
  if (number > 0) SystemStorage.BlockHash.set(s, parentHash, number - 1);
  SystemStorage.BlockWeight.kill(s);
  SystemStorage.Events.kill(s);
  SystemStorage.EventCount.kill(s);
  SystemStorage.EventTopics.clear(s);
  ctx.events.length = 0;
  ctx.phase = { tag: 'Initialization', value: undefined };
}

/** Start of extrinsic `index`: events from here on carry `ApplyExtrinsic(index)`. */
export function beginExtrinsic(ctx: BlockContext, index: number, encoded: Uint8Array): void {
  ctx.extrinsicIndex = index;
  ctx.phase = { tag: 'ApplyExtrinsic', value: index };
  SystemStorage.ExtrinsicData.set(ctx.storage, encoded, index);
  const len = (SystemStorage.AllExtrinsicsLen.get(ctx.storage) ?? 0) + encoded.length;
  SystemStorage.AllExtrinsicsLen.set(ctx.storage, len);
}

export function endExtrinsic(ctx: BlockContext, index: number): void {
  ctx.storage.set(EXTRINSIC_INDEX_KEY, u32le(index + 1));
  SystemStorage.ExecutionPhase.set(ctx.storage, { tag: 'ApplyExtrinsic', value: index + 1 });
}

export function noteFinishedExtrinsics(ctx: BlockContext, count: number): void {
  SystemStorage.ExtrinsicCount.set(ctx.storage, count);
  SystemStorage.ExecutionPhase.set(ctx.storage, { tag: 'Finalization', value: undefined });
  ctx.phase = { tag: 'Finalization', value: undefined };
}

/** Events are buffered during the block and written once, as `Vec<EventRecord>` bytes. */
export function flushEvents(ctx: BlockContext): void {
  const w = new ScaleWriter(64 + ctx.events.length * 64);
  w.compact(ctx.events.length);
  for (const e of ctx.events) EventRecordCodec.enc(w, e);
  ctx.storage.set(SystemStorage.Events.key(), w.finish());
  SystemStorage.EventCount.set(ctx.storage, ctx.events.length);
}

/** Returns the extrinsics (in order) so the caller can compute the extrinsics root. */
export function finalizeSystem(ctx: BlockContext): Uint8Array[] {
  const s = ctx.storage;
  flushEvents(ctx);
  SystemStorage.ExecutionPhase.kill(s);
  SystemStorage.AllExtrinsicsLen.kill(s);
  SystemStorage.InherentsApplied.kill(s);
  s.remove(EXTRINSIC_INDEX_KEY);
  const count = SystemStorage.ExtrinsicCount.get(s) ?? 0;
  SystemStorage.ExtrinsicCount.kill(s);
  const extrinsics: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    extrinsics.push(SystemStorage.ExtrinsicData.getOr(s, i));
    SystemStorage.ExtrinsicData.remove(s, i);
  }
  const number = SystemStorage.Number.getOr(s);
  const toRemove = number - BLOCK_HASH_COUNT - 1;
  if (toRemove > 0) SystemStorage.BlockHash.remove(s, toRemove);
  return extrinsics;
}
