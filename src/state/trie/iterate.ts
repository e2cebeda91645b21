/**
 * Ordered, lazy iteration over a MerkleTrie's nodes.
 *
 * Order within a branch: its own value first (its key is a prefix of everything below it),
 * then children 0..15. Iteration starts with a seek that descends once along the lower bound
 * and leaves on an explicit stack only the nodes whose subtrees still lie ahead, so paging
 * from the middle of a large trie costs one root-to-leaf walk plus the entries returned.
 */
import { TrieNode } from './node.js';
import { compareBytes, firstDifference, hasPrefix, nibbleAt } from './nibbles.js';

interface Frame {
  node: TrieNode;
  /** -1: the node's own value is still to come; otherwise the next child slot to visit. */
  next: number;
}

export function* iterateEntries(
  root: TrieNode | null,
  prefix: Uint8Array,
  startAfter: Uint8Array | undefined,
): Generator<[Uint8Array, Uint8Array], void, undefined> {
  if (root === null) return;
  // Keys with `prefix` form one contiguous run; start at the later of the two bounds and stop
  // at the first key outside the prefix.
  const exclusive = startAfter !== undefined && compareBytes(startAfter, prefix) >= 0;
  const stack = seek(root, exclusive ? startAfter : prefix, !exclusive);

  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const node = frame.node;
    const children = node.children;
    if (children === null) {
      stack.pop();
      if (!hasPrefix(node.key, prefix)) return;
      yield [node.key, node.value!];
      continue;
    }
    if (frame.next < 0) {
      frame.next = 0;
      if (node.value !== undefined) {
        if (!hasPrefix(node.key, prefix)) return;
        yield [node.key, node.value];
      }
      continue;
    }
    let slot = frame.next;
    while (slot < 16 && (children[slot] ?? null) === null) slot++;
    if (slot >= 16) {
      stack.pop();
      continue;
    }
    frame.next = slot + 1;
    stack.push({ node: children[slot]!, next: -1 });
  }
}

/**
 * Builds the iteration stack positioned at the first key `>= bound` (or `> bound` when not
 * `inclusive`).
 */
function seek(root: TrieNode, bound: Uint8Array, inclusive: boolean): Frame[] {
  const stack: Frame[] = [];
  const blen = bound.length * 2;
  let node: TrieNode | null = root;
  let depth = 0;
  while (node !== null) {
    const end = node.end;
    const limit = end < blen ? end : blen;
    const diff = firstDifference(node.key, bound, depth, limit);
    if (diff < limit) {
      // Paths part ways: the whole subtree is on one side of the bound.
      if (nibbleAt(node.key, diff) > nibbleAt(bound, diff)) stack.push({ node, next: -1 });
      break;
    }
    if (diff === blen) {
      // The bound is a prefix of this node's path, so every key below is >= bound; only the
      // node's own key (when exactly `blen` nibbles long) can equal it.
      if (inclusive || end !== blen) stack.push({ node, next: -1 });
      else if (node.children !== null) stack.push({ node, next: 0 });
      break;
    }
    // This node's path is a proper prefix of the bound: its own key sorts before the bound,
    // children after the bound's next nibble sort after it, that nibble's child straddles it.
    if (node.children === null) break;
    const slot = nibbleAt(bound, end);
    stack.push({ node, next: slot + 1 });
    node = node.children[slot] ?? null;
    depth = end + 1;
  }
  return stack;
}
