/**
 * The runtime description the new JSON-RPC spec puts in `initialized.finalizedBlockRuntime` and
 * `newBlock.newRuntime`: `{type: 'valid', spec: {specName, implName, specVersion, implVersion,
 * transactionVersion, apis: {"0x<8-byte id>": version}}}` (note: `apis` is an object here, not
 * the legacy array), or `{type: 'invalid', error}` when `Core_version` cannot be run or decoded.
 */
import type { NodeApi } from '../../node/api.ts';
import { toHex } from '../../primitives/hex.ts';
import { errorMessage } from '../errors.ts';
import { runtimeVersionJson } from '../json.ts';

export interface RuntimeSpecJson {
  specName: string;
  implName: string;
  specVersion: number;
  implVersion: number;
  transactionVersion: number;
  apis: Record<string, number>;
}

export type RuntimeJson = { type: 'valid'; spec: RuntimeSpecJson } | { type: 'invalid'; error: string };

/** Runtime descriptions per block, shared by every follower of one node (bounded, oldest dropped first). */
const CACHE_SIZE = 256;
const caches = new WeakMap<NodeApi, Map<string, { runtime: RuntimeJson; text: string }>>();

function compute(api: NodeApi, hash: Uint8Array): RuntimeJson {
  try {
    const v = runtimeVersionJson(api.runtimeCall('Core_version', new Uint8Array(0), hash));
    return {
      type: 'valid',
      spec: {
        specName: v.specName,
        implName: v.implName,
        specVersion: v.specVersion,
        implVersion: v.implVersion,
        transactionVersion: v.transactionVersion,
        apis: Object.fromEntries(v.apis),
      },
    };
  } catch (err) {
    return { type: 'invalid', error: errorMessage(err) };
  }
}

function entryAt(api: NodeApi, hash: Uint8Array): { runtime: RuntimeJson; text: string } {
  let cache = caches.get(api);
  if (!cache) caches.set(api, (cache = new Map()));
  const key = toHex(hash);
  let entry = cache.get(key);
  if (!entry) {
    const runtime = compute(api, hash);
    entry = { runtime, text: JSON.stringify(runtime) };
    cache.set(key, entry);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  return entry;
}

/** The runtime of block `hash`. */
export function runtimeAt(api: NodeApi, hash: Uint8Array): RuntimeJson {
  return entryAt(api, hash).runtime;
}

/** The runtime of `hash` when it differs from its parent's, else null (the `newRuntime` field). */
export function newRuntimeAt(api: NodeApi, hash: Uint8Array, parentHash: Uint8Array): RuntimeJson | null {
  const own = entryAt(api, hash);
  const parent = entryAt(api, parentHash);
  return own.text === parent.text ? null : own.runtime;
}
