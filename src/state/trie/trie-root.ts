/**
 * One-shot trie roots computed from a list of entries, without building a MerkleTrie.
 *
 * The entries are sorted once; then each node is encoded from a contiguous run of sorted keys:
 * the run's common prefix (first vs last key) is the node's path, and the run splits into
 * child runs by the next nibble. This is a separate construction from MerkleTrie's incremental
 * one, which makes each a useful check on the other.
 */
import {
  ByteWriter,
  EMPTY_TRIE_ROOT,
  MAX_KEY_BYTES,
  type StateVersion,
  encodeCompact,
  nodeReference,
  rootFromReference,
  writeBranch,
  writeLeaf,
} from './encoding.js';
import { compareBytes, firstDifference, nibbleAt } from './nibbles.js';

/** Root of the trie holding `entries` (for a repeated key, the last value wins). */
export function trieRoot(entries: Iterable<[Uint8Array, Uint8Array]>, version: StateVersion): Uint8Array {
  const list: Array<[Uint8Array, Uint8Array]> = [];
  for (const entry of entries) {
    if (entry[0].length > MAX_KEY_BYTES) throw new RangeError(`trie key longer than ${MAX_KEY_BYTES} bytes`);
    list.push(entry);
  }
  if (list.length === 0) return EMPTY_TRIE_ROOT.slice();
  // Stable sort, so among equal keys the last one given stays last; keep that one.
  list.sort((a, b) => compareBytes(a[0], b[0]));
  const keys: Uint8Array[] = [];
  const values: Uint8Array[] = [];
  for (let i = 0; i < list.length; i++) {
    const [k, v] = list[i]!;
    const next = list[i + 1];
    if (next !== undefined && compareBytes(k, next[0]) === 0) continue;
    keys.push(k);
    values.push(v);
  }
  const builder = new SortedBuilder(keys, values, version);
  return rootFromReference(builder.build(0, keys.length, 0));
}

/**
 * Root of the version-0 trie mapping SCALE `Compact<u32>(i)` to `values[i]`: Substrate's
 * extrinsics root when `values` are the block body's extrinsics as encoded there.
 */
export function orderedTrieRoot(values: Uint8Array[]): Uint8Array {
  return trieRoot(
    values.map((v, i): [Uint8Array, Uint8Array] => [encodeCompact(i), v]),
    0,
  );
}

class SortedBuilder {
  private readonly writer = new ByteWriter();

  constructor(
    private readonly keys: Uint8Array[],
    private readonly values: Uint8Array[],
    private readonly version: StateVersion,
  ) {}

  /** Reference of the node covering sorted keys `[lo, hi)`, hanging at nibble `depth`. */
  build(lo: number, hi: number, depth: number): Uint8Array {
    const keys = this.keys;
    const w = this.writer;
    const first = keys[lo]!;
    if (hi - lo === 1) {
      w.reset();
      writeLeaf(w, first, depth, first.length * 2, this.values[lo]!, this.version);
      return nodeReference(w.view());
    }
    const last = keys[hi - 1]!;
    const firstLen = first.length * 2;
    const lastLen = last.length * 2;
    const at = firstDifference(first, last, depth, firstLen < lastLen ? firstLen : lastLen);
    // Sorted order puts a key equal to the common prefix first: it is the branch's value.
    let value: Uint8Array | undefined;
    let from = lo;
    if (firstLen === at) {
      value = this.values[lo];
      from++;
    }
    const refs: Array<Uint8Array | null> = new Array<Uint8Array | null>(16).fill(null);
    while (from < hi) {
      const slot = nibbleAt(keys[from]!, at);
      let to = from + 1;
      while (to < hi && nibbleAt(keys[to]!, at) === slot) to++;
      refs[slot] = this.build(from, to, at + 1);
      from = to;
    }
    w.reset();
    writeBranch(w, first, depth, at, value, refs, this.version);
    return nodeReference(w.view());
  }
}
