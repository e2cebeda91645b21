/**
 * Block execution of balance transfers: balances, fees and their recipient (the Aura author),
 * events, issuance; a failed extrinsic changes nothing but fee and nonce (checked on the state
 * root); existential-deposit edge cases (reaping, keep-alive, endowing below the ED).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aToHex } from '@polkadot/util';
import { ScaleWriter, type EnumValue } from '../../../../src/primitives/scale/index.ts';
import type { EventRecord } from '../../../../src/runtime/framework/context.ts';
import type { RuntimeCall } from '../../../../src/runtime/framework/runtime-builder.ts';
import { SystemStorage } from '../../../../src/runtime/pallets/system/storage.ts';
import { OverlayedState } from '../../../../src/state/overlay.ts';
import { trieRoot } from '../../../../src/state/trie/index.ts';
import {
  BASE_EXTRINSIC_WEIGHT, TAO, TestChain, devKeys, eventNames, eventsOf, expectedFee, findEvent, type DevKeys,
} from '../../../helpers/runtime.ts';

const hex = (b: Uint8Array) => u8aToHex(b);
const id = (pair: KeyringPair) => ({ tag: 'Id', value: pair.publicKey });
const token = (name: string): EnumValue => ({ tag: 'Token', value: { tag: name, value: undefined } });

let keys: DevKeys;

beforeAll(async () => {
  keys = await devKeys();
});

function transferKeepAlive(chain: TestChain, to: KeyringPair, value: bigint): RuntimeCall {
  return chain.call('Balances', 'transfer_keep_alive', { dest: id(to), value });
}

function callWeight(chain: TestChain, call: RuntimeCall): bigint {
  return chain.rt.runtime.dispatchInfo(call).weight;
}

function dispatchInfoOf(weight: bigint) {
  return {
    weight: { ref_time: weight + BASE_EXTRINSIC_WEIGHT, proof_size: 0n },
    class: { tag: 'Normal', value: undefined },
    pays_fee: { tag: 'Yes', value: undefined },
  };
}

describe('a successful transfer', () => {
  it('Alice → Bob with Alice as block author: Alice is down exactly the amount (her fee comes back to her)', async () => {
    const chain = await TestChain.create({ authorities: [keys.alice.publicKey] });
    const amount = 12_345n * TAO;
    const call = transferKeepAlive(chain, keys.bob, amount);
    const before = { alice: chain.free(keys.alice.publicKey), bob: chain.free(keys.bob.publicKey), issuance: chain.totalIssuance() };
    const xt = chain.sign(keys.alice, call);
    const fee = expectedFee(xt.length, callWeight(chain, call));

    const r = chain.executeBlock([xt]);
    expect(r.results[0]).toMatchObject({ ok: true, outcome: { ok: true } });
    expect(chain.free(keys.alice.publicKey)).toBe(before.alice - amount);
    expect(chain.free(keys.bob.publicKey)).toBe(before.bob + amount);
    expect(chain.account(keys.alice.publicKey).nonce).toBe(1);
    expect(chain.account(keys.bob.publicKey).nonce).toBe(0);
    expect(chain.totalIssuance()).toBe(before.issuance);

    const evs = eventsOf(r.events, 1);
    expect(findEvent(evs, 'Balances', 'Transfer')!.event.fields).toEqual({ from: keys.alice.publicKey, to: keys.bob.publicKey, amount });
    expect(findEvent(evs, 'Balances', 'Withdraw')!.event.fields).toEqual({ who: keys.alice.publicKey, amount: fee });
    expect(findEvent(evs, 'Balances', 'Deposit')!.event.fields).toEqual({ who: keys.alice.publicKey, amount: fee });
    expect(findEvent(evs, 'TransactionPayment', 'TransactionFeePaid')!.event.fields).toEqual({ who: keys.alice.publicKey, actual_fee: fee, tip: 0n });
    expect(evs[evs.length - 1]!.event).toEqual({
      pallet: 'System', name: 'ExtrinsicSuccess', fields: { dispatch_info: dispatchInfoOf(callWeight(chain, call)) },
    });
    // The inherent's success comes first; storage holds exactly the deposited events.
    expect(eventNames(eventsOf(r.events, 0))).toEqual(['System.ExtrinsicSuccess']);
    expect(chain.storedEvents()).toEqual(r.events);
    expect(SystemStorage.EventCount.getOr(chain.trie)).toBe(r.events.length);
  });

  it('Alice → Bob with Bob as block author: the fee moves to Bob, issuance unchanged', async () => {
    const chain = await TestChain.create({ authorities: [keys.bob.publicKey] });
    const amount = 7n * TAO + 3n;
    const call = transferKeepAlive(chain, keys.bob, amount);
    const xt = chain.sign(keys.alice, call, { tip: 1_000n });
    const fee = expectedFee(xt.length, callWeight(chain, call), 1_000n);
    const before = { alice: chain.free(keys.alice.publicKey), bob: chain.free(keys.bob.publicKey), issuance: chain.totalIssuance() };

    const r = chain.executeBlock([xt]);
    expect(r.results[0]!.ok).toBe(true);
    expect(chain.free(keys.alice.publicKey)).toBe(before.alice - amount - fee);
    expect(chain.free(keys.bob.publicKey)).toBe(before.bob + amount + fee);
    expect(chain.totalIssuance()).toBe(before.issuance);
    expect(findEvent(r.events, 'Balances', 'Deposit')!.event.fields).toEqual({ who: keys.bob.publicKey, amount: fee });
    expect(findEvent(r.events, 'TransactionPayment', 'TransactionFeePaid')!.event.fields).toEqual({
      who: keys.alice.publicKey, actual_fee: fee, tip: 1_000n,
    });
  });

  it('the author rotates with the slot (authorities[slot % n])', async () => {
    const chain = await TestChain.create({ authorities: [keys.bob.publicKey, keys.charlie.publicKey], balances: [
      [keys.alice.publicKey, 1_000n * TAO], [keys.bob.publicKey, 1_000n * TAO], [keys.charlie.publicKey, 1_000n * TAO],
    ] });
    const call = chain.call('System', 'remark', { remark: new Uint8Array(10) });
    const start = chain.lastTimestamp + 250n;
    const slot = start / 250n;
    const author = slot % 2n === 0n ? keys.bob : keys.charlie;
    const other = author === keys.bob ? keys.charlie : keys.bob;
    const xt = chain.sign(keys.alice, call);
    const fee = expectedFee(xt.length, callWeight(chain, call));
    const a0 = chain.free(author.publicKey);
    const o0 = chain.free(other.publicKey);
    chain.executeBlock([xt]);
    expect(chain.free(author.publicKey)).toBe(a0 + fee);
    expect(chain.free(other.publicKey)).toBe(o0);
    // next slot: the other authority is paid
    const xt2 = chain.sign(keys.alice, call);
    chain.executeBlock([xt2]);
    expect(chain.free(other.publicKey)).toBe(o0 + expectedFee(xt2.length, callWeight(chain, call)));
  });

  it('records the block in System storage and computes the extrinsics root over the included extrinsics', async () => {
    const chain = await TestChain.create();
    const xt = chain.sign(keys.alice, transferKeepAlive(chain, keys.bob, TAO));
    const r1 = chain.executeBlock([xt]);
    expect(SystemStorage.Number.getOr(chain.trie)).toBe(1);
    expect(hex(SystemStorage.ParentHash.getOr(chain.trie))).toBe(hex(chain.genesisHash));
    expect(hex(SystemStorage.BlockHash.getOr(chain.trie, 0))).toBe(hex(chain.genesisHash));
    // Per-block scratch items are gone after finalization.
    expect(SystemStorage.ExtrinsicCount.get(chain.trie)).toBeUndefined();
    expect(SystemStorage.AllExtrinsicsLen.get(chain.trie)).toBeUndefined();
    expect(chain.trie.get(SystemStorage.ExtrinsicData.key(0))).toBeUndefined();
    expect(chain.trie.get(Uint8Array.from(Buffer.from(':extrinsic_index')))).toBeUndefined();
    expect(r1.included.length).toBe(2);
    // Substrate's ordered_trie_root: a state-version-0 trie keyed by Compact<u32> index.
    const indexed = r1.included.map((x, i): [Uint8Array, Uint8Array] => [new ScaleWriter(4).compact(i).finish(), x]);
    expect(hex(r1.extrinsicsRoot)).toBe(hex(trieRoot(indexed, 0)));
    expect(hex(r1.included[1]!)).toBe(hex(xt));
    const r2 = chain.executeBlock([]);
    expect(hex(SystemStorage.BlockHash.getOr(chain.trie, 1))).toBe(hex(r1.hash));
    expect(hex(r2.header.parent_hash)).toBe(hex(r1.hash));
    // The state root in the header is the root of the state after the block.
    expect(hex(r2.header.state_root)).toBe(hex(chain.stateRoot()));
  });
});

/**
 * A failed extrinsic changes nothing but fee and nonce — checked exactly, on the state root.
 *
 * Block A = [timestamp, failing xt] on the pre-state. Block B = [timestamp] on the same
 * pre-state, same number, parent, slot and timestamp. Everything that block A may legitimately
 * change beyond block B is then written by hand onto B's post-state, from independent facts:
 *   - the signer's account: nonce + 1, free − fee (fee from the published fee formula);
 *   - the author's account: free + fee (read after the signer's update, so signer = author works);
 *   - System.Events: B's events followed by the four records a failed signed extrinsic deposits
 *     at ApplyExtrinsic(1): Balances.Withdraw(fee), Balances.Deposit(author, fee),
 *     TransactionPayment.TransactionFeePaid, System.ExtrinsicFailed(error, declared weight +
 *     base extrinsic weight); System.EventCount accordingly;
 *   - System.BlockWeight: the Normal class grows by declared weight + base extrinsic weight.
 * The per-block scratch items (ExtrinsicData, AllExtrinsicsLen, ExtrinsicCount,
 * :extrinsic_index) are removed at finalization in both blocks. The patched B must then have
 * exactly A's state root: any other write by the failed call (a balance moved, an event left
 * behind, an account created) makes the roots differ.
 */
