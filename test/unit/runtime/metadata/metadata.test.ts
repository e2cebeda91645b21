/**
 * Metadata V14/V15 generated from the runtime, checked with the decoders clients use:
 * @polkadot/types (polkadot.js, and the path the Python SDK's types follow) and, when
 * installed, polkadot-api's substrate-bindings / metadata-builders.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Metadata, TypeRegistry } from '@polkadot/types';
import { expandMetadata } from '@polkadot/types/metadata';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { encodeAddress, signatureVerify } from '@polkadot/util-crypto';
import type { Vec } from '@polkadot/types';
import type { EventRecord } from '@polkadot/types/interfaces';
import { initCrypto } from '../../../../src/primitives/hashing.ts';
import { encode, ScaleReader, ScaleWriter, vec } from '../../../../src/primitives/scale/index.ts';
import type { StorageMap } from '../../../../src/runtime/framework/storage.ts';
import { PROD_PROFILE, SPEC_VERSION, TRANSACTION_VERSION } from '../../../../src/runtime/constants.ts';
import type { Runtime, RuntimeCall } from '../../../../src/runtime/framework/runtime-builder.ts';
import { TRANSACTION_EXTENSIONS, encodeImplicit } from '../../../../src/runtime/extrinsic/extensions.ts';
import { IMMORTAL, mortalEra } from '../../../../src/runtime/extrinsic/era.ts';
import { decodeExtrinsic, encodeSigned, signingPayload } from '../../../../src/runtime/extrinsic/unchecked.ts';
import {
  buildMetadata, METADATA_RUNTIME_API, METADATA_VERSIONS, metadataApiAtVersion, metadataApiHandlers, metadataApiMetadata,
  metadataApiVersions, metadataModel,
} from '../../../../src/runtime/metadata/index.ts';
import { EventRecordCodec } from '../../../../src/runtime/pallets/system/event-record.ts';
import { AccountInfo } from '../../../../src/runtime/pallets/system/storage.ts';
import { createRuntime } from '../../../../src/runtime/runtime.ts';

const hex = (b: Uint8Array) => u8aToHex(b);

let runtime: Runtime;
let v14: Uint8Array;
let v15: Uint8Array;

beforeAll(async () => {
  await initCrypto();
  runtime = createRuntime(PROD_PROFILE, { verifySignature: () => true }).runtime;
  v14 = buildMetadata(runtime, 14);
  v15 = buildMetadata(runtime, 15, [METADATA_RUNTIME_API]);
});

/** Subtensor's own extensions carry no data; a polkadot.js client declares them like this. */
const EMPTY_EXTENSIONS = Object.fromEntries(
  ['SudoTransactionExtension', 'CheckShieldedTxValidity', 'SubtensorTransactionExtension', 'DrandPriority'].map((id) => [id, { extrinsic: {}, payload: {} }]),
);

function decodeWithPolkadotJs(bytes: Uint8Array) {
  const registry = new TypeRegistry();
  const metadata = new Metadata(registry, bytes);
  registry.setMetadata(metadata, undefined, EMPTY_EXTENSIONS);
  return { registry, metadata };
}

const ALICE_SEED = '//Alice';
const BOB = new Uint8Array(32).fill(0x0b);

function transferKeepAlive(): RuntimeCall {
  return { pallet: 'Balances', name: 'transfer_keep_alive', args: { dest: { tag: 'Id', value: BOB }, value: 1_234_567_890n } };
}

