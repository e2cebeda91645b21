/**
 * Wires the node together and starts/stops its parts in order: database → chain → pool →
 * author → RPC. Implements NodeApi, the only surface RPC and tools use.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { Keyring } from '@polkadot/keyring';
import { bytesEqual, toHex } from '../primitives/hex.ts';
import { initCrypto } from '../primitives/hashing.ts';
import { verifySignature } from '../primitives/crypto.ts';
import { profileByName } from '../runtime/constants.ts';
import { createRuntime, type RuntimeInstance } from '../runtime/runtime.ts';
import { callRuntimeApi, RuntimeApiError } from '../runtime/apis/index.ts';
import { SystemStorage } from '../runtime/pallets/system/storage.ts';
import { GrandpaStorage } from '../runtime/pallets/grandpa/index.ts';
import { ExtrinsicFormatError } from '../runtime/extrinsic/unchecked.ts';
import { Chain } from '../chain/chain.ts';
import { ChainDb } from '../chain/db.ts';
import { genesisFromStorage } from '../chain/genesis.ts';
import { TxPool } from '../chain/txpool.ts';
import { badFormat } from '../chain/tx-errors.ts';
import { BlockAuthor } from '../consensus/authoring.ts';
import { UnknownStateError } from '../state/state-store.ts';
import { MerkleTrie } from '../state/trie/index.ts';
import { startRpcServer } from '../rpc/server.ts';
import { genesisStorage, loadChainSpec, type ChainSpecJson } from './chain-spec.ts';
import { Keystore, SCHEME_OF, type KeyTypeId } from './keystore.ts';
import type { NodeOptions } from './options.ts';
import { CachedVerifier } from './verifier.ts';
import { VerifyPool } from './verify-pool.ts';
import { signatureJob } from '../runtime/extrinsic/check-signed.ts';
import { TransactionValidityError } from '../runtime/extrinsic/validity.ts';
import type { Extrinsic } from '../runtime/extrinsic/unchecked.ts';
import type { Block } from '../chain/block.ts';
import { NodeRpcError, type BlockRef, type ChainEvent, type NodeApi, type NodeInfo, type StoredBlock, type TxStatusEvent } from './api.ts';

export const NODE_VERSION = '0.1.0';

/** Delay between announcing an own block and finalizing it on a single-authority chain. */
const FINALITY_DELAY_MS = 100;

export class Node implements NodeApi {
  readonly info: NodeInfo;
  private author: BlockAuthor | undefined;
  private rpc: { port: number; close(): Promise<void> } | undefined;
  private tmpDir: string | undefined;
  private stopped = false;
  private readonly finalityTimers = new Set<NodeJS.Timeout>();

  private constructor(
    readonly options: NodeOptions,
    readonly spec: ChainSpecJson,
    readonly rt: RuntimeInstance,
    readonly chain: Chain,
    readonly pool: TxPool,
    readonly keystore: Keystore,
    readonly verifier: CachedVerifier,
    readonly verifyPool: VerifyPool,
    readonly logger: Logger,
  ) {
    this.info = {
      name: 'subtensor-ts',
      version: NODE_VERSION,
      chainName: spec.name,
      chainId: spec.id,
      chainType: spec.chainType,
      properties: spec.properties,
      roles: [options.validator ? 'Authority' : 'Full'],
    };
  }