function expectOnlyFeeAndNonce(pre: TestChain, signer: KeyringPair, author: KeyringPair, call: RuntimeCall, error: EnumValue): void {
  const xt = pre.sign(signer, call);
  const weight = callWeight(pre, call);
  const fee = expectedFee(xt.length, weight);
  const a = pre.fork();
  const b = pre.fork();
  const issuance = pre.totalIssuance();

  const ra = a.executeBlock([xt]);
  expect(ra.results[0]).toMatchObject({ ok: true, outcome: { ok: false, error } });
  const rb = b.executeBlock([]);
  expect(hex(ra.stateRoot)).not.toBe(hex(rb.stateRoot));

  const o = new OverlayedState(b.trie);
  const s = SystemStorage.Account.getOr(o, signer.publicKey);
  s.nonce += 1;
  s.data.free -= fee;
  SystemStorage.Account.set(o, s, signer.publicKey);
  const au = SystemStorage.Account.getOr(o, author.publicKey);
  au.data.free += fee;
  SystemStorage.Account.set(o, au, author.publicKey);

  const at = (event: EventRecord['event']): EventRecord => ({ phase: { tag: 'ApplyExtrinsic', value: 1 }, event, topics: [] });
  const events: EventRecord[] = [
    ...rb.events,
    at({ pallet: 'Balances', name: 'Withdraw', fields: { who: signer.publicKey, amount: fee } }),
    at({ pallet: 'Balances', name: 'Deposit', fields: { who: author.publicKey, amount: fee } }),
    at({ pallet: 'TransactionPayment', name: 'TransactionFeePaid', fields: { who: signer.publicKey, actual_fee: fee, tip: 0n } }),
    at({ pallet: 'System', name: 'ExtrinsicFailed', fields: { dispatch_error: error, dispatch_info: dispatchInfoOf(weight) } }),
  ];
  SystemStorage.Events.set(o, events);
  SystemStorage.EventCount.set(o, events.length);
  const bw = SystemStorage.BlockWeight.getOr(o);
  bw.normal.ref_time += weight + BASE_EXTRINSIC_WEIGHT;
  SystemStorage.BlockWeight.set(o, bw);
  for (const { key, value } of o.changes().values()) {
    if (value === null) b.trie.delete(key);
    else b.trie.set(key, value);
  }

  expect(hex(a.stateRoot())).toBe(hex(b.stateRoot()));
  expect(a.totalIssuance()).toBe(issuance);
  expect(ra.events).toEqual(events);
}

