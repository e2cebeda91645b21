/**
 * Trie root timings: `npx tsx bench/trie-root.ts [entries]` (default 100000).
 * Random 32-byte keys, 40-byte values (hashed under state version 1). Prints figures only.
 */
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { MerkleTrie, orderedTrieRoot, trieRoot } from '../src/state/trie/index.js';

await cryptoWaitReady();

const n = Number(process.argv[2] ?? 100_000);

let seed = 0x9e3779b9;
function randomBytes(len: number): Uint8Array {
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    out[i] = seed & 0xff;
  }
  return out;
}

function time<T>(label: string, fn: () => T): T {
  const t0 = performance.now();
  const result = fn();
  const ms = performance.now() - t0;
  console.log(`${label.padEnd(52)} ${ms.toFixed(1).padStart(9)} ms`);
  return result;
}

const entries: Array<[Uint8Array, Uint8Array]> = [];
for (let i = 0; i < n; i++) entries.push([randomBytes(32), randomBytes(40)]);

console.log(`trie-root bench: ${n} entries, 32-byte keys, 40-byte values, node ${process.version}`);

// Warm-up on a small set so JIT compilation is not billed to the first figure.
trieRoot(entries.slice(0, 2000), 1);
const warm = new MerkleTrie(1);
for (const [k, v] of entries.slice(0, 2000)) warm.set(k, v);
warm.root();

const oneShot = time(`trieRoot(${n} entries) from scratch`, () => trieRoot(entries, 1));

const trie = new MerkleTrie(1);
time(`MerkleTrie: insert ${n} entries`, () => {
  for (const [k, v] of entries) trie.set(k, v);
});
const first = time(`MerkleTrie: first root() of ${n} entries`, () => trie.root());
if (Buffer.compare(first, oneShot) !== 0) console.log('!! incremental and one-shot roots differ');

time('MerkleTrie: root() with nothing changed', () => trie.root());

for (const changes of [1, 100, 10_000]) {
  time(`MerkleTrie: apply ${changes} changes (set/delete/insert)`, () => {
    for (let i = 0; i < changes; i++) {
      const [k] = entries[(i * 7919) % n]!;
      const r = i % 3;
      if (r === 0) trie.set(k, randomBytes(40));
      else if (r === 1) trie.delete(k);
      else trie.set(randomBytes(32), randomBytes(40));
    }
  });
  time(`MerkleTrie: root() after ${changes} changes`, () => trie.root());
}

const sorted = [...trie.keys()];
const from = sorted[Math.floor(sorted.length / 2)]!;
time('MerkleTrie: page 1000 keys from the middle', () => {
  let count = 0;
  for (const _ of trie.keys(undefined, from)) if (++count === 1000) break;
});
time(`MerkleTrie: iterate all ${trie.size} entries`, () => {
  let count = 0;
  for (const _ of trie.entries()) count++;
  return count;
});
time(`MerkleTrie: get ${n} keys`, () => {
  let found = 0;
  for (const [k] of entries) if (trie.get(k) !== undefined) found++;
  return found;
});

const body = Array.from({ length: 500 }, () => randomBytes(150));
time('orderedTrieRoot(500 extrinsics of 150 bytes)', () => orderedTrieRoot(body));

const mem = process.memoryUsage();
console.log(`heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB, rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB`);
