/**
 * What the node offers to its front ends (RPC, CLI tools, tests). The RPC layer depends only
 * on this interface, never on chain/state internals.
 */
import type { Header } from '../runtime/types.ts';

export interface BlockRef {
  hash: Uint8Array;
  number: number;
}

export interface StoredBlock {
  hash: Uint8Array;
  header: Header;
  /** SCALE bytes of the header. */
  headerBytes: Uint8Array;
  /** Each extrinsic's full bytes (with its compact length prefix). */
  extrinsics: Uint8Array[];
  justifications?: [Uint8Array, Uint8Array][];
}

export type ChainEvent =
  | { kind: 'newBlock'; block: StoredBlock; isBest: boolean }
  | { kind: 'bestChanged'; hash: Uint8Array }
  | { kind: 'finalized'; hashes: Uint8Array[]; pruned: Uint8Array[] };

export interface TxStatusEvent {
  kind: 'ready' | 'future' | 'broadcast' | 'inBlock' | 'retracted' | 'finalized' | 'invalid' | 'dropped' | 'usurped';
  blockHash?: Uint8Array;
  index?: number;
}

/** Errors with Substrate's JSON-RPC codes (1010 invalid tx, 1011 unknown, 1012 future, 1013 stale/known, 1014 low priority). */
export class NodeRpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

export interface NodeHealth {
  peers: number;
  isSyncing: boolean;
  shouldHavePeers: boolean;
}

export interface NodeInfo {
  name: string;
  version: string;
  chainName: string;
  chainId: string;
  chainType: string;
  properties: Record<string, unknown>;
  roles: string[];
  peerId?: string;
}

export interface NodeApi {
  readonly info: NodeInfo;
  genesisHash(): Uint8Array;
  best(): BlockRef;
  finalized(): BlockRef;
  blockHashAt(number: number): Uint8Array | undefined;
  block(hash: Uint8Array): StoredBlock | undefined;
  /** Storage value at block `at` (best when omitted); undefined when absent. Throws NodeRpcError if the state is pruned/unknown. */
  storage(key: Uint8Array, at?: Uint8Array): Uint8Array | undefined;
  /** Keys under `prefix` in byte order, strictly after `startKey`, at most `count`. */
  storageKeys(prefix: Uint8Array, count: number, startKey?: Uint8Array, at?: Uint8Array): Uint8Array[];
  /** Run a runtime API by name (e.g. `Core_version`) with SCALE args at block `at`. */
  runtimeCall(method: string, args: Uint8Array, at?: Uint8Array): Uint8Array;
  /** Validate and pool an extrinsic; resolves to its hash or throws NodeRpcError. */
  submitExtrinsic(bytes: Uint8Array): Promise<Uint8Array>;
  /** Like submitExtrinsic, reporting status changes until a terminal state. Returns an unsubscribe. */
  watchExtrinsic(bytes: Uint8Array, onStatus: (e: TxStatusEvent) => void): Promise<{ hash: Uint8Array; stop: () => void }>;
  pendingExtrinsics(): Uint8Array[];
  accountNextIndex(account: Uint8Array): number;
  health(): NodeHealth;
  /** Subscribe to chain events; returns an unsubscribe. */
  onChainEvent(listener: (e: ChainEvent) => void): () => void;
  /** Manual sealing (engine_createBlock); undefined when sealing is not manual/instant. */
  sealBlock?(opts: { finalize: boolean }): Promise<Uint8Array>;
  /** Finalize a block and its ancestors (engine_finalizeBlock). */
  finalizeBlock?(hash: Uint8Array): Promise<void>;

  // ---- Keystore (author_insertKey & co.); optional: a node without a keystore leaves them out ----

  /** Store the key `suri` for `keyType` (4 characters, e.g. "aura"); throws NodeRpcError 1040 if it cannot. */
  insertKey?(keyType: string, suri: string, publicKey: Uint8Array): void;
  /** Whether the keystore holds the secret for `publicKey` under `keyType`. */
  hasKey?(publicKey: Uint8Array, keyType: string): boolean;
  /** Whether the keystore holds every key of the SCALE-encoded session keys; throws 1040 if they do not decode. */
  hasSessionKeys?(sessionKeys: Uint8Array): boolean;
  /** Generate fresh session keys, store them, and return their SCALE encoding (the runtime's `SessionKeys`). */
  rotateKeys?(): Uint8Array;

  /**
   * Trie nodes proving the values (or absence) of `keys` at block `at` (best when omitted),
   * sorted and deduplicated as Substrate's `StorageProof`. Throws NodeRpcError 4003 when no
   * proof can be made at that block.
   */
  readProof?(keys: Uint8Array[], at?: Uint8Array): Uint8Array[];
}
