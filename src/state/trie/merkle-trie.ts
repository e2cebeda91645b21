/**
 * Mutable in-memory base-16 Merkle-Patricia trie (Substrate layout, no extension nodes).
 *
 * Writes only clear the cached references on the path they touch, so `root()` after a few
 * changes rehashes just those paths. Keys and values are copied on the way in; arrays handed
 * out by `get`, `entries` and `keys` belong to the trie and must not be mutated.
 */
import {
  ByteWriter,
  EMPTY_TRIE_ROOT,
  MAX_KEY_BYTES,
  type StateVersion,
  isHashedValue,
  rootFromReference,
} from './encoding.js';
import { iterateEntries } from './iterate.js';
import { TrieNode, encodeNode, referenceOf } from './node.js';
import { bytesEqual, compareBytes, firstDifference, nibbleAt } from './nibbles.js';

export class MerkleTrie {
  readonly version: StateVersion;
  private rootNode: TrieNode | null = null;
  private count = 0;
  private readonly writer = new ByteWriter();
  /** Set by `insert` when a new key (not an overwrite) went in. */
  private added = false;
  /** Set by `insert` when anything changed (false when an equal value was already there). */
  private changed = false;
  /** Set by `remove` when a key was found and taken out. */
  private removed = false;

  constructor(version: StateVersion = 1) {
    if (version !== 0 && version !== 1) throw new RangeError(`unknown state version ${String(version)}`);
    this.version = version;
  }

  get size(): number {
    return this.count;
  }

  get(key: Uint8Array): Uint8Array | undefined {
    const klen = key.length * 2;
    let node = this.rootNode;
    let depth = 0;
    while (node !== null) {
      const end = node.end;
      if (klen < end) return undefined;
      if (firstDifference(node.key, key, depth, end) !== end) return undefined;
      if (klen === end) return node.value;
      if (node.children === null) return undefined;
      node = node.children[nibbleAt(key, end)] ?? null;
      depth = end + 1;
    }
    return undefined;
  }

  has(key: Uint8Array): boolean {
    return this.get(key) !== undefined;
  }

  /** Stores `value` under `key`. An empty value is a value, distinct from absence. */
  set(key: Uint8Array, value: Uint8Array): void {
    if (key.length > MAX_KEY_BYTES) throw new RangeError(`trie key longer than ${MAX_KEY_BYTES} bytes`);
    this.added = false;
    this.changed = false;
    this.rootNode = this.insert(this.rootNode, 0, key, value);
    if (this.added) this.count++;
  }

  /** Removes `key`; returns whether it was present. */
  delete(key: Uint8Array): boolean {
    this.removed = false;
    this.rootNode = this.remove(this.rootNode, 0, key);
    if (this.removed) this.count--;
    return this.removed;
  }

  clear(): void {
    this.rootNode = null;
    this.count = 0;
  }

  /** The 32-byte root hash. Only nodes changed since the last call are re-encoded. */
  root(): Uint8Array {
    if (this.rootNode === null) return EMPTY_TRIE_ROOT.slice();
    return rootFromReference(referenceOf(this.rootNode, 0, this.writer, this.version));
  }

  /**
   * Entries in lexicographic key order, restricted to keys starting with `prefix` and strictly
   * greater than `startAfter` when given. Lazy: each step walks only what it yields. Changing
   * the trie while iterating gives unspecified results.
   */
  entries(prefix?: Uint8Array, startAfter?: Uint8Array): IterableIterator<[Uint8Array, Uint8Array]> {
    return iterateEntries(this.rootNode, prefix ?? new Uint8Array(0), startAfter);
  }

  *keys(prefix?: Uint8Array, startAfter?: Uint8Array): IterableIterator<Uint8Array> {
    for (const [k] of this.entries(prefix, startAfter)) yield k;
  }

  [Symbol.iterator](): IterableIterator<[Uint8Array, Uint8Array]> {
    return this.entries();
  }

  /**
   * The encoded nodes a verifier needs to read `keys` against `root()`: every hashed node on
   * the paths to those keys (the root node always included), plus, under state version 1, the
   * values stored by hash that the keys reach. Deduplicated and sorted bytewise, like the
   * `StorageProof` node set Substrate returns from `state_getReadProof`. Absent keys contribute
   * the nodes that prove their absence.
   */
  readProof(keys: Uint8Array[]): Uint8Array[] {
    const root = this.rootNode;
    if (root === null) return []; // the empty root is known without reading any node
    referenceOf(root, 0, this.writer, this.version);
    const seenNodes = new Set<TrieNode>();
    const seenValues = new Set<TrieNode>();
    const out: Uint8Array[] = [];
    for (const key of keys) {
      const klen = key.length * 2;
      let node: TrieNode | null = root;
      let depth = 0;
      while (node !== null) {
        // Nodes referenced by hash are proof items; shorter ones travel inside their parent.
        if ((node === root || node.ref!.length === 32) && !seenNodes.has(node)) {
          seenNodes.add(node);
          out.push(encodeNode(node, depth, this.writer, this.version).slice());
        }
        const end: number = node.end;
        if (klen < end || firstDifference(node.key, key, depth, end) !== end) break;
        if (klen === end) {
          const v = node.value;
          if (v !== undefined && isHashedValue(v, this.version) && !seenValues.has(node)) {
            seenValues.add(node);
            out.push(v.slice());
          }
          break;
        }
        if (node.children === null) break;
        node = node.children[nibbleAt(key, end)] ?? null;
        depth = end + 1;
      }
    }
    return dedupeSorted(out);
  }

