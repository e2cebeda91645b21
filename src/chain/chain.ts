/**
 * The chain: known headers, best and finalized blocks, the head state, and the single-writer
 * import path. A block is executed against its parent's state, its roots are compared with
 * its header, and everything it changes is written in one database batch.
 */
import type { Logger } from 'pino';
import { bytesEqual, toHex } from '../primitives/hex.ts';
import { decode } from '../primitives/scale/index.ts';
import type { ChangeSet, StateReader } from '../state/reader.ts';
import { StateStore } from '../state/state-store.ts';
import type { BlockDiff, DiffEntry } from '../state/diff.ts';
import type { RuntimeInstance } from '../runtime/runtime.ts';
import { AuraStorage } from '../runtime/pallets/aura/index.ts';
import { Header } from '../runtime/types.ts';
import type { ChainEvent, StoredBlock } from '../node/api.ts';
import { verifyAuraSeal } from '../consensus/aura.ts';
import { decodeBody, encodeBody, encodeHeader, headerHash, type Block } from './block.ts';
import type { ChainDb } from './db.ts';
import { genesisDiff, type GenesisBlock } from './genesis.ts';

export class BlockImportError extends Error {}

interface HeaderEntry {
  hash: Uint8Array;
  header: Header;
  bytes: Uint8Array;
}

export interface ExecutedBlock {
  /** Header with state root and extrinsics root filled in, not yet sealed. */
  header: Header;
  extrinsics: Uint8Array[];
  changes: ChangeSet;
}

export interface ChainOptions {
  /** Blocks of state kept behind the finalized block; Infinity keeps everything (archive). */
  pruningWindow: number;
  verifySignature: (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => boolean;
  /** Verify a block's transaction signatures ahead of execution (e.g. on worker threads). */
  preverify?: (block: Block, parentHash: Uint8Array) => Promise<void>;
  logger: Logger;
}

export class Chain {
  private readonly headers = new Map<string, HeaderEntry>();
  readonly state: StateStore;
  private bestEntry: HeaderEntry;
  private finalizedEntry: HeaderEntry;
  private readonly listeners = new Set<(e: ChainEvent) => void>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly db: ChainDb,
    readonly rt: RuntimeInstance,
    readonly genesisHash: Uint8Array,
    private readonly opts: ChainOptions,
    best: HeaderEntry,
    finalized: HeaderEntry,
  ) {
    this.bestEntry = best;
    this.finalizedEntry = finalized;
    this.state = new StateStore(best.hash, (h) => this.headers.get(toHex(h))?.header.number);
  }

  /** Open an existing chain database, or initialize it with `genesis`. */
  static async open(db: ChainDb, rt: RuntimeInstance, genesis: GenesisBlock, opts: ChainOptions): Promise<Chain> {
    const storedGenesis = db.getMeta('genesis');
    if (storedGenesis && !bytesEqual(storedGenesis, genesis.hash)) {
      throw new Error(
        `database holds a different chain (genesis ${toHex(storedGenesis)}, this chain spec ${toHex(genesis.hash)}); use another --base-path or purge-chain`,
      );
    }
    if (!storedGenesis) {
      await db.writeGenesis(genesis.hash, encodeHeader(genesis.header), encodeBody([]), genesisDiff(genesis));
    }
    const entries = new Map<string, HeaderEntry>();
    for await (const [hash, bytes] of db.iterateHeaders()) {
      entries.set(toHex(hash), { hash: hash.slice(), header: decode(Header, bytes, 'header'), bytes: bytes.slice() });
    }
    const bestHash = db.getMeta('best')!;
    const finalizedHash = db.getMeta('finalized')!;
    const best = entries.get(toHex(bestHash));
    const finalized = entries.get(toHex(finalizedHash));
    if (!best || !finalized) throw new Error('database is missing its best or finalized header');
    const chain = new Chain(db, rt, genesis.hash, opts, best, finalized);
    for (const [k, v] of entries) chain.headers.set(k, v);
    for await (const [k, v] of db.iterateFlatState()) chain.state.trie.set(k.slice(), v.slice());
    for await (const d of db.iterateDiffs()) chain.state.addDiff(d);
    const root = chain.state.root();
    if (!bytesEqual(root, best.header.state_root)) {
      throw new Error(`stored state root ${toHex(root)} does not match best block #${best.header.number} (${toHex(best.header.state_root)})`);
    }
    return chain;
  }

  get best(): HeaderEntry {
    return this.bestEntry;
  }

  get finalized(): HeaderEntry {
    return this.finalizedEntry;
  }

