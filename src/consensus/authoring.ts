/**
 * The block author. In Aura mode it wakes at every slot and builds when one of its keys is the
 * slot's authority. The dev modes (instant, interval, manual) build on demand, claiming the
 * next slot owned by a local key with a timestamp that keeps Timestamp and Aura consistent.
 */
import type { Logger } from 'pino';
import { toHex } from '../primitives/hex.ts';
import { AuraStorage, slotFromDigest } from '../runtime/pallets/aura/index.ts';
import { TimestampStorage } from '../runtime/pallets/timestamp/index.ts';
import type { Header } from '../runtime/types.ts';
import type { Chain } from '../chain/chain.ts';
import type { TxPool } from '../chain/txpool.ts';
import { buildBlock } from '../chain/builder.ts';
import type { Keystore } from '../node/keystore.ts';
import { sealHeader, slotAuthorIndex } from './aura.ts';
import type { SealingMode } from './sealing.ts';

export interface AuthorOptions {
  chain: Chain;
  pool: TxPool;
  keystore: Keystore;
  mode: SealingMode;
  slotDurationMs: number;
  logger: Logger;
  /** Called after each own block is committed (finality, pool pruning, gossip). */
  onAuthored: (hash: Uint8Array, header: Header, included: string[], invalid: string[]) => Promise<void>;
  maxExtrinsicsPerBlock?: number;
  now?: () => number;
}

export class BlockAuthor {
  private timer: NodeJS.Timeout | undefined;
  private building: Promise<Uint8Array | undefined> | undefined;
  private pendingInstant = false;
  private stopped = false;
  private lastSlot = -1n;
  private readonly now: () => number;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly o: AuthorOptions) {
    this.now = o.now ?? Date.now;
  }

  start(): void {
    const { mode } = this.o;
    if (mode.kind === 'aura') this.scheduleSlot();
    else if (mode.kind === 'interval') this.timer = setInterval(() => void this.seal().catch(() => {}), mode.ms);
    else if (mode.kind === 'instant') {
      this.unsubscribe = this.o.pool.onReady(() => this.requestInstant());
      if (this.o.pool.readyCount > 0) this.requestInstant();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.unsubscribe?.();
    await this.building?.catch(() => undefined);
  }

  private requestInstant(): void {
    if (this.pendingInstant) return;
    this.pendingInstant = true;
    setImmediate(() => {
      this.pendingInstant = false;
      void this.seal().then(() => {
        if (!this.stopped && this.o.pool.readyCount > 0) this.requestInstant();
      }).catch(() => {});
    });
  }

  private scheduleSlot(): void {
    if (this.stopped) return;
    const d = this.o.slotDurationMs;
    const wait = d - (this.now() % d);
    this.timer = setTimeout(() => {
      const slot = BigInt(Math.floor(this.now() / d));
      void this.authorSlot(slot).finally(() => this.scheduleSlot());
    }, wait);
  }

  private async authorSlot(slot: bigint): Promise<void> {
    if (slot <= this.lastSlot) return;
    const best = this.o.chain.best;
    const state = this.o.chain.stateAt(best.hash);
    const authorities = AuraStorage.Authorities.getOr(state);
    if (authorities.length === 0) return;
    const author = authorities[slotAuthorIndex(slot, authorities.length)]!;
    if (!this.o.keystore.has('aura', author)) return;
    const parentSlot = slotFromDigest(best.header.digest.logs) ?? 0n;
    if (slot <= parentSlot) return;
    this.lastSlot = slot;
    await this.produce(best.hash, slot, slot * BigInt(this.o.slotDurationMs), author).catch((err) =>
      this.o.logger.error({ err: (err as Error).message, slot: slot.toString() }, 'failed to author block'),
    );
  }

  /** Build one block now (dev modes and `engine_createBlock`); resolves to its hash. */
  seal(): Promise<Uint8Array | undefined> {
    const run = async () => {
      await this.building?.catch(() => undefined);
      if (this.stopped) return undefined;
      const best = this.o.chain.best;
      const state = this.o.chain.stateAt(best.hash);
      const authorities = AuraStorage.Authorities.getOr(state);
      if (authorities.length === 0) throw new Error('no Aura authorities in the chain state');
      const d = BigInt(this.o.slotDurationMs);
      const parentSlot = slotFromDigest(best.header.digest.logs) ?? 0n;
      const prevTimestamp = TimestampStorage.Now.getOr(state);
      const wallSlot = BigInt(this.now()) / d;
      let slot = wallSlot > parentSlot ? wallSlot : parentSlot + 1n;
      if (prevTimestamp / d >= slot) slot = prevTimestamp / d + 1n;
      // Claim the first slot from here that belongs to one of our keys.
      for (let i = 0; i < authorities.length; i++, slot++) {
        if (this.o.keystore.has('aura', authorities[slotAuthorIndex(slot, authorities.length)]!)) break;
      }
      const author = authorities[slotAuthorIndex(slot, authorities.length)]!;
      if (!this.o.keystore.has('aura', author)) throw new Error('this node holds no Aura authority key (start it with --alice or insert a key)');
      return this.produce(best.hash, slot, slot * d, author);
    };
    const p = run();
    this.building = p;
    return p;
  }

  private async produce(parentHash: Uint8Array, slot: bigint, timestamp: bigint, author: Uint8Array): Promise<Uint8Array> {
    const pair = this.o.keystore.find('aura', author)!;
    const started = this.now();
    const built = buildBlock(this.o.chain, {
      parentHash,
      slot,
      timestamp,
      candidates: this.o.pool.ready(),
      maxExtrinsics: this.o.maxExtrinsicsPerBlock ?? 20_000,
      budgetMs: Math.max(50, Math.floor(this.o.slotDurationMs / 3)),
      now: this.now,
    });
    const { hash, header } = await this.o.chain.commitOwnBlock(built.executed, (h) =>
      sealHeader(h, { publicKey: pair.publicKey, sign: (m) => pair.sign(m) }),
    );
    this.o.logger.info(
      { number: header.number, hash: toHex(hash), extrinsics: built.executed.extrinsics.length, ms: this.now() - started },
      `✨ Imported #${header.number} (${toHex(hash).slice(0, 10)}…)`,
    );
    await this.o.onAuthored(hash, header, built.included, built.invalid);
    return hash;
  }
}
