/**
 * `engine_*`: manual sealing as Substrate's manual-seal offers it (`--sealing manual|instant|…`).
 * Used by dev tooling (e.g. Moonwall) to produce and finalize blocks on demand.
 */
import { toHex } from '../../primitives/hex.ts';
import { NodeRpcError } from '../../node/api.ts';
import * as p from '../params.ts';
import type { CallHandler } from '../types.ts';

/** `[createEmpty, finalize, parentHash?]` → `{ hash, aux }`. */
export const createBlock: CallHandler = async (params, ctx) => {
  const createEmpty = p.optional(params, 0) ?? true;
  const finalize = Boolean(p.optional(params, 1) ?? false);
  if (typeof createEmpty !== 'boolean') throw new NodeRpcError(-32602, 'Invalid params: createEmpty must be a boolean');
  if (p.optional(params, 2) != null) throw new NodeRpcError(-32602, 'Invalid params: building on a parent other than the best block is not supported');
  if (!ctx.api.sealBlock) throw new NodeRpcError(-32601, 'Method not found: this node does not author blocks');
  if (!createEmpty && ctx.api.pendingExtrinsics().length === 0) throw new NodeRpcError(6000, 'Cannot create an empty block: the transaction pool is empty');
  const hash = await ctx.api.sealBlock({ finalize });
  return {
    hash: toHex(hash),
    aux: { header_only: false, clear_justification_requests: false, needs_justification: false, bad_justification: false, is_new_best: true },
  };
};

/** `[hash, justification?]` → true. */
export const finalizeBlock: CallHandler = async (params, ctx) => {
  const hash = p.hash(p.required(params, 0, 'hash'), 'hash');
  if (!ctx.api.finalizeBlock) throw new NodeRpcError(-32601, 'Method not found: this node does not author blocks');
  await ctx.api.finalizeBlock(hash);
  return true;
};
