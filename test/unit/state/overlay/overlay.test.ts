/**
 * OverlayedState: nested transactions, ordered iteration merged with a base (a real MerkleTrie),
 * prefix/startAfter semantics of `state_getKeysPaged`, clearPrefix with a limit — checked
 * against explicit expectations and against a plain Map model under random operations.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { compareBytes, fromHex, toHex } from '../../../../src/primitives/hex.ts';
import { OverlayedState } from '../../../../src/state/overlay.ts';
import type { StateReader } from '../../../../src/state/reader.ts';

/** The change recorded for a key given in hex (the change set's own keys are an internal format). */
function changeOf(changes: Map<string, { key: Uint8Array; value: Uint8Array | null }>, hexKey: string) {
  const hit = [...changes.values()].find((c) => Buffer.from(c.key).toString('hex') === hexKey.slice(2));
  if (!hit) throw new Error(`no change recorded for ${hexKey}`);
  return hit;
}
import { MerkleTrie, trieRoot } from '../../../../src/state/trie/index.ts';

const k = (h: string) => fromHex(h);
const v = (s: string) => new TextEncoder().encode(s);
const txt = (b: Uint8Array | undefined) => (b === undefined ? undefined : new TextDecoder().decode(b));

function baseTrie(entries: Record<string, string>): MerkleTrie {
  const t = new MerkleTrie(1);
  for (const [key, value] of Object.entries(entries)) t.set(k(key), v(value));
  return t;
}

/** [hexKey, text] pairs of an iteration, to compare as plain data. */
function list(it: Iterable<[Uint8Array, Uint8Array]>): [string, string][] {
  return [...it].map(([key, value]) => [toHex(key), txt(value)!]);
}

beforeAll(async () => {
  await cryptoWaitReady();
});

describe('point reads and writes', () => {
  it('reads through to the base; writes and removals shadow it; the base is never written', () => {
    const base = baseTrie({ '0x01': 'a', '0x02': 'b' });
    const rootBefore = toHex(base.root());
    const o = new OverlayedState(base);
    expect(txt(o.get(k('0x01')))).toBe('a');
    o.set(k('0x01'), v('A'));
    o.remove(k('0x02'));
    o.set(k('0x03'), v('c'));
    expect(txt(o.get(k('0x01')))).toBe('A');
    expect(o.get(k('0x02'))).toBeUndefined();
    expect(txt(o.get(k('0x03')))).toBe('c');
    expect(toHex(base.root())).toBe(rootBefore);
    expect(txt(base.get(k('0x02')))).toBe('b');
  });

  it('an empty value is a value, not a deletion', () => {
    const o = new OverlayedState(baseTrie({ '0x01': 'a' }));
    o.set(k('0x01'), new Uint8Array());
    expect(o.get(k('0x01'))).toEqual(new Uint8Array());
    expect(list(o.entries())).toEqual([['0x01', '']]);
  });

  it('changes() reports sets and deletions (null), last write wins', () => {
    const o = new OverlayedState(baseTrie({ '0x01': 'a' }));
    o.set(k('0x02'), v('x'));
    o.set(k('0x02'), v('y'));
    o.remove(k('0x01'));
    o.startTransaction();
    o.set(k('0x03'), v('z'));
    const ch = o.changes();
    expect(ch.size).toBe(3);
    expect(changeOf(ch, '0x01').value).toBeNull();
    expect(txt(changeOf(ch, '0x02').value!)).toBe('y');
    expect(txt(changeOf(ch, '0x03').value!)).toBe('z');
  });
});

