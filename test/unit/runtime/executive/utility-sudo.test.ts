/**
 * Utility batches (batch / batch_all / force_batch and subtensor's no-nesting filter) and Sudo,
 * executed in real blocks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { EnumValue } from '../../../../src/primitives/scale/index.ts';
import type { RuntimeCall } from '../../../../src/runtime/framework/runtime-builder.ts';
import { SystemStorage } from '../../../../src/runtime/pallets/system/storage.ts';
import { SudoStorage } from '../../../../src/runtime/pallets/sudo/index.ts';
import { TAO, TestChain, devKeys, eventNames, eventsOf, expectedFee, findEvent, type DevKeys } from '../../../helpers/runtime.ts';

const token = (name: string): EnumValue => ({ tag: 'Token', value: { tag: name, value: undefined } });
/** `DispatchError::Module { index, error: [e, 0, 0, 0] }` */
const moduleError = (index: number, error: number): EnumValue => ({ tag: 'Module', value: { index, error: Uint8Array.of(error, 0, 0, 0) } });

let keys: DevKeys;
let base: TestChain;

function transfer(to: KeyringPair, value: bigint): RuntimeCall {
  return { pallet: 'Balances', name: 'transfer_keep_alive', args: { dest: { tag: 'Id', value: to.publicKey }, value } };
}

beforeAll(async () => {
  keys = await devKeys();
  // Bob authors, so Alice's balance shows her fees.
  base = await TestChain.create({ authorities: [keys.bob.publicKey] });
});

