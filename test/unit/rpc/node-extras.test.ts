/**
 * payment_*, the keystore methods of author_*, state_getReadProof and state_getPairs against a
 * real in-process dev node (real runtime, real state trie) over real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import type { Node } from '../../../src/node/node.ts';
import { blake2_256, blake2_128, twox128 } from '../../../src/primitives/hashing.ts';
import { concatBytes, fromHex, toHex } from '../../../src/primitives/hex.ts';
import { decode, encode, ScaleReader } from '../../../src/primitives/scale/index.ts';
import { Weight } from '../../../src/runtime/types.ts';
import { RuntimeDispatchInfo } from '../../../src/runtime/apis/core.ts';
import { signExtrinsic } from '../../../src/runtime/extrinsic/sign.ts';
import { encodeUnsigned } from '../../../src/runtime/extrinsic/unchecked.ts';
import { computeFeeDetails, weightToFee } from '../../../src/runtime/pallets/transaction-payment/index.ts';
import { WEIGHT } from '../../../src/runtime/constants.ts';
import { METHODS } from '../../../src/rpc/methods.ts';
import { startInProcess } from '../../helpers/in-process-node.ts';
import { httpCall, type RpcResponse } from './helpers.ts';

let node: Node;
let url: string;
let alice: KeyringPair;
let bob: KeyringPair;

const call = (method: string, params?: unknown[]): Promise<RpcResponse> => httpCall(url, method, params);
const ok = async (method: string, params?: unknown[]): Promise<unknown> => {
  const res = await call(method, params);
  expect(res.error, `${method}: ${JSON.stringify(res.error)}`).toBeUndefined();
  return res.result;
};

function transfer(nonce = 0, tip = 0n): Uint8Array {
  return signExtrinsic(
    node.rt.runtime,
    { pallet: 'Balances', name: 'transfer_keep_alive', args: { dest: { tag: 'Id', value: bob.publicKey }, value: 1_000_000_000n } },
    { publicKey: alice.publicKey, type: 'sr25519', sign: (m) => alice.sign(m) },
    { nonce, genesisHash: node.genesisHash(), tip },
  );
}

const accountKey = (who: Uint8Array) => concatBytes(twox128(new TextEncoder().encode('System')), twox128(new TextEncoder().encode('Account')), blake2_128(who), who);

beforeAll(async () => {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519' });
  alice = keyring.addFromUri('//Alice');
  bob = keyring.addFromUri('//Bob');
  node = await startInProcess({ noRpc: false, rpcPort: 0, devIdentities: ['alice'], validator: true });
  url = `http://127.0.0.1:${node.rpcPort}/`;
  await node.sealBlock({ finalize: true });
});

afterAll(async () => {
  await node?.stop();
});

describe('payment_queryInfo / payment_queryFeeDetails', () => {
  it('answers with Substrate\'s JSON: snake_case weight, lower-case class, partialFee as a decimal string', async () => {
    const xt = transfer(0, 5n);
    const info = (await ok('payment_queryInfo', [toHex(xt)])) as Record<string, unknown>;
    const dispatch = node.rt.runtime.dispatchInfo({ pallet: 'Balances', name: 'transfer_keep_alive', args: {} });
    const expected = computeFeeDetails(xt.length, dispatch)!;
    expect(Object.keys(info)).toEqual(['weight', 'class', 'partialFee']);
    expect(info.class).toBe('normal');
    expect(info.weight).toEqual({ ref_time: Number(dispatch.weight + WEIGHT.baseExtrinsic), proof_size: 0 });
    // The tip is not part of the partial fee.
    expect(info.partialFee).toBe(String(expected.baseFee + expected.lenFee + expected.adjustedWeightFee));

    const details = (await ok('payment_queryFeeDetails', [toHex(xt)])) as Record<string, unknown>;
    expect(details).toEqual({
      inclusionFee: { baseFee: Number(expected.baseFee), lenFee: Number(expected.lenFee), adjustedWeightFee: Number(expected.adjustedWeightFee) },
    });
  });

  it('takes a block hash and answers at that block', async () => {
    const genesis = toHex(node.genesisHash());
    const info = (await ok('payment_queryInfo', [toHex(transfer()), genesis])) as { partialFee: string };
    expect(BigInt(info.partialFee)).toBeGreaterThan(0n);
  });

  it('gives an unsigned extrinsic no fee', async () => {
    const callBytes = encode(node.rt.runtime.callCodec, { pallet: 'Timestamp', name: 'set', args: { now: 1n } });
    const xt = encodeUnsigned(callBytes);
    expect(((await ok('payment_queryInfo', [toHex(xt)])) as { partialFee: string }).partialFee).toBe('0');
    expect(await ok('payment_queryFeeDetails', [toHex(xt)])).toEqual({ inclusionFee: null });
  });

  it('reports bytes that are not even an opaque extrinsic with code 2', async () => {
    for (const bad of ['0x', '0x10aa', '0xff']) {
      const info = await call('payment_queryInfo', [bad]);
      expect(info.error, bad).toMatchObject({ code: 2, message: 'Unable to query dispatch info.' });
      const details = await call('payment_queryFeeDetails', [bad]);
      expect(details.error, bad).toMatchObject({ code: 2, message: 'Unable to query fee details.' });
    }
  });

  it('reports a runtime failure (undecodable body, unknown block) with code 1', async () => {
    const garbage = await call('payment_queryInfo', ['0x0cffffff']);
    expect(garbage.error).toMatchObject({ code: 1, message: 'Unable to query dispatch info.' });
    expect(String(garbage.error!.data)).toMatch(/decode/i);
    const unknown = await call('payment_queryFeeDetails', [toHex(transfer()), toHex(new Uint8Array(32).fill(7))]);
    expect(unknown.error).toMatchObject({ code: 1, message: 'Unable to query fee details.' });
  });

  it('rejects parameters of the wrong type with -32602', async () => {
    expect((await call('payment_queryInfo', [])).error?.code).toBe(-32602);
    expect((await call('payment_queryInfo', [42])).error?.code).toBe(-32602);
    expect((await call('payment_queryInfo', ['0x00', '0x1234'])).error?.code).toBe(-32602);
  });
});

describe('author keystore methods', () => {
  it('are marked unsafe in the method table', () => {
    for (const m of ['author_insertKey', 'author_hasKey', 'author_hasSessionKeys', 'author_rotateKeys', 'state_getPairs']) {
      expect(METHODS[m]?.unsafe, m).toBe(true);
    }
    expect(METHODS.payment_queryInfo?.unsafe).toBeUndefined();
    expect(METHODS.state_getReadProof?.unsafe).toBeUndefined();
  });

  it('rotateKeys stores new aura + grandpa keys and returns their SCALE encoding', async () => {
    const keys = fromHex((await ok('author_rotateKeys')) as string);
    expect(keys.length).toBe(64);
    expect(await ok('author_hasSessionKeys', [toHex(keys)])).toBe(true);
    expect(await ok('author_hasKey', [toHex(keys.subarray(0, 32)), 'aura'])).toBe(true);
    expect(await ok('author_hasKey', [toHex(keys.subarray(32)), 'gran'])).toBe(true);
    expect(await ok('author_hasKey', [toHex(keys.subarray(32)), 'aura'])).toBe(false);
    const again = fromHex((await ok('author_rotateKeys')) as string);
    expect(toHex(again)).not.toBe(toHex(keys));
  });

  it('insertKey adds a key that hasKey then finds; the dev identity\'s keys are there already', async () => {
    const bobAura = new Keyring({ type: 'sr25519' }).addFromUri('//Bob').publicKey;
    const bobGran = new Keyring({ type: 'ed25519' }).addFromUri('//Bob').publicKey;
    expect(await ok('author_hasKey', [toHex(bobAura), 'aura'])).toBe(false);
    expect(await ok('author_insertKey', ['aura', '//Bob', toHex(bobAura)])).toBeNull();
    expect(await ok('author_hasKey', [toHex(bobAura), 'aura'])).toBe(true);
    expect(await ok('author_hasSessionKeys', [toHex(concatBytes(bobAura, bobGran))])).toBe(false);
    await ok('author_insertKey', ['gran', '//Bob', toHex(bobGran)]);
    expect(await ok('author_hasSessionKeys', [toHex(concatBytes(bobAura, bobGran))])).toBe(true);

    const aliceAura = alice.publicKey;
    const aliceGran = new Keyring({ type: 'ed25519' }).addFromUri('//Alice').publicKey;
    expect(await ok('author_hasSessionKeys', [toHex(concatBytes(aliceAura, aliceGran))])).toBe(true);
  });

  it('refuses bad key types, mismatched keys and undecodable session keys with 1040', async () => {
    const bobAura = toHex(new Keyring({ type: 'sr25519' }).addFromUri('//Bob').publicKey);
    expect((await call('author_insertKey', ['aur', '//Bob', bobAura])).error).toEqual({
      code: 1040, message: 'Invalid key type ID format (should be of length four)',
    });
    expect((await call('author_hasKey', [bobAura, 'toolong'])).error?.code).toBe(1040);
    expect((await call('author_insertKey', ['aura', '//Charlie', bobAura])).error).toMatchObject({ code: 1040 });
    expect((await call('author_insertKey', ['babe', '//Bob', bobAura])).error).toMatchObject({ code: 1040 });
    expect(await ok('author_hasKey', [bobAura, 'babe'])).toBe(false);
    expect((await call('author_hasSessionKeys', ['0x1234'])).error).toEqual({ code: 1040, message: 'Session keys are not encoded correctly' });
    expect((await call('author_insertKey', ['aura', 7, bobAura])).error?.code).toBe(-32602);
  });
});

describe('state_getReadProof / state_getPairs', () => {
  it('proves values at the best block against its state root', async () => {
    const best = node.best();
    const header = node.block(best.hash)!.header;
    const key = accountKey(alice.publicKey);
    const absent = accountKey(new Uint8Array(32).fill(0x42));
    const res = (await ok('state_getReadProof', [[toHex(key), toHex(absent)]])) as { at: string; proof: string[] };
    expect(res.at).toBe(toHex(best.hash));
    expect(res.proof.length).toBeGreaterThan(1);
    expect([...res.proof].sort()).toEqual(res.proof);
    // The root node is there (its hash is the state root), and so is Alice's account (80 bytes: stored by hash).
    expect(res.proof.map((n) => toHex(blake2_256(fromHex(n))))).toContain(toHex(header.state_root));
    expect(res.proof).toContain(toHex(node.storage(key)!));
    const explicit = (await ok('state_getReadProof', [[toHex(key)], toHex(best.hash)])) as { at: string };
    expect(explicit.at).toBe(toHex(best.hash));
  });

  it('answers 4003 for a block whose state is not the head trie, and -32602 for bad keys', async () => {
    const old = node.best().hash;
    await node.sealBlock({ finalize: true });
    const res = await call('state_getReadProof', [[toHex(accountKey(alice.publicKey))], toHex(old)]);
    expect(res.error?.code).toBe(4003);
    expect(res.error?.message).toMatch(/^Client error: Read proofs are only available at the best block/);
    expect((await call('state_getReadProof', ['0x00'])).error?.code).toBe(-32602);
    expect((await call('state_getReadProof', [[1]])).error?.code).toBe(-32602);
  });

  it('getPairs returns every key under a prefix with its value, in key order', async () => {
    const prefix = toHex(concatBytes(twox128(new TextEncoder().encode('System')), twox128(new TextEncoder().encode('Account'))));
    const pairs = (await ok('state_getPairs', [prefix])) as [string, string][];
    const keys = (await ok('state_getKeys', [prefix])) as string[];
    expect(pairs.map(([k]) => k)).toEqual(keys);
    for (const [k, v] of pairs) expect(v).toBe(toHex(node.storage(fromHex(k))!));
    expect(pairs.length).toBeGreaterThan(2);
  });

  it('rpc_methods lists the new methods', async () => {
    const { methods } = (await ok('rpc_methods')) as { methods: string[] };
    for (const m of ['payment_queryInfo', 'payment_queryFeeDetails', 'author_insertKey', 'author_hasKey', 'author_hasSessionKeys', 'author_rotateKeys', 'state_getReadProof', 'state_getPairs']) {
      expect(methods).toContain(m);
    }
  });
});

describe('runtime APIs described in V15 metadata', () => {
  const u64le = (hex: string) => new DataView(fromHex(hex).buffer).getBigUint64(0, true);

  it('lists them in Metadata_metadata_at_version(15) and answers each through state_call', async () => {
    const { Metadata, TypeRegistry } = await import('@polkadot/types');
    const opaque = fromHex((await ok('state_call', ['Metadata_metadata_at_version', '0x0f000000'])) as string);
    expect(opaque[0]).toBe(1); // Some(OpaqueMetadata)
    const r = new ScaleReader(opaque, 1);
    const len = r.compactNumber();
    const metadata = new Metadata(new TypeRegistry(), opaque.subarray(r.pos, r.pos + len));
    const apis = metadata.asV15.apis.map((a) => a.name.toString());
    expect(apis).toEqual(['Core', 'Metadata', 'TaggedTransactionQueue', 'AuraApi', 'GrandpaApi', 'AccountNonceApi', 'TransactionPaymentApi', 'TransactionPaymentCallApi']);

    // Every described method except Core's block execution answers state_call.
    const skip = new Set(['Core_execute_block', 'Core_initialize_block']);
    for (const api of metadata.asV15.apis) {
      for (const m of api.methods) {
        const name = `${api.name.toString()}_${m.name.toString()}`;
        if (skip.has(name)) continue;
        const res = await call('state_call', [name, '0x']);
        // Empty input is wrong for most methods; what matters is that the method exists.
        if (res.error) expect(res.error.message, name).not.toMatch(/is not found/);
      }
    }
  });

  it('answers the consensus and fee APIs with the runtime\'s values', async () => {
    const authorities = fromHex((await ok('state_call', ['AuraApi_authorities', '0x'])) as string);
    expect(toHex(authorities)).toBe(toHex(concatBytes(Uint8Array.of(4), alice.publicKey)));
    expect(u64le((await ok('state_call', ['AuraApi_slot_duration', '0x'])) as string)).toBe(BigInt(node.rt.profile.slotDurationMs));
    const grandpa = fromHex((await ok('state_call', ['GrandpaApi_grandpa_authorities', '0x'])) as string);
    expect(grandpa[0]).toBe(4); // one authority
    expect(grandpa.length).toBe(1 + 32 + 8);
    expect(u64le((await ok('state_call', ['GrandpaApi_current_set_id', '0x'])) as string)).toBe(0n);
    expect(await ok('state_call', ['GrandpaApi_generate_key_ownership_proof', '0x'])).toBe('0x00');

    // 1,000,000 ref time → weight fee; 100 bytes → 100 rao.
    const weight = toHex(encode(Weight, { ref_time: 1_000_000_000n, proof_size: 0n }));
    expect(u64le((await ok('state_call', ['TransactionPaymentApi_query_weight_to_fee', weight])) as string)).toBe(weightToFee(1_000_000_000n));
    expect(u64le((await ok('state_call', ['TransactionPaymentCallApi_query_length_to_fee', '0x64000000'])) as string)).toBe(100n);

    const callBytes = encode(node.rt.runtime.callCodec, { pallet: 'Balances', name: 'transfer_keep_alive', args: { dest: { tag: 'Id', value: bob.publicKey }, value: 1n } });
    const info = decode(RuntimeDispatchInfo, fromHex((await ok('state_call', ['TransactionPaymentCallApi_query_call_info', toHex(concatBytes(callBytes, Uint8Array.of(100, 0, 0, 0)))])) as string));
    const dispatch = node.rt.runtime.dispatchInfo({ pallet: 'Balances', name: 'transfer_keep_alive', args: {} });
    const fee = computeFeeDetails(100, dispatch)!;
    expect(info).toEqual({ weight: { ref_time: dispatch.weight, proof_size: 0n }, class: { tag: 'Normal', value: undefined }, partial_fee: fee.baseFee + fee.lenFee + fee.adjustedWeightFee });
    const bad = await call('state_call', ['TransactionPaymentCallApi_query_call_info', '0xff00']);
    expect(bad.error?.code).toBe(4003);
  });

  it('lets @polkadot/api use them (api.call.*, paymentInfo, rpc.payment.queryFeeDetails)', async () => {
    const { ApiPromise, WsProvider } = await import('@polkadot/api');
    const api = await ApiPromise.create({ provider: new WsProvider(`ws://127.0.0.1:${node.rpcPort}`), noInitWarn: true, throwOnConnect: true });
    try {
      const tx = api.tx.balances.transferKeepAlive(bob.address, 1_000_000_000n);
      const info = await tx.paymentInfo(alice);
      expect(info.partialFee.toBigInt()).toBeGreaterThan(0n);
      const signed = await api.tx.balances.transferKeepAlive(bob.address, 1_000_000_000n).signAsync(alice, { nonce: 50 });
      // (polkadot.js decodes payment_queryInfo as the pre-Weight-V2 `RuntimeDispatchInfoV1`, which no
      // current Substrate node matches; it uses the runtime API above instead. Fee details decode.)
      const details = await api.rpc.payment.queryFeeDetails(signed.toHex());
      expect(details.inclusionFee.isSome).toBe(true);
      expect(details.inclusionFee.unwrap().lenFee.toBigInt()).toBe(BigInt(signed.encodedLength));
      const nonce = await api.call.accountNonceApi.accountNonce(alice.address);
      expect(nonce.toString()).toBe(String(node.accountNextIndex(alice.publicKey)));
      const aura = (await api.call.auraApi.authorities()) as unknown as { toHex(): string }[];
      expect(aura.map((a) => a.toHex())).toEqual([toHex(alice.publicKey)]);
      const setId = await api.call.grandpaApi.currentSetId();
      expect(setId.toString()).toBe('0');
    } finally {
      await api.disconnect();
    }
  }, 30_000);
});

describe('runtime APIs through polkadot-api\'s metadata-derived codecs', () => {
  it('encodes inputs and decodes outputs of the described APIs as PAPI does', async () => {
    const names = ['@polkadot-api/substrate-bindings', '@polkadot-api/metadata-builders'] as const;
    let bindings, builders;
    try {
      [bindings, builders] = await Promise.all(names.map((n) => import(n)));
    } catch {
      return; // optional dev dependencies
    }
    const opaque = fromHex((await ok('state_call', ['Metadata_metadata_at_version', '0x0f000000'])) as string);
    const r = new ScaleReader(opaque, 1);
    const rawLen = r.compactNumber();
    const raw = opaque.slice(r.pos, r.pos + rawLen); // (a copy: scale-ts reads the whole underlying buffer)
    const decoded = bindings.metadata.dec(raw).metadata;
    const builder = builders.getDynamicBuilder(builders.getLookupFn(bindings.unifyMetadata(decoded)));

    const nonceCall = builder.buildRuntimeCall('AccountNonceApi', 'account_nonce');
    const nonceOut = await ok('state_call', ['AccountNonceApi_account_nonce', toHex(nonceCall.args.enc([alice.address]))]);
    expect(nonceCall.value.dec(nonceOut as string)).toBe(node.accountNextIndex(alice.publicKey));

    const xt = transfer(9);
    const infoCall = builder.buildRuntimeCall('TransactionPaymentApi', 'query_info');
    const body = xt.subarray(xt.length - new ScaleReader(xt).compactNumber());
    // (Vec<u8> values are plain Uint8Arrays in this substrate-bindings version; older ones used `Binary`.)
    const input = infoCall.args.enc([typeof bindings.Binary.fromBytes === 'function' ? bindings.Binary.fromBytes(body) : body, xt.length]);
    expect(toHex(fromHex(toHex(input)))).toBe(toHex(concatBytes(xt, Uint8Array.of(xt.length, 0, 0, 0))));
    const info = infoCall.value.dec((await ok('state_call', ['TransactionPaymentApi_query_info', toHex(input)])) as string);
    expect(info.class.type).toBe('Normal');
    expect(info.partial_fee).toBeGreaterThan(0n);
    expect(typeof info.weight.ref_time).toBe('bigint');

    const grandpa = builder.buildRuntimeCall('GrandpaApi', 'grandpa_authorities');
    const list = grandpa.value.dec((await ok('state_call', ['GrandpaApi_grandpa_authorities', '0x'])) as string);
    expect(list).toHaveLength(1);
    expect(list[0][1]).toBe(1n);
  });
});
