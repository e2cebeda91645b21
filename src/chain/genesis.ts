/** The genesis block: header over the genesis storage root, empty body, no digest. */
import type { ChangeSet } from '../state/reader.ts';
import { orderedTrieRoot, trieRoot } from '../state/trie/index.ts';
import type { Header } from '../runtime/types.ts';
import type { BlockDiff } from '../state/diff.ts';
import { headerHash } from './block.ts';

export interface GenesisBlock {
  header: Header;
  hash: Uint8Array;
  storage: [Uint8Array, Uint8Array][];
}

export function genesisFromStorage(storage: [Uint8Array, Uint8Array][]): GenesisBlock {
  const header: Header = {
    parent_hash: new Uint8Array(32),
    number: 0,
    state_root: trieRoot(storage, 1),
    extrinsics_root: orderedTrieRoot([]),
    digest: { logs: [] },
  };
  return { header, hash: headerHash(header), storage };
}

export function storageFromChanges(changes: ChangeSet): [Uint8Array, Uint8Array][] {
  const out: [Uint8Array, Uint8Array][] = [];
  for (const { key, value } of changes.values()) if (value) out.push([key, value]);
  return out;
}

export function genesisDiff(g: GenesisBlock): BlockDiff {
  return {
    hash: g.hash,
    parent: new Uint8Array(32),
    number: 0,
    entries: g.storage.map(([key, value]) => ({ key, prev: null, next: value })),
  };
}