describe('Utility', () => {
  /** ok, fails (more than Alice has), ok */
  const calls = () => [transfer(keys.charlie, 1n * TAO), transfer(keys.dave, 10_000_000n * TAO), transfer(keys.eve, 2n * TAO)];

  it('batch stops at the first failure with BatchInterrupted and keeps what ran before it', () => {
    const c = base.fork();
    const r = c.executeBlock([c.sign(keys.alice, c.call('Utility', 'batch', { calls: calls() }))]);
    expect(r.results[0]).toMatchObject({ ok: true, outcome: { ok: true } });
    const evs = eventsOf(r.events, 1);
    const names = eventNames(evs);
    expect(names.filter((n) => n.startsWith('Utility.'))).toEqual(['Utility.ItemCompleted', 'Utility.BatchInterrupted']);
    expect(findEvent(evs, 'Utility', 'BatchInterrupted')!.event.fields).toEqual({ index: 1, error: token('FundsUnavailable') });
    expect(names.at(-1)).toBe('System.ExtrinsicSuccess');
    expect(c.free(keys.charlie.publicKey)).toBe(1n * TAO);
    expect(c.free(keys.dave.publicKey)).toBe(0n);
    expect(c.free(keys.eve.publicKey)).toBe(0n);
  });

  it('batch_all reverts everything when one call fails', () => {
    const c = base.fork();
    const xt = c.sign(keys.alice, c.call('Utility', 'batch_all', { calls: calls() }));
    const alice = c.free(keys.alice.publicKey);
    const fee = expectedFee(xt.length, c.rt.runtime.dispatchInfo(c.call('Utility', 'batch_all', { calls: calls() })).weight);
    const r = c.executeBlock([xt]);
    expect(r.results[0]).toMatchObject({ ok: true, outcome: { ok: false, error: token('FundsUnavailable') } });
    const names = eventNames(eventsOf(r.events, 1));
    expect(names.filter((n) => n.startsWith('Utility.'))).toEqual([]);
    expect(names).not.toContain('Balances.Transfer');
    expect(names).not.toContain('System.NewAccount');
    expect(names.at(-1)).toBe('System.ExtrinsicFailed');
    expect(c.trie.get(SystemStorage.Account.key(keys.charlie.publicKey))).toBeUndefined();
    expect(c.free(keys.alice.publicKey)).toBe(alice - fee);
  });

  it('batch_all with every call succeeding applies them all', () => {
    const c = base.fork();
    const r = c.executeBlock([c.sign(keys.alice, c.call('Utility', 'batch_all', { calls: [transfer(keys.charlie, TAO), transfer(keys.eve, 2n * TAO)] }))]);
    expect(r.results[0]).toMatchObject({ ok: true, outcome: { ok: true } });
    expect(eventNames(r.events).filter((n) => n.startsWith('Utility.'))).toEqual(['Utility.ItemCompleted', 'Utility.ItemCompleted', 'Utility.BatchCompleted']);
    expect([c.free(keys.charlie.publicKey), c.free(keys.eve.publicKey)]).toEqual([TAO, 2n * TAO]);
  });

  it('force_batch carries on past failures and reports each', () => {
    const c = base.fork();
    const r = c.executeBlock([c.sign(keys.alice, c.call('Utility', 'force_batch', { calls: calls() }))]);
    expect(r.results[0]).toMatchObject({ ok: true, outcome: { ok: true } });
    const evs = eventsOf(r.events, 1);
    expect(eventNames(evs).filter((n) => n.startsWith('Utility.'))).toEqual([
      'Utility.ItemCompleted', 'Utility.ItemFailed', 'Utility.ItemCompleted', 'Utility.BatchCompletedWithErrors',
    ]);
    expect(findEvent(evs, 'Utility', 'ItemFailed')!.event.fields).toEqual({ error: token('FundsUnavailable') });
    expect([c.free(keys.charlie.publicKey), c.free(keys.dave.publicKey), c.free(keys.eve.publicKey)]).toEqual([TAO, 0n, 2n * TAO]);
  });

  it('a batch inside a batch is refused by the call filter: System.CallFiltered (module 0, error 5)', () => {
    for (const [outer, inner] of [['batch', 'batch'], ['batch_all', 'force_batch'], ['force_batch', 'batch_all']]) {
      const c = base.fork();
      const nested = c.call('Utility', outer!, { calls: [transfer(keys.charlie, TAO), c.call('Utility', inner!, { calls: [transfer(keys.eve, TAO)] })] });
      const r = c.executeBlock([c.sign(keys.alice, nested)]);
      expect(r.results[0], `${outer}(${inner})`).toMatchObject({ ok: true, outcome: { ok: false, error: moduleError(0, 5) } });
      expect(findEvent(r.events, 'System', 'ExtrinsicFailed')!.event.fields.dispatch_error).toEqual(moduleError(0, 5));
      expect(c.free(keys.charlie.publicKey)).toBe(0n);
      expect(c.free(keys.eve.publicKey)).toBe(0n);
    }
  });

  it('calls in a batch keep the caller\'s origin: a Root-only call fails with BadOrigin', () => {
    const c = base.fork();
    const forceSet = c.call('Balances', 'force_set_balance', { who: { tag: 'Id', value: keys.charlie.publicKey }, new_free: TAO });
    const r = c.executeBlock([c.sign(keys.alice, c.call('Utility', 'batch', { calls: [forceSet] }))]);
    expect(findEvent(r.events, 'Utility', 'BatchInterrupted')!.event.fields).toEqual({ index: 0, error: { tag: 'BadOrigin', value: undefined } });
    expect(c.free(keys.charlie.publicKey)).toBe(0n);
  });
});

