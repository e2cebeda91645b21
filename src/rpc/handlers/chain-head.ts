/**
 * `chainHead_v1_*` (json-rpc-interface-spec): follow the head of the chain with pinning, and
 * fetch headers, bodies, storage and runtime-call results of the reported blocks. The state of
 * each follow subscription lives in `ChainHeadFollow`; this file parses params and finds it.
 */
import { toHex } from '../../primitives/hex.ts';
import type { RpcConnection } from '../connection.ts';
import { NodeRpcError, invalidParams } from '../errors.ts';
import * as p from '../params.ts';
import { ChainHeadError, ChainHeadFollow, chainHeadLimits } from '../spec-v2/follow.ts';
import { parseStorageQueries } from '../spec-v2/storage-query.ts';
import type { CallContext, CallHandler, Params, SubscribeHandler } from '../types.ts';

const EXTENSION_KEY = 'chainHead_v1';

function follows(connection: RpcConnection): Map<string, ChainHeadFollow> {
  let map = connection.extensions.get(EXTENSION_KEY) as Map<string, ChainHeadFollow> | undefined;
  if (!map) connection.extensions.set(EXTENSION_KEY, (map = new Map()));
  return map;
}

/** The live follow subscription named by `params[0]`, if any (stale and unknown ids give undefined). */
function findFollow(params: Params, ctx: CallContext): ChainHeadFollow | undefined {
  const id = p.string(p.required(params, 0, 'followSubscription'), 'followSubscription');
  if (!ctx.connection) return undefined;
  const follow = follows(ctx.connection).get(id);
  return follow && !follow.isStopped ? follow : undefined;
}

/** `[withRuntime]` → subscription id; events on `chainHead_v1_followEvent`. */
export const follow: SubscribeHandler = (params, ctx, sink) => {
  const withRuntime = p.optional(params, 0);
  if (typeof withRuntime !== 'boolean') throw invalidParams('withRuntime: expected a boolean');
  const connection = ctx.connection;
  const registry = connection ? follows(connection) : new Map<string, ChainHeadFollow>();
  if (registry.size >= chainHeadLimits.maxFollowsPerConnection) {
    throw new NodeRpcError(ChainHeadError.TooManyFollows, 'Maximum number of chainHead_follow has been reached');
  }
  const f = new ChainHeadFollow(ctx.api, sink, withRuntime, ctx.server.logger, chainHeadLimits);
  registry.set(sink.id, f);
  try {
    f.start(connection);
  } catch (err) {
    f.dispose();
    registry.delete(sink.id);
    throw err;
  }
  return () => {
    f.dispose();
    if (registry.get(sink.id) === f) registry.delete(sink.id);
  };
};

/** `[followSubscription, hash]` → hex SCALE header, or null for a stale subscription. */
export const header: CallHandler = (params, ctx) => {
  const hash = p.hash(p.required(params, 1, 'hash'), 'hash');
  const f = findFollow(params, ctx);
  if (!f) return null;
  return toHex(f.pinnedBlock(hash).headerBytes);
};

/** `[followSubscription, hash]` → started / limitReached; `operationBodyDone` follows. */
export const body: CallHandler = (params, ctx) => {
  const hash = p.hash(p.required(params, 1, 'hash'), 'hash');
  const f = findFollow(params, ctx);
  if (!f) return { result: 'limitReached' };
  return f.body(hash);
};

/** `[followSubscription, hash, function, callParameters]` → started; `operationCallDone` / `operationError` follows. */
export const call: CallHandler = (params, ctx) => {
  const hash = p.hash(p.required(params, 1, 'hash'), 'hash');
  const method = p.string(p.required(params, 2, 'function'), 'function');
  const args = p.bytes(p.optional(params, 3) ?? '', 'callParameters');
  const f = findFollow(params, ctx);
  if (!f) return { result: 'limitReached' };
  return f.call(hash, method, args);
};

/** `[followSubscription, hash, items, childTrie | null]` → started (+ discardedItems); storage events follow. */
export const storage: CallHandler = (params, ctx) => {
  const hash = p.hash(p.required(params, 1, 'hash'), 'hash');
  const queries = parseStorageQueries(p.required(params, 2, 'items'));
  const childTrie = p.optionalBytes(params, 3, 'childTrie');
  const f = findFollow(params, ctx);
  if (!f) return { result: 'limitReached' };
  return f.storage(hash, queries, childTrie);
};

/** `[followSubscription, hash | hash[]]` → null. */
export const unpin: CallHandler = (params, ctx) => {
  const raw = p.required(params, 1, 'hashOrHashes');
  const list = Array.isArray(raw) ? raw : [raw];
  const hashes = list.map((h, i) => toHex(p.hash(h, `hashOrHashes[${i}]`)));
  findFollow(params, ctx)?.unpin(hashes);
  return null;
};

/** `[followSubscription, operationId]` → null. */
export const continueOperation: CallHandler = (params, ctx) => {
  const operationId = p.string(p.required(params, 1, 'operationId'), 'operationId');
  findFollow(params, ctx)?.continueOperation(operationId);
  return null;
};

/** `[followSubscription, operationId]` → null. */
export const stopOperation: CallHandler = (params, ctx) => {
  const operationId = p.string(p.required(params, 1, 'operationId'), 'operationId');
  findFollow(params, ctx)?.stopOperation(operationId);
  return null;
};
