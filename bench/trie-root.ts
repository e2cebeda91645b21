/**
 * Trie root timings: `npx tsx bench/trie-root.ts [entries]` (default 100000).
 * Random 32-byte keys, 40-byte values (stored by hash under state version 1, so each leaf
 * costs two blake2 calls). Each figure is measured three times; prints figures only.
 */
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { MerkleTrie, orderedTrieRoot, trieRoot } from '../src/state/trie/index.js';

await cryptoWaitReady();

const n = Number(process.argv[2] ?? 100_000);
const REPEAT = 3;

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

function ms(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function report(label: string, runs: number[]): void {
  const shown = runs.map((r) => r.toFixed(1)).join(' / ');
  console.log(`${label.padEnd(48)} best ${Math.min(...runs).toFixed(1).padStart(8)} ms   (${shown})`);
}

const entries: Array<[Uint8Array, Uint8Array]> = [];
for (let i = 0; i < n; i++) entries.push([randomBytes(32), randomBytes(40)]);

console.log(`trie-root bench: ${n} entries, 32-byte keys, 40-byte values, state version 1, node ${process.version}`);

// Warm-up so JIT compilation is not billed to the first figure.
{
  const small = entries.slice(0, 5000);
  trieRoot(small, 1);
  const t = new MerkleTrie(1);
  for (const [k, v] of small) t.set(k, v);
  t.root();
}

let expectedRoot = '';
const oneShot: number[] = [];
for (let r = 0; r < REPEAT; r++) {
  oneShot.push(
    ms(() => {
      expectedRoot = Buffer.from(trieRoot(entries, 1)).toString('hex');
    }),
  );
}
report(`trieRoot(${n}) from scratch`, oneShot);

const inserts: number[] = [];
const firstRoots: number[] = [];
let trie = new MerkleTrie(1);
for (let r = 0; r < REPEAT; r++) {
  trie = new MerkleTrie(1);
  inserts.push(ms(() => entries.forEach(([k, v]) => trie.set(k, v))));
  let root = '';
  firstRoots.push(ms(() => (root = Buffer.from(trie.root()).toString('hex'))));
  if (root !== expectedRoot) console.log('!! MerkleTrie and trieRoot disagree');
}
report(`MerkleTrie: insert ${n} entries`, inserts);
report(`MerkleTrie: first root() of ${n} entries`, firstRoots);
report('MerkleTrie: root() with nothing changed', [ms(() => trie.root())]);

let cursor = 0;
for (const changes of [100, 10_000]) {
  const applyRuns: number[] = [];
  const rootRuns: number[] = [];
  for (let r = 0; r < REPEAT; r++) {
    applyRuns.push(
      ms(() => {
        // A third each: overwrite, delete, insert a new key.
        for (let i = 0; i < changes; i++) {
          const [k] = entries[(cursor++ * 7919) % n]!;
          const kind = i % 3;
          if (kind === 0) trie.set(k, randomBytes(40));
          else if (kind === 1) trie.delete(k);
          else trie.set(randomBytes(32), randomBytes(40));
        }
      }),
    );
    rootRuns.push(ms(() => trie.root()));
  }
  report(`MerkleTrie: apply ${changes} changes`, applyRuns);
  report(`MerkleTrie: root() after ${changes} changes`, rootRuns);
}

const middle = [...trie.keys()][Math.floor(trie.size / 2)]!;
report(
  'MerkleTrie: page 1000 keys from the middle',
  [0, 1, 2].map(() =>
    ms(() => {
      let count = 0;
      for (const _ of trie.keys(undefined, middle)) if (++count === 1000) break;
    }),
  ),
);
report(`MerkleTrie: iterate all ${trie.size} entries`, [
  ms(() => {
    let count = 0;
    for (const _ of trie.entries()) count++;
  }),
]);
report(`MerkleTrie: get ${n} keys`, [
  ms(() => {
    for (const [k] of entries) trie.get(k);
  }),
]);
report(
  'MerkleTrie: readProof(10 keys)',
  [0, 1, 2].map(() => ms(() => trie.readProof(entries.slice(0, 10).map(([k]) => k)))),
);

const body = Array.from({ length: 500 }, () => randomBytes(150));
report('orderedTrieRoot(500 extrinsics of 150 bytes)', [0, 1, 2].map(() => ms(() => orderedTrieRoot(body))));

const mem = process.memoryUsage();
console.log(`heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB, rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB`);