  static async start(options: NodeOptions, logger: Logger = pino({ level: options.logLevel })): Promise<Node> {
    await initCrypto();
    const spec = loadChainSpec(options.chain);
    const verifier = new CachedVerifier();
    const verifyPool = new VerifyPool(options.verifyWorkers);
    let nodeRef: Node | undefined;
    const rt = createRuntime(profileByName(spec.runtimeProfile), verifier);
    const genesis = genesisFromStorage(genesisStorage(spec, rt));
    let tmpDir: string | undefined;
    let basePath = options.basePath;
    if (options.tmp || !basePath) {
      tmpDir = mkdtempSync(join(tmpdir(), 'subtensor-ts-'));
      basePath = tmpDir;
    }
    const chainDir = join(basePath, 'chains', spec.id);
    const db = await ChainDb.open(join(chainDir, 'db'));
    let chain: Chain;
    try {
      chain = await Chain.open(db, rt, genesis, {
        pruningWindow: options.statePruning,
        verifySignature: (sig, msg, pub) => verifySignature('Sr25519', sig, msg, pub),
        preverify: (block, parentHash) => nodeRef!.preverifyBlock(block, parentHash),
        logger: logger.child({ module: 'chain' }),
      });
    } catch (e) {
      await db.close();
      await verifyPool.close();
      throw e;
    }
    const keystore = new Keystore(join(chainDir, 'keystore'));
    for (const id of options.devIdentities) keystore.addDevIdentity(id);
    const pool = new TxPool({ ready: options.poolLimit, future: Math.max(512, Math.floor(options.poolLimit / 16)) });
    const node = new Node(options, spec, rt, chain, pool, keystore, verifier, verifyPool, logger);
    nodeRef = node;
    node.tmpDir = tmpDir;
    chain.onEvent((e) => node.followChain(e));
    if (options.validator || options.devIdentities.length > 0) {
      node.author = new BlockAuthor({
        chain,
        pool,
        keystore,
        mode: options.sealing,
        slotDurationMs: rt.profile.slotDurationMs,
        logger: logger.child({ module: 'author' }),
        onAuthored: async (hash) => node.afterOwnBlock(hash),
      });
      node.author.start();
    }
    if (!options.noRpc) {
      try {
        node.rpc = await startRpcServer({
          api: node,
          host: options.rpcHost,
          port: options.rpcPort,
          logger: logger.child({ module: 'rpc' }),
          cors: options.rpcCors,
          maxConnections: options.rpcMaxConnections,
          methodsPolicy: options.rpcMethods,
        });
      } catch (e) {
        await node.stop();
        throw e;
      }
    }
    return node;
  }

  get rpcPort(): number | undefined {
    return this.rpc?.port;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.author?.stop();
    for (const t of this.finalityTimers) clearTimeout(t);
    await this.rpc?.close();
    await this.chain.exclusive(async () => undefined);
    await this.chain.db.close();
    await this.verifyPool.close();
    if (this.tmpDir) rmSync(this.tmpDir, { recursive: true, force: true });
  }

  /** With one finality authority there is nobody to vote with: each new best block is final. */
  private get instantFinality(): boolean {
    return GrandpaStorage.Authorities.getOr(this.chain.stateAt()).length <= 1;
  }

  /**
   * Own blocks are finalized a moment after they are announced, not in the same tick: clients
   * (polkadot.js) fetch a block's events on `inBlock` and drop that work when `finalized`
   * overtakes it, so an instant finality would hide the inBlock status from them.
   */
  private afterOwnBlock(hash: Uint8Array): Promise<void> {
    if (!this.instantFinality) return Promise.resolve();
    const timer = setTimeout(() => {
      this.finalityTimers.delete(timer);
      void this.chain.finalize(hash).catch((err) => this.logger.error({ err }, 'finalization failed'));
    }, FINALITY_DELAY_MS);
    this.finalityTimers.add(timer);
    return Promise.resolve();
  }

  /** Keep the pool in step with the chain: drop included transactions, report finality. */
  private followChain(e: ChainEvent): void {
    if (e.kind === 'newBlock' && e.isBest) {
      const included = e.block.extrinsics.map((x) => toHex(this.rt.executive.decode(x).hash));
      const best = this.chain.best;
      this.pool.pruneAfterBlock(included, e.block.hash, best.header.number, (xt) =>
        this.rt.executive.validateDecoded(this.chain.stateAt(best.hash), best.header.number, best.hash, xt),
      );
    }
    if (e.kind === 'finalized') {
      for (const hash of e.hashes) {
        const block = this.chain.block(hash);
        for (const x of block?.extrinsics ?? []) {
          this.pool.notify(toHex(this.rt.executive.decode(x).hash), { kind: 'finalized', blockHash: hash });
        }
      }
    }
  }

  // ---- NodeApi ----

  genesisHash(): Uint8Array {
    return this.chain.genesisHash;
  }

  best(): BlockRef {
    return { hash: this.chain.best.hash, number: this.chain.best.header.number };
  }

  finalized(): BlockRef {
    return { hash: this.chain.finalized.hash, number: this.chain.finalized.header.number };
  }

  blockHashAt(number: number): Uint8Array | undefined {
    return this.chain.canonicalHash(number);
  }

  block(hash: Uint8Array): StoredBlock | undefined {
    return this.chain.block(hash);
  }

