/**
 * The transaction pool's ordering and dependency rules, on synthetic transactions (the runtime's
 * validation is replaced by a table of provides/requires tags).
 */
import { describe, expect, it } from 'vitest';
import { TxPool, type PoolTx } from '../../../src/chain/txpool.ts';
import type { Extrinsic } from '../../../src/runtime/extrinsic/unchecked.ts';
import type { ValidTransaction } from '../../../src/runtime/extrinsic/validity.ts';
import { NodeRpcError } from '../../../src/node/api.ts';

const te = new TextEncoder();
let counter = 0;

/** A fake extrinsic: sender + nonce, with a unique hash. */
function tx(sender: string, nonce: number, priority = 0n): { xt: Extrinsic; valid: ValidTransaction } {
  const hash = new Uint8Array(32);
  new DataView(hash.buffer).setUint32(0, ++counter);
  const xt = { hash, encoded: te.encode(`${sender}:${nonce}:${counter}`) } as unknown as Extrinsic;
  const tag = (n: number) => te.encode(`${sender}/${n}`);
  return { xt, valid: { priority, requires: nonce > 0 ? [tag(nonce - 1)] : [], provides: [tag(nonce)], longevity: 64n, propagate: true } };
}

function add(pool: TxPool, t: { xt: Extrinsic; valid: ValidTransaction }): PoolTx {
  return pool.add(t.xt, () => t.valid, 0);
}

const order = (pool: TxPool) => [...pool.ready()].map((p) => new TextDecoder().decode(p.bytes).split(':').slice(0, 2).join(':'));

describe('transaction pool', () => {
  it('orders by priority and keeps each sender\'s nonces in order', () => {
    const pool = new TxPool({ ready: 100, future: 100 });
    add(pool, tx('a', 0, 1n));
    add(pool, tx('a', 1, 50n));
    add(pool, tx('b', 0, 10n));
    expect(order(pool)).toEqual(['b:0', 'a:0', 'a:1']);
  });

  it('parks transactions with a nonce gap in the future queue until the gap closes, in any arrival order', () => {
    const pool = new TxPool({ ready: 100, future: 100 });
    const t3 = add(pool, tx('a', 3));
    const t1 = add(pool, tx('a', 1));
    const t2 = add(pool, tx('a', 2));
    expect(pool.futureCount).toBe(3);
    expect(order(pool)).toEqual([]);
    add(pool, tx('a', 0));
    expect(pool.futureCount).toBe(0);
    expect(pool.isFuture(t1.hashHex) || pool.isFuture(t2.hashHex) || pool.isFuture(t3.hashHex)).toBe(false);
    expect(order(pool)).toEqual(['a:0', 'a:1', 'a:2', 'a:3']);
  });

  it('refuses duplicates (1013), lower-priority replacements (1014) and a full pool (1016)', () => {
    const pool = new TxPool({ ready: 2, future: 1 });
    const first = tx('a', 0, 5n);
    add(pool, first);
    expect(() => add(pool, first)).toThrow(expect.objectContaining({ code: 1013 }) as unknown as NodeRpcError);
    expect(() => add(pool, tx('a', 0, 5n))).toThrow(/Priority is too low/);
    add(pool, tx('b', 0));
    expect(() => add(pool, tx('c', 0))).toThrow(expect.objectContaining({ code: 1016 }) as unknown as NodeRpcError);
    // A higher-priority replacement of the same nonce usurps the old one.
    const statuses: string[] = [];
    pool.watch(first.xt.hash, (e) => statuses.push(e.kind));
    add(pool, tx('a', 0, 9n));
    expect(statuses).toEqual(['usurped']);
  });

  it('after a block, drops included transactions and promotes their dependents', () => {
    const pool = new TxPool({ ready: 100, future: 100 });
    const a0 = add(pool, tx('a', 0));
    const a1 = add(pool, tx('a', 1));
    const seen: string[] = [];
    pool.watch(a0.hash, (e) => seen.push(e.kind));
    // a:0 is in the block; revalidation says a:1 needs nothing any more.
    pool.pruneAfterBlock([a0.hashHex], new Uint8Array(32), 1, () => ({ priority: 0n, requires: [], provides: [te.encode('a/1')], longevity: 64n, propagate: true }));
    expect(seen).toEqual(['inBlock']);
    expect(pool.size).toBe(1);
    expect(pool.isFuture(a1.hashHex)).toBe(false);
    expect(order(pool)).toEqual(['a:1']);
  });
});
