/**
 * Roots checked against bytes built by hand from the sp-trie node format, and against roots
 * published elsewhere (smoldot's trie tests, real Kusama / Darwinia block headers).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto';
import { hexToU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import {
  EMPTY_TRIE_ROOT,
  MerkleTrie,
  encodeCompact,
  orderedTrieRoot,
  trieRoot,
  type StateVersion,
} from '../../../../src/state/trie/index.js';

const h = (bytes: Uint8Array | number[]): Uint8Array => blake2AsU8a(Uint8Array.from(bytes), 256);
const bytes = (...parts: Array<number[] | Uint8Array>): Uint8Array =>
  u8aConcat(...parts.map((p) => Uint8Array.from(p)));
const fill = (n: number, b: number): Uint8Array => new Uint8Array(n).fill(b);

/** Root both ways: the incremental trie and the one-shot builder. */
function roots(entries: Array<[Uint8Array, Uint8Array]>, version: StateVersion): [string, string] {
  const trie = new MerkleTrie(version);
  for (const [k, v] of entries) trie.set(k, v);
  return [u8aToHex(trie.root()), u8aToHex(trieRoot(entries, version))];
}

function expectRoot(entries: Array<[Uint8Array, Uint8Array]>, version: StateVersion, rootNode: Uint8Array): void {
  const expected = u8aToHex(h(rootNode));
  expect(roots(entries, version)).toEqual([expected, expected]);
}

beforeAll(async () => {
  await cryptoWaitReady();
});

describe('empty trie', () => {
  it('has the Substrate empty root, blake2-256(0x00)', () => {
    const known = '0x03170a2e7597b7b7e3d84c05391d139a62b157e78786d8c082f29dcf4c111314';
    expect(u8aToHex(EMPTY_TRIE_ROOT)).toBe(known);
    expect(u8aToHex(h([0]))).toBe(known);
    expect(u8aToHex(new MerkleTrie().root())).toBe(known);
    expect(u8aToHex(new MerkleTrie(0).root())).toBe(known);
    expect(u8aToHex(trieRoot([], 1))).toBe(known);
    expect(u8aToHex(orderedTrieRoot([]))).toBe(known);
  });
});