describe('Sudo', () => {
  it('Alice (the sudo key) sets a balance with sudo(force_set_balance): Sudid(Ok), no fee', () => {
    const c = base.fork();
    const alice = c.free(keys.alice.publicKey);
    const bob = c.free(keys.bob.publicKey);
    const issuance = c.totalIssuance();
    const inner = c.call('Balances', 'force_set_balance', { who: { tag: 'Id', value: keys.charlie.publicKey }, new_free: 10n * TAO });
    const r = c.executeBlock([c.sign(keys.alice, c.call('Sudo', 'sudo', { call: inner }))]);
    expect(r.results[0]).toMatchObject({ ok: true, outcome: { ok: true } });
    const evs = eventsOf(r.events, 1);
    expect(findEvent(evs, 'Sudo', 'Sudid')!.event.fields).toEqual({ sudo_result: { tag: 'Ok', value: [] } });
    expect(findEvent(evs, 'Balances', 'BalanceSet')!.event.fields).toEqual({ who: keys.charlie.publicKey, free: 10n * TAO });
    expect(eventNames(evs)).toContain('System.NewAccount');
    expect(c.free(keys.charlie.publicKey)).toBe(10n * TAO);
    expect(c.totalIssuance()).toBe(issuance + 10n * TAO);
    // Pays::No: Alice keeps her balance, the author gets nothing; the nonce still moves.
    expect(c.free(keys.alice.publicKey)).toBe(alice);
    expect(c.free(keys.bob.publicKey)).toBe(bob);
    expect(c.account(keys.alice.publicKey).nonce).toBe(1);
    const success = findEvent(evs, 'System', 'ExtrinsicSuccess')!.event.fields.dispatch_info as { pays_fee: EnumValue };
    expect(success.pays_fee.tag).toBe('No');
  });

  it('a failing inner call is reported in Sudid(Err(..)); the sudo extrinsic itself succeeds', () => {
    const c = base.fork();
    const issuance = c.totalIssuance();
    const inner = c.call('Balances', 'force_adjust_total_issuance', { direction: { tag: 'Increase', value: undefined }, delta: 0n });
    const r = c.executeBlock([c.sign(keys.alice, c.call('Sudo', 'sudo', { call: inner }))]);
    expect(r.results[0]).toMatchObject({ ok: true, outcome: { ok: true } });
    // Balances (index 5) error 11 = DeltaZero
    expect(findEvent(r.events, 'Sudo', 'Sudid')!.event.fields).toEqual({ sudo_result: { tag: 'Err', value: moduleError(5, 11) } });
    expect(c.totalIssuance()).toBe(issuance);
  });

  it('sudo can run a batch as Root', () => {
    const c = base.fork();
    const set = (who: KeyringPair) => c.call('Balances', 'force_set_balance', { who: { tag: 'Id', value: who.publicKey }, new_free: TAO });
    const r = c.executeBlock([c.sign(keys.alice, c.call('Sudo', 'sudo', { call: c.call('Utility', 'batch_all', { calls: [set(keys.charlie), set(keys.dave)] }) }))]);
    expect(findEvent(r.events, 'Sudo', 'Sudid')!.event.fields).toEqual({ sudo_result: { tag: 'Ok', value: [] } });
    expect([c.free(keys.charlie.publicKey), c.free(keys.dave.publicKey)]).toEqual([TAO, TAO]);
  });

  it('a Root-only call signed directly fails with BadOrigin', () => {
    const c = base.fork();
    const r = c.executeBlock([c.sign(keys.alice, c.call('Balances', 'force_set_balance', { who: { tag: 'Id', value: keys.charlie.publicKey }, new_free: TAO }))]);
    expect(r.results[0]).toMatchObject({ ok: true, outcome: { ok: false, error: { tag: 'BadOrigin', value: undefined } } });
    expect(c.free(keys.charlie.publicKey)).toBe(0n);
  });

  it('set_key hands sudo to Bob: Alice is then refused, Bob accepted', () => {
    const c = base.fork();
    const r = c.executeBlock([c.sign(keys.alice, c.call('Sudo', 'set_key', { new: { tag: 'Id', value: keys.bob.publicKey } }))]);
    expect(findEvent(r.events, 'Sudo', 'KeyChanged')!.event.fields).toEqual({ old: keys.alice.publicKey, new: keys.bob.publicKey });
    expect(SudoStorage.Key.get(c.trie)).toEqual(keys.bob.publicKey);
    const inner = c.call('System', 'remark', { remark: new Uint8Array() });
    expect(() => c.validate(c.sign(keys.alice, c.call('Sudo', 'sudo', { call: inner })))).toThrow(/BadSigner/);
    expect(() => c.validate(c.sign(keys.bob, c.call('Sudo', 'sudo', { call: inner })))).not.toThrow();
  });
});
