/**
 * One `chainHead_v1_follow` subscription: which blocks it has reported, which of them are still
 * pinned, its running operations (body / call / storage) and its keep-alive.
 *
 * Block reporting rules (json-rpc-interface-spec `chainHead_v1_follow.md`):
 * - `initialized` first (the finalized block), then one `newBlock` per known non-finalized block,
 *   parents before children, then `bestBlockChanged`;
 * - a `newBlock`'s parent is always the finalized block or an earlier `newBlock`; blocks that
 *   cannot be chained to what was reported are not reported;
 * - `finalized` lists only reported blocks, ascending; `prunedBlockHashes` are the reported
 *   blocks that are not descendants of the new finalized block; the best block is never pruned
 *   (a `bestBlockChanged` goes out first if it would be);
 * - every reported block stays pinned until `chainHead_v1_unpin`; too many pinned finalized
 *   blocks ends the subscription with `stop`.
 */
import type { Logger } from 'pino';
import type { ChainEvent, NodeApi, StoredBlock } from '../../node/api.ts';
import { fromHex, toHex } from '../../primitives/hex.ts';
import type { RpcConnection } from '../connection.ts';
import { errorMessage, NodeRpcError } from '../errors.ts';
import type { SubscriptionSink } from '../types.ts';
import { newRuntimeAt, runtimeAt } from './runtime-spec.ts';
import { StorageQueryCursor, type StorageQuery } from './storage-query.ts';

export interface ChainHeadLimits {
  /** Follow subscriptions per connection (the spec guarantees 2); the next one gets -32800. */
  maxFollowsPerConnection: number;
  /**
   * Pinned blocks that are no longer "live" (finalized or pruned) per subscription; beyond it
   * the subscription gets `stop`. Non-finalized blocks are not counted (spec advice: a stalled
   * finality must not make the API unusable). Keep it below the node's state pruning window.
   */
  maxPinnedFinalized: number;
  /** Operation slots per subscription (the spec guarantees 16; a storage item uses one slot). */
  maxOperationSlots: number;
  /** Storage result items per `operationStorageItems` event before `operationWaitingForContinue`. */
  storagePageSize: number;
  /**
   * Send a keep-alive text message when the connection has been silent this long (0 = never).
   * polkadot-api drops a socket after 40 s without a text message (ping frames don't count).
   */
  keepAliveMs: number;
}

export const DEFAULT_CHAIN_HEAD_LIMITS: Readonly<ChainHeadLimits> = {
  maxFollowsPerConnection: 2,
  maxPinnedFinalized: 128,
  maxOperationSlots: 32,
  storagePageSize: 256,
  keepAliveMs: 20_000,
};

/** The limits in force (tests may change them and must restore them). */
export const chainHeadLimits: ChainHeadLimits = { ...DEFAULT_CHAIN_HEAD_LIMITS };

/**
 * What goes on the wire as keep-alive: a response to a request id no client uses. Every client
 * layer drops a response it has no pending request for (polkadot-api's raw client, its
 * provider proxy and ws-middleware; polkadot.js logs it at debug level), but the text frame
 * resets polkadot-api's 40 s staleness timer.
 */
export const KEEPALIVE_MESSAGE = JSON.stringify({ jsonrpc: '2.0', id: 'subtensor-ts:keepalive', result: null });

export const ChainHeadError = {
  /** Too many follow subscriptions on this connection. */
  TooManyFollows: -32800,
  /** The block is not pinned in this subscription (never reported, or unpinned). */
  InvalidBlock: -32801,
  /** `chainHead_v1_call` on a follow started with `withRuntime: false`. */
  NoRuntime: -32802,
  /** `chainHead_v1_continue` on an operation that is not waiting. */
  InvalidContinue: -32803,
  /** Duplicate hashes in one `chainHead_v1_unpin`. */
  DuplicateHashes: -32804,
} as const;

export const invalidBlock = (): NodeRpcError => new NodeRpcError(ChainHeadError.InvalidBlock, 'Invalid block hash');

interface LiveBlock {
  parent: string;
  number: number;
}

interface Operation {
  readonly id: string;
  readonly slots: number;
  stopped: boolean;
  /** Set while a storage operation waits for `chainHead_v1_continue`. */
  resume?: () => void;
}