describe('hand-encoded tries', () => {
  it('single short leaf: header 0x40|2 nibbles, key, compact length, value', () => {
    const entries: Array<[Uint8Array, Uint8Array]> = [[bytes([0xaa]), bytes([0xbb])]];
    for (const v of [0, 1] as const) expectRoot(entries, v, bytes([0x42, 0xaa, 0x04, 0xbb]));
  });

  it('the root is hashed even when its node is shorter than 32 bytes', () => {
    const trie = new MerkleTrie(1);
    trie.set(bytes([0x01]), bytes([]));
    // Leaf, 2 nibbles, empty value: Compact(0) = 0x00.
    expect(u8aToHex(trie.root())).toBe(u8aToHex(h([0x42, 0x01, 0x00])));
  });

  it('empty key holds a value at the root node itself', () => {
    const entries: Array<[Uint8Array, Uint8Array]> = [[bytes([]), bytes([0x05])]];
    expectRoot(entries, 1, bytes([0x40, 0x04, 0x05]));
  });

  it('two keys sharing a prefix form a branch with inline leaf children', () => {
    const entries: Array<[Uint8Array, Uint8Array]> = [
      [bytes([0x12, 0x34]), bytes([0x01])],
      [bytes([0x12, 0x56]), bytes([0x02])],
    ];
    const leaf3 = [0x41, 0x04, 0x04, 0x01]; // 1 nibble "4" alone in the low half
    const leaf5 = [0x41, 0x06, 0x04, 0x02];
    const root = bytes(
      [0x82, 0x12], // branch without value, partial "12"
      [0b0010_1000, 0x00], // children 3 and 5
      [0x10], leaf3, // Compact(4) + inline node
      [0x10], leaf5,
    );
    for (const v of [0, 1] as const) expectRoot(entries, v, root);
  });

  it('branch with a value, an empty-partial inner branch and empty-partial leaves', () => {
    const entries: Array<[Uint8Array, Uint8Array]> = [
      [bytes([0x12, 0x35]), bytes([0xcc])],
      [bytes([0x12]), bytes([0xaa])],
      [bytes([0x12, 0x34]), bytes([0xbb])],
    ];
    const inner = bytes([0x80], [0x30, 0x00], [0x0c, 0x40, 0x04, 0xbb], [0x0c, 0x40, 0x04, 0xcc]);
    expect(inner.length).toBe(11);
    const root = bytes([0xc2, 0x12], [0x08, 0x00], [0x04, 0xaa], [0x2c], inner);
    expectRoot(entries, 0, root);
  });

  it('odd-length branch partial and a child referenced by hash (encoding >= 32 bytes)', () => {
    const big = fill(40, 0x07);
    const entries: Array<[Uint8Array, Uint8Array]> = [
      [bytes([0x01, 0x23]), big],
      [bytes([0x01, 0x2f]), bytes([0x09])],
    ];
    const leafBig = bytes([0x40], [0xa0], big); // 42 bytes: referenced by its hash
    const leafSmall = [0x40, 0x04, 0x09];
    const root = bytes(
      [0x83, 0x00, 0x12], // 3 nibbles "012": first nibble alone
      [0x08, 0x80], // children 3 and 15
      [0x80], h(leafBig), // Compact(32) + hash
      [0x0c], leafSmall,
    );
    expectRoot(entries, 0, root);

    // Version 1: the 40-byte value is stored by hash, which changes the leaf kind.
    const hashedLeaf = bytes([0x20], h(big)); // 33 bytes, still hashed as a child
    const rootV1 = bytes([0x83, 0x00, 0x12], [0x08, 0x80], [0x80], h(hashedLeaf), [0x0c], leafSmall);
    expectRoot(entries, 1, rootV1);
  });

  it('values of 33 bytes or more are hashed only under version 1', () => {
    const v33 = fill(33, 0x5a);
    const entries: Array<[Uint8Array, Uint8Array]> = [[bytes([0xaa]), v33]];
    expectRoot(entries, 0, bytes([0x42, 0xaa, 0x84], v33));
    expectRoot(entries, 1, bytes([0x22, 0xaa], h(v33)));

    const v32 = fill(32, 0x5a);
    const inline: Array<[Uint8Array, Uint8Array]> = [[bytes([0xaa]), v32]];
    expectRoot(inline, 1, bytes([0x42, 0xaa, 0x80], v32));
  });

  it('branch with a hashed value uses the 0001 header kind', () => {
    const v50 = fill(50, 0x33);
    const entries: Array<[Uint8Array, Uint8Array]> = [
      [bytes([0x12]), v50],
      [bytes([0x12, 0x34]), bytes([0x01])],
    ];
    const child = [0x41, 0x04, 0x04, 0x01];
    expectRoot(entries, 1, bytes([0x12, 0x12], [0x08, 0x00], h(v50), [0x10], child));
    expectRoot(entries, 0, bytes([0xc2, 0x12], [0x08, 0x00], [0xc8], v50, [0x10], child));
  });

  it('nibble counts that overflow the first header byte', () => {
    const key32 = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
    const value = bytes([0x01]);
    // 64 nibbles: 63 in the first byte, 1 more after.
    expectRoot([[key32, value]], 0, bytes([0x7f, 0x01], key32, [0x04, 0x01]));
    // Hashed-value leaf has 5 size bits: 31 + 33.
    const v40 = fill(40, 1);
    expectRoot([[key32, v40]], 1, bytes([0x3f, 0x21], key32, h(v40)));
    // 400 nibbles: 63 + 255 + 82.
    const key200 = fill(200, 0xab);
    expectRoot([[key200, value]], 0, bytes([0x7f, 0xff, 0x52], key200, [0x04, 0x01]));
    // 200 nibbles: 63 + 137 (a continuation byte above 127).
    const key100 = fill(100, 0x5c);
    expectRoot([[key100, value]], 0, bytes([0x7f, 0x89], key100, [0x04, 0x01]));
    // 318 nibbles: 63 + 255 + 0 (a full continuation byte is always followed by another).
    const key159 = fill(159, 0x3d);
    expectRoot([[key159, value]], 0, bytes([0x7f, 0xff, 0x00], key159, [0x04, 0x01]));
    // 62 nibbles still fit in the first byte.
    const key31 = key32.subarray(0, 31);
    expectRoot([[key31, value]], 0, bytes([0x7e], key31, [0x04, 0x01]));
  });

  it('a partial of exactly 63 nibbles needs a trailing zero size byte', () => {
    // Two 32-byte keys differing in the first nibble: each leaf hangs at depth 1 and keeps
    // 63 nibbles, the first alone in the low half of a byte.
    const a = fill(32, 0x0a);
    const b = fill(32, 0x1b);
    const leafA = bytes([0x7f, 0x00, 0x0a], a.subarray(1), [0x04, 0x01]);
    const leafB = bytes([0x7f, 0x00, 0x0b], b.subarray(1), [0x04, 0x02]);
    const root = bytes([0x80], [0x03, 0x00], [0x80], h(leafA), [0x80], h(leafB));
    expectRoot([[a, bytes([0x01])], [b, bytes([0x02])]], 0, root);
  });
});