describe('a failed extrinsic changes nothing but fee and nonce', () => {
  let pre: TestChain;

  beforeAll(async () => {
    // Bob authors, so the fee visibly moves from the signer to him.
    pre = await TestChain.create({
      authorities: [keys.bob.publicKey],
      balances: [[keys.alice.publicKey, 1_000n * TAO], [keys.bob.publicKey, 1_000n * TAO], [keys.charlie.publicKey, 50n * TAO]],
    });
    // Some history first, so the pre-state is not genesis.
    pre.executeBlock([pre.sign(keys.alice, transferKeepAlive(pre, keys.charlie, TAO))]);
  });

  it('transfer_keep_alive of more than the balance → Token(FundsUnavailable)', () => {
    expectOnlyFeeAndNonce(pre, keys.alice, keys.bob, transferKeepAlive(pre, keys.charlie, 5_000n * TAO), token('FundsUnavailable'));
  });

  it('a Root-only call from a signed origin → BadOrigin (signer is also the author)', () => {
    const call = pre.call('Balances', 'force_set_balance', { who: id(keys.charlie), new_free: 1n });
    expectOnlyFeeAndNonce(pre, keys.bob, keys.bob, call, { tag: 'BadOrigin', value: undefined });
  });

  it('batch_all whose second call fails reverts the first one too', () => {
    const call = pre.call('Utility', 'batch_all', {
      calls: [transferKeepAlive(pre, keys.charlie, TAO), transferKeepAlive(pre, keys.dave, 10_000n * TAO)],
    });
    expectOnlyFeeAndNonce(pre, keys.alice, keys.bob, call, token('FundsUnavailable'));
  });

  it('a transfer that would leave the sender below the ED with keep-alive → Token(NotExpendable)', () => {
    const free = pre.free(keys.charlie.publicKey);
    // Charlie keeps only what pays the fee plus 1 rao: below the 500 rao existential deposit.
    const probe = pre.sign(keys.charlie, transferKeepAlive(pre, keys.alice, free));
    const fee = expectedFee(probe.length, callWeight(pre, transferKeepAlive(pre, keys.alice, free)));
    const call = transferKeepAlive(pre, keys.alice, free - fee - 1n);
    expect(pre.sign(keys.charlie, call).length).toBe(probe.length);
    expectOnlyFeeAndNonce(pre, keys.charlie, keys.bob, call, token('NotExpendable'));
  });
});

