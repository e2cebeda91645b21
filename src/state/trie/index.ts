/**
 * Substrate's base-16 Merkle-Patricia trie (sp-trie LayoutV0 / LayoutV1, blake2-256):
 * the incremental in-memory `MerkleTrie` for state, one-shot `trieRoot` / `orderedTrieRoot`
 * (extrinsics root), and the node encoding they share.
 */
export { EMPTY_TRIE_ROOT, HASHED_VALUE_THRESHOLD, encodeCompact, type StateVersion } from './encoding.js';
export { MerkleTrie } from './merkle-trie.js';
export { orderedTrieRoot, trieRoot } from './trie-root.js';
