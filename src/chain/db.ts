/**
 * The chain database on LevelDB. Single writer: everything a block changes (header, body,
 * canonical index, flat state, state diff, best pointer) lands in one atomic batch.
 */
import { Level } from 'level';
import { KeySpace, META_KEYS, DB_SCHEMA_VERSION, metaKey, numberKey, spaceKey } from '../state/keyspaces.ts';
import { decodeDiff, encodeDiff, type BlockDiff } from '../state/diff.ts';

type Db = Level<Uint8Array, Uint8Array>;
type BatchOp = { type: 'put'; key: Uint8Array; value: Uint8Array } | { type: 'del'; key: Uint8Array };

export interface BlockWrite {
  hash: Uint8Array;
  number: number;
  headerBytes: Uint8Array;
  bodyBytes: Uint8Array;
  diff: BlockDiff;
  /** Apply the diff to the flat state and make this block the best one. */
  makeBest: boolean;
  /** Canonical-index changes when the best chain switches: number → hash. */
  canonical?: [number, Uint8Array][];
  /** Diffs to revert on the flat state before applying this block (a reorg). */
  revert?: BlockDiff[];
  /** Diffs of other blocks to re-apply on the flat state before this one (a reorg). */
  reapply?: BlockDiff[];
}

export class ChainDb {
  private constructor(private readonly db: Db) {}

  static async open(path: string): Promise<ChainDb> {
    const db = new Level<Uint8Array, Uint8Array>(path, { keyEncoding: 'view', valueEncoding: 'view' });
    await db.open();
    const store = new ChainDb(db);
    const schema = store.getMeta(META_KEYS.schema);
    if (schema && schema[0] !== DB_SCHEMA_VERSION) {
      await db.close();
      throw new Error(`database schema ${schema[0]} is not supported (expected ${DB_SCHEMA_VERSION}); purge the chain`);
    }
    return store;
  }

  close(): Promise<void> {
    return this.db.close();
  }

  getMeta(name: string): Uint8Array | undefined {
    return this.db.getSync(metaKey(name));
  }

  getHeaderBytes(hash: Uint8Array): Uint8Array | undefined {
    return this.db.getSync(spaceKey(KeySpace.Header, hash));
  }

  getBodyBytes(hash: Uint8Array): Uint8Array | undefined {
    return this.db.getSync(spaceKey(KeySpace.Body, hash));
  }

  getCanonicalHash(n: number): Uint8Array | undefined {
    return this.db.getSync(numberKey(n));
  }

  getJustification(hash: Uint8Array): Uint8Array | undefined {
    return this.db.getSync(spaceKey(KeySpace.Justification, hash));
  }

  async *iterateHeaders(): AsyncGenerator<[Uint8Array, Uint8Array]> {
    const gte = new Uint8Array([KeySpace.Header]);
    const lt = new Uint8Array([KeySpace.Header + 1]);
    for await (const [k, v] of this.db.iterator({ gte, lt })) yield [k.subarray(1), v];
  }

  async *iterateFlatState(): AsyncGenerator<[Uint8Array, Uint8Array]> {
    const gte = new Uint8Array([KeySpace.FlatState]);
    const lt = new Uint8Array([KeySpace.FlatState + 1]);
    for await (const [k, v] of this.db.iterator({ gte, lt })) yield [k.subarray(1), v];
  }

  async *iterateDiffs(): AsyncGenerator<BlockDiff> {
    const gte = new Uint8Array([KeySpace.StateDiff]);
    const lt = new Uint8Array([KeySpace.StateDiff + 1]);
    for await (const [, v] of this.db.iterator({ gte, lt })) yield decodeDiff(v);
  }

  /** Write the genesis block and its whole state. */
  async writeGenesis(hash: Uint8Array, headerBytes: Uint8Array, bodyBytes: Uint8Array, diff: BlockDiff): Promise<void> {
    const ops: BatchOp[] = [
      { type: 'put', key: metaKey(META_KEYS.schema), value: new Uint8Array([DB_SCHEMA_VERSION]) },
      { type: 'put', key: metaKey(META_KEYS.genesis), value: hash },
      { type: 'put', key: metaKey(META_KEYS.best), value: hash },
      { type: 'put', key: metaKey(META_KEYS.finalized), value: hash },
      { type: 'put', key: spaceKey(KeySpace.Header, hash), value: headerBytes },
      { type: 'put', key: spaceKey(KeySpace.Body, hash), value: bodyBytes },
      { type: 'put', key: numberKey(0), value: hash },
      { type: 'put', key: spaceKey(KeySpace.StateDiff, hash), value: encodeDiff(diff) },
    ];
    for (const e of diff.entries) if (e.next) ops.push({ type: 'put', key: spaceKey(KeySpace.FlatState, e.key), value: e.next });
    await this.db.batch(ops);
  }

  private flatOps(ops: BatchOp[], diff: BlockDiff, direction: 'forward' | 'back'): void {
    for (const e of diff.entries) {
      const v = direction === 'forward' ? e.next : e.prev;
      const key = spaceKey(KeySpace.FlatState, e.key);
      ops.push(v === null ? { type: 'del', key } : { type: 'put', key, value: v });
    }
  }

  async writeBlock(b: BlockWrite): Promise<void> {
    const ops: BatchOp[] = [
      { type: 'put', key: spaceKey(KeySpace.Header, b.hash), value: b.headerBytes },
      { type: 'put', key: spaceKey(KeySpace.Body, b.hash), value: b.bodyBytes },
      { type: 'put', key: spaceKey(KeySpace.StateDiff, b.hash), value: encodeDiff(b.diff) },
    ];
    if (b.makeBest) {
      for (const d of b.revert ?? []) this.flatOps(ops, { ...d, entries: [...d.entries].reverse() }, 'back');
      for (const d of b.reapply ?? []) this.flatOps(ops, d, 'forward');
      this.flatOps(ops, b.diff, 'forward');
      for (const [n, h] of b.canonical ?? []) ops.push({ type: 'put', key: numberKey(n), value: h });
      ops.push({ type: 'put', key: numberKey(b.number), value: b.hash });
      ops.push({ type: 'put', key: metaKey(META_KEYS.best), value: b.hash });
    }
    await this.db.batch(ops);
  }

  async setFinalized(hash: Uint8Array, justification?: Uint8Array): Promise<void> {
    const ops: BatchOp[] = [{ type: 'put', key: metaKey(META_KEYS.finalized), value: hash }];
    if (justification) ops.push({ type: 'put', key: spaceKey(KeySpace.Justification, hash), value: justification });
    await this.db.batch(ops);
  }

  async pruneDiffs(hashes: Uint8Array[]): Promise<void> {
    if (hashes.length === 0) return;
    await this.db.batch(hashes.map((h) => ({ type: 'del' as const, key: spaceKey(KeySpace.StateDiff, h) })));
  }

  /** Drop blocks that are no longer on any chain worth keeping (headers stay for lookups). */
  async deleteBodies(hashes: Uint8Array[]): Promise<void> {
    if (hashes.length === 0) return;
    await this.db.batch(hashes.map((h) => ({ type: 'del' as const, key: spaceKey(KeySpace.Body, h) })));
  }
}
