/**
 * Transactions the runtime must refuse, and with which reason (TaggedTransactionQueue
 * semantics): pool validation through `validateTransaction` and block application through
 * `applyExtrinsic`. A refused extrinsic leaves the state untouched.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aToHex } from '@polkadot/util';
import { concatBytes } from '../../../../src/primitives/hex.ts';
import { ScaleReader, encode } from '../../../../src/primitives/scale/index.ts';
import { mortalEra } from '../../../../src/runtime/extrinsic/era.ts';
import { signExtrinsic } from '../../../../src/runtime/extrinsic/sign.ts';
import { encodeUnsigned } from '../../../../src/runtime/extrinsic/unchecked.ts';
import { TransactionValidityError, type ValidTransaction } from '../../../../src/runtime/extrinsic/validity.ts';
import type { RuntimeCall } from '../../../../src/runtime/framework/runtime-builder.ts';
import { TAO, TestChain, devKeys, signerOf, type DevKeys } from '../../../helpers/runtime.ts';

const hex = (b: Uint8Array) => u8aToHex(b);

/** SCALE((AccountId32, u32 nonce)): the standard `provides`/`requires` tag of a signed transaction. */
function tag(who: KeyringPair, nonce: number): string {
  const n = new Uint8Array(4);
  new DataView(n.buffer).setUint32(0, nonce, true);
  return hex(concatBytes(who.publicKey, n));
}

