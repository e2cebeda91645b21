/**
 * An in-memory NodeApi for RPC tests: a few blocks with real SCALE headers (hash = blake2-256 of
 * the encoded header), per-block storage snapshots, a Core_version runtime call and a tiny pool.
 */
import type { BlockRef, ChainEvent, NodeApi, NodeHealth, NodeInfo, StoredBlock, TxStatusEvent } from '../../../src/node/api.ts';
import { NodeRpcError } from '../../../src/node/api.ts';
import { blake2_256 } from '../../../src/primitives/hashing.ts';
import { compareBytes, startsWith, toHex, utf8 } from '../../../src/primitives/hex.ts';
import { encode } from '../../../src/primitives/scale/index.ts';
import { Header, RuntimeVersionCodec, type Header as HeaderValue } from '../../../src/runtime/types.ts';

export const AURA = utf8('aura');

export const FAKE_VERSION = {
  spec_name: 'node-subtensor',
  impl_name: 'node-subtensor',
  authoring_version: 1,
  spec_version: 425,
  impl_version: 1,
  apis: [
    [Uint8Array.from([0xdf, 0x6a, 0xcb, 0x68, 0x99, 0x07, 0x60, 0x9b]), 5] as [Uint8Array, number],
    [Uint8Array.from([0x37, 0xe3, 0x97, 0xfc, 0x7c, 0x91, 0xf5, 0xe4]), 2] as [Uint8Array, number],
  ],
  transaction_version: 1,
  system_version: 1,
};

function h32(seed: number): Uint8Array {
  return blake2_256(Uint8Array.of(seed & 0xff, (seed >> 8) & 0xff, 0x5a));
}

interface WatchedTx {
  hash: Uint8Array;
  onStatus: (e: TxStatusEvent) => void;
  stopped: boolean;
}

export class FakeNode implements NodeApi {
  readonly info: NodeInfo = {
    name: 'Subtensor Node',
    version: '0.1.0-test',
    chainName: 'Bittensor',
    chainId: 'bittensor-test',
    chainType: 'Development',
    properties: { ss58Format: 42, tokenDecimals: 9, tokenSymbol: 'TAO' },
    roles: ['Authority'],
    peerId: '12D3KooWTestPeer',
  };
  readonly blocks = new Map<string, StoredBlock>();
  readonly canonical: Uint8Array[] = [];
  private readonly states = new Map<string, Map<string, Uint8Array>>();
  private readonly listeners = new Set<(e: ChainEvent) => void>();
  private finalizedNumber = 0;
  /** Storage that the next imported block will carry. */
  pending = new Map<string, Uint8Array>();
  specVersion = 425;
  readonly pool: Uint8Array[] = [];
  readonly watched: WatchedTx[] = [];

