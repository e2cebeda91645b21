/**
 * `chainHead_v1_storage` queries: what each item type produces, read in pages so that a large
 * `descendantsValues` walk is sent as several `operationStorageItems` events with an
 * `operationWaitingForContinue` pause between them.
 */
import type { NodeApi } from '../../node/api.ts';
import { blake2_256 } from '../../primitives/hashing.ts';
import { toHex } from '../../primitives/hex.ts';
import { invalidParams } from '../errors.ts';
import * as p from '../params.ts';

export type StorageQueryType = 'value' | 'hash' | 'closestDescendantMerkleValue' | 'descendantsValues' | 'descendantsHashes';

const QUERY_TYPES = new Set<string>(['value', 'hash', 'closestDescendantMerkleValue', 'descendantsValues', 'descendantsHashes']);

export interface StorageQuery {
  key: Uint8Array;
  type: StorageQueryType;
}

export interface StorageResultItem {
  key: string;
  value?: string;
  hash?: string;
  closestDescendantMerkleValue?: string;
}

/** Parse the `items` parameter: `[{key, type}, …]`. */
export function parseStorageQueries(value: unknown): StorageQuery[] {
  return p.array(value, 'items').map((raw, i) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalidParams(`items[${i}]: expected an object {key, type}`);
    const item = raw as Record<string, unknown>;
    const key = p.bytes(item.key, `items[${i}].key`);
    const type = p.string(item.type, `items[${i}].type`);
    if (!QUERY_TYPES.has(type)) throw invalidParams(`items[${i}].type: unknown storage query type "${type}"`);
    return { key, type: type as StorageQueryType };
  });
}

/** Keys read per `storageKeys` call while hashing a subtree. */
const MERKLE_SCAN_BATCH = 1024;

/**
 * Stand-in for the trie Merkle value of the closest descendant of `prefix`: NodeApi does not
 * expose trie nodes, so this is blake2-256 over every (key, value) under the prefix, which
 * changes exactly when something under the prefix changes (what clients use it for). For the
 * empty prefix the real value is known: the state root. Undefined when nothing is under it.
 */
function closestDescendantMerkleValue(api: NodeApi, prefix: Uint8Array, at: Uint8Array): string | undefined {
  if (prefix.length === 0) {
    const block = api.block(at);
    if (block) return toHex(block.header.state_root);
  }
  const parts: Uint8Array[] = [];
  let total = 0;
  let start: Uint8Array | undefined;
  for (;;) {
    const keys = api.storageKeys(prefix, MERKLE_SCAN_BATCH, start, at);
    for (const k of keys) {
      const v = api.storage(k, at) ?? new Uint8Array(0);
      const lens = new Uint8Array(8);
      const dv = new DataView(lens.buffer);
      dv.setUint32(0, k.length, true);
      dv.setUint32(4, v.length, true);
      parts.push(lens, k, v);
      total += 8 + k.length + v.length;
    }
    if (keys.length < MERKLE_SCAN_BATCH) break;
    start = keys[keys.length - 1];
  }
  if (parts.length === 0) return undefined;
  const all = new Uint8Array(total);
  let off = 0;
  for (const part of parts) {
    all.set(part, off);
    off += part.length;
  }
  return toHex(blake2_256(all));
}

/**
 * Walks the queries of one storage operation. `next(max)` returns up to `max` result items and
 * whether anything is left to read; it is synchronous (NodeApi reads are), so callers decide
 * how much to read per event loop turn.
 */
export class StorageQueryCursor {
  private index = 0;
  /** Last key returned by the descendants walk of `queries[index]`. */
  private after: Uint8Array | undefined;

  constructor(
    private readonly api: NodeApi,
    private readonly at: Uint8Array,
    private readonly queries: readonly StorageQuery[],
  ) {}

  get done(): boolean {
    return this.index >= this.queries.length;
  }

  next(max: number): StorageResultItem[] {
    const out: StorageResultItem[] = [];
    while (!this.done && out.length < max) {
      const q = this.queries[this.index]!;
      if (q.type === 'descendantsValues' || q.type === 'descendantsHashes') {
        const want = max - out.length;
        const keys = this.api.storageKeys(q.key, want, this.after, this.at);
        for (const k of keys) {
          const v = this.api.storage(k, this.at);
          if (v === undefined) continue;
          out.push(q.type === 'descendantsValues' ? { key: toHex(k), value: toHex(v) } : { key: toHex(k), hash: toHex(blake2_256(v)) });
        }
        if (keys.length < want) {
          this.index++;
          this.after = undefined;
        } else {
          this.after = keys[keys.length - 1];
        }
        continue;
      }
      this.index++;
      const key = toHex(q.key);
      if (q.type === 'closestDescendantMerkleValue') {
        const merkle = closestDescendantMerkleValue(this.api, q.key, this.at);
        if (merkle !== undefined) out.push({ key, closestDescendantMerkleValue: merkle });
        continue;
      }
      const v = this.api.storage(q.key, this.at);
      if (v === undefined) continue;
      out.push(q.type === 'value' ? { key, value: toHex(v) } : { key, hash: toHex(blake2_256(v)) });
    }
    return out;
  }
}