type StartResult = { result: 'started'; operationId: string; discardedItems?: number } | { result: 'limitReached' };

/** Run after the current call's response has been written (the dispatcher answers in microtasks). */
const afterResponse = (fn: () => void): void => void setImmediate(fn);

export class ChainHeadFollow {
  /** Reported blocks that are neither finalized nor pruned. */
  private readonly live = new Map<string, LiveBlock>();
  private readonly pinned = new Set<string>();
  private readonly operations = new Map<string, Operation>();
  private finalized: { hash: string; number: number };
  private best: string;
  private slotsInUse = 0;
  private nextOperationId = 1;
  private stopped = false;
  private unlisten: (() => void) | undefined;
  private keepAlive: NodeJS.Timeout | undefined;

  constructor(
    private readonly api: NodeApi,
    private readonly sink: SubscriptionSink,
    readonly withRuntime: boolean,
    private readonly logger: Logger,
    private readonly limits: ChainHeadLimits,
  ) {
    const fin = api.finalized();
    this.finalized = { hash: toHex(fin.hash), number: fin.number };
    this.best = this.finalized.hash;
  }

  get id(): string {
    return this.sink.id;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Send `initialized`, the non-finalized chain and the best block, then follow chain events. */
  start(connection: RpcConnection | undefined): void {
    const finHash = fromHex(this.finalized.hash);
    this.pinned.add(this.finalized.hash);
    const initialized: Record<string, unknown> = { event: 'initialized', finalizedBlockHashes: [this.finalized.hash] };
    if (this.withRuntime) initialized.finalizedBlockRuntime = runtimeAt(this.api, finHash);
    this.sink.send(initialized);

    const best = this.api.best();
    this.ensureReported(toHex(best.hash));
    this.setBest(this.live.has(toHex(best.hash)) ? toHex(best.hash) : this.finalized.hash, true);

    this.unlisten = this.api.onChainEvent((e) => {
      try {
        this.onChainEvent(e);
      } catch (err) {
        this.logger.warn({ err, subscription: this.id }, 'chainHead follow update failed; stopping the subscription');
        this.stop();
      }
    });

    if (connection && this.limits.keepAliveMs > 0) {
      const period = this.limits.keepAliveMs;
      this.keepAlive = setInterval(
        () => {
          if (connection.isOpen && Date.now() - connection.lastTextSentAt >= period) connection.sendText(KEEPALIVE_MESSAGE);
        },
        Math.max(10, Math.floor(period / 4)),
      );
      this.keepAlive.unref();
    }
  }

  /** Send `stop` and end the subscription (its teardown calls `dispose`). */
  stop(): void {
    if (this.stopped) return;
    this.sink.send({ event: 'stop' });
    this.dispose();
    this.sink.end();
  }

  /** Forget everything; no more events. Idempotent. */
  dispose(): void {
    this.stopped = true;
    this.unlisten?.();
    this.unlisten = undefined;
    if (this.keepAlive) clearInterval(this.keepAlive);
    this.keepAlive = undefined;
    for (const op of this.operations.values()) op.stopped = true;
    this.operations.clear();
    this.slotsInUse = 0;
    this.live.clear();
    this.pinned.clear();
  }

  // ---- chain events ----

  private onChainEvent(e: ChainEvent): void {
    if (this.stopped) return;
    switch (e.kind) {
      case 'newBlock': {
        const hash = toHex(e.block.hash);
        if (!this.ensureReported(hash, e.block)) return;
        if (e.isBest) this.setBest(hash);
        return;
      }
      case 'bestChanged': {
        const hash = toHex(e.hash);
        if (this.ensureReported(hash)) this.setBest(hash);
        return;
      }
      case 'finalized':
        this.onFinalized(e.hashes.map(toHex), e.pruned.map(toHex));
        return;
    }
  }

  private isKnown(hash: string): boolean {
    return hash === this.finalized.hash || this.live.has(hash);
  }

  /**
   * Report `hash` and any unreported ancestors (oldest first) with `newBlock`. False when the
   * block does not descend from the finalized block through known blocks.
   */
  private ensureReported(hash: string, known?: StoredBlock): boolean {
    const missing: StoredBlock[] = [];
    let cur = hash;
    let block = known;
    while (!this.isKnown(cur)) {
      block ??= this.api.block(fromHex(cur));
      if (!block || block.header.number <= this.finalized.number) return false;
      missing.push(block);
      cur = toHex(block.header.parent_hash);
      block = undefined;
    }
    for (let i = missing.length - 1; i >= 0; i--) this.reportNewBlock(missing[i]!);
    return true;
  }

  private reportNewBlock(block: StoredBlock): void {
    const hash = toHex(block.hash);
    const parent = toHex(block.header.parent_hash);
    this.live.set(hash, { parent, number: block.header.number });
    this.pinned.add(hash);
    const event: Record<string, unknown> = { event: 'newBlock', blockHash: hash, parentBlockHash: parent };
    if (this.withRuntime) event.newRuntime = newRuntimeAt(this.api, block.hash, block.header.parent_hash);
    this.sink.send(event);
  }

  private setBest(hash: string, force = false): void {
    if (!force && hash === this.best) return;
    this.best = hash;
    this.sink.send({ event: 'bestBlockChanged', bestBlockHash: hash });
  }

  /** Whether `hash` (a live block) descends from, or is, the live-or-finalized block `ancestor`. */
  private descendsFrom(hash: string, ancestor: string, ancestorNumber: number): boolean {
    let cur = hash;
    for (;;) {
      if (cur === ancestor) return true;
      const b = this.live.get(cur);
      if (!b || b.number <= ancestorNumber) return false;
      cur = b.parent;
    }
  }

  private onFinalized(hashes: string[], nodePruned: string[]): void {
    if (hashes.length === 0) return;
    const target = hashes[hashes.length - 1]!;
    if (!this.ensureReported(target)) return;
    // The reported chain from the old finalized block to the new one, oldest first.
    const newlyFinalized: string[] = [];
    for (let cur = target; cur !== this.finalized.hash; ) {
      const b = this.live.get(cur);
      if (!b) return; // cannot happen after ensureReported
      newlyFinalized.push(cur);
      cur = b.parent;
    }
    newlyFinalized.reverse();
    if (newlyFinalized.length === 0) return;
    const targetNumber = this.live.get(target)!.number;
    const finalizedSet = new Set(newlyFinalized);

    const pruned: string[] = [];
    for (const [hash] of this.live) {
      if (finalizedSet.has(hash)) continue;
      if (!this.descendsFrom(hash, target, targetNumber)) pruned.push(hash);
    }
    for (const hash of nodePruned) if (this.live.has(hash) && !finalizedSet.has(hash) && !pruned.includes(hash)) pruned.push(hash);

    // The best block must stay either the new finalized block or a surviving descendant of it.
    if (this.best !== target && (finalizedSet.has(this.best) || pruned.includes(this.best))) {
      const nodeBest = toHex(this.api.best().hash);
      const survivor = nodeBest !== target && this.live.has(nodeBest) && !pruned.includes(nodeBest) && !finalizedSet.has(nodeBest);
      this.setBest(survivor ? nodeBest : target);
    }

    for (const hash of newlyFinalized) this.live.delete(hash);
    for (const hash of pruned) this.live.delete(hash);
    this.finalized = { hash: target, number: targetNumber };
    this.sink.send({ event: 'finalized', finalizedBlockHashes: newlyFinalized, prunedBlockHashes: pruned });

    if (this.pinned.size - this.live.size > this.limits.maxPinnedFinalized) {
      this.logger.debug({ subscription: this.id, pinned: this.pinned.size }, 'chainHead follower pins too many blocks; stopping it');
      this.stop();
    }
  }

  // ---- pinned blocks ----

  /** The block, if it is pinned in this subscription; otherwise -32801. */
  pinnedBlock(hash: Uint8Array): StoredBlock {
    if (!this.pinned.has(toHex(hash))) throw invalidBlock();
    const block = this.api.block(hash);
    if (!block) throw invalidBlock();
    return block;
  }

  /** Unpin all or nothing: -32804 for duplicates, -32801 if one is not pinned. */
  unpin(hashes: string[]): void {
    if (new Set(hashes).size !== hashes.length) throw new NodeRpcError(ChainHeadError.DuplicateHashes, 'Received duplicate hashes for the `chainHead_unpin` method');
    for (const h of hashes) if (!this.pinned.has(h)) throw invalidBlock();
    for (const h of hashes) this.pinned.delete(h);
  }

  // ---- operations ----

  private startOperation(slots: number, run: (op: Operation) => void): StartResult {
    if (this.stopped) return { result: 'limitReached' };
    const op: Operation = { id: String(this.nextOperationId++), slots, stopped: false };
    this.operations.set(op.id, op);
    this.slotsInUse += slots;
    afterResponse(() => {
      if (op.stopped) return;
      run(op);
    });
    return { result: 'started', operationId: op.id };
  }

  private finishOperation(op: Operation): void {
    if (this.operations.get(op.id) !== op) return;
    this.operations.delete(op.id);
    this.slotsInUse -= op.slots;
    op.stopped = true;
  }

  /** Send an operation event unless the operation was stopped. */
  private emit(op: Operation, event: Record<string, unknown>): void {
    if (!op.stopped && !this.stopped) this.sink.send({ ...event, operationId: op.id });
  }

  private freeSlots(): number {
    return Math.max(0, this.limits.maxOperationSlots - this.slotsInUse);
  }

  body(hash: Uint8Array): StartResult {
    const block = this.pinnedBlock(hash);
    if (this.freeSlots() < 1) return { result: 'limitReached' };
    return this.startOperation(1, (op) => {
      this.emit(op, { event: 'operationBodyDone', value: block.extrinsics.map(toHex) });
      this.finishOperation(op);
    });
  }

  call(hash: Uint8Array, method: string, args: Uint8Array): StartResult {
    if (!this.withRuntime) {
      throw new NodeRpcError(ChainHeadError.NoRuntime, 'The chainHead_v1_follow subscription was started with `withRuntime` set to `false`');
    }
    this.pinnedBlock(hash);
    if (this.freeSlots() < 1) return { result: 'limitReached' };
    return this.startOperation(1, (op) => {
      let output: Uint8Array;
      try {
        output = this.api.runtimeCall(method, args, hash);
      } catch (err) {
        this.emit(op, { event: 'operationError', error: errorMessage(err) });
        this.finishOperation(op);
        return;
      }
      this.emit(op, { event: 'operationCallDone', output: toHex(output) });
      this.finishOperation(op);
    });
  }

  /** Accepts as many items as there are free slots; the rest are reported as `discardedItems`. */
  storage(hash: Uint8Array, queries: StorageQuery[], childTrie: Uint8Array | undefined): StartResult {
    this.pinnedBlock(hash);
    const accepted = Math.min(queries.length, this.freeSlots());
    if (queries.length > 0 && accepted === 0) return { result: 'limitReached' };
    // No child tries exist on this chain: such a query finds nothing.
    const cursor = new StorageQueryCursor(this.api, hash, childTrie ? [] : queries.slice(0, accepted));
    const started = this.startOperation(accepted, (op) => this.runStorage(op, cursor));
    return started.result === 'started' ? { ...started, discardedItems: queries.length - accepted } : started;
  }

  private runStorage(op: Operation, cursor: StorageQueryCursor): void {
    if (op.stopped) return;
    const page = this.limits.storagePageSize;
    let items;
    try {
      items = cursor.next(page);
    } catch (err) {
      this.emit(op, { event: 'operationError', error: errorMessage(err) });
      this.finishOperation(op);
      return;
    }
    if (items.length > 0) this.emit(op, { event: 'operationStorageItems', items });
    if (cursor.done) {
      this.emit(op, { event: 'operationStorageDone' });
      this.finishOperation(op);
      return;
    }
    op.resume = () => {
      op.resume = undefined;
      afterResponse(() => this.runStorage(op, cursor));
    };
    this.emit(op, { event: 'operationWaitingForContinue' });
  }

  /** `chainHead_v1_continue`: -32803 if the operation exists but is not waiting; ignored if unknown. */
  continueOperation(operationId: string): void {
    const op = this.operations.get(operationId);
    if (!op) return;
    if (!op.resume) throw new NodeRpcError(ChainHeadError.InvalidContinue, 'Invalid continue: the operation is not waiting for `chainHead_v1_continue`');
    op.resume();
  }

  stopOperation(operationId: string): void {
    const op = this.operations.get(operationId);
    if (op) this.finishOperation(op);
  }
}
