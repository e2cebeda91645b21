/** `author_*`: submitting and watching extrinsics. */
import { toHex } from '../../primitives/hex.ts';
import { isFinalTxStatus, txStatusJson } from '../json.ts';
import * as p from '../params.ts';
import type { CallHandler, SubscribeHandler } from '../types.ts';

/** Resolves to the transaction hash (blake2-256 of the full bytes); pool errors (1010…) pass through. */
export const submitExtrinsic: CallHandler = async (params, ctx) => {
  const bytes = p.bytes(p.required(params, 0, 'extrinsic'), 'extrinsic');
  return toHex(await ctx.api.submitExtrinsic(bytes));
};

/**
 * Status stream ("ready", {"inBlock": hash}, {"finalized": hash}, …). A transaction the pool
 * rejects makes the subscribe call itself fail with the pool's error. A final status ends the stream.
 */
export const submitAndWatchExtrinsic: SubscribeHandler = async (params, ctx, sink) => {
  const bytes = p.bytes(p.required(params, 0, 'extrinsic'), 'extrinsic');
  const { stop } = await ctx.api.watchExtrinsic(bytes, (e) => {
    sink.send(txStatusJson(e));
    if (isFinalTxStatus(e)) sink.end();
  });
  return stop;
};

export const pendingExtrinsics: CallHandler = (_params, ctx) => ctx.api.pendingExtrinsics().map(toHex);