  header(hash: Uint8Array): HeaderEntry | undefined {
    return this.headers.get(toHex(hash));
  }

  canonicalHash(n: number): Uint8Array | undefined {
    if (n > this.bestEntry.header.number) return undefined;
    return this.db.getCanonicalHash(n);
  }

  block(hash: Uint8Array): StoredBlock | undefined {
    const entry = this.header(hash);
    if (!entry) return undefined;
    const body = this.db.getBodyBytes(hash);
    return { hash: entry.hash, header: entry.header, headerBytes: entry.bytes, extrinsics: body ? decodeBody(body) : [] };
  }

  /** Read view of a block's state (best by default); valid until the next import. */
  stateAt(hash: Uint8Array = this.bestEntry.hash): StateReader {
    return this.state.viewAt(hash);
  }

  onEvent(listener: (e: ChainEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: ChainEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch (err) {
        this.opts.logger.warn({ err }, 'chain event listener failed');
      }
    }
  }

  /** Serialize writers: imports and finality updates run one at a time, in order. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Execute `block` on its parent's state; throws BlockImportError if anything does not match. */
  private execute(block: Block, unsealed: Header): ExecutedBlock {
    const parent = this.header(unsealed.parent_hash)!;
    const { executive } = this.rt;
    let ctx;
    try {
      ctx = executive.initializeBlock(this.stateAt(parent.hash), {
        number: unsealed.number,
        parentHash: unsealed.parent_hash,
        digest: unsealed.digest,
      });
      block.extrinsics.forEach((bytes, i) => {
        const xt = executive.decode(bytes);
        const r = executive.applyExtrinsic(ctx!, i, xt);
        if (!r.ok) throw new BlockImportError(`extrinsic ${i} is invalid: ${r.error.message}`);
      });
      const extrinsicsRoot = executive.finalizeBlock(ctx, block.extrinsics.length);
      if (!bytesEqual(extrinsicsRoot, unsealed.extrinsics_root)) throw new BlockImportError('extrinsics root mismatch');
    } catch (e) {
      if (e instanceof BlockImportError) throw e;
      throw new BlockImportError(`block execution failed: ${(e as Error).message}`);
    }
    return { header: unsealed, extrinsics: block.extrinsics, changes: ctx.storage.changes() };
  }

  /** Import a block from the network or a file (full verification). */
  importBlock(block: Block): Promise<{ hash: Uint8Array; isBest: boolean; known: boolean }> {
    return this.exclusive(async () => {
      const hash = headerHash(block.header);
      if (this.header(hash)) return { hash, isBest: false, known: true };
      const parent = this.header(block.header.parent_hash);
      if (!parent) throw new BlockImportError(`unknown parent ${toHex(block.header.parent_hash)}`);
      if (block.header.number !== parent.header.number + 1) throw new BlockImportError('block number is not parent + 1');
      if (block.header.number <= this.finalizedEntry.header.number) throw new BlockImportError('block is below the finalized block');
      const authorities = AuraStorage.Authorities.getOr(this.stateAt(parent.hash));
      let unsealed: Header;
      try {
        unsealed = verifyAuraSeal(block.header, authorities, this.opts.verifySignature).unsealed;
      } catch (e) {
        throw new BlockImportError(`seal: ${(e as Error).message}`);
      }
      await this.opts.preverify?.(block, unsealed.parent_hash);
      const executed = this.execute(block, unsealed);
      const isBest = await this.commit(executed, block.header, hash);
      return { hash, isBest, known: false };
    });
  }

  /** Move the head trie to `parentHash` and apply `changes`: the new block's state, not yet recorded. */
  private applyOnParent(parentHash: Uint8Array, changes: ChangeSet) {
    const previousHead = this.state.head;
    this.state.moveHead(parentHash);
    const entries = this.state.diffAgainstHead(changes);
    this.state.applyEntries(entries);
    return { previousHead, entries, root: this.state.root() };
  }

  private undoApply(applied: { previousHead: Uint8Array; entries: DiffEntry[] }): void {
    this.state.revertEntries(applied.entries);
    this.state.moveHead(applied.previousHead);
  }

  /** Store an imported block whose header must carry the state root its changes produce. */
  private async commit(executed: ExecutedBlock, sealed: Header, hash: Uint8Array): Promise<boolean> {
    const applied = this.applyOnParent(sealed.parent_hash, executed.changes);
    if (!bytesEqual(applied.root, sealed.state_root)) {
      this.undoApply(applied);
      throw new BlockImportError(`state root mismatch: computed ${toHex(applied.root)}, header has ${toHex(sealed.state_root)}`);
    }
    return this.record(executed, sealed, hash, applied);
  }

