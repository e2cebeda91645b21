/**
 * Block-level storage overlay with nested transactional layers (one per extrinsic, one per
 * `with_transaction`-style call). A rolled-back layer leaves no trace; committing merges it
 * into its parent. The base state is never written here.
 */
import { bytesKey, compareBytes, startsWith } from '../primitives/hex.ts';
import type { ChangeSet, StateReader } from './reader.ts';

type Layer = ChangeSet;

export class OverlayedState implements StateReader {
  private readonly layers: Layer[] = [new Map()];

  constructor(private readonly base: StateReader) {}

  get depth(): number {
    return this.layers.length - 1;
  }

  get(key: Uint8Array): Uint8Array | undefined {
    const k = bytesKey(key);
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const hit = this.layers[i]!.get(k);
      if (hit) return hit.value ?? undefined;
    }
    return this.base.get(key);
  }

  set(key: Uint8Array, value: Uint8Array): void {
    this.layers[this.layers.length - 1]!.set(bytesKey(key), { key, value });
  }

  remove(key: Uint8Array): void {
    this.layers[this.layers.length - 1]!.set(bytesKey(key), { key, value: null });
  }

  startTransaction(): void {
    this.layers.push(new Map());
  }

  commitTransaction(): void {
    if (this.layers.length < 2) throw new Error('commitTransaction without an open transaction');
    const top = this.layers.pop()!;
    const parent = this.layers[this.layers.length - 1]!;
    for (const [k, v] of top) parent.set(k, v);
  }

  rollbackTransaction(): void {
    if (this.layers.length < 2) throw new Error('rollbackTransaction without an open transaction');
    this.layers.pop();
  }

  /** Merged view of all pending changes (block level plus open layers). */
  changes(): ChangeSet {
    if (this.layers.length === 1) return this.layers[0]!;
    const out: ChangeSet = new Map();
    for (const layer of this.layers) for (const [k, v] of layer) out.set(k, v);
    return out;
  }

  *entries(prefix: Uint8Array = new Uint8Array(), startAfter?: Uint8Array): IterableIterator<[Uint8Array, Uint8Array]> {
    const pending = [...this.changes().values()]
      .filter((c) => startsWith(c.key, prefix) && (!startAfter || compareBytes(c.key, startAfter) > 0))
      .sort((a, b) => compareBytes(a.key, b.key));
    let p = 0;
    for (const [k, v] of this.base.entries(prefix, startAfter)) {
      while (p < pending.length && compareBytes(pending[p]!.key, k) < 0) {
        const c = pending[p++]!;
        if (c.value) yield [c.key, c.value];
      }
      if (p < pending.length && compareBytes(pending[p]!.key, k) === 0) {
        const c = pending[p++]!;
        if (c.value) yield [c.key, c.value];
        continue;
      }
      yield [k, v];
    }
    while (p < pending.length) {
      const c = pending[p++]!;
      if (c.value) yield [c.key, c.value];
    }
  }

  /** Remove every key under `prefix` (up to `limit`); returns how many were removed. */
  clearPrefix(prefix: Uint8Array, limit = Infinity): number {
    const keys: Uint8Array[] = [];
    for (const [k] of this.entries(prefix)) {
      if (keys.length >= limit) break;
      keys.push(k);
    }
    for (const k of keys) this.remove(k);
    return keys.length;
  }
}