  private stateFor(at?: Uint8Array) {
    const hash = at ?? this.chain.best.hash;
    const entry = this.chain.header(hash);
    if (!entry) throw new NodeRpcError(4003, `Client error: UnknownBlock: header not found for ${toHex(hash)}`);
    try {
      return { state: this.chain.stateAt(hash), entry };
    } catch (e) {
      if (e instanceof UnknownStateError) throw new NodeRpcError(4003, `Client error: State already discarded for ${toHex(hash)}`);
      throw e;
    }
  }

  storage(key: Uint8Array, at?: Uint8Array): Uint8Array | undefined {
    return this.stateFor(at).state.get(key);
  }

  storageKeys(prefix: Uint8Array, count: number, startKey?: Uint8Array, at?: Uint8Array): Uint8Array[] {
    const { state } = this.stateFor(at);
    const out: Uint8Array[] = [];
    const after = startKey && startKey.length > 0 ? startKey : undefined;
    for (const [k] of state.entries(prefix, after)) {
      if (out.length >= count) break;
      out.push(k);
    }
    return out;
  }

  runtimeCall(method: string, args: Uint8Array, at?: Uint8Array): Uint8Array {
    const { state, entry } = this.stateFor(at);
    try {
      return callRuntimeApi({ rt: this.rt, state, blockNumber: entry.header.number, blockHash: entry.hash }, method, args);
    } catch (e) {
      if (e instanceof RuntimeApiError) throw new NodeRpcError(4003, `Client error: Execution failed: ${e.message}`);
      throw new NodeRpcError(4003, `Client error: Execution failed: ${(e as Error).message}`);
    }
  }

  private decodeForPool(bytes: Uint8Array): Extrinsic {
    try {
      return this.rt.executive.decode(bytes);
    } catch (e) {
      if (e instanceof ExtrinsicFormatError) throw badFormat(e.message);
      throw e;
    }
  }

  /** Check a transaction's signature on a worker thread; the runtime then finds it cached. */
  private async preverify(xt: Extrinsic, state: ReturnType<Chain['stateAt']>, current: number, parentHash: Uint8Array): Promise<void> {
    if (!xt.signed) return;
    let job;
    try {
      job = signatureJob(state, current, parentHash, xt);
    } catch (e) {
      if (e instanceof TransactionValidityError) return; // validation reports it properly
      throw e;
    }
    if (await this.verifyPool.verify(job)) this.verifier.remember(this.verifier.cacheKey(job.signature, job.message, job.publicKey));
  }

  /** Verify all signatures of a block on worker threads before it is executed. */
  async preverifyBlock(block: Block, parentHash: Uint8Array): Promise<void> {
    const state = this.chain.stateAt(parentHash);
    const xts: Extrinsic[] = [];
    for (const bytes of block.extrinsics) {
      try {
        xts.push(this.rt.executive.decode(bytes));
      } catch {
        return; // execution will reject the block with the precise reason
      }
    }
    await Promise.all(xts.map((xt) => this.preverify(xt, state, block.header.number, parentHash)));
  }

  private async admit(bytes: Uint8Array) {
    const xt = this.decodeForPool(bytes);
    if (this.pool.has(xt.hash)) return this.addToPool(xt);
    const before = this.chain.best;
    await this.preverify(xt, this.chain.stateAt(before.hash), before.header.number + 1, before.hash);
    return this.addToPool(xt);
  }

  private addToPool(xt: Extrinsic) {
    const best = this.chain.best;
    return this.pool.add(
      xt,
      (x) => this.rt.executive.validateDecoded(this.chain.stateAt(best.hash), best.header.number, best.hash, x),
      best.header.number,
    );
  }

  async submitExtrinsic(bytes: Uint8Array): Promise<Uint8Array> {
    return (await this.admit(bytes)).hash;
  }

  async watchExtrinsic(bytes: Uint8Array, onStatus: (e: TxStatusEvent) => void): Promise<{ hash: Uint8Array; stop: () => void }> {
    const xt = this.decodeForPool(bytes);
    // Watch before admitting: an instant-sealed block may include it before this returns.
    const stop = this.pool.watch(xt.hash, onStatus);
    try {
      const tx = await this.admit(bytes);
      queueMicrotask(() => onStatus({ kind: this.pool.isFuture(tx.hashHex) ? 'future' : 'ready' }));
      return { hash: tx.hash, stop };
    } catch (e) {
      stop();
      throw e;
    }
  }

