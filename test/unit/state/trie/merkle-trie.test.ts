/**
 * MerkleTrie behaviour: map semantics, and incremental roots equal to roots rebuilt from
 * scratch after random inserts, overwrites and deletes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import { EMPTY_TRIE_ROOT, MerkleTrie, trieRoot, type StateVersion } from '../../../../src/state/trie/index.js';

/** Small deterministic PRNG (mulberry32) so failures reproduce. */
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

const hex = (u: Uint8Array): string => u8aToHex(u);
const fromHex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.slice(2), 'hex'));

/** Keys drawn from a tiny alphabet and short lengths, so prefixes and shared paths abound. */
function randomKey(rand: () => number): Uint8Array {
  const len = Math.floor(rand() * 6);
  const alphabet = [0x00, 0x01, 0x10, 0x11, 0x12, 0xf0, 0xff];
  return Uint8Array.from({ length: len }, () => alphabet[Math.floor(rand() * alphabet.length)]!);
}

function randomValue(rand: () => number): Uint8Array {
  // Lengths around the 32 (inline child) and 33 (hashed value) thresholds, and empty.
  const lengths = [0, 1, 5, 28, 31, 32, 33, 34, 64, 200];
  const len = lengths[Math.floor(rand() * lengths.length)]!;
  return Uint8Array.from({ length: len }, () => Math.floor(rand() * 256));
}

function modelRoot(model: Map<string, Uint8Array>, version: StateVersion): string {
  return hex(trieRoot([...model].map(([k, v]) => [fromHex(k), v]), version));
}

beforeAll(async () => {
  await cryptoWaitReady();
});

describe('MerkleTrie map semantics', () => {
  it('get/set/delete/size, with an empty value distinct from absence', () => {
    const t = new MerkleTrie();
    const k = Uint8Array.from([1, 2, 3]);
    expect(t.get(k)).toBeUndefined();
    t.set(k, new Uint8Array(0));
    expect(t.get(k)).toEqual(new Uint8Array(0));
    expect(t.size).toBe(1);
    expect(hex(t.root())).not.toBe(hex(EMPTY_TRIE_ROOT));
    t.set(k, Uint8Array.from([9]));
    expect(t.size).toBe(1);
    expect(t.get(k)).toEqual(Uint8Array.from([9]));
    expect(t.get(Uint8Array.from([1, 2]))).toBeUndefined();
    expect(t.get(Uint8Array.from([1, 2, 3, 4]))).toBeUndefined();
    expect(t.delete(Uint8Array.from([1, 2]))).toBe(false);
    expect(t.delete(k)).toBe(true);
    expect(t.delete(k)).toBe(false);
    expect(t.size).toBe(0);
    expect(hex(t.root())).toBe(hex(EMPTY_TRIE_ROOT));
  });

  it('copies keys and values on the way in', () => {
    const t = new MerkleTrie();
    const k = Uint8Array.from([5, 5]);
    const v = Uint8Array.from([7]);
    t.set(k, v);
    const before = hex(t.root());
    k[0] = 6;
    v[0] = 8;
    expect(t.get(Uint8Array.from([5, 5]))).toEqual(Uint8Array.from([7]));
    expect(hex(t.root())).toBe(before);
  });

  it('a key that is a prefix of others keeps its value through splits and merges', () => {
    const t = new MerkleTrie(0);
    const keys = [[1], [1, 2], [1, 2, 3], [1, 3], []].map((k) => Uint8Array.from(k));
    keys.forEach((k, i) => t.set(k, Uint8Array.from([i])));
    keys.forEach((k, i) => expect(t.get(k)).toEqual(Uint8Array.from([i])));
    expect(t.delete(Uint8Array.from([1, 2]))).toBe(true);
    expect(t.get(Uint8Array.from([1, 2, 3]))).toEqual(Uint8Array.from([2]));
    expect(t.get(Uint8Array.from([1]))).toEqual(Uint8Array.from([0]));
    expect(hex(t.root())).toBe(
      hex(trieRoot([[1], [1, 2, 3], [1, 3], []].map((k, i) => [Uint8Array.from(k), Uint8Array.from([[0, 2, 3, 4][i]!])]), 0)),
    );
  });

  it('rejects keys too long for the header size bound', () => {
    const t = new MerkleTrie();
    expect(() => t.set(new Uint8Array(40000), new Uint8Array(1))).toThrow(RangeError);
    expect(t.size).toBe(0);
  });

  it('deleting everything, in any order, returns to the empty root', () => {
    const rand = rng(7);
    const t = new MerkleTrie();
    const keys: Uint8Array[] = [];
    for (let i = 0; i < 300; i++) {
      const k = Uint8Array.from({ length: 1 + Math.floor(rand() * 4) }, () => Math.floor(rand() * 4));
      keys.push(k);
      t.set(k, Uint8Array.from([i & 0xff]));
    }
    t.root();
    for (let i = keys.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [keys[i], keys[j]] = [keys[j]!, keys[i]!];
    }
    for (const k of keys) t.delete(k);
    expect(t.size).toBe(0);
    expect(hex(t.root())).toBe(hex(EMPTY_TRIE_ROOT));
    expect([...t.entries()]).toEqual([]);
  });
});

