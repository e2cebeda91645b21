/**
 * Every LevelDB key space the node uses, declared in one place. Keys are a one-byte space tag
 * followed by the space's own key. Values are SCALE unless noted.
 */
export const KeySpace = {
  /** header hash → SCALE header */
  Header: 0x68, // 'h'
  /** block hash → SCALE Vec<extrinsic> (block body) */
  Body: 0x62, // 'b'
  /** u32 big-endian block number → canonical block hash */
  CanonicalHash: 0x6e, // 'n'
  /** raw storage key → value: the state of the best block ("flat" state) */
  FlatState: 0x73, // 's'
  /** block hash → the block's state diff (for views, reorgs and the pruning window) */
  StateDiff: 0x64, // 'd'
  /** block hash → SCALE Vec<(engine id, justification bytes)> */
  Justification: 0x6a, // 'j'
  /** utf-8 name → value: best, finalized, genesis hash, schema version */
  Meta: 0x6d, // 'm'
} as const;

export type KeySpaceName = keyof typeof KeySpace;

export const META_KEYS = {
  best: 'best',
  finalized: 'finalized',
  genesis: 'genesis',
  schema: 'schema',
} as const;

export const DB_SCHEMA_VERSION = 1;

export function spaceKey(space: number, key: Uint8Array): Uint8Array {
  const out = new Uint8Array(key.length + 1);
  out[0] = space;
  out.set(key, 1);
  return out;
}

export function numberKey(n: number): Uint8Array {
  const out = new Uint8Array(5);
  out[0] = KeySpace.CanonicalHash;
  new DataView(out.buffer).setUint32(1, n, false);
  return out;
}

export function metaKey(name: string): Uint8Array {
  return spaceKey(KeySpace.Meta, new TextEncoder().encode(name));
}