  pendingExtrinsics(): Uint8Array[] {
    return this.pool.pending();
  }

  accountNextIndex(account: Uint8Array): number {
    let nonce = SystemStorage.Account.getOr(this.chain.stateAt(), account).nonce;
    // Count this account's consecutive pooled transactions, as Substrate's RPC does.
    const pooled = new Set<number>();
    for (const bytes of this.pool.pending()) {
      const signed = this.rt.executive.decode(bytes).signed;
      const addr = signed?.address;
      if (addr && (addr.tag === 'Id' || addr.tag === 'Address32') && bytesEqual(addr.value as Uint8Array, account)) pooled.add(signed!.extra.nonce);
    }
    while (pooled.has(nonce)) nonce++;
    return nonce;
  }

  health() {
    return { peers: 0, isSyncing: false, shouldHavePeers: false };
  }

  onChainEvent(listener: (e: ChainEvent) => void): () => void {
    return this.chain.onEvent(listener);
  }

  // ---- keystore ----

  /** Session keys of this runtime, in `SessionKeys` field order: aura (sr25519) then grandpa (ed25519). */
  private static readonly SESSION_KEY_TYPES: readonly KeyTypeId[] = ['aura', 'gran'];

  private static keyType(keyType: string): KeyTypeId {
    if (keyType === 'aura' || keyType === 'gran') return keyType;
    throw new NodeRpcError(1040, `Key type "${keyType}" is not used by this node (session key types: aura, gran)`);
  }

  insertKey(keyType: string, suri: string, publicKey: Uint8Array): void {
    const type = Node.keyType(keyType);
    let pub: Uint8Array;
    try {
      pub = new Keyring({ type: SCHEME_OF[type] }).addFromUri(suri).publicKey;
    } catch (e) {
      throw new NodeRpcError(1040, `Invalid secret URI: ${(e as Error).message}`);
    }
    if (!bytesEqual(pub, publicKey)) {
      throw new NodeRpcError(1040, `The public key does not belong to the secret URI (it derives ${toHex(pub)} for ${type})`);
    }
    this.keystore.insert(type, suri);
  }

  hasKey(publicKey: Uint8Array, keyType: string): boolean {
    if (keyType !== 'aura' && keyType !== 'gran') return false;
    return this.keystore.has(keyType, publicKey);
  }

  hasSessionKeys(sessionKeys: Uint8Array): boolean {
    const types = Node.SESSION_KEY_TYPES;
    if (sessionKeys.length < 32 * types.length) throw new NodeRpcError(1040, 'Session keys are not encoded correctly');
    return types.every((type, i) => this.keystore.has(type, sessionKeys.subarray(32 * i, 32 * (i + 1))));
  }

  rotateKeys(): Uint8Array {
    const out = new Uint8Array(32 * Node.SESSION_KEY_TYPES.length);
    Node.SESSION_KEY_TYPES.forEach((type, i) => {
      const pair = this.keystore.insert(type, toHex(randomBytes(32)));
      out.set(pair.publicKey, 32 * i);
    });
    return out;
  }

  // ---- read proofs ----

  /**
   * Proofs come from the state store's trie, which holds the head (best) block's state; other
   * blocks' states are overlays without trie nodes of their own, so no proof is made for them.
   */
  readProof(keys: Uint8Array[], at?: Uint8Array): Uint8Array[] {
    const { state, entry } = this.stateFor(at);
    if (!(state instanceof MerkleTrie)) {
      throw new NodeRpcError(
        4003,
        `Client error: Read proofs are only available at the best block (#${this.chain.best.header.number} ${toHex(this.chain.best.hash)}), not at #${entry.header.number} ${toHex(entry.hash)}`,
      );
    }
    return state.readProof(keys);
  }

  async finalizeBlock(hash: Uint8Array): Promise<void> {
    const entry = this.chain.header(hash);
    if (!entry) throw new NodeRpcError(6000, `unknown block ${toHex(hash)}`);
    await this.chain.finalize(hash);
  }

  async sealBlock(opts: { finalize: boolean }): Promise<Uint8Array> {
    if (!this.author) throw new NodeRpcError(6000, 'this node does not author blocks');
    const hash = await this.author.seal();
    if (!hash) throw new NodeRpcError(6000, 'node is stopping');
    if (opts.finalize) await this.chain.finalize(hash);
    return hash;
  }
}