  /**
   * Inserts into the subtree `node` hanging at nibble `depth` and returns the subtree's new top.
   * `key` and `value` are the caller's arrays; they are copied where they get stored.
   */
  private insert(node: TrieNode | null, depth: number, key: Uint8Array, value: Uint8Array): TrieNode {
    if (node === null) {
      this.added = this.changed = true;
      return TrieNode.leaf(key.slice(), value.slice());
    }
    const klen = key.length * 2;
    const end = node.end;
    const limit = klen < end ? klen : end;
    const split = firstDifference(node.key, key, depth, limit);

    if (split === end) {
      const children = node.children;
      if (klen === end) {
        // Same key as this node's own value.
        const old = node.value;
        if (old !== undefined && bytesEqual(old, value)) return node;
        if (old === undefined) {
          this.added = true;
          node.key = key.slice(); // a branch holding a value keeps that value's own key
        }
        this.changed = true;
        node.value = value.slice();
        node.ref = null;
        return node;
      }
      if (children === null) {
        // The leaf's key is a proper prefix of the new key: the leaf becomes a branch with value.
        this.added = this.changed = true;
        const branch = TrieNode.branch(node.key, end, node.value);
        branch.children![nibbleAt(key, end)] = TrieNode.leaf(key.slice(), value.slice());
        return branch;
      }
      const i = nibbleAt(key, end);
      const child = children[i] ?? null;
      const replaced = this.insert(child, end + 1, key, value);
      if (this.changed) {
        children[i] = replaced;
        node.ref = null;
      }
      return node;
    }

    // The new key leaves this node's path at nibble `split`: a new branch takes that place and
    // the existing node hangs below it, one level deeper than before.
    this.added = this.changed = true;
    node.ref = null;
    const ownKey = key.slice();
    const branch = TrieNode.branch(split === klen ? ownKey : node.key, split, split === klen ? value.slice() : undefined);
    branch.children![nibbleAt(node.key, split)] = node;
    if (split !== klen) branch.children![nibbleAt(key, split)] = TrieNode.leaf(ownKey, value.slice());
    return branch;
  }

  private remove(node: TrieNode | null, depth: number, key: Uint8Array): TrieNode | null {
    if (node === null) return null;
    const klen = key.length * 2;
    const end = node.end;
    if (klen < end || firstDifference(node.key, key, depth, end) !== end) return node;
    if (klen === end) {
      if (node.value === undefined) return node;
      this.removed = true;
      if (node.children === null) return null;
      node.value = undefined;
      node.ref = null;
      return collapse(node);
    }
    const children = node.children;
    if (children === null) return node;
    const i = nibbleAt(key, end);
    const child = children[i] ?? null;
    if (child === null) return node;
    const replaced = this.remove(child, end + 1, key);
    if (!this.removed) return node;
    children[i] = replaced;
    node.ref = null;
    return replaced === null ? collapse(node) : node;
  }
}

/** Restores the invariants of a branch that lost its value or a child. */
function collapse(branch: TrieNode): TrieNode | null {
  const children = branch.children!;
  let only: TrieNode | null = null;
  let count = 0;
  for (let i = 0; i < 16; i++) {
    const c = children[i] ?? null;
    if (c !== null) {
      only = c;
      count++;
    }
  }
  if (branch.value !== undefined) {
    // A value with no children is a leaf; `key` is the value's own key.
    return count === 0 ? TrieNode.leaf(branch.key, branch.value) : branch;
  }
  if (count === 0) return null;
  if (count === 1) {
    // A valueless branch with one child disappears; the child moves up and its
    // partial key absorbs the branch's, so its cached reference is stale.
    only!.ref = null;
    return only;
  }
  return branch;
}

function dedupeSorted(items: Uint8Array[]): Uint8Array[] {
  items.sort(compareBytes);
  const out: Uint8Array[] = [];
  for (const item of items) {
    const last = out[out.length - 1];
    if (last === undefined || !bytesEqual(last, item)) out.push(item);
  }
  return out;
}