describe('published roots', () => {
  it('smoldot trie_root_one_node: "abcd" => "hello world"', () => {
    const entries: Array<[Uint8Array, Uint8Array]> = [[stringToU8a('abcd'), stringToU8a('hello world')]];
    const expected = '0x7ab18659d3b2789ef2400d107104c7d4fb93d06d9ab6a8b641a5de7c3fecc851';
    expect(roots(entries, 0)).toEqual([expected, expected]);
    expect(roots(entries, 1)).toEqual([expected, expected]);
  });

  it('smoldot trie_root_example: two 2-byte keys diverging at the first nibble', () => {
    const entries: Array<[Uint8Array, Uint8Array]> = [
      [bytes([0x48, 0x19]), bytes([0xfe])],
      [bytes([0x13, 0x14]), bytes([0xff])],
    ];
    const node = bytes([0x80, 0x12, 0x00], [0x14, 0x43, 0x03, 0x14, 0x04, 0xff], [0x14, 0x43, 0x08, 0x19, 0x04, 0xfe]);
    expectRoot(entries, 0, node);
  });

  // Header extrinsicsRoot and body of real blocks, as returned by chain_getBlock.
  const blocks: Array<{ chain: string; root: string; extrinsics: string[] }> = [
    {
      chain: 'Kusama #6754362',
      root: '0xada254ef8321e28a6667ad75659be6464944174bd5540667da94590a0a4a596f',
      extrinsics: ['0x280403000b406017cb7b01'],
    },
    {
      chain: 'Kusama #2076290',
      root: '0x0308758377e117d685ba278afc5cfb8d00508208d4fd95aaeeef2af9600e5047',
      extrinsics: ['0x280403000bd042683b7501', '0x1c040a00feb97e00'],
    },
    {
      chain: 'Kusama #2076325',
      root: '0xb9fef8251a526015296f6bce3800d522f311fa2e0c5ec0d41e7392896c9ea782',
      extrinsics: ['0x280403000b20776b3b7501'],
    },
    {
      chain: 'Darwinia #6722195',
      root: '0x27b2eaa3751f2cefcbfd99fb052660477b21c65254a2e936e99870521549ac1b',
      extrinsics: [
        '0x280403000b41169a447e01',
        '0x450284000ef407af75417a160038262baf376a8ff8147142f860a8be9cb893d6f3a4971e01e0d3bc1bbd34e3ffc00fb927500ca632acbbb38a0f94d87370c00301ad34491f79f3d6e60204ee3df115d4a6c2de3ee19255f77d7952208a4459943fb5267a83f500a90a0004000022636d27fb735196a81a406b2a008016817048a8636732d5d6a1d944ebf971060700c4a5b684',
      ],
    },
  ];
  for (const block of blocks) {
    it(`extrinsics root of ${block.chain}`, () => {
      expect(u8aToHex(orderedTrieRoot(block.extrinsics.map((x) => hexToU8a(x))))).toBe(block.root);
    });
  }
});

describe('orderedTrieRoot', () => {
  it('keys are Compact<u32> indices under version 0 (checked past the 1-byte compact range)', () => {
    const values = Array.from({ length: 70 }, (_, i) => fill((i * 13) % 50, i));
    const trie = new MerkleTrie(0);
    values.forEach((v, i) => trie.set(encodeCompact(i), v));
    expect(u8aToHex(orderedTrieRoot(values))).toBe(u8aToHex(trie.root()));
    // Values >= 33 bytes stay inline: version 1 would give a different root.
    expect(u8aToHex(orderedTrieRoot(values))).not.toBe(u8aToHex(trieRoot(values.map((v, i) => [encodeCompact(i), v]), 1)));
  });

  it('one extrinsic: a leaf keyed by 0x00', () => {
    const xt = bytes([0x0c, 0x01, 0x02, 0x03]);
    expect(u8aToHex(orderedTrieRoot([xt]))).toBe(u8aToHex(h([0x42, 0x00, 0x10, 0x0c, 0x01, 0x02, 0x03])));
  });
});

describe('encodeCompact', () => {
  const cases: Array<[number, string]> = [
    [0, '0x00'],
    [1, '0x04'],
    [63, '0xfc'],
    [64, '0x0101'],
    [16383, '0xfdff'],
    [16384, '0x02000100'],
    [2 ** 30 - 1, '0xfeffffff'],
    [2 ** 30, '0x0300000040'],
    [2 ** 32 - 1, '0x03ffffffff'],
    [2 ** 32, '0x070000000001'],
  ];
  for (const [n, hex] of cases) {
    it(`Compact(${n}) = ${hex}`, () => {
      expect(u8aToHex(encodeCompact(n))).toBe(hex);
    });
  }
});

describe('trieRoot input handling', () => {
  it('a repeated key keeps the last value', () => {
    const k = bytes([1, 2]);
    const a = trieRoot([[k, bytes([1])], [bytes([9]), bytes([9])], [k, bytes([2])]], 1);
    const b = trieRoot([[bytes([9]), bytes([9])], [k, bytes([2])]], 1);
    expect(u8aToHex(a)).toBe(u8aToHex(b));
  });

  it('entry order does not matter', () => {
    const entries: Array<[Uint8Array, Uint8Array]> = Array.from({ length: 50 }, (_, i) => [
      bytes([i % 7, i]),
      bytes([i]),
    ]);
    const reversed = [...entries].reverse();
    expect(u8aToHex(trieRoot(entries, 1))).toBe(u8aToHex(trieRoot(reversed, 1)));
  });
});