describe('metadata bytes and the Metadata runtime API', () => {
  it('is prefixed with "meta" and the version byte', () => {
    expect(hex(v14.subarray(0, 5))).toBe('0x6d6574610e');
    expect(hex(v15.subarray(0, 5))).toBe('0x6d6574610f');
    expect(METADATA_VERSIONS).toEqual([14, 15]);
  });

  it('is built once per runtime and API list', () => {
    expect(buildMetadata(runtime, 14)).toBe(v14);
    expect(buildMetadata(runtime, 15, [METADATA_RUNTIME_API])).not.toBe(v15); // another list (new array)
    const apis = [METADATA_RUNTIME_API];
    expect(buildMetadata(runtime, 15, apis)).toBe(buildMetadata(runtime, 15, apis));
    expect(metadataModel(runtime)).toBe(metadataModel(runtime));
  });

  it('is deterministic across runtime instances', () => {
    const other = createRuntime(PROD_PROFILE, { verifySignature: () => true }).runtime;
    expect(hex(buildMetadata(other, 14))).toBe(hex(v14));
  });

  it('answers Metadata_metadata, _at_version and _versions in SCALE', () => {
    const opaque = metadataApiMetadata(runtime);
    const r = new ScaleReader(opaque);
    expect(r.compactNumber()).toBe(v14.length);
    expect(hex(opaque.subarray(r.pos))).toBe(hex(v14));

    const at15 = metadataApiAtVersion(runtime, 15);
    expect(at15[0]).toBe(1);
    const r15 = new ScaleReader(at15, 1);
    expect(r15.compactNumber()).toBe(buildMetadata(runtime, 15).length);
    expect(hex(at15.subarray(r15.pos, r15.pos + 5))).toBe('0x6d6574610f');
    expect(hex(metadataApiAtVersion(runtime, 13))).toBe('0x00');
    expect(hex(metadataApiAtVersion(runtime, 16))).toBe('0x00');
    expect(hex(metadataApiVersions())).toBe('0x080e0000000f000000');

    const handlers = metadataApiHandlers(runtime);
    expect(hex(handlers.Metadata_metadata_at_version(new Uint8Array([14, 0, 0, 0])))).toBe(hex(metadataApiAtVersion(runtime, 14)));
    expect(hex(handlers.Metadata_metadata_at_version(new Uint8Array([0x10, 0, 0, 0])))).toBe('0x00');
    expect(() => handlers.Metadata_metadata_at_version(new Uint8Array([15]))).toThrow(RangeError);
    expect(hex(handlers.Metadata_metadata_versions(new Uint8Array()))).toBe('0x080e0000000f000000');
  });

  it('lists the Metadata runtime API in V15 when given', () => {
    const { metadata } = decodeWithPolkadotJs(v15);
    const apis = metadata.asV15.apis;
    expect(apis.map((a) => a.name.toString())).toEqual(['Metadata']);
    expect(apis[0]!.methods.map((m) => m.name.toString())).toEqual(['metadata', 'metadata_at_version', 'metadata_versions']);
    expect(apis[0]!.methods[1]!.inputs.map((i) => i.name.toString())).toEqual(['version']);
  });
});

