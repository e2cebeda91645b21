/** `chain_*`: block hashes, headers, blocks and head subscriptions. */
import type { NodeApi } from '../../node/api.ts';
import { toHex } from '../../primitives/hex.ts';
import { blockJson, headerJson } from '../json.ts';
import * as p from '../params.ts';
import type { CallHandler, SubscribeHandler, SubscriptionSink } from '../types.ts';
import { newBestHash, onChainEvent } from './common.ts';

function hashAtNumber(api: NodeApi, value: unknown): string | null {
  const hash = api.blockHashAt(p.blockNumber(value));
  return hash ? toHex(hash) : null;
}

/** `[n]`, `["0x1"]`, `[[0, 1, "0x2"]]`, `[]` or `[null]` (best). Unknown numbers give `null`. */
export const getBlockHash: CallHandler = (params, ctx) => {
  const arg = p.optional(params, 0);
  if (arg === undefined) return toHex(ctx.api.best().hash);
  if (Array.isArray(arg)) return arg.map((v) => hashAtNumber(ctx.api, v));
  return hashAtNumber(ctx.api, arg);
};

export const getHeader: CallHandler = (params, ctx) => {
  const hash = p.optionalHash(params, 0, 'hash') ?? ctx.api.best().hash;
  const block = ctx.api.block(hash);
  return block ? headerJson(block.header) : null;
};

export const getBlock: CallHandler = (params, ctx) => {
  const hash = p.optionalHash(params, 0, 'hash') ?? ctx.api.best().hash;
  const block = ctx.api.block(hash);
  return block ? blockJson(block) : null;
};

export const getFinalizedHead: CallHandler = (_params, ctx) => toHex(ctx.api.finalized().hash);

/** Sends a block's header unless it is the one sent last. */
function headerSender(api: NodeApi, sink: SubscriptionSink): (hash: Uint8Array) => void {
  let last: string | undefined;
  return (hash) => {
    const hex = toHex(hash);
    if (hex === last) return;
    const block = api.block(hash);
    if (!block) return;
    last = hex;
    sink.send(headerJson(block.header));
  };
}

/** The current best header first, then the header of every new best block. */
export const subscribeNewHeads: SubscribeHandler = (_params, ctx, sink) => {
  const send = headerSender(ctx.api, sink);
  send(ctx.api.best().hash);
  return onChainEvent(ctx, 'chain_newHead', (e) => {
    const best = newBestHash(e);
    if (best) send(best);
  });
};

/** The current best header first, then every imported header (best or not). */
export const subscribeAllHeads: SubscribeHandler = (_params, ctx, sink) => {
  const best = ctx.api.block(ctx.api.best().hash);
  if (best) sink.send(headerJson(best.header));
  return onChainEvent(ctx, 'chain_allHead', (e) => {
    if (e.kind === 'newBlock') sink.send(headerJson(e.block.header));
  });
};

/** The current finalized header first, then each newly finalized header in ascending order. */
export const subscribeFinalizedHeads: SubscribeHandler = (_params, ctx, sink) => {
  const { api } = ctx;
  const start = api.finalized();
  let lastNumber = -1;
  const first = api.block(start.hash);
  if (first) {
    sink.send(headerJson(first.header));
    lastNumber = first.header.number;
  }
  return onChainEvent(ctx, 'chain_finalizedHead', (e) => {
    if (e.kind !== 'finalized') return;
    const blocks = e.hashes.map((h) => api.block(h)).filter((b) => b !== undefined);
    blocks.sort((a, b) => a.header.number - b.header.number);
    for (const block of blocks) {
      if (block.header.number <= lastNumber) continue;
      lastNumber = block.header.number;
      sink.send(headerJson(block.header));
    }
  });
};
