/** `state_*`: storage reads, runtime calls, runtime version and storage subscriptions. */
import { NodeRpcError, type NodeApi } from '../../node/api.ts';
import { toHex } from '../../primitives/hex.ts';
import { ScaleReader } from '../../primitives/scale/index.ts';
import { blake2_256 } from '../../primitives/hashing.ts';
import { ErrorCode, errorMessage, internalError, invalidParams, responseTooBig, stateClientError } from '../errors.ts';
import { runtimeVersionJson, type RuntimeVersionJson } from '../json.ts';
import * as p from '../params.ts';
import type { CallContext, CallHandler, Params, SubscribeHandler } from '../types.ts';
import { newBestHash, onChainEvent } from './common.ts';

/** `STORAGE_KEYS_PAGED_MAX_COUNT` in sc-rpc. */
export const KEYS_PAGED_MAX_COUNT = 1000;

export const getStorage: CallHandler = (params, ctx) => {
  const key = p.bytes(p.required(params, 0, 'key'), 'key');
  const value = ctx.api.storage(key, p.optionalHash(params, 1));
  return value === undefined ? null : toHex(value);
};

export const getStorageHash: CallHandler = (params, ctx) => {
  const key = p.bytes(p.required(params, 0, 'key'), 'key');
  const value = ctx.api.storage(key, p.optionalHash(params, 1));
  return value === undefined ? null : toHex(blake2_256(value));
};

/** Substrate gives prefix-size queries 30 s when unsafe calls are denied. */
const STORAGE_SIZE_TIMEOUT_MS = 30_000;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Walk every key under `prefix`, a page of 1000 at a time, letting other requests run between
 * pages (NodeApi reads are synchronous; a whole-state walk must not freeze the node).
 */
async function forEachKey(
  api: NodeApi,
  prefix: Uint8Array,
  at: Uint8Array,
  visit: (key: Uint8Array) => void,
  deadline = Number.POSITIVE_INFINITY,
): Promise<void> {
  let start: Uint8Array | undefined;
  for (;;) {
    const page = api.storageKeys(prefix, KEYS_PAGED_MAX_COUNT, start, at);
    for (const k of page) visit(k);
    if (page.length < KEYS_PAGED_MAX_COUNT) return;
    start = page[page.length - 1];
    if (Date.now() > deadline) throw stateClientError('Maximum RPC timeout reached for the storage size query');
    await yieldToEventLoop();
  }
}

/** Length of the value; for a key without a value, the summed sizes of the values under it as a prefix. */
export const getStorageSize: CallHandler = async (params, ctx) => {
  const key = p.bytes(p.required(params, 0, 'key'), 'key');
  const at = p.optionalHash(params, 1) ?? ctx.api.best().hash;
  const value = ctx.api.storage(key, at);
  if (value !== undefined) return value.length;
  let total = 0;
  let found = false;
  const deadline = ctx.server.unsafeAllowed ? Number.POSITIVE_INFINITY : Date.now() + STORAGE_SIZE_TIMEOUT_MS;
  await forEachKey(
    ctx.api,
    key,
    at,
    (k) => {
      const v = ctx.api.storage(k, at);
      if (v === undefined) return;
      total += v.length;
      found = true;
    },
    deadline,
  );
  return found ? total : null;
};

/** `[prefix | null, count, startKey?, at?]`: at most `count` (≤ 1000) keys strictly after `startKey`. */
export const getKeysPaged: CallHandler = (params, ctx) => {
  const prefix = p.optionalBytes(params, 0, 'prefix') ?? new Uint8Array(0);
  const count = p.u32(p.required(params, 1, 'count'), 'count');
  if (count > KEYS_PAGED_MAX_COUNT) {
    throw new NodeRpcError(ErrorCode.StateInvalidCount, `count exceeds maximum value. value: ${count}, max: ${KEYS_PAGED_MAX_COUNT}`);
  }
  const startKey = p.optionalBytes(params, 2, 'startKey');
  return ctx.api.storageKeys(prefix, count, startKey, p.optionalHash(params, 3)).map(toHex);
};

/** Deprecated in Substrate but used by btcli: every key under the prefix (bounded by the response size limit). */
export const getKeys: CallHandler = async (params, ctx) => {
  const prefix = p.bytes(p.required(params, 0, 'prefix'), 'prefix');
  const at = p.optionalHash(params, 1) ?? ctx.api.best().hash;
  const keys: string[] = [];
  let size = 0;
  await forEachKey(ctx.api, prefix, at, (k) => {
    const hex = toHex(k);
    size += hex.length + 3;
    if (size > ctx.server.maxResponseBytes) throw responseTooBig(ctx.server.maxResponseBytes);
    keys.push(hex);
  });
  return keys;
};

function keyList(value: unknown, name: string): { text: string; bytes: Uint8Array }[] {
  return p.array(value, name).map((k, i) => {
    const text = p.string(k, `${name}[${i}]`);
    return { text, bytes: p.bytes(text, `${name}[${i}]`) };
  });
}

