/**
 * Block-level rules the executive enforces: the timestamp inherent (present once, advancing by
 * at least MinimumPeriod = slot/2 = 125 ms), the Aura slot (increasing, matching the
 * timestamp), and that a rejected block leaves the chain untouched.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { u8aToHex } from '@polkadot/util';
import { timestampInherent } from '../../../../src/chain/builder.ts';
import { auraPreDigest } from '../../../../src/consensus/aura.ts';
import { InvalidBlockError } from '../../../../src/runtime/executive.ts';
import { AuraStorage, InvalidSlot } from '../../../../src/runtime/pallets/aura/index.ts';
import { InvalidTimestamp, TimestampStorage } from '../../../../src/runtime/pallets/timestamp/index.ts';
import { TestChain } from '../../../helpers/runtime.ts';

const hex = (b: Uint8Array) => u8aToHex(b);

let chain: TestChain;
/** A timestamp 200 ms into a slot, so +100 ms stays plausible for Aura (next slot) but not for Timestamp. */
const T = 1_700_000_000_000n + 200n;

beforeAll(async () => {
  chain = await TestChain.create({ startTimestamp: T });
  chain.executeBlock([]);
});

describe('timestamp inherent', () => {
  it('stores Now and the slot; DidUpdate is cleared at finalization', () => {
    expect(TimestampStorage.Now.getOr(chain.trie)).toBe(T);
    expect(AuraStorage.CurrentSlot.getOr(chain.trie)).toBe(T / 250n);
    expect(TimestampStorage.DidUpdate.get(chain.trie)).toBe(false); // absent → default
    expect(chain.trie.get(TimestampStorage.DidUpdate.key())).toBeUndefined();
  });

  it('a block whose timestamp advances by less than the minimum period (125 ms) is rejected', () => {
    const c = chain.fork();
    const root = hex(c.stateRoot());
    expect(() => c.executeBlock([], { timestamp: T + 100n })).toThrow(InvalidTimestamp);
    expect(c.number).toBe(1);
    expect(hex(c.stateRoot())).toBe(root);
    expect(() => c.executeBlock([], { timestamp: T + 124n })).toThrow(InvalidTimestamp);
    expect(() => c.executeBlock([], { timestamp: T - 1n, slot: T / 250n + 1n })).toThrow(InvalidTimestamp);
    // exactly the minimum period is fine
    const r = c.executeBlock([], { timestamp: T + 125n });
    expect(r.number).toBe(2);
    expect(TimestampStorage.Now.getOr(c.trie)).toBe(T + 125n);
  });

  it('the inherent itself throws InvalidTimestamp from applyExtrinsic', () => {
    const { executive } = chain.rt;
    const ts = T + 50n;
    const ctx = executive.initializeBlock(chain.trie, { number: 2, parentHash: chain.bestHash, digest: { logs: [auraPreDigest(ts / 250n + 1n)] } });
    expect(() => executive.applyExtrinsic(ctx, 0, executive.decode(timestampInherent(chain.rt, ts)))).toThrow(InvalidTimestamp);
  });

  it('a second timestamp inherent in the same block is rejected', () => {
    const { executive } = chain.rt;
    const ts = T + 250n;
    const ctx = executive.initializeBlock(chain.trie, { number: 2, parentHash: chain.bestHash, digest: { logs: [auraPreDigest(ts / 250n)] } });
    expect(executive.applyExtrinsic(ctx, 0, executive.decode(timestampInherent(chain.rt, ts))).ok).toBe(true);
    expect(() => executive.applyExtrinsic(ctx, 1, executive.decode(timestampInherent(chain.rt, ts)))).toThrow(InvalidTimestamp);
  });

  it('a block without the timestamp inherent cannot be finalized', () => {
    const { executive } = chain.rt;
    const ctx = executive.initializeBlock(chain.trie, { number: 2, parentHash: chain.bestHash, digest: { logs: [auraPreDigest(T / 250n + 1n)] } });
    expect(() => executive.finalizeBlock(ctx, 0)).toThrow(InvalidBlockError);
  });

  it('a timestamp in a different slot than the block claims is rejected', () => {
    const c = chain.fork();
    expect(() => c.executeBlock([], { timestamp: T + 250n, slot: T / 250n + 5n })).toThrow(InvalidSlot);
    expect(c.number).toBe(1);
  });

  it('the slot must increase', () => {
    const c = chain.fork();
    expect(() => c.executeBlock([], { timestamp: T + 250n, slot: T / 250n })).toThrow(InvalidSlot);
    expect(c.number).toBe(1);
  });
});