describe.each([14, 15] as const)('V%i decoded by @polkadot/types', (version) => {
  const get = () => decodeWithPolkadotJs(version === 14 ? v14 : v15);

  it('decodes and re-encodes to the same bytes', () => {
    const { metadata } = get();
    expect(metadata.version).toBe(version);
    expect(hex(metadata.toU8a())).toBe(hex(version === 14 ? v14 : v15));
  });

  it('has every pallet with its index, calls, events, errors, storage and constants', () => {
    const { registry, metadata } = get();
    const latest = metadata.asLatest;
    expect(latest.pallets.map((p) => [p.name.toString(), p.index.toNumber()])).toEqual(runtime.pallets.map((p) => [p.name, p.index]));
    for (const def of runtime.pallets) {
      const p = latest.pallets.find((x) => x.name.toString() === def.name)!;
      const variants = (id: number) => registry.lookup.getSiType(id).def.asVariant.variants;

      const calls = p.calls.isSome ? variants(p.calls.unwrap().type.toNumber()) : [];
      expect(calls.map((v) => [v.index.toNumber(), v.name.toString(), v.fields.map((f) => f.name.unwrap().toString())]))
        .toEqual([...(def.calls ?? [])].sort((a, b) => a.index - b.index).map((c) => [c.index, c.name, c.args.map((a) => a.name)]));

      const events = p.events.isSome ? variants(p.events.unwrap().type.toNumber()) : [];
      expect(events.map((v) => [v.index.toNumber(), v.name.toString(), v.fields.map((f) => f.name.unwrap().toString())]))
        .toEqual([...(def.events ?? [])].sort((a, b) => a.index - b.index).map((e) => [e.index, e.name, e.fields.map((f) => f.name)]));

      const errors = p.errors.isSome ? variants(p.errors.unwrap().type.toNumber()) : [];
      expect(errors.map((v) => [v.index.toNumber(), v.name.toString()]))
        .toEqual([...(def.errors ?? [])].sort((a, b) => a.index - b.index).map((e) => [e.index, e.name]));

      const items = p.storage.isSome ? p.storage.unwrap().items : [];
      if (p.storage.isSome) expect(p.storage.unwrap().prefix.toString()).toBe(def.name);
      expect(items.map((i) => i.name.toString())).toEqual((def.storage ?? []).map((s) => s.meta.name));
      for (const item of items) {
        const meta = def.storage!.find((s) => s.meta.name === item.name.toString())!.meta;
        expect(item.modifier.type).toBe(meta.modifier);
        expect(hex(item.fallback)).toBe(hex(meta.defaultBytes));
        if (item.type.isMap) expect(item.type.asMap.hashers.map((h) => h.type)).toEqual(meta.hashers);
        else expect(meta.hashers).toEqual([]);
      }
      expect(p.constants.map((c) => c.name.toString())).toEqual((def.constants ?? []).map((c) => c.name));
    }
  });

  it('publishes constants clients read (ExistentialDeposit, SS58Prefix, Version, BlockHashCount)', () => {
    const { registry, metadata } = get();
    const constant = (pallet: string, name: string) => {
      const c = metadata.asLatest.pallets.find((p) => p.name.toString() === pallet)!.constants.find((x) => x.name.toString() === name)!;
      return registry.createType(registry.createLookupType(c.type), c.value);
    };
    expect(constant('Balances', 'ExistentialDeposit').toString()).toBe('500');
    expect(constant('System', 'SS58Prefix').toString()).toBe('42');
    expect(constant('System', 'BlockHashCount').toString()).toBe('2400');
    const v = constant('System', 'Version').toJSON() as Record<string, unknown>;
    expect(v.specName).toBe('node-subtensor');
    expect(v.specVersion).toBe(SPEC_VERSION);
    expect(v.transactionVersion).toBe(TRANSACTION_VERSION);
    expect(constant('Timestamp', 'MinimumPeriod').toString()).toBe('6000');
    expect(constant('Aura', 'SlotDuration').toString()).toBe('12000');
    expect(registry.chainSS58).toBe(42);
  });

  it('describes extrinsic version 4 with the 13 extensions in order', () => {
    const { registry, metadata } = get();
    const ext = metadata.asV15.extrinsic;
    expect(ext.version.toNumber()).toBe(4);
    const ids = ext.signedExtensions.map((e) => e.identifier.toString());
    expect(ids).toEqual(TRANSACTION_EXTENSIONS.map((e) => e.identifier));
    expect(ids).toHaveLength(13);
    expect(registry.signedExtensions).toEqual(ids);
    // Address / Call / Signature found through the UncheckedExtrinsic params.
    expect(registry.lookup.getSiType(ext.addressType).path.map(String)).toEqual(['sp_runtime', 'multiaddress', 'MultiAddress']);
    expect(registry.lookup.getSiType(ext.callType).path.map(String)).toEqual(['node_subtensor_runtime', 'RuntimeCall']);
    expect(registry.lookup.getSiType(ext.signatureType).path.map(String)).toEqual(['sp_runtime', 'MultiSignature']);
    // Every extension's explicit and implicit types are what we encode.
    const extra = registry.createType(registry.createLookupType(ext.extraType), '0x00' + '14' + '00' + '00');
    expect(extra.toU8a().length).toBe(4);
  });

  it('decodes a Balances.transfer_keep_alive call encoded by our callCodec', () => {
    const { registry } = get();
    const bytes = encode(runtime.callCodec, transferKeepAlive());
    expect(hex(bytes.subarray(0, 2))).toBe('0x0503');
    const call = registry.createType('Call', bytes);
    expect(call.section).toBe('balances');
    expect(call.method).toBe('transferKeepAlive');
    const args = call.toJSON().args as { dest: { id: string }; value: number };
    expect(args.dest.id).toBe(encodeAddress(BOB, 42));
    expect(BigInt(args.value)).toBe(1_234_567_890n);
    expect(hex(call.toU8a())).toBe(hex(bytes));
  });

  it('gives polkadot.js decorated tx/query/consts that match our encoding and storage keys', () => {
    const { registry, metadata } = get();
    const decorated = expandMetadata(registry, metadata);
    const method = decorated.tx.balances!.transferKeepAlive!({ Id: BOB }, 1_234_567_890n);
    expect(hex(method.toU8a())).toBe(hex(encode(runtime.callCodec, transferKeepAlive())));
    const system = runtime.pallet('System');
    const accountItem = system.storage!.find((s) => s.meta.name === 'Account')!;
    expect(hex(decorated.query.system!.account!(BOB))).toBe(hex(new ScaleWriter().bytes((accountItem as StorageMap<[Uint8Array], unknown>).key(BOB)).finish()));
    expect(decorated.consts.balances!.existentialDeposit!.toString()).toBe('500');
    expect(decorated.errors.balances!.InsufficientBalance!.meta.index.toNumber()).toBe(2);
    expect(decorated.events.system!.ExtrinsicSuccess!.is).toBeTypeOf('function');
  });

  it('decodes our signed extrinsic, and we decode and verify one signed by polkadot.js', () => {
    const { registry } = get();
    const keyring = new Keyring({ type: 'sr25519' });
    const alice = keyring.addFromUri(ALICE_SEED);
    const callBytes = encode(runtime.callCodec, transferKeepAlive());

    // Ours → polkadot.js
    const ours = encodeSigned(callBytes, {
      address: { tag: 'Id', value: alice.publicKey },
      signature: { tag: 'Sr25519', value: new Uint8Array(64).fill(7) },
      extra: { era: mortalEra(64, 100), nonce: 5, tip: 10n, mode: 0 },
    });
    const decoded = registry.createType('Extrinsic', ours);
    expect(decoded.isSigned).toBe(true);
    expect(decoded.signer.toString()).toBe(alice.address);
    expect(decoded.nonce.toNumber()).toBe(5);
    expect(decoded.tip.toBigInt()).toBe(10n);
    expect(decoded.era.isMortalEra).toBe(true);
    expect(decoded.method.method).toBe('transferKeepAlive');
    expect(hex(decoded.toU8a())).toBe(hex(ours));

    // polkadot.js → ours
    const genesisHash = new Uint8Array(32).fill(0x99);
    const tx = registry.createType('Extrinsic', { method: registry.createType('Call', callBytes) });
    tx.sign(alice, {
      blockHash: genesisHash,
      genesisHash,
      nonce: 3,
      tip: 1n,
      era: registry.createType('ExtrinsicEra', '0x00'),
      runtimeVersion: { specVersion: SPEC_VERSION, transactionVersion: TRANSACTION_VERSION } as never,
      signedExtensions: registry.signedExtensions,
    });
    const ex = decodeExtrinsic(tx.toU8a(), runtime.callCodec);
    expect(ex.call).toEqual(transferKeepAlive());
    expect(ex.signed!.extra).toEqual({ era: IMMORTAL, nonce: 3, tip: 1n, mode: 0 });
    const payload = signingPayload(
      ex.callBytes,
      ex.signed!.extra,
      encodeImplicit({ specVersion: SPEC_VERSION, transactionVersion: TRANSACTION_VERSION, genesisHash, birthHash: genesisHash }),
    );
    expect(signatureVerify(payload, ex.signed!.signature.value as Uint8Array, alice.publicKey).isValid).toBe(true);
  });

  it('decodes System.Account values (56-byte AccountInfo) and System.Events', () => {
    const { registry, metadata } = get();
    const system = metadata.asLatest.pallets.find((p) => p.name.toString() === 'System')!;
    const account = system.storage.unwrap().items.find((i) => i.name.toString() === 'Account')!;
    const info = {
      nonce: 7, consumers: 1, providers: 2, sufficients: 0,
      data: { free: 123_000_000_000n, reserved: 5n, frozen: 6n, flags: { bits: 1n << 127n } },
    };
    const bytes = encode(AccountInfo, info);
    expect(bytes.length).toBe(56);
    const decoded = registry.createType(registry.createLookupType(account.type.asMap.value), bytes);
    const json = decoded.toJSON() as { nonce: number; providers: number; data: { free: number | string; flags: string } };
    expect(json.nonce).toBe(7);
    expect(json.providers).toBe(2);
    expect(BigInt(json.data.free)).toBe(123_000_000_000n);
    expect(decoded.toU8a().length).toBe(56);

    const events = encode(vec(EventRecordCodec), [
      {
        phase: { tag: 'ApplyExtrinsic', value: 1 },
        event: { pallet: 'Balances', name: 'Transfer', fields: { from: BOB, to: new Uint8Array(32), amount: 42n } },
        topics: [],
      },
      {
        phase: { tag: 'ApplyExtrinsic', value: 1 },
        event: {
          pallet: 'System',
          name: 'ExtrinsicSuccess',
          fields: { dispatch_info: { weight: { ref_time: 1000n, proof_size: 0n }, class: { tag: 'Normal' }, pays_fee: { tag: 'Yes' } } },
        },
        topics: [],
      },
    ]);
    const records = registry.createType('Vec<EventRecord>', events) as unknown as Vec<EventRecord>;
    expect(records.length).toBe(2);
    expect(records[0]!.event.section).toBe('balances');
    expect(records[0]!.event.method).toBe('Transfer');
    expect(records[0]!.phase.asApplyExtrinsic.toNumber()).toBe(1);
    expect(records[1]!.event.method).toBe('ExtrinsicSuccess');
    expect(hex(records.toU8a())).toBe(hex(events));
  });

  it('names the runtime-level types with the paths clients key on', () => {
    const { registry, metadata } = get();
    const paths = new Set(registry.lookup.types.map((t) => t.type.path.map(String).join('::')));
    for (const p of [
      'sp_runtime::generic::unchecked_extrinsic::UncheckedExtrinsic',
      'fp_self_contained::unchecked_extrinsic::UncheckedExtrinsic',
      'frame_system::EventRecord',
      'node_subtensor_runtime::RuntimeCall',
      'node_subtensor_runtime::RuntimeEvent',
      'node_subtensor_runtime::RuntimeError',
      'node_subtensor_runtime::Runtime',
      'sp_core::crypto::AccountId32',
      'sp_runtime::multiaddress::MultiAddress',
      'sp_runtime::MultiSignature',
      'sp_runtime::generic::era::Era',
      'sp_weights::weight_v2::Weight',
    ]) expect(paths, p).toContain(p);
    const unchecked = registry.lookup.types.find((t) => t.type.path.map(String).join('::') === 'sp_runtime::generic::unchecked_extrinsic::UncheckedExtrinsic')!;
    expect(unchecked.type.params.map((p) => p.name.toString())).toEqual(['Address', 'Call', 'Signature', 'Extra']);
    expect(unchecked.type.params.every((p) => p.type.isSome)).toBe(true);
    const runtimeTy = version === 14 ? metadata.asV14.type : metadata.asV15.type;
    expect(registry.lookup.getSiType(runtimeTy).path.map(String)).toEqual(['node_subtensor_runtime', 'Runtime']);
    if (version === 15) {
      const outer = metadata.asV15.outerEnums;
      const errorEnum = registry.lookup.getSiType(outer.errorType);
      expect(errorEnum.path.map(String)).toEqual(['node_subtensor_runtime', 'RuntimeError']);
      expect(errorEnum.def.asVariant.variants.map((v) => [v.name.toString(), v.index.toNumber()]))
        .toEqual(runtime.pallets.filter((p) => p.errors?.length).map((p) => [p.name, p.index]));
      expect(registry.lookup.getSiType(outer.eventType).path.map(String)).toEqual(['node_subtensor_runtime', 'RuntimeEvent']);
      expect(outer.callType.toNumber()).toBe(metadata.asV15.extrinsic.callType.toNumber());
    } else {
      const ty = registry.lookup.getSiType(metadata.asV14.extrinsic.type);
      expect(ty.path.map(String)).toEqual(['fp_self_contained', 'unchecked_extrinsic', 'UncheckedExtrinsic']);
    }
  });
});