describe('incremental root equals from-scratch root', () => {
  for (const version of [0, 1] as const) {
    for (const seed of [1, 2, 3, 4]) {
      it(`random inserts, overwrites and deletes (version ${version}, seed ${seed})`, () => {
        const rand = rng(seed * 1000 + version);
        const trie = new MerkleTrie(version);
        const model = new Map<string, Uint8Array>();
        for (let round = 0; round < 60; round++) {
          const ops = 1 + Math.floor(rand() * 25);
          for (let i = 0; i < ops; i++) {
            const r = rand();
            if (r < 0.35 && model.size > 0) {
              // Delete a present key.
              const keys = [...model.keys()];
              const k = keys[Math.floor(rand() * keys.length)]!;
              expect(trie.delete(fromHex(k))).toBe(true);
              model.delete(k);
            } else if (r < 0.45) {
              // Delete a probably-absent key.
              const k = randomKey(rand);
              expect(trie.delete(k)).toBe(model.delete(hex(k)));
            } else {
              const k = randomKey(rand);
              const v = randomValue(rand);
              trie.set(k, v);
              model.set(hex(k), v);
            }
          }
          expect(trie.size).toBe(model.size);
          // Only check the root on some rounds so dirty paths accumulate between checks.
          if (round % 3 !== 1) expect(hex(trie.root())).toBe(modelRoot(model, version));
          for (const [k, v] of model) expect(trie.get(fromHex(k))).toEqual(v);
        }
        const sorted = [...model.keys()].sort();
        expect([...trie.keys()].map(hex)).toEqual(sorted);
      });
    }
  }

  it('larger random 32-byte keys, then a few changes', () => {
    const rand = rng(99);
    const trie = new MerkleTrie(1);
    const model = new Map<string, Uint8Array>();
    for (let i = 0; i < 3000; i++) {
      const k = Uint8Array.from({ length: 32 }, () => Math.floor(rand() * 256));
      const v = Uint8Array.from({ length: 40 }, () => Math.floor(rand() * 256));
      trie.set(k, v);
      model.set(hex(k), v);
    }
    expect(hex(trie.root())).toBe(modelRoot(model, 1));
    const keys = [...model.keys()];
    for (let i = 0; i < 50; i++) {
      const k = keys[Math.floor(rand() * keys.length)]!;
      if (i % 2 === 0) {
        trie.delete(fromHex(k));
        model.delete(k);
      } else {
        const v = Uint8Array.from([i]);
        trie.set(fromHex(k), v);
        model.set(k, v);
      }
    }
    expect(hex(trie.root())).toBe(modelRoot(model, 1));
  });

  it('setting an identical value leaves the root unchanged', () => {
    const t = new MerkleTrie();
    t.set(Uint8Array.from([1]), Uint8Array.from([2]));
    t.set(Uint8Array.from([1, 1]), Uint8Array.from([3]));
    const r = hex(t.root());
    t.set(Uint8Array.from([1]), Uint8Array.from([2]));
    expect(hex(t.root())).toBe(r);
    expect(t.size).toBe(2);
  });

  it('versions give different roots once a value reaches 33 bytes', () => {
    const a = new MerkleTrie(0);
    const b = new MerkleTrie(1);
    for (const t of [a, b]) t.set(Uint8Array.from([1]), new Uint8Array(32));
    expect(hex(a.root())).toBe(hex(b.root()));
    for (const t of [a, b]) t.set(Uint8Array.from([1]), new Uint8Array(33));
    expect(hex(a.root())).not.toBe(hex(b.root()));
  });
});