describe('existential deposit (500 rao) edge cases', () => {
  const DAVE_START = 10_000_000n; // 0.01 TAO
  let chain: TestChain;

  beforeAll(async () => {
    chain = await TestChain.create({
      balances: [[keys.alice.publicKey, 1_000n * TAO], [keys.bob.publicKey, 1_000n * TAO], [keys.dave.publicKey, DAVE_START]],
    });
  });

  /** A transfer from Dave leaving exactly `left` rao after amount and fee (amounts keep a 4-byte compact). */
  function daveTransfer(c: TestChain, name: 'transfer_allow_death' | 'transfer_keep_alive', left: bigint) {
    const probeCall = c.call('Balances', name, { dest: id(keys.bob), value: 1_000_000n });
    const probe = c.sign(keys.dave, probeCall);
    const fee = expectedFee(probe.length, callWeight(c, probeCall));
    const amount = c.free(keys.dave.publicKey) - fee - left;
    const call = c.call('Balances', name, { dest: id(keys.bob), value: amount });
    const xt = c.sign(keys.dave, call);
    expect(xt.length).toBe(probe.length);
    return { xt, amount, fee };
  }

  it('transfer_allow_death below the ED reaps the sender: KilledAccount, DustLost, issuance down by the dust', () => {
    const c = chain.fork();
    const { xt, amount } = daveTransfer(c, 'transfer_allow_death', 100n);
    const issuance = c.totalIssuance();
    const bob = c.free(keys.bob.publicKey);
    const r = c.executeBlock([xt]);
    expect(r.results[0]).toMatchObject({ ok: true, outcome: { ok: true } });
    expect(c.trie.get(SystemStorage.Account.key(keys.dave.publicKey))).toBeUndefined();
    expect(c.free(keys.bob.publicKey)).toBe(bob + amount);
    expect(c.totalIssuance()).toBe(issuance - 100n);
    const evs = eventsOf(r.events, 1);
    expect(findEvent(evs, 'System', 'KilledAccount')!.event.fields).toEqual({ account: keys.dave.publicKey });
    expect(findEvent(evs, 'Balances', 'DustLost')!.event.fields).toEqual({ account: keys.dave.publicKey, amount: 100n });
    expect(findEvent(evs, 'Balances', 'Transfer')!.event.fields).toEqual({ from: keys.dave.publicKey, to: keys.bob.publicKey, amount });
    expect(eventNames(evs).at(-1)).toBe('System.ExtrinsicSuccess');
  });

  it('transfer_keep_alive to exactly the ED succeeds; one rao less fails with Token(NotExpendable)', () => {
    const ok = chain.fork();
    const t1 = daveTransfer(ok, 'transfer_keep_alive', 500n);
    expect(ok.executeBlock([t1.xt]).results[0]).toMatchObject({ ok: true, outcome: { ok: true } });
    expect(ok.free(keys.dave.publicKey)).toBe(500n);

    const bad = chain.fork();
    const t2 = daveTransfer(bad, 'transfer_keep_alive', 499n);
    const r = bad.executeBlock([t2.xt]);
    expect(r.results[0]).toMatchObject({ ok: true, outcome: { ok: false, error: token('NotExpendable') } });
    expect(bad.free(keys.dave.publicKey)).toBe(DAVE_START - t2.fee);
    expect(findEvent(r.events, 'System', 'ExtrinsicFailed')!.event.fields.dispatch_error).toEqual(token('NotExpendable'));
  });

  it('endowing a new account below the ED fails with Token(BelowMinimum); exactly the ED works', () => {
    const c = chain.fork();
    const r = c.executeBlock([c.sign(keys.alice, transferKeepAlive(c, keys.eve, 499n))]);
    expect(r.results[0]).toMatchObject({ ok: true, outcome: { ok: false, error: token('BelowMinimum') } });
    expect(c.trie.get(SystemStorage.Account.key(keys.eve.publicKey))).toBeUndefined();
    const r2 = c.executeBlock([c.sign(keys.alice, transferKeepAlive(c, keys.eve, 500n))]);
    expect(r2.results[0]).toMatchObject({ ok: true, outcome: { ok: true } });
    expect(c.free(keys.eve.publicKey)).toBe(500n);
  });

  it('a new recipient gets NewAccount then Endowed, then the Transfer; its account has one provider', () => {
    const c = chain.fork();
    const r = c.executeBlock([c.sign(keys.alice, transferKeepAlive(c, keys.ferdie, 3n * TAO))]);
    const names = eventNames(eventsOf(r.events, 1));
    const order = ['System.NewAccount', 'Balances.Endowed', 'Balances.Transfer'].map((n) => names.indexOf(n));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(findEvent(r.events, 'System', 'NewAccount')!.event.fields).toEqual({ account: keys.ferdie.publicKey });
    expect(findEvent(r.events, 'Balances', 'Endowed')!.event.fields).toEqual({ account: keys.ferdie.publicKey, free_balance: 3n * TAO });
    const acct = c.account(keys.ferdie.publicKey);
    expect({ nonce: acct.nonce, providers: acct.providers, consumers: acct.consumers, free: acct.data.free }).toEqual({
      nonce: 0, providers: 1, consumers: 0, free: 3n * TAO,
    });
    // a second transfer to the now-existing account announces nothing new
    const r2 = c.executeBlock([c.sign(keys.alice, transferKeepAlive(c, keys.ferdie, TAO))]);
    expect(eventNames(r2.events)).not.toContain('System.NewAccount');
    expect(eventNames(r2.events)).not.toContain('Balances.Endowed');
  });

  it('a fee that would take the payer below the ED is refused (Payment): fees are withdrawn keep-alive', async () => {
    const remark = (c: TestChain) => c.call('System', 'remark', { remark: new Uint8Array() });
    const probe = await TestChain.create();
    const fee = expectedFee(probe.sign(keys.dave, remark(probe), { nonce: 0 }).length, callWeight(probe, remark(probe)));
    for (const [extra, accepted] of [[499n, false], [500n, true]] as const) {
      const c = await TestChain.create({ balances: [[keys.alice.publicKey, 1_000n * TAO], [keys.dave.publicKey, fee + extra]] });
      const xt = c.sign(keys.dave, remark(c));
      if (accepted) expect(() => c.validate(xt)).not.toThrow();
      else expect(() => c.validate(xt)).toThrow(/Payment/);
      const r = c.executeBlock([xt]);
      expect(r.results[0]!.ok).toBe(accepted);
      expect(c.free(keys.dave.publicKey)).toBe(accepted ? extra : fee + extra);
      expect(c.account(keys.dave.publicKey).nonce).toBe(accepted ? 1 : 0);
    }
  });
});

describe('a transfer to oneself', () => {
  it('is checked like any transfer', async () => {
    const c = await TestChain.create();
    const r = c.executeBlock([c.sign(keys.alice, transferKeepAlive(c, keys.alice, 10_000_000n * TAO))]);
    expect(r.results[0]).toMatchObject({ ok: true, outcome: { ok: false, error: token('FundsUnavailable') } });
    expect(eventNames(r.events)).not.toContain('Balances.Transfer');
  });
});