describe('nested transactions', () => {
  it('commit merges into the parent; rollback discards only the innermost layer', () => {
    const o = new OverlayedState(baseTrie({ '0x01': 'base' }));
    expect(o.depth).toBe(0);
    o.set(k('0x01'), v('block'));
    o.startTransaction();
    o.set(k('0x01'), v('tx1'));
    o.set(k('0x02'), v('tx1-new'));
    o.startTransaction();
    expect(o.depth).toBe(2);
    o.set(k('0x01'), v('tx2'));
    o.set(k('0x03'), v('tx2-new'));
    expect(txt(o.get(k('0x01')))).toBe('tx2');
    o.rollbackTransaction();
    expect(o.depth).toBe(1);
    expect(txt(o.get(k('0x01')))).toBe('tx1');
    expect(o.get(k('0x03'))).toBeUndefined();
    o.startTransaction();
    o.set(k('0x04'), v('tx3'));
    o.commitTransaction();
    expect(txt(o.get(k('0x04')))).toBe('tx3');
    o.rollbackTransaction();
    expect(o.depth).toBe(0);
    // Everything of tx1 (including what tx3 committed into it) is gone; the block layer stays.
    expect(txt(o.get(k('0x01')))).toBe('block');
    expect(o.get(k('0x02'))).toBeUndefined();
    expect(o.get(k('0x04'))).toBeUndefined();
    expect(list(o.entries())).toEqual([['0x01', 'block']]);
  });

  it('rollback restores deleted keys, from the base and from lower layers', () => {
    const o = new OverlayedState(baseTrie({ '0x01': 'base', '0x0101': 'child' }));
    o.set(k('0x02'), v('block'));
    o.startTransaction();
    o.remove(k('0x01'));
    o.remove(k('0x02'));
    expect(o.clearPrefix(k('0x01'))).toBe(1); // only 0x0101 is left under 0x01
    expect(o.get(k('0x01'))).toBeUndefined();
    expect(o.get(k('0x02'))).toBeUndefined();
    expect(list(o.entries())).toEqual([]);
    o.rollbackTransaction();
    expect(list(o.entries())).toEqual([['0x01', 'base'], ['0x0101', 'child'], ['0x02', 'block']]);
  });

  it('a deletion committed from a transaction stays deleted', () => {
    const o = new OverlayedState(baseTrie({ '0x01': 'base' }));
    o.startTransaction();
    o.remove(k('0x01'));
    o.commitTransaction();
    expect(o.get(k('0x01'))).toBeUndefined();
    expect(changeOf(o.changes(), '0x01').value).toBeNull();
  });

  it('commit or rollback without an open transaction is an error', () => {
    const o = new OverlayedState(baseTrie({}));
    expect(() => o.commitTransaction()).toThrow();
    expect(() => o.rollbackTransaction()).toThrow();
    o.startTransaction();
    o.commitTransaction();
    expect(() => o.commitTransaction()).toThrow();
  });
});

describe('ordered iteration merged with the base', () => {
  // Base keys with shared prefixes; 0x10 is a prefix of 0x1000 and 0x10ff.
  const base = () =>
    baseTrie({ '0x00': 'b00', '0x10': 'b10', '0x1000': 'b1000', '0x1001': 'b1001', '0x10ff': 'b10ff', '0x11': 'b11', '0x20': 'b20' });

  function overlay(): OverlayedState {
    const o = new OverlayedState(base());
    o.set(k('0x05'), v('o05')); // new, between base keys
    o.set(k('0x1000'), v('o1000')); // overwrite
    o.remove(k('0x1001')); // delete
    o.startTransaction();
    o.set(k('0x100080'), v('o100080')); // new, in an open layer
    o.remove(k('0x20'));
    o.set(k('0x30'), v('o30')); // new, after every base key
    return o;
  }

  it('yields base and pending keys in byte order, with new values, without deleted keys', () => {
    expect(list(overlay().entries())).toEqual([
      ['0x00', 'b00'],
      ['0x05', 'o05'],
      ['0x10', 'b10'],
      ['0x1000', 'o1000'],
      ['0x100080', 'o100080'],
      ['0x10ff', 'b10ff'],
      ['0x11', 'b11'],
      ['0x30', 'o30'],
    ]);
  });

  it('restricts to a prefix (the prefix itself included)', () => {
    expect(list(overlay().entries(k('0x10')))).toEqual([
      ['0x10', 'b10'],
      ['0x1000', 'o1000'],
      ['0x100080', 'o100080'],
      ['0x10ff', 'b10ff'],
    ]);
    expect(list(overlay().entries(k('0x1000')))).toEqual([['0x1000', 'o1000'], ['0x100080', 'o100080']]);
    expect(list(overlay().entries(k('0x40')))).toEqual([]);
  });

  it('startAfter is exclusive, whether or not the key exists, and works with a prefix', () => {
    const o = overlay();
    expect(list(o.entries(k('0x10'), k('0x1000'))).map(([key]) => key)).toEqual(['0x100080', '0x10ff']);
    // a deleted key as cursor
    expect(list(o.entries(k('0x10'), k('0x1001'))).map(([key]) => key)).toEqual(['0x10ff']);
    // a cursor that is nowhere in the state
    expect(list(o.entries(undefined, k('0x0fff'))).map(([key]) => key)).toEqual(['0x10', '0x1000', '0x100080', '0x10ff', '0x11', '0x30']);
    // a cursor before the prefix (as the SDK's first page uses start_key = prefix)
    expect(list(o.entries(k('0x10'), k('0x10'))).map(([key]) => key)).toEqual(['0x1000', '0x100080', '0x10ff']);
    // past the end
    expect(list(o.entries(undefined, k('0x30')))).toEqual([]);
  });

  it('paging with the last key returned visits every key exactly once', () => {
    const o = overlay();
    const all = list(o.entries()).map(([key]) => key);
    const paged: string[] = [];
    let cursor: Uint8Array | undefined;
    for (;;) {
      const page: Uint8Array[] = [];
      for (const [key] of o.entries(undefined, cursor)) {
        page.push(key);
        if (page.length === 3) break;
      }
      if (page.length === 0) break;
      paged.push(...page.map(toHex));
      cursor = page[page.length - 1];
    }
    expect(paged).toEqual(all);
  });
});