  constructor(blockCount = 4) {
    this.pending.set('0x3a636f6465', Uint8Array.of(0, 97, 115, 109));
    this.pending.set('0x0102aa', Uint8Array.of(1));
    this.pending.set('0x0102bb', Uint8Array.of(2, 2));
    this.pending.set('0x0103cc', Uint8Array.of(3, 3, 3));
    for (let i = 0; i < blockCount; i++) this.importBlock({ silent: true });
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Build a child of the best block (or of `parent`), store it, and tell listeners. */
  importBlock(opts: { silent?: boolean; parent?: Uint8Array; isBest?: boolean } = {}): StoredBlock {
    const parentBlock = opts.parent ? this.block(opts.parent) : this.canonical.length ? this.block(this.best().hash) : undefined;
    const number = parentBlock ? parentBlock.header.number + 1 : 0;
    const header: HeaderValue = {
      parent_hash: parentBlock ? parentBlock.hash : new Uint8Array(32),
      number,
      state_root: h32(number * 7 + this.blocks.size),
      extrinsics_root: h32(number * 13 + 1),
      digest: {
        logs:
          number === 0
            ? []
            : [
                { tag: 'PreRuntime', value: [AURA, Uint8Array.of(number, 0, 0, 0, 0, 0, 0, 0)] },
                { tag: 'Seal', value: [AURA, new Uint8Array(64).fill(number)] },
              ],
      },
    };
    const headerBytes = encode(Header, header);
    const hash = blake2_256(headerBytes);
    const extrinsics = number === 0 ? [] : [Uint8Array.of(0x28, 0x04, 0x03, 0x00, 0x0b, number, 0, 0, 0, 0, 0, 0, 0, 0)];
    const block: StoredBlock = { hash, header, headerBytes, extrinsics };
    this.blocks.set(toHex(hash), block);
    this.states.set(toHex(hash), new Map(this.pending));
    const isBest = opts.isBest ?? !opts.parent;
    if (isBest) {
      this.canonical.length = number;
      this.canonical.push(hash);
    }
    if (!opts.silent) this.emit({ kind: 'newBlock', block, isBest });
    return block;
  }

  finalize(hash: Uint8Array): void {
    const block = this.block(hash)!;
    const hashes: Uint8Array[] = [];
    for (let n = this.finalizedNumber + 1; n <= block.header.number; n++) hashes.push(this.canonical[n]!);
    this.finalizedNumber = block.header.number;
    this.emit({ kind: 'finalized', hashes, pruned: [] });
  }

  emit(e: ChainEvent): void {
    for (const l of [...this.listeners]) l(e);
  }

  // --- NodeApi ---

  genesisHash(): Uint8Array {
    return this.canonical[0]!;
  }

  best(): BlockRef {
    const number = this.canonical.length - 1;
    return { hash: this.canonical[number]!, number };
  }

  finalized(): BlockRef {
    return { hash: this.canonical[this.finalizedNumber]!, number: this.finalizedNumber };
  }

  blockHashAt(number: number): Uint8Array | undefined {
    return this.canonical[number];
  }

  block(hash: Uint8Array): StoredBlock | undefined {
    return this.blocks.get(toHex(hash));
  }

  private state(at?: Uint8Array): Map<string, Uint8Array> {
    const s = this.states.get(toHex(at ?? this.best().hash));
    if (!s) throw new NodeRpcError(4003, 'Client error: UnknownBlock: State already discarded');
    return s;
  }

  storage(key: Uint8Array, at?: Uint8Array): Uint8Array | undefined {
    return this.state(at).get(toHex(key));
  }

  storageKeys(prefix: Uint8Array, count: number, startKey?: Uint8Array, at?: Uint8Array): Uint8Array[] {
    const keys = [...this.state(at).keys()]
      .map((k) => Uint8Array.from(Buffer.from(k.slice(2), 'hex')))
      .filter((k) => startsWith(k, prefix) && (!startKey || compareBytes(k, startKey) > 0))
      .sort(compareBytes);
    return keys.slice(0, count);
  }

  runtimeCall(method: string, args: Uint8Array, at?: Uint8Array): Uint8Array {
    this.state(at);
    if (method === 'Core_version') return encode(RuntimeVersionCodec, { ...FAKE_VERSION, spec_version: this.specVersion });
    if (method === 'Echo_echo') return args;
    throw new Error(`Exported method ${method} is not found`);
  }

  async submitExtrinsic(bytes: Uint8Array): Promise<Uint8Array> {
    if (bytes.length === 0 || bytes[0] === 0xff) throw new NodeRpcError(1010, 'Invalid Transaction', 'Custom error: 6');
    this.pool.push(bytes);
    return blake2_256(bytes);
  }

  async watchExtrinsic(bytes: Uint8Array, onStatus: (e: TxStatusEvent) => void): Promise<{ hash: Uint8Array; stop: () => void }> {
    const hash = await this.submitExtrinsic(bytes);
    const tx: WatchedTx = { hash, onStatus, stopped: false };
    this.watched.push(tx);
    onStatus({ kind: 'ready' });
    return { hash, stop: () => void (tx.stopped = true) };
  }

  pendingExtrinsics(): Uint8Array[] {
    return [...this.pool];
  }

  accountNextIndex(account: Uint8Array): number {
    return account[0] === 0xd4 ? 7 : 0;
  }

  health(): NodeHealth {
    return { peers: 0, isSyncing: false, shouldHavePeers: false };
  }

  onChainEvent(listener: (e: ChainEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}
