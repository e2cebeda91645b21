/**
 * In-memory trie node and its encoding.
 *
 * One shape for leaves and branches so property access stays monomorphic:
 * - leaf: `children === null`, `value` set, `end === key.length * 2`;
 * - branch: `children` has 16 slots, `end` is the nibble position of the child index.
 *
 * A node does not store its partial key. It stores `key`, a full key passing through it, and
 * `end`; the partial key is nibbles `[start, end)` of `key`, where `start` is the depth at which
 * the node hangs (0 for the root, the parent's `end + 1` otherwise). A branch holding a value
 * keeps that value's own key in `key` (whose nibble length then equals `end`).
 *
 * `ref` caches how the parent refers to this node (hash, or inline encoding below 32 bytes). It
 * depends on the node's depth, so it is cleared whenever the node's content or depth changes.
 */
import {
  ByteWriter,
  type StateVersion,
  writeBranch,
  writeLeaf,
  writtenReference,
} from './encoding.js';

export class TrieNode {
  key: Uint8Array;
  end: number;
  value: Uint8Array | undefined;
  children: Array<TrieNode | null> | null;
  ref: Uint8Array | null = null;

  constructor(
    key: Uint8Array,
    end: number,
    value: Uint8Array | undefined,
    children: Array<TrieNode | null> | null,
  ) {
    this.key = key;
    this.end = end;
    this.value = value;
    this.children = children;
  }

  static leaf(key: Uint8Array, value: Uint8Array): TrieNode {
    return new TrieNode(key, key.length * 2, value, null);
  }

  static branch(key: Uint8Array, end: number, value: Uint8Array | undefined): TrieNode {
    return new TrieNode(key, end, value, emptyChildren());
  }
}

export function emptyChildren(): Array<TrieNode | null> {
  return [null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null];
}

const childRefs: Array<Uint8Array | null> = new Array<Uint8Array | null>(16).fill(null);

/** Encodes `node` (hanging at nibble depth `start`) into `w`, which is reset first. */
function writeNode(node: TrieNode, start: number, w: ByteWriter, version: StateVersion): void {
  w.reset();
  const children = node.children;
  if (children === null) {
    writeLeaf(w, node.key, start, node.end, node.value!, version);
    return;
  }
  for (let i = 0; i < 16; i++) {
    const c = children[i] ?? null;
    childRefs[i] = c === null ? null : c.ref;
  }
  writeBranch(w, node.key, start, node.end, node.value, childRefs, version);
}

/**
 * The encoding of `node` hanging at nibble depth `start`, as a view into `w` (valid until `w`
 * is written again). Children's references must already be cached.
 */
export function encodeNode(node: TrieNode, start: number, w: ByteWriter, version: StateVersion): Uint8Array {
  writeNode(node, start, w, version);
  return w.view();
}

/** The node's reference, computing (and caching) it and any stale descendants. */
export function referenceOf(node: TrieNode, start: number, w: ByteWriter, version: StateVersion): Uint8Array {
  if (node.ref !== null) return node.ref;
  const children = node.children;
  if (children !== null) {
    const childStart = node.end + 1;
    for (let i = 0; i < 16; i++) {
      const c = children[i] ?? null;
      if (c !== null && c.ref === null) referenceOf(c, childStart, w, version);
    }
  }
  writeNode(node, start, w, version);
  const ref = writtenReference(w);
  node.ref = ref;
  return ref;
}