  private async record(
    executed: ExecutedBlock,
    sealed: Header,
    hash: Uint8Array,
    applied: { previousHead: Uint8Array; entries: DiffEntry[] },
  ): Promise<boolean> {
    const parentHash = sealed.parent_hash;
    const diff: BlockDiff = { hash, parent: parentHash, number: sealed.number, entries: applied.entries };
    this.state.addDiff(diff);
    this.state.setHead(hash);
    const headerBytes = encodeHeader(sealed);
    const entry: HeaderEntry = { hash, header: sealed, bytes: headerBytes };
    this.headers.set(toHex(hash), entry);
    const isBest = sealed.number > this.bestEntry.header.number;
    const reorg = isBest && !bytesEqual(parentHash, this.bestEntry.hash) ? this.reorgPath(this.bestEntry.hash, parentHash) : undefined;
    if (!isBest) this.state.moveHead(applied.previousHead);
    await this.db.writeBlock({
      hash,
      number: sealed.number,
      headerBytes,
      bodyBytes: encodeBody(executed.extrinsics),
      diff,
      makeBest: isBest,
      canonical: reorg?.canonical,
      revert: reorg?.revert,
      reapply: reorg?.reapply,
    });
    const stored: StoredBlock = { hash, header: sealed, headerBytes, extrinsics: executed.extrinsics };
    if (isBest) this.bestEntry = entry;
    this.emit({ kind: 'newBlock', block: stored, isBest });
    if (isBest) this.emit({ kind: 'bestChanged', hash });
    return isBest;
  }

  /** Flat-state and canonical-index changes when the best chain moves from `oldBest` to a chain through `newParent`. */
  private reorgPath(oldBest: Uint8Array, newParent: Uint8Array) {
    const revert: BlockDiff[] = [];
    const reapply: BlockDiff[] = [];
    let a = this.header(oldBest)!;
    let b = this.header(newParent)!;
    while (!bytesEqual(a.hash, b.hash)) {
      if (a.header.number >= b.header.number) {
        revert.push(this.state.diff(a.hash)!);
        a = this.header(a.header.parent_hash)!;
      } else {
        reapply.push(this.state.diff(b.hash)!);
        b = this.header(b.header.parent_hash)!;
      }
    }
    reapply.reverse();
    return { revert, reapply, canonical: reapply.map((d) => [d.number, d.hash] as [number, Uint8Array]) };
  }

  /**
   * Commit a block this node built (already executed, so not executed again): its state root
   * is computed here, then `seal` signs the finished header.
   */
  commitOwnBlock(executed: ExecutedBlock, seal: (header: Header) => Header): Promise<{ hash: Uint8Array; header: Header }> {
    return this.exclusive(async () => {
      const applied = this.applyOnParent(executed.header.parent_hash, executed.changes);
      const header = seal({ ...executed.header, state_root: applied.root });
      const hash = headerHash(header);
      await this.record({ ...executed, header }, header, hash, applied);
      return { hash, header };
    });
  }

  /** Mark `hash` (and its ancestors) final; prune state diffs that fell out of the window. */
  finalize(hash: Uint8Array, justification?: Uint8Array): Promise<void> {
    return this.exclusive(async () => {
      const entry = this.header(hash);
      if (!entry || entry.header.number <= this.finalizedEntry.header.number) return;
      const newly: Uint8Array[] = [];
      for (let e: HeaderEntry | undefined = entry; e && e.header.number > this.finalizedEntry.header.number; e = this.header(e.header.parent_hash)) {
        newly.push(e.hash);
      }
      this.finalizedEntry = entry;
      await this.db.setFinalized(hash, justification);
      await this.pruneState();
      // Forks beside the finalized chain are not tracked yet, so none are reported as pruned.
      this.emit({ kind: 'finalized', hashes: newly.reverse(), pruned: [] });
    });
  }

  private async pruneState(): Promise<void> {
    if (!Number.isFinite(this.opts.pruningWindow)) return;
    const keepFrom = this.finalizedEntry.header.number - this.opts.pruningWindow;
    if (keepFrom <= 0) return;
    const prune: Uint8Array[] = [];
    for (let n = keepFrom; n > 0; n--) {
      const h = this.db.getCanonicalHash(n);
      if (!h || !this.state.hasDiff(h)) break;
      prune.push(h);
    }
    for (const h of prune) this.state.removeDiff(h);
    await this.db.pruneDiffs(prune);
  }
}