describe('decoded by polkadot-api', () => {
  // substrate-bindings comes in with @polkadot/api's optional polkadot-api pieces; skip if absent.
  const load = async () => {
    const names = ['@polkadot-api/substrate-bindings', '@polkadot-api/metadata-builders'];
    try {
      const [bindings, builders] = await Promise.all(names.map((n) => import(n)));
      return { bindings, builders };
    } catch {
      return undefined;
    }
  };

  it('decodes V14 and V15 and re-encodes them byte for byte', async (ctx) => {
    const papi = await load();
    if (!papi) return ctx.skip();
    for (const bytes of [v14, v15]) {
      const decoded = papi.bindings.metadata.dec(bytes);
      expect(decoded.metadata.value.pallets.map((p: { name: string }) => p.name)).toEqual(runtime.pallets.map((p) => p.name));
      expect(hex(papi.bindings.metadata.enc(decoded))).toBe(hex(bytes));
    }
  });

  it('builds the same call bytes and reads SS58Prefix and AccountId32 like a PAPI client', async (ctx) => {
    const papi = await load();
    if (!papi) return ctx.skip();
    const decoded = papi.bindings.metadata.dec(v15).metadata;
    const m = decoded.value;
    // metadata-builders ≥ 0.10 builds from a lookup over "unified" metadata; older ones took the V15 value.
    const lookup = papi.bindings.unifyMetadata ? papi.builders.getLookupFn(papi.bindings.unifyMetadata(decoded)) : papi.builders.getLookupFn(m.lookup);
    const builder = papi.builders.getDynamicBuilder(papi.bindings.unifyMetadata ? lookup : m);
    expect(builder.ss58Prefix).toBe(42);
    const { codec, location } = builder.buildCall('Balances', 'transfer_keep_alive');
    expect(location).toEqual([5, 3]);
    const args = codec.enc({ dest: { type: 'Id', value: '5C62Ck4UrFPiBtoCmeSrgF7x9yv9mn38446dhCpsi2mLHiFT' }, value: 1_234_567_890n });
    const ours = encode(runtime.callCodec, {
      pallet: 'Balances',
      name: 'transfer_keep_alive',
      args: { dest: { tag: 'Id', value: new Keyring().decodeAddress('5C62Ck4UrFPiBtoCmeSrgF7x9yv9mn38446dhCpsi2mLHiFT') }, value: 1_234_567_890n },
    });
    expect(hex(Uint8Array.from([5, 3, ...args]))).toBe(hex(ours));
    const address = lookup(m.extrinsic.address);
    expect(address.type).toBe('enum');
    expect(address.value.Id.value.type).toBe('AccountId32');
    const signature = lookup(m.extrinsic.signature);
    expect(Object.keys(signature.value)).toEqual(['Ed25519', 'Sr25519', 'Ecdsa']);
  });
});

describe('speed', () => {
  it('builds both versions for a fresh runtime quickly (informational)', () => {
    const fresh = createRuntime(PROD_PROFILE, { verifySignature: () => true }).runtime;
    const t0 = performance.now();
    const a = buildMetadata(fresh, 14);
    const t1 = performance.now();
    const b = buildMetadata(fresh, 15);
    const t2 = performance.now();
    console.log(`metadata: V14 ${a.length} B in ${(t1 - t0).toFixed(1)} ms (incl. model), V15 ${b.length} B in ${(t2 - t1).toFixed(1)} ms`);
    expect(a.length).toBeGreaterThan(1000);
  });
});
