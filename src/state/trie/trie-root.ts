/**
 * One-shot trie roots computed from a list of entries, without building a MerkleTrie.
 *
 * Each node is encoded from a range of entries: the range's common prefix is the node's path,
 * and the range splits into child ranges by the next nibble. This is a separate construction
 * from MerkleTrie's incremental one, which makes each a useful check on the other.
 */
import {
  ByteWriter,
  EMPTY_TRIE_ROOT,
  MAX_KEY_BYTES,
  type StateVersion,
  encodeCompact,
  rootFromReference,
  writeBranch,
  writeLeaf,
  writtenReference,
} from './encoding.js';
import { firstDifference, nibbleAt } from './nibbles.js';

/** Root of the trie holding `entries` (for a repeated key, the last value wins). */
export function trieRoot(entries: Iterable<[Uint8Array, Uint8Array]>, version: StateVersion): Uint8Array {
  const keys: Uint8Array[] = [];
  const values: Uint8Array[] = [];
  for (const [k, v] of entries) {
    if (k.length > MAX_KEY_BYTES) throw new RangeError(`trie key longer than ${MAX_KEY_BYTES} bytes`);
    keys.push(k);
    values.push(v);
  }
  if (keys.length === 0) return EMPTY_TRIE_ROOT.slice();
  const builder = new RadixBuilder(keys, values, version);
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

/**
 * Builds node references top-down by partitioning entry indices on the next nibble (an MSD
 * radix sort that stops where the trie needs no more splitting). Partitions are stable, so
 * within any range the indices keep input order and "last one wins" for repeated keys.
 */
class RadixBuilder {
  private readonly writer = new ByteWriter();
  private readonly order: Int32Array;
  private readonly scratch: Int32Array;

  constructor(
    private readonly keys: Uint8Array[],
    private readonly values: Uint8Array[],
    private readonly version: StateVersion,
  ) {
    this.order = new Int32Array(keys.length);
    for (let i = 0; i < keys.length; i++) this.order[i] = i;
    this.scratch = new Int32Array(keys.length);
  }

  /** Reference of the node covering entries `order[lo..hi)`, hanging at nibble `depth`. */
  build(lo: number, hi: number, depth: number): Uint8Array {
    const { keys, order, writer: w } = this;
    const first = keys[order[lo]!]!;

    // The node's path ends where the entries stop agreeing (or the shortest key ends).
    let end = first.length * 2;
    for (let i = lo + 1; i < hi && end > depth; i++) {
      const k = keys[order[i]!]!;
      const limit = k.length * 2 < end ? k.length * 2 : end;
      end = firstDifference(first, k, depth, limit);
    }

    // Entries whose key ends exactly at `end` all carry the same key: the last is the value.
    // The others are counted by their nibble at `end`.
    const counts = new Int32Array(16);
    let valueIndex = -1;
    let rest = 0;
    for (let i = lo; i < hi; i++) {
      const k = keys[order[i]!]!;
      if (k.length * 2 === end) valueIndex = order[i]!;
      else {
        counts[nibbleAt(k, end)]!++;
        rest++;
      }
    }

    if (rest === 0) {
      w.reset();
      writeLeaf(w, keys[valueIndex]!, depth, end, this.values[valueIndex]!, this.version);
      return writtenReference(w);
    }

    // Stable counting sort of the non-value entries by nibble into scratch, then back.
    const starts = new Int32Array(16);
    let at = lo;
    for (let c = 0; c < 16; c++) {
      starts[c] = at;
      at += counts[c]!;
    }
    const cursor = starts.slice();
    const scratch = this.scratch;
    for (let i = lo; i < hi; i++) {
      const idx = order[i]!;
      const k = keys[idx]!;
      if (k.length * 2 === end) continue;
      scratch[cursor[nibbleAt(k, end)]!++] = idx;
    }
    order.set(scratch.subarray(lo, lo + rest), lo);

    const refs: Array<Uint8Array | null> = [null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null];
    for (let c = 0; c < 16; c++) {
      const n = counts[c]!;
      if (n > 0) refs[c] = this.build(starts[c]!, starts[c]! + n, end + 1);
    }
    w.reset();
    const value = valueIndex < 0 ? undefined : this.values[valueIndex];
    writeBranch(w, first, depth, end, value, refs, this.version);
    return writtenReference(w);
  }
}