/** One change set with every requested key (absent ones as null); keys echoed exactly as sent. */
export const queryStorageAt: CallHandler = (params, ctx) => {
  const keys = keyList(p.required(params, 0, 'keys'), 'keys');
  const at = p.optionalHash(params, 1) ?? ctx.api.best().hash;
  if (keys.length === 0) return [];
  const changes = keys.map(({ text, bytes }) => {
    const v = ctx.api.storage(bytes, at);
    return [text, v === undefined ? null : toHex(v)];
  });
  return [{ block: toHex(at), changes }];
};

/** Run a runtime API; failures that are not already RPC errors become 4003 "Client error: Execution failed: …". */
export function runtimeCall(ctx: CallContext, method: string, args: Uint8Array, at: Uint8Array | undefined): Uint8Array {
  try {
    return ctx.api.runtimeCall(method, args, at);
  } catch (err) {
    if (err instanceof NodeRpcError) throw err;
    throw stateClientError(`Execution failed: Other: ${errorMessage(err)}`);
  }
}

/** `[method, data hex ("" / "0x" / bare allowed), at?]` → output bytes as hex. */
export const call: CallHandler = (params, ctx) => {
  const method = p.string(p.required(params, 0, 'method'), 'method');
  const data = p.bytes(p.optional(params, 1) ?? '', 'data');
  return toHex(runtimeCall(ctx, method, data, p.optionalHash(params, 2)));
};

/** The last version served per node, keyed by block: every subscriber asks again on each new best block. */
const versionCache = new WeakMap<NodeApi, { hash: string; version: RuntimeVersionJson }>();

export function runtimeVersionAt(ctx: CallContext, at: Uint8Array): RuntimeVersionJson {
  const hashHex = toHex(at);
  const cached = versionCache.get(ctx.api);
  if (cached && cached.hash === hashHex) return cached.version;
  const bytes = runtimeCall(ctx, 'Core_version', new Uint8Array(0), at);
  let version: RuntimeVersionJson;
  try {
    version = runtimeVersionJson(bytes);
  } catch (err) {
    throw internalError(`runtime returned an undecodable RuntimeVersion: ${errorMessage(err)}`);
  }
  versionCache.set(ctx.api, { hash: hashHex, version });
  return version;
}

export const getRuntimeVersion: CallHandler = (params, ctx) =>
  runtimeVersionAt(ctx, p.optionalHash(params, 0) ?? ctx.api.best().hash);

/** The current version at once, then a new one whenever a new best block runs a different runtime. */
export const subscribeRuntimeVersion: SubscribeHandler = (_params, ctx, sink) => {
  const current = runtimeVersionAt(ctx, ctx.api.best().hash);
  let last = JSON.stringify(current);
  sink.send(current);
  return onChainEvent(ctx, 'state_runtimeVersion', (e) => {
    const best = newBestHash(e);
    if (!best) return;
    const version = runtimeVersionAt(ctx, best);
    const text = JSON.stringify(version);
    if (text === last) return;
    last = text;
    sink.send(version);
  });
};

/** Subscribing to every key (no key list) is unsafe in Substrate. */
export const subscribeStorageIsUnsafe = (params: Params): boolean => p.optional(params, 0) === undefined;

/**
 * `[keys]`: `{block, changes: [[key, value | null], …]}` for every key at the current best block,
 * then, on each new best block, the keys whose value differs from what was last sent.
 */
export const subscribeStorage: SubscribeHandler = (params, ctx, sink) => {
  const raw = p.optional(params, 0);
  if (raw === undefined) throw invalidParams('subscribing to every storage key is not supported by this node; pass a list of keys');
  const keys = keyList(raw, 'keys');
  const last = new Map<string, string | null>();
  const read = (at: Uint8Array) =>
    keys.map(({ text, bytes }) => {
      const v = ctx.api.storage(bytes, at);
      return [text, v === undefined ? null : toHex(v)] as [string, string | null];
    });

  const bestHash = ctx.api.best().hash;
  const initial = read(bestHash);
  for (const [k, v] of initial) last.set(k, v);
  sink.send({ block: toHex(bestHash), changes: initial });

  return onChainEvent(ctx, 'state_storage', (e) => {
    const best = newBestHash(e);
    if (!best) return;
    const changes = read(best).filter(([k, v]) => last.get(k) !== v);
    if (changes.length === 0) return;
    for (const [k, v] of changes) last.set(k, v);
    sink.send({ block: toHex(best), changes });
  });
};

/** `[at?]` → the V14 metadata bytes (`0x6d657461…`), i.e. `Metadata_metadata` without its Vec<u8> length prefix. */
export const getMetadata: CallHandler = (params, ctx) => {
  const wrapped = runtimeCall(ctx, 'Metadata_metadata', new Uint8Array(0), p.optionalHash(params, 0));
  const r = new ScaleReader(wrapped);
  const len = r.compactNumber();
  return toHex(r.raw(len));
};
