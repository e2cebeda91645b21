/**
 * The node's state: one in-memory Merkle trie holding the state of the *head* block (normally
 * the best block), plus per-block diffs for recent blocks. Any recent block's state is a view:
 * the head trie with the diffs between head and that block laid over it. Moving the head
 * (new block, reorg) applies or reverts diffs. Persistence is the caller's (ChainDb) job.
 */
import { bytesEqual, toHex } from '../primitives/hex.ts';
import { OverlayedState } from './overlay.ts';
import type { ChangeSet, StateReader } from './reader.ts';
import type { BlockDiff, DiffEntry } from './diff.ts';
import { MerkleTrie } from './trie/index.ts';

export class UnknownStateError extends Error {}

export class StateStore {
  readonly trie = new MerkleTrie(1);
  private headHash: Uint8Array;
  private readonly diffs = new Map<string, BlockDiff>();

  /** `blockNumber` resolves any known block's number (from headers), so diffs are needed only for blocks walked over. */
  constructor(
    headHash: Uint8Array,
    private readonly blockNumber: (hash: Uint8Array) => number | undefined,
  ) {
    this.headHash = headHash;
  }

  get head(): Uint8Array {
    return this.headHash;
  }

  hasDiff(hash: Uint8Array): boolean {
    return this.diffs.has(toHex(hash));
  }

  diff(hash: Uint8Array): BlockDiff | undefined {
    return this.diffs.get(toHex(hash));
  }

  addDiff(diff: BlockDiff): void {
    this.diffs.set(toHex(diff.hash), diff);
  }

  removeDiff(hash: Uint8Array): void {
    this.diffs.delete(toHex(hash));
  }

  get diffCount(): number {
    return this.diffs.size;
  }

  /** Diff of `changes` against the current trie (the values they replace). */
  diffAgainstHead(changes: ChangeSet): DiffEntry[] {
    const out: DiffEntry[] = [];
    for (const { key, value } of changes.values()) {
      const prev = this.trie.get(key) ?? null;
      if (prev === null && value === null) continue;
      if (prev !== null && value !== null && bytesEqual(prev, value)) continue;
      out.push({ key, prev, next: value });
    }
    return out;
  }

  /** Apply entries forward (next values) to the trie. */
  applyEntries(entries: DiffEntry[]): void {
    for (const e of entries) {
      if (e.next === null) this.trie.delete(e.key);
      else this.trie.set(e.key, e.next);
    }
  }

  /** Undo entries (restore prev values), newest first. */
  revertEntries(entries: DiffEntry[]): void {
    for (let i = entries.length - 1; i >= 0; i--) {
      const e = entries[i]!;
      if (e.prev === null) this.trie.delete(e.key);
      else this.trie.set(e.key, e.prev);
    }
  }

  root(): Uint8Array {
    return this.trie.root();
  }

  /**
   * The chain of diffs from `from` back to the common ancestor with `to`, and from that
   * ancestor forward to `to`. Throws UnknownStateError when a diff is missing (pruned).
   */
  private path(from: Uint8Array, to: Uint8Array): { back: BlockDiff[]; forward: BlockDiff[] } {
    const back: BlockDiff[] = [];
    const forward: BlockDiff[] = [];
    let a = from;
    let b = to;
    const numberOf = (h: Uint8Array) => {
      const n = this.blockNumber(h);
      if (n === undefined) throw new UnknownStateError(`unknown block ${toHex(h)}`);
      return n;
    };
    const step = (h: Uint8Array) => {
      const d = this.diff(h);
      if (!d) throw new UnknownStateError(`state of block ${toHex(h)} is not available (pruned)`);
      return d;
    };
    let na = numberOf(a);
    let nb = numberOf(b);
    while (!bytesEqual(a, b)) {
      if (na >= nb) {
        const d = step(a);
        back.push(d);
        a = d.parent;
        na--;
      } else {
        const d = step(b);
        forward.push(d);
        b = d.parent;
        nb--;
      }
    }
    forward.reverse();
    return { back, forward };
  }

  /** Move the head trie to block `target` (reorg or rollback), applying/reverting diffs. */
  moveHead(target: Uint8Array): void {
    if (bytesEqual(target, this.headHash)) return;
    const { back, forward } = this.path(this.headHash, target);
    for (const d of back) this.revertEntries(d.entries);
    for (const d of forward) this.applyEntries(d.entries);
    this.headHash = target;
  }

  /** Record that the trie now holds block `hash`'s state (after applyEntries of its diff). */
  setHead(hash: Uint8Array): void {
    this.headHash = hash;
  }

  /**
   * A read view of block `hash`'s state. Valid until the head moves; take one per request.
   */
  viewAt(hash: Uint8Array): StateReader {
    if (bytesEqual(hash, this.headHash)) return this.trie;
    const { back, forward } = this.path(this.headHash, hash);
    const view = new OverlayedState(this.trie);
    // Walking back, older diffs overwrite newer ones: the result is the ancestor's value.
    for (const d of back) {
      for (const e of d.entries) {
        if (e.prev === null) view.remove(e.key);
        else view.set(e.key, e.prev);
      }
    }
    for (const d of forward) {
      for (const e of d.entries) {
        if (e.next === null) view.remove(e.key);
        else view.set(e.key, e.next);
      }
    }
    return view;
  }
}
