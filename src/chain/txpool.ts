/**
 * The transaction pool: validated transactions ordered by priority, with nonce chains
 * resolved through `provides`/`requires` tags. Transactions whose requirements are not yet
 * provided wait in the future queue. Bounded; a full pool refuses new transactions.
 */
import { toHex } from '../primitives/hex.ts';
import type { Extrinsic } from '../runtime/extrinsic/unchecked.ts';
import { TransactionValidityError, type ValidTransaction } from '../runtime/extrinsic/validity.ts';
import type { TxStatusEvent } from '../node/api.ts';
import { alreadyImported, immediatelyDropped, priorityTooLow, temporarilyBanned, validityRpcError } from './tx-errors.ts';

const FULL_REVALIDATION_SIZE = 512;
const FULL_REVALIDATION_PERIOD = 16;

export interface PoolTx {
  hash: Uint8Array;
  hashHex: string;
  bytes: Uint8Array;
  xt: Extrinsic;
  priority: bigint;
  provides: string[];
  requires: string[];
  longevityUntil: number;
  seq: number;
}

export interface PoolLimits {
  ready: number;
  future: number;
}

export type Validator = (xt: Extrinsic) => ValidTransaction;

export class TxPool {
  private readonly txs = new Map<string, PoolTx>();
  private readonly future = new Set<string>();
  /** Future transactions by a tag they wait for: only these are re-checked when it appears. */
  private readonly waitingOn = new Map<string, Set<string>>();
  private readonly providers = new Map<string, string>();
  private readonly watchers = new Map<string, Set<(e: TxStatusEvent) => void>>();
  private readonly banned = new Map<string, number>();
  private seq = 0;
  private readonly readyListeners = new Set<() => void>();

  constructor(private readonly limits: PoolLimits) {}

  get readyCount(): number {
    return this.txs.size - this.future.size;
  }

  get futureCount(): number {
    return this.future.size;
  }

  get size(): number {
    return this.txs.size;
  }

  has(hash: Uint8Array): boolean {
    return this.txs.has(toHex(hash));
  }

  onReady(listener: () => void): () => void {
    this.readyListeners.add(listener);
    return () => this.readyListeners.delete(listener);
  }

