/** Ordered iteration with prefix and exclusive startAfter bounds. */
import { describe, expect, it } from 'vitest';
import { u8aToHex } from '@polkadot/util';
import { MerkleTrie } from '../../../../src/state/trie/index.js';

const b = (...xs: number[]): Uint8Array => Uint8Array.from(xs);
const hex = (u: Uint8Array): string => u8aToHex(u);

function compare(x: Uint8Array, y: Uint8Array): number {
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** What the answer must be, computed by brute force over a plain list. */
function expected(all: Uint8Array[], prefix?: Uint8Array, startAfter?: Uint8Array): string[] {
  return [...all]
    .sort(compare)
    .filter((k) => prefix === undefined || (k.length >= prefix.length && prefix.every((x, i) => k[i] === x)))
    .filter((k) => startAfter === undefined || compare(k, startAfter) > 0)
    .map(hex);
}

const fixed = [
  b(),
  b(0x01),
  b(0x01, 0x00),
  b(0x01, 0x02),
  b(0x01, 0x02, 0x03),
  b(0x01, 0x20),
  b(0x02),
  b(0x10),
  b(0x10, 0x01),
  b(0x12, 0x34, 0x56),
  b(0xff),
  b(0xff, 0xff, 0xff),
];

function build(keys: Uint8Array[]): MerkleTrie {
  const t = new MerkleTrie();
  keys.forEach((k, i) => t.set(k, b(i)));
  return t;
}

describe('MerkleTrie.entries / keys', () => {
  const t = build([...fixed].reverse());

  it('yields every key in lexicographic byte order, with its value', () => {
    expect([...t.keys()].map(hex)).toEqual(expected(fixed));
    for (const [k, v] of t.entries()) expect(t.get(k)).toEqual(v);
  });

  it('restricts to a prefix, byte-wise (0x01 does not match 0x10)', () => {
    expect([...t.keys(b(0x01))].map(hex)).toEqual(['0x01', '0x0100', '0x0102', '0x010203', '0x0120']);
    expect([...t.keys(b(0x10))].map(hex)).toEqual(['0x10', '0x1001']);
    expect([...t.keys(b(0x12, 0x34))].map(hex)).toEqual(['0x123456']);
    expect([...t.keys(b(0x03))]).toEqual([]);
    expect([...t.keys(b(0x12, 0x35))]).toEqual([]);
    expect([...t.keys(b())].map(hex)).toEqual(expected(fixed));
  });

  it('startAfter is exclusive, whether or not the key exists', () => {
    expect([...t.keys(undefined, b(0x01, 0x02))].map(hex)).toEqual(expected(fixed, undefined, b(0x01, 0x02)));
    expect([...t.keys(undefined, b(0x01, 0x02))][0]).toEqual(b(0x01, 0x02, 0x03));
    expect([...t.keys(undefined, b(0x01, 0x05))][0]).toEqual(b(0x01, 0x20));
    expect([...t.keys(undefined, b())][0]).toEqual(b(0x01));
    expect([...t.keys(undefined, b(0xff, 0xff, 0xff))]).toEqual([]);
    expect([...t.keys(undefined, b(0xff, 0xff, 0xff, 0x00))]).toEqual([]);
  });

  it('combines prefix and startAfter', () => {
    expect([...t.keys(b(0x01), b(0x01, 0x02))].map(hex)).toEqual(['0x010203', '0x0120']);
    // startAfter before the prefix: the prefix bound wins.
    expect([...t.keys(b(0x10), b(0x02))].map(hex)).toEqual(['0x10', '0x1001']);
    // startAfter equal to the prefix excludes the prefix key itself.
    expect([...t.keys(b(0x10), b(0x10))].map(hex)).toEqual(['0x1001']);
    // startAfter beyond the prefix range: nothing.
    expect([...t.keys(b(0x01), b(0x02))]).toEqual([]);
  });

  it('matches brute force on random queries over a random trie', () => {
    let s = 12345;
    const rand = (): number => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return s / 4294967296;
    };
    const pick = (): Uint8Array =>
      Uint8Array.from({ length: Math.floor(rand() * 4) }, () => [0x00, 0x01, 0x10, 0x11, 0xf1][Math.floor(rand() * 5)]!);
    const keys = new Map<string, Uint8Array>();
    for (let i = 0; i < 200; i++) {
      const k = pick();
      keys.set(hex(k), k);
    }
    const all = [...keys.values()];
    const trie = build(all);
    for (let q = 0; q < 400; q++) {
      const prefix = rand() < 0.3 ? undefined : pick().subarray(0, 2);
      const after = rand() < 0.3 ? undefined : pick();
      expect([...trie.keys(prefix, after)].map(hex)).toEqual(expected(all, prefix, after));
    }
  });

  it('is lazy: pages through a large trie a few entries at a time', () => {
    const big = new MerkleTrie();
    const n = 20000;
    for (let i = 0; i < n; i++) big.set(b(0xaa, i >> 8, i & 0xff), b(1));
    let cursor: Uint8Array | undefined;
    let seen = 0;
    for (let page = 0; page < 5; page++) {
      const it = big.keys(b(0xaa), cursor);
      const got: Uint8Array[] = [];
      for (const k of it) {
        got.push(k);
        if (got.length === 100) break;
      }
      expect(got[0]).toEqual(b(0xaa, (seen >> 8) & 0xff, seen & 0xff));
      seen += got.length;
      cursor = got[got.length - 1];
    }
    expect(seen).toBe(500);
    const gen = big.entries(undefined, b(0xaa, 0x4e, 0x1e));
    expect(gen.next().value?.[0]).toEqual(b(0xaa, 0x4e, 0x1f));
    expect(gen.next().done).toBe(true);
  });
});
