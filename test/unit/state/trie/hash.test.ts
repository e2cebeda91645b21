/** The trie's direct WASM blake2b path must agree with util-crypto's blake2AsU8a everywhere. */
import { describe, expect, it } from 'vitest';
import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import { hash256, hash256Into, hash256Range } from '../../../../src/state/trie/hash.js';

const sample = (n: number, seed: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

// Evaluated before the WASM initialisation started by util-crypto's import can finish: the
// pure-JS path. Compared with the WASM path below.
const early = [0, 1, 32, 100].map((n) => u8aToHex(hash256(sample(n, n))));

describe('hash256', () => {
  it('known value: blake2b-256 of the single byte 0x00 is the empty trie root', async () => {
    await cryptoWaitReady();
    expect(u8aToHex(hash256(new Uint8Array([0])))).toBe(
      '0x03170a2e7597b7b7e3d84c05391d139a62b157e78786d8c082f29dcf4c111314',
    );
  });

  it('gives the same results before and after the WASM is ready', async () => {
    await cryptoWaitReady();
    expect([0, 1, 32, 100].map((n) => u8aToHex(hash256(sample(n, n))))).toEqual(early);
  });

  it('matches blake2AsU8a for many lengths, including ones that grow WASM memory', async () => {
    await cryptoWaitReady();
    for (const n of [0, 1, 31, 32, 33, 127, 128, 129, 255, 256, 257, 1000, 70_000, 3_000_000]) {
      const data = sample(n, 7);
      const expected = u8aToHex(blake2AsU8a(data, 256));
      expect(u8aToHex(hash256(data))).toBe(expected);

      const padded = new Uint8Array(n + 10);
      padded.set(data, 3);
      expect(u8aToHex(hash256Range(padded, 3, n))).toBe(expected);

      const out = new Uint8Array(40).fill(0xee);
      hash256Into(data, out, 5);
      expect(u8aToHex(out.subarray(5, 37))).toBe(expected);
      expect([...out.subarray(0, 5), ...out.subarray(37)]).toEqual(new Array(8).fill(0xee));
    }
  });

  it('returns independent arrays', async () => {
    await cryptoWaitReady();
    const a = hash256(sample(10, 1));
    const copy = u8aToHex(a);
    hash256(sample(10, 2));
    expect(u8aToHex(a)).toBe(copy);
  });
});