/** The validity error value thrown by `fn`, as `Invalid.Reason` / `Unknown.Reason`. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof TransactionValidityError) return `${e.value.tag}.${e.reason}`;
    throw e;
  }
  throw new Error('not refused');
}

let keys: DevKeys;
let chain: TestChain;

function transfer(to: KeyringPair, value: bigint): RuntimeCall {
  return { pallet: 'Balances', name: 'transfer_keep_alive', args: { dest: { tag: 'Id', value: to.publicKey }, value } };
}

beforeAll(async () => {
  keys = await devKeys();
  chain = await TestChain.create();
  // Alice's nonce becomes 2; three blocks exist.
  chain.executeBlock([chain.sign(keys.alice, transfer(keys.bob, TAO))]);
  chain.executeBlock([chain.sign(keys.alice, transfer(keys.bob, TAO))]);
  chain.executeBlock([]);
});

describe('validateTransaction', () => {
  it('accepts a good transaction with the standard tags and immortal longevity', () => {
    const v: ValidTransaction = chain.validate(chain.sign(keys.alice, transfer(keys.bob, TAO)));
    expect(v.requires).toEqual([]);
    expect(v.provides.map(hex)).toEqual([tag(keys.alice, 2)]);
    expect(v.longevity).toBe(2n ** 64n - 1n);
    expect(v.propagate).toBe(true);
  });

  it('bad signature → BadProof', () => {
    const xt = chain.sign(keys.alice, transfer(keys.bob, TAO));
    const sigAt = xt.length - new ScaleReader(xt).compactNumber() + 1 + 33 + 1;
    const bad = Uint8Array.from(xt);
    bad[sigAt + 10]! ^= 0x01;
    expect(refusal(() => chain.validate(bad))).toBe('Invalid.BadProof');
    expect(() => chain.validate(xt)).not.toThrow();
  });

  it('signed for another chain, another spec version, or by another key → BadProof', () => {
    const call = transfer(keys.bob, TAO);
    const nonce = 2;
    const otherGenesis = signExtrinsic(chain.rt.runtime, call, signerOf(keys.alice), { nonce, genesisHash: new Uint8Array(32).fill(9) });
    expect(refusal(() => chain.validate(otherGenesis))).toBe('Invalid.BadProof');
    const otherSpec = signExtrinsic(chain.rt.runtime, call, signerOf(keys.alice), { nonce, genesisHash: chain.genesisHash, specVersion: 424 });
    expect(refusal(() => chain.validate(otherSpec))).toBe('Invalid.BadProof');
    const otherTxVersion = signExtrinsic(chain.rt.runtime, call, signerOf(keys.alice), { nonce, genesisHash: chain.genesisHash, transactionVersion: 2 });
    expect(refusal(() => chain.validate(otherTxVersion))).toBe('Invalid.BadProof');
    // Bob's signature under Alice's address
    const impostor = { ...signerOf(keys.bob), publicKey: keys.alice.publicKey };
    const forged = signExtrinsic(chain.rt.runtime, call, impostor, { nonce, genesisHash: chain.genesisHash });
    expect(refusal(() => chain.validate(forged))).toBe('Invalid.BadProof');
  });

  it('mortal era: valid when anchored at a known block, AncientBirthBlock when the birth block is unknown', () => {
    // anchored at the best block (3): valid for blocks 3..66 with period 64
    const good = chain.sign(keys.alice, transfer(keys.bob, TAO), { era: mortalEra(64, 3), birthHash: chain.hashes[3] });
    expect(chain.validate(good).longevity).toBe(3n + 64n - 4n);
    // anchored at block 1000, which does not exist: the birth block for block 4 is 40
    const future = chain.sign(keys.alice, transfer(keys.bob, TAO), { era: mortalEra(64, 1000), birthHash: chain.hashes[3] });
    expect(refusal(() => chain.validate(future))).toBe('Invalid.AncientBirthBlock');
    // right era, wrong birth hash → the implicit data differs → BadProof
    const wrongHash = chain.sign(keys.alice, transfer(keys.bob, TAO), { era: mortalEra(64, 3), birthHash: chain.hashes[2] });
    expect(refusal(() => chain.validate(wrongHash))).toBe('Invalid.BadProof');
  });

  it('an expired mortal transaction is refused (its birth block hash no longer matches: BadProof, as in FRAME)', () => {
    const c = chain.fork();
    const xt = c.sign(keys.alice, transfer(keys.bob, TAO), { era: mortalEra(4, 3), birthHash: c.hashes[3] });
    expect(() => c.validate(xt)).not.toThrow();
    for (let i = 0; i < 4; i++) c.executeBlock([]);
    expect(refusal(() => c.validate(xt))).toBe('Invalid.BadProof');
    expect(c.executeBlock([xt]).results[0]).toMatchObject({ ok: false });
  });

  it('nonce too low → Stale; too high → valid as a future transaction that requires its predecessor', () => {
    expect(refusal(() => chain.validate(chain.sign(keys.alice, transfer(keys.bob, TAO), { nonce: 1 })))).toBe('Invalid.Stale');
    expect(refusal(() => chain.validate(chain.sign(keys.alice, transfer(keys.bob, TAO), { nonce: 0 })))).toBe('Invalid.Stale');
    const v = chain.validate(chain.sign(keys.alice, transfer(keys.bob, TAO), { nonce: 5 }));
    expect(v.requires.map(hex)).toEqual([tag(keys.alice, 4)]);
    expect(v.provides.map(hex)).toEqual([tag(keys.alice, 5)]);
  });

  it('an account that does not exist or cannot pay → Payment', async () => {
    expect(refusal(() => chain.validate(chain.sign(keys.charlie, chain.call('System', 'remark', { remark: new Uint8Array() }))))).toBe(
      'Invalid.Payment',
    );
  });

  it('the zero account as signer → BadSigner', () => {
    const zero = { publicKey: new Uint8Array(32), type: 'sr25519' as const, sign: () => new Uint8Array(64).fill(1) };
    const xt = signExtrinsic(chain.rt.runtime, transfer(keys.bob, TAO), zero, { nonce: 0, genesisHash: chain.genesisHash });
    expect(refusal(() => chain.validate(xt))).toBe('Invalid.BadSigner');
  });

  it('a Sudo call from an account that is not the sudo key → BadSigner (refused before it reaches a block)', () => {
    const inner = chain.call('System', 'remark', { remark: new Uint8Array() });
    const xt = chain.sign(keys.bob, chain.call('Sudo', 'sudo', { call: inner }));
    expect(refusal(() => chain.validate(xt))).toBe('Invalid.BadSigner');
    // from the sudo key it is fine
    expect(() => chain.validate(chain.sign(keys.alice, chain.call('Sudo', 'sudo', { call: inner })))).not.toThrow();
    // in a block it is skipped and leaves no trace (same root as an empty block)
    const c = chain.fork();
    const r = c.executeBlock([xt]);
    expect(r.results[0]).toMatchObject({ ok: false });
    if (!r.results[0]!.ok) expect(r.results[0]!.error.reason).toBe('BadSigner');
    expect(hex(r.stateRoot)).toBe(hex(chain.fork().executeBlock([]).stateRoot));
  });

  it('garbage bytes are refused with a validity error, never an exception of another kind', () => {
    const valid = chain.sign(keys.alice, transfer(keys.bob, TAO));
    const inputs: Uint8Array[] = [
      new Uint8Array(),
      Uint8Array.of(0x00),
      Uint8Array.of(0xff, 0xff, 0xff, 0xff),
      valid.subarray(0, valid.length - 1),
      concatBytes(valid, Uint8Array.of(0)),
      Uint8Array.from({ length: 200 }, (_, i) => (i * 37) & 0xff),
    ];
    for (const bytes of inputs) {
      expect(() => chain.rt.executive.decode(bytes), hex(bytes)).toThrow();
      expect(refusal(() => chain.validate(bytes)), hex(bytes)).toMatch(/^Invalid\./);
    }
  });

  it('unsigned calls: inherents → MandatoryValidation, others → Unknown(NoUnsignedValidator)', () => {
    const rt = chain.rt.runtime;
    const ts = encodeUnsigned(encode(rt.callCodec, chain.call('Timestamp', 'set', { now: 1n })));
    expect(refusal(() => chain.validate(ts))).toBe('Invalid.MandatoryValidation');
    const remark = encodeUnsigned(encode(rt.callCodec, chain.call('System', 'remark', { remark: new Uint8Array() })));
    expect(refusal(() => chain.validate(remark))).toBe('Unknown.NoUnsignedValidator');
    // a signed inherent call is not a transaction either
    expect(refusal(() => chain.validate(chain.sign(keys.alice, chain.call('Timestamp', 'set', { now: 1n }))))).toBe('Invalid.MandatoryValidation');
  });
});

describe('applyExtrinsic', () => {
  it('a nonce ahead of the account is Future in a block and changes nothing', () => {
    const c = chain.fork();
    const xt = c.sign(keys.alice, transfer(keys.bob, TAO), { nonce: 3 });
    const bob = c.free(keys.bob.publicKey);
    const r = c.executeBlock([xt]);
    expect(r.results[0]!.ok).toBe(false);
    if (!r.results[0]!.ok) expect(`${r.results[0]!.error.value.tag}.${r.results[0]!.error.reason}`).toBe('Invalid.Future');
    expect(r.included.length).toBe(1); // only the inherent
    expect(c.free(keys.bob.publicKey)).toBe(bob);
    expect(c.account(keys.alice.publicKey).nonce).toBe(2);
    // with its predecessor first, both go in
    const r2 = c.executeBlock([c.sign(keys.alice, transfer(keys.bob, TAO), { nonce: 2 }), xt]);
    expect(r2.results.map((x) => x.ok)).toEqual([true, true]);
    expect(c.account(keys.alice.publicKey).nonce).toBe(4);
  });

  it('a replayed extrinsic (same bytes in the next block) is Stale and changes nothing', () => {
    const c = chain.fork();
    const xt = c.sign(keys.alice, transfer(keys.bob, 5n * TAO));
    const r1 = c.executeBlock([xt]);
    expect(r1.results[0]).toMatchObject({ ok: true, outcome: { ok: true } });
    const bob = c.free(keys.bob.publicKey);
    const alice = c.account(keys.alice.publicKey);

    expect(refusal(() => c.validate(xt))).toBe('Invalid.Stale');
    // The replay block, and a block with nothing in it, end in the same state.
    const empty = c.fork();
    const re = empty.executeBlock([]);
    const r2 = c.executeBlock([xt]);
    expect(r2.results[0]!.ok).toBe(false);
    if (!r2.results[0]!.ok) expect(r2.results[0]!.error.reason).toBe('Stale');
    expect(c.free(keys.bob.publicKey)).toBe(bob);
    expect(c.account(keys.alice.publicKey)).toEqual(alice);
    expect(hex(r2.stateRoot)).toBe(hex(re.stateRoot));
    // in the same block twice: the second copy is Stale too
    const c2 = chain.fork();
    const once = c2.sign(keys.alice, transfer(keys.bob, TAO));
    expect(c2.executeBlock([once, once]).results.map((x) => x.ok)).toEqual([true, false]);
  });

  it('a refused extrinsic in the middle of a block leaves no trace: same root as the block without it', () => {
    const c = chain.fork();
    const c2 = chain.fork();
    const good1 = c.sign(keys.alice, transfer(keys.bob, TAO), { nonce: 2 });
    const bad = c.sign(keys.charlie, transfer(keys.bob, TAO));
    const good2 = c.sign(keys.bob, transfer(keys.alice, TAO), { nonce: 0 });
    const r = c.executeBlock([good1, bad, good2]);
    expect(r.results.map((x) => x.ok)).toEqual([true, false, true]);
    const r2 = c2.executeBlock([good1, good2]);
    expect(hex(r.stateRoot)).toBe(hex(r2.stateRoot));
    expect(hex(r.extrinsicsRoot)).toBe(hex(r2.extrinsicsRoot));
  });
});
