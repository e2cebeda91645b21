/**
 * readProof: the returned node set must let a verifier that only knows the root read each
 * requested key (or prove its absence). The verifier here decodes nodes on its own.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import { MerkleTrie } from '../../../../src/state/trie/index.js';

const hex = (u: Uint8Array): string => u8aToHex(u);

class Reader {
  pos = 0;
  constructor(readonly data: Uint8Array) {}
  byte(): number {
    if (this.pos >= this.data.length) throw new Error('truncated node');
    return this.data[this.pos++]!;
  }
  take(n: number): Uint8Array {
    if (this.pos + n > this.data.length) throw new Error('truncated node');
    const out = this.data.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  compact(): number {
    const first = this.byte();
    switch (first & 3) {
      case 0:
        return first >> 2;
      case 1:
        return (first | (this.byte() << 8)) >> 2;
      case 2:
        return ((first | (this.byte() << 8) | (this.byte() << 16) | (this.byte() << 24)) >>> 0) / 4;
      default:
        throw new Error('big compact not expected in tests');
    }
  }
}

interface Decoded {
  nibbles: number[];
  value?: { inline: Uint8Array } | { hash: Uint8Array };
  children: Array<Uint8Array | null>;
}

function decodeNode(data: Uint8Array): Decoded {
  const r = new Reader(data);
  const first = r.byte();
  let kind: 'leaf' | 'branch' | 'branchValue' | 'hashedLeaf' | 'hashedBranch';
  let sizeBits: number;
  if (first >> 6 === 1) [kind, sizeBits] = ['leaf', 6];
  else if (first >> 6 === 2) [kind, sizeBits] = ['branch', 6];
  else if (first >> 6 === 3) [kind, sizeBits] = ['branchValue', 6];
  else if (first >> 5 === 1) [kind, sizeBits] = ['hashedLeaf', 5];
  else if (first >> 4 === 1) [kind, sizeBits] = ['hashedBranch', 4];
  else throw new Error(`unexpected header ${first}`);
  const max = (1 << sizeBits) - 1;
  let count = first & max;
  if (count === max) {
    for (;;) {
      const more = r.byte();
      count += more;
      if (more < 255) break;
    }
  }
  const packed = r.take((count + 1) >> 1);
  const nibbles: number[] = [];
  packed.forEach((x) => nibbles.push(x >> 4, x & 15));
  if (count % 2 === 1) nibbles.shift();
  const children: Array<Uint8Array | null> = new Array(16).fill(null);
  let bitmap = 0;
  if (kind === 'branch' || kind === 'branchValue' || kind === 'hashedBranch') bitmap = r.byte() | (r.byte() << 8);
  let value: Decoded['value'];
  if (kind === 'leaf' || kind === 'branchValue') value = { inline: r.take(r.compact()) };
  if (kind === 'hashedLeaf' || kind === 'hashedBranch') value = { hash: r.take(32) };
  for (let i = 0; i < 16; i++) if (bitmap & (1 << i)) children[i] = r.take(r.compact());
  if (r.pos !== data.length) throw new Error('trailing bytes');
  return { nibbles, value, children };
}

/** Reads `key` using only `root` and the proof; undefined means proven absent. */
function verifyRead(
  root: Uint8Array,
  proof: Uint8Array[],
  key: Uint8Array,
  used = new Set<string>(),
): Uint8Array | undefined {
  const byHash = new Map(proof.map((p) => [hex(blake2AsU8a(p, 256)), p]));
  const want: number[] = [];
  key.forEach((x) => want.push(x >> 4, x & 15));
  const lookup = (h: Uint8Array): Uint8Array => {
    const found = byHash.get(hex(h));
    if (!found) throw new Error(`proof lacks ${hex(h)}`);
    used.add(hex(found));
    return found;
  };
  let node = decodeNode(lookup(root));
  let at = 0;
  for (;;) {
    for (const n of node.nibbles) {
      if (want[at] !== n) return undefined;
      at++;
    }
    if (at === want.length) {
      if (!node.value) return undefined;
      return 'inline' in node.value ? node.value.inline : lookup(node.value.hash);
    }
    const ref = node.children[want[at]!];
    at++;
    if (!ref) return undefined;
    node = decodeNode(ref.length === 32 ? lookup(ref) : ref);
  }
}

beforeAll(async () => {
  await cryptoWaitReady();
});

describe('MerkleTrie.readProof', () => {
  function randomTrie(version: 0 | 1, n: number): [MerkleTrie, Uint8Array[]] {
    let s = 42 + version;
    const rand = (): number => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 4294967296;
    };
    const trie = new MerkleTrie(version);
    const keys: Uint8Array[] = [];
    for (let i = 0; i < n; i++) {
      const k = Uint8Array.from({ length: 1 + Math.floor(rand() * 6) }, () => Math.floor(rand() * 256) & 0x33);
      const v = Uint8Array.from({ length: [0, 3, 20, 40, 100][i % 5]! }, () => Math.floor(rand() * 256));
      trie.set(k, v);
      keys.push(k);
    }
    return [trie, keys];
  }

  for (const version of [0, 1] as const) {
    it(`proves present keys and absent keys against the root (version ${version})`, () => {
      const [trie, keys] = randomTrie(version, 400);
      const root = trie.root();
      const asked = [keys[3]!, keys[77]!, keys[200]!, Uint8Array.from([0xee]), Uint8Array.from([0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33])];
      const proof = trie.readProof(asked);
      const used = new Set<string>();
      for (const k of asked) expect(verifyRead(root, proof, k, used)).toEqual(trie.get(k));
      // Nothing superfluous: every item was needed by some read (inline nodes are not items).
      expect([...used].sort()).toEqual(proof.map(hex));
      // Deduplicated and in byte order.
      const hexes = proof.map(hex);
      expect(new Set(hexes).size).toBe(hexes.length);
      expect([...hexes].sort()).toEqual(hexes);
      // A key not asked about is generally not provable from this small proof.
      const provable = keys.filter((k) => {
        try {
          verifyRead(root, proof, k);
          return true;
        } catch {
          return false;
        }
      });
      expect(provable.length).toBeLessThan(keys.length);
    });
  }

  it('includes the value node for a hashed (>= 33 byte) value only under version 1', () => {
    const value = new Uint8Array(50).fill(9);
    for (const version of [0, 1] as const) {
      const t = new MerkleTrie(version);
      t.set(Uint8Array.from([1, 2]), value);
      t.set(Uint8Array.from([1, 3]), Uint8Array.from([1]));
      const proof = t.readProof([Uint8Array.from([1, 2])]);
      expect(proof.some((p) => hex(p) === hex(value))).toBe(version === 1);
      expect(verifyRead(t.root(), proof, Uint8Array.from([1, 2]))).toEqual(value);
    }
  });

  it('a one-leaf trie proves with just its (short) root node', () => {
    const t = new MerkleTrie();
    t.set(Uint8Array.from([0xaa]), Uint8Array.from([0xbb]));
    expect(t.readProof([Uint8Array.from([0xaa])]).map(hex)).toEqual(['0x42aa04bb']);
    expect(new MerkleTrie().readProof([Uint8Array.from([1])])).toEqual([]);
  });
});
