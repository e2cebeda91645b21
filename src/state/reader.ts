/** What the runtime needs from a state: point reads and ordered iteration. Pure interface. */
export interface StateReader {
  get(key: Uint8Array): Uint8Array | undefined;
  /** Entries in lexicographic key order, only under `prefix`, strictly after `startAfter`. */
  entries(prefix?: Uint8Array, startAfter?: Uint8Array): IterableIterator<[Uint8Array, Uint8Array]>;
}

/** A change set: storage key (as a `bytesKey` string) → the key and its new value, or null for a deletion. */
export type ChangeSet = Map<string, { key: Uint8Array; value: Uint8Array | null }>;