describe('clearPrefix', () => {
  it('removes keys under the prefix in order, up to the limit, and reports the count', () => {
    const o = new OverlayedState(baseTrie({ '0xaa01': '1', '0xaa02': '2', '0xaa03': '3', '0xab': 'x' }));
    o.set(k('0xaa00'), v('0'));
    expect(o.clearPrefix(k('0xaa'), 2)).toBe(2);
    expect(list(o.entries()).map(([key]) => key)).toEqual(['0xaa02', '0xaa03', '0xab']);
    expect(o.clearPrefix(k('0xaa'), 0)).toBe(0);
    expect(o.clearPrefix(k('0xaa'))).toBe(2);
    expect(list(o.entries()).map(([key]) => key)).toEqual(['0xab']);
    expect(o.clearPrefix(k('0xaa'))).toBe(0);
  });

  it('inside a transaction it is undone by rollback', () => {
    const o = new OverlayedState(baseTrie({ '0xaa01': '1', '0xaa02': '2' }));
    o.startTransaction();
    expect(o.clearPrefix(k('0xaa'))).toBe(2);
    o.rollbackTransaction();
    expect(list(o.entries()).map(([key]) => key)).toEqual(['0xaa01', '0xaa02']);
  });
});

describe('model check under random operations', () => {
  function rng(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
      s = (s + 0x6d2b79f5) >>> 0;
      let t = s;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it('matches a stack of Map snapshots, and the trie root of the result matches a rebuilt trie', () => {
    const rand = rng(42);
    const alphabet = [0x00, 0x01, 0x10, 0xff];
    const randKey = () => Uint8Array.from({ length: 1 + Math.floor(rand() * 3) }, () => alphabet[Math.floor(rand() * 4)]!);
    for (let round = 0; round < 16; round++) {
      const base = new MerkleTrie(1);
      const model = new Map<string, string>();
      for (let i = 0; i < 20; i++) {
        const key = randKey();
        const val = `b${i}`;
        base.set(key, v(val));
        model.set(toHex(key), val);
      }
      const o = new OverlayedState(base as StateReader);
      const stack: Map<string, string>[] = [];
      for (let step = 0; step < 80; step++) {
        const r = rand();
        if (r < 0.35) {
          const key = randKey();
          const val = `s${round}.${step}`;
          o.set(key, v(val));
          model.set(toHex(key), val);
        } else if (r < 0.55) {
          const key = randKey();
          o.remove(key);
          model.delete(toHex(key));
        } else if (r < 0.62) {
          const prefix = randKey().subarray(0, 1);
          const limit = Math.floor(rand() * 4);
          const removed = o.clearPrefix(prefix, limit);
          const under = [...model.keys()].filter((h) => h.startsWith(toHex(prefix))).sort();
          expect(removed).toBe(Math.min(limit, under.length));
          for (const h of under.slice(0, limit)) model.delete(h);
        } else if (r < 0.75) {
          o.startTransaction();
          stack.push(new Map(model));
        } else if (r < 0.85 && stack.length) {
          o.commitTransaction();
          stack.pop();
        } else if (r < 0.95 && stack.length) {
          o.rollbackTransaction();
          const prev = stack.pop()!;
          model.clear();
          for (const [a, b] of prev) model.set(a, b);
        }
        const expected = [...model.entries()].sort(([a], [b]) => compareBytes(fromHex(a), fromHex(b)));
        expect(list(o.entries())).toEqual(expected);
        const probe = randKey();
        expect(txt(o.get(probe))).toBe(model.get(toHex(probe)));
        const prefix = randKey().subarray(0, 1);
        const after = randKey();
        expect(list(o.entries(prefix, after))).toEqual(
          expected.filter(([h]) => h.startsWith(toHex(prefix)) && compareBytes(fromHex(h), after) > 0),
        );
      }
      // Applying changes() to the base gives the model's state.
      while (o.depth > 0) o.commitTransaction();
      for (const { key, value } of o.changes().values()) {
        if (value === null) base.delete(key);
        else base.set(key, value);
      }
      const expectedEntries: [Uint8Array, Uint8Array][] = [...model].map(([h, s]) => [fromHex(h), v(s)]);
      expect(toHex(base.root())).toBe(toHex(trieRoot(expectedEntries, 1)));
    }
  });
});