  watch(hash: Uint8Array, listener: (e: TxStatusEvent) => void): () => void {
    const key = toHex(hash);
    let set = this.watchers.get(key);
    if (!set) this.watchers.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set!.delete(listener);
      if (set!.size === 0) this.watchers.delete(key);
    };
  }

  notify(hashHex: string, e: TxStatusEvent): void {
    for (const l of this.watchers.get(hashHex) ?? []) l(e);
    if (['finalized', 'invalid', 'dropped', 'usurped'].includes(e.kind)) this.watchers.delete(hashHex);
  }

  /** Add a decoded, validated transaction. Throws NodeRpcError with Substrate's codes. */
  add(xt: Extrinsic, validate: Validator, bestNumber: number): PoolTx {
    const hashHex = toHex(xt.hash);
    if (this.txs.has(hashHex)) throw alreadyImported(xt.hash);
    const bannedUntil = this.banned.get(hashHex);
    if (bannedUntil !== undefined && bannedUntil > Date.now()) throw temporarilyBanned();
    let valid: ValidTransaction;
    try {
      valid = validate(xt);
    } catch (e) {
      if (e instanceof TransactionValidityError) throw validityRpcError(e);
      throw e;
    }
    const tx: PoolTx = {
      hash: xt.hash,
      hashHex,
      bytes: xt.encoded,
      xt,
      priority: valid.priority,
      provides: valid.provides.map(toHex),
      requires: valid.requires.map(toHex),
      longevityUntil: valid.longevity > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : bestNumber + Number(valid.longevity),
      seq: this.seq++,
    };
    for (const tag of tx.provides) {
      const existing = this.providers.get(tag);
      if (!existing) continue;
      const other = this.txs.get(existing)!;
      if (other.priority >= tx.priority) throw priorityTooLow(other.priority, tx.priority);
      this.removeTx(other.hashHex, { kind: 'usurped' });
    }
    const missing = this.missingTag(tx);
    if (missing !== undefined ? this.future.size >= this.limits.future : this.readyCount >= this.limits.ready) throw immediatelyDropped();
    this.txs.set(hashHex, tx);
    for (const tag of tx.provides) this.providers.set(tag, hashHex);
    if (missing !== undefined) this.park(tx, missing);
    else this.released(tx);
    if (!this.future.has(hashHex)) for (const l of this.readyListeners) l();
    return tx;
  }

  isFuture(hashHex: string): boolean {
    return this.future.has(hashHex);
  }

  /** A tag `tx` requires that no ready transaction provides, if any. */
  private missingTag(tx: PoolTx): string | undefined {
    for (const t of tx.requires) {
      const provider = this.providers.get(t);
      if (provider === undefined || this.future.has(provider)) return t;
    }
    return undefined;
  }

  private park(tx: PoolTx, tag: string): void {
    this.future.add(tx.hashHex);
    let set = this.waitingOn.get(tag);
    if (!set) this.waitingOn.set(tag, (set = new Set()));
    set.add(tx.hashHex);
  }

  /** `first` is ready: wake the future transactions that waited for what it provides. */
  private released(first: PoolTx): void {
    const queue = [first];
    while (queue.length) {
      const tx = queue.pop()!;
      for (const tag of tx.provides) {
        const waiting = this.waitingOn.get(tag);
        if (!waiting) continue;
        this.waitingOn.delete(tag);
        for (const h of waiting) {
          const w = this.txs.get(h);
          if (!w || !this.future.has(h)) continue;
          const missing = this.missingTag(w);
          if (missing !== undefined) {
            this.park(w, missing);
            continue;
          }
          this.future.delete(h);
          this.notify(h, { kind: 'ready' });
          queue.push(w);
        }
      }
    }
  }

  /** Recompute ready/future for the whole pool (after a block changed what is on chain). */
  private reclassify(): void {
    const wasFuture = new Set(this.future);
    this.future.clear();
    this.waitingOn.clear();
    for (const tx of this.txs.values()) this.future.add(tx.hashHex);
    for (const tx of this.txs.values()) {
      if (!this.future.has(tx.hashHex)) continue; // already woken by a provider
      const missing = this.missingTag(tx);
      if (missing !== undefined) {
        this.park(tx, missing);
        continue;
      }
      this.future.delete(tx.hashHex);
      this.released(tx);
    }
    for (const h of wasFuture) if (!this.future.has(h) && this.txs.has(h)) this.notify(h, { kind: 'ready' });
  }

  /** Ready transactions, highest priority first, each after the transactions it depends on. */
  *ready(): IterableIterator<PoolTx> {
    const candidates = [...this.txs.values()].filter((t) => !this.future.has(t.hashHex));
    candidates.sort((a, b) => (a.priority === b.priority ? a.seq - b.seq : a.priority > b.priority ? -1 : 1));
    const provided = new Set<string>();
    const waiting = new Map<string, PoolTx[]>();
    const emitted = new Set<string>();
    const unmet = (tx: PoolTx) => tx.requires.find((t) => this.providers.has(t) && !provided.has(t));
    const queue: PoolTx[] = [];
    const release = function* (tx: PoolTx): Generator<PoolTx> {
      queue.push(tx);
      while (queue.length) {
        const next = queue.shift()!;
        if (emitted.has(next.hashHex)) continue;
        emitted.add(next.hashHex);
        yield next;
        for (const tag of next.provides) {
          provided.add(tag);
          const list = waiting.get(tag);
          if (!list) continue;
          waiting.delete(tag);
          for (const w of list) {
            const missing = unmet(w);
            if (missing) waiting.set(missing, [...(waiting.get(missing) ?? []), w]);
            else queue.push(w);
          }
        }
      }
    };
    for (const tx of candidates) {
      if (emitted.has(tx.hashHex)) continue;
      const missing = unmet(tx);
      if (missing) {
        waiting.set(missing, [...(waiting.get(missing) ?? []), tx]);
        continue;
      }
      yield* release(tx);
    }
  }

  private removeTx(hashHex: string, status?: TxStatusEvent): PoolTx | undefined {
    const tx = this.txs.get(hashHex);
    if (!tx) return undefined;
    this.txs.delete(hashHex);
    this.future.delete(hashHex);
    for (const tag of tx.provides) if (this.providers.get(tag) === hashHex) this.providers.delete(tag);
    if (status) this.notify(hashHex, status);
    return tx;
  }

  /** Drop a transaction that turned out invalid (banned for a while so it is not resubmitted at once). */
  invalidate(hashHex: string): void {
    if (this.removeTx(hashHex, { kind: 'invalid' })) this.banned.set(hashHex, Date.now() + 30_000);
  }

  /**
   * After a new best block: drop the included transactions, then re-check the rest at the new
   * state (stale nonces, lost funds) and drop what expired.
   */
  pruneAfterBlock(includedHex: string[], blockHash: Uint8Array, bestNumber: number, revalidate: Validator): void {
    const releasedTags = new Set<string>();
    includedHex.forEach((h, index) => {
      const tx = this.removeTx(h);
      if (!tx) return;
      for (const tag of tx.provides) releasedTags.add(tag);
      this.notify(h, { kind: 'inBlock', blockHash, index });
    });
    // Re-checking every transaction costs a state read each; dependents of the included ones
    // must be re-checked now (their requirement is on chain), everything else periodically.
    const full = this.txs.size <= FULL_REVALIDATION_SIZE || bestNumber % FULL_REVALIDATION_PERIOD === 0;
    for (const tx of [...this.txs.values()]) {
      if (tx.longevityUntil < bestNumber) {
        this.removeTx(tx.hashHex, { kind: 'invalid' });
        continue;
      }
      if (!full && !tx.requires.some((t) => releasedTags.has(t))) continue;
      try {
        const valid = revalidate(tx.xt);
        tx.requires = valid.requires.map(toHex);
        tx.priority = valid.priority;
      } catch (e) {
        if (e instanceof TransactionValidityError) this.removeTx(tx.hashHex, { kind: 'invalid' });
        else throw e;
      }
    }
    this.reclassify();
    const now = Date.now();
    for (const [h, until] of this.banned) if (until < now) this.banned.delete(h);
  }

  pending(): Uint8Array[] {
    return [...this.txs.values()].map((t) => t.bytes);
  }
}
