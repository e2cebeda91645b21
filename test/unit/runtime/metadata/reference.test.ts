/**
 * Our metadata against real subtensor's (V15 recorded at spec 343, ../shared/reference), for the
 * pallets we implement. Wire compatibility is asserted (our bytes decode with subtensor's
 * types); naming/shape differences are compared against a list of known ones so that a new
 * difference fails while fixing a known one does not. Skipped when the reference is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { Metadata, TypeRegistry } from '@polkadot/types';
import type { Vec } from '@polkadot/types';
import type { EventRecord } from '@polkadot/types/interfaces';
import { u8aToHex } from '@polkadot/util';
import { initCrypto } from '../../../../src/primitives/hashing.ts';
import { fromHex } from '../../../../src/primitives/hex.ts';
import { encode, ScaleReader, vec } from '../../../../src/primitives/scale/index.ts';
import { PROD_PROFILE } from '../../../../src/runtime/constants.ts';
import type { Runtime } from '../../../../src/runtime/framework/runtime-builder.ts';
import { mortalEra } from '../../../../src/runtime/extrinsic/era.ts';
import { TRANSACTION_EXTENSIONS } from '../../../../src/runtime/extrinsic/extensions.ts';
import { encodeSigned } from '../../../../src/runtime/extrinsic/unchecked.ts';
import { buildMetadata } from '../../../../src/runtime/metadata/index.ts';
import { EventRecordCodec } from '../../../../src/runtime/pallets/system/event-record.ts';
import { AccountInfo } from '../../../../src/runtime/pallets/system/storage.ts';
import { createRuntime } from '../../../../src/runtime/runtime.ts';
import { comparePallets, formatMismatches, Shapes, type Latest } from './compare-reference.ts';

const REFERENCE = fileURLToPath(new URL('../../../../../shared/reference/subtensor-metadata-v15-spec343.hex', import.meta.url));
const PALLETS = ['System', 'RandomnessCollectiveFlip', 'Timestamp', 'Aura', 'Grandpa', 'Balances', 'TransactionPayment', 'Utility', 'Sudo'];

/**
 * Known differences from the spec-343 reference, as `Pallet: what` (docs are counted, not listed).
 * Each is a fix for the pallet's or the framework's author, or a legitimate spec-425 change.
 */
const KNOWN = new Set<string>([
  // ExtraFlags is a tuple struct upstream (`struct ExtraFlags(u128)`), and its default sets IS_NEW_LOGIC.
  'System: storage Account fallback',
  'System: storage Account value type',
  'Balances: storage Account fallback',
  'Balances: storage Account value type',
  // DigestItem's PreRuntime/Consensus/Seal carry two unnamed fields, not one tuple field.
  'System: storage Digest value type',
  // `Cow<'static, str>` / `Cow<[..]>` wrappers (composite path `Cow`) in LastRuntimeUpgradeInfo and RuntimeVersion.
  'System: storage LastRuntimeUpgrade value type',
  'System: constant Version type',
  // Spec 425 and its API list differ from spec 343 (legitimate).
  'System: constant Version value',
  // Missing calls.
  'System: call authorize_upgrade',
  'System: call authorize_upgrade_without_checks',
  'System: call apply_authorized_upgrade',
  'Grandpa: call report_equivocation',
  'Grandpa: call report_equivocation_unsigned',
  // BoundedVec / WeakBoundedVec wrappers and newtypes (Slot, FixedU128).
  'RandomnessCollectiveFlip: storage RandomMaterial value type',
  'Aura: storage Authorities value type',
  'Aura: storage CurrentSlot value type',
  'Grandpa: storage PendingChange value type',
  'Grandpa: storage Authorities value type',
  'Balances: storage Locks value type',
  'Balances: storage Reserves value type',
  'Balances: storage Holds value type',
  'Balances: storage Freezes value type',
  'TransactionPayment: storage NextFeeMultiplier value type',
  // StoredState's PendingPause/PendingResume are struct variants (named fields), not one anonymous struct field.
  'Grandpa: storage State value type',
  // Generic params of the pallet enums: Balances has <T, I>; Grandpa's and Utility's Event have none.
  'Grandpa: event enum path/params',
  'Utility: event enum path/params',
  'Balances: call enum path/params',
  'Balances: event enum path/params',
  'Balances: error enum path/params',
  // `force_unreserve(who, amount: T::Balance)` takes a plain u64 upstream, not Compact<u64> (different bytes).
  'Balances: call force_unreserve.amount type',
]);

const hex = (b: Uint8Array) => u8aToHex(b);

function unwrapOptionOpaque(bytes: Uint8Array): Uint8Array {
  if (bytes[0] !== 1) throw new Error('reference is not Some(OpaqueMetadata)');
  const r = new ScaleReader(bytes, 1);
  const len = r.compactNumber();
  return bytes.subarray(r.pos, r.pos + len);
}

function load(bytes: Uint8Array) {
  const registry = new TypeRegistry();
  const metadata = new Metadata(registry, bytes);
  const empty = { extrinsic: {}, payload: {} };
  registry.setMetadata(metadata, undefined, {
    SudoTransactionExtension: empty, CheckShieldedTxValidity: empty, SubtensorTransactionExtension: empty, DrandPriority: empty,
  });
  return { registry, metadata, latest: metadata.asV15.toJSON() as unknown as Latest };
}

describe.skipIf(!existsSync(REFERENCE))('metadata against subtensor spec 343', () => {
  let runtime: Runtime;
  let ref: ReturnType<typeof load>;
  let ours: ReturnType<typeof load>;

  beforeAll(async () => {
    await initCrypto();
    runtime = createRuntime(PROD_PROFILE, { verifySignature: () => true }).runtime;
    ref = load(unwrapOptionOpaque(fromHex(readFileSync(REFERENCE, 'utf8').trim())));
    ours = load(buildMetadata(runtime, 15));
  });

  it('has our pallets at the reference indices', () => {
    for (const name of PALLETS) {
      const r = ref.latest.pallets.find((p) => p.name === name);
      expect(r, name).toBeDefined();
      expect(runtime.pallet(name).index, name).toBe(r!.index);
    }
  });

  it('lists the reference extensions in the reference order (spec 425 adds two empty ones)', () => {
    const refIds = ref.metadata.asV15.extrinsic.signedExtensions.map((e) => e.identifier.toString());
    const ourIds = TRANSACTION_EXTENSIONS.map((e) => e.identifier);
    expect(ourIds.filter((id) => refIds.includes(id))).toEqual(refIds);
    expect(ourIds.filter((id) => !refIds.includes(id))).toEqual(['SudoTransactionExtension', 'CheckShieldedTxValidity']);
  });

  it('has the reference shapes for the types clients special-case', () => {
    const om = new Shapes(ours.latest);
    const rm = new Shapes(ref.latest);
    const byPath = (m: Latest, path: string) => m.lookup.types.filter((t) => t.type.path.join('::') === path).map((t) => t.id);
    for (const path of [
      'sp_core::crypto::AccountId32', 'primitive_types::H256', 'sp_runtime::multiaddress::MultiAddress', 'sp_runtime::MultiSignature',
      'sp_runtime::generic::era::Era', 'sp_weights::weight_v2::Weight', 'frame_system::EventRecord', 'frame_system::Phase',
      'sp_runtime::DispatchError', 'sp_runtime::ModuleError', 'frame_system::DispatchEventInfo', 'frame_support::dispatch::DispatchClass',
      'frame_support::dispatch::Pays', 'frame_metadata_hash_extension::CheckMetadataHash', 'frame_metadata_hash_extension::Mode',
      'node_subtensor_runtime::check_nonce::CheckNonce', 'frame_system::extensions::check_mortality::CheckMortality',
      'frame_system::limits::BlockWeights', 'frame_system::limits::BlockLength', 'sp_weights::RuntimeDbWeight',
      'sp_runtime::generic::unchecked_extrinsic::UncheckedExtrinsic',
    ]) {
      const o = byPath(ours.latest, path);
      const r = byPath(ref.latest, path);
      expect(o.length, path).toBeGreaterThan(0);
      expect(r.length, path).toBeGreaterThan(0);
      const refShapes = r.map((id) => rm.shape(id));
      for (const id of o) expect(refShapes, path).toContain(om.shape(id));
    }
  });

  it('our bytes decode with subtensor\'s own types (wire compatibility)', () => {
    const { registry, metadata } = ref;
    const system = metadata.asV15.pallets.find((p) => p.name.toString() === 'System')!;
    const accountTy = system.storage.unwrap().items.find((i) => i.name.toString() === 'Account')!.type.asMap.value;
    const info = encode(AccountInfo, {
      nonce: 1, consumers: 0, providers: 1, sufficients: 0,
      data: { free: 10_000_000_000n, reserved: 0n, frozen: 0n, flags: { bits: 1n << 127n } },
    });
    const account = registry.createType(registry.createLookupType(accountTy), info);
    expect(hex(account.toU8a())).toBe(hex(info));
    expect((account.toJSON() as { nonce: number }).nonce).toBe(1);

    const bob = new Uint8Array(32).fill(0x0b);
    const call = encode(runtime.callCodec, { pallet: 'Balances', name: 'transfer_keep_alive', args: { dest: { tag: 'Id', value: bob }, value: 1_000n } });
    const decodedCall = registry.createType('Call', call);
    expect(`${decodedCall.section}.${decodedCall.method}`).toBe('balances.transferKeepAlive');

    const xt = encodeSigned(call, {
      address: { tag: 'Id', value: bob },
      // (non-zero: polkadot.js takes an all-zero signature for "unsigned")
      signature: { tag: 'Sr25519', value: new Uint8Array(64).fill(1) },
      extra: { era: mortalEra(64, 10), nonce: 2, tip: 0n, mode: 0 },
    });
    const decodedXt = registry.createType('Extrinsic', xt);
    expect(decodedXt.nonce.toNumber()).toBe(2);
    expect(hex(decodedXt.toU8a())).toBe(hex(xt));

    const events = encode(vec(EventRecordCodec), [
      { phase: { tag: 'ApplyExtrinsic', value: 0 }, event: { pallet: 'Balances', name: 'Transfer', fields: { from: bob, to: bob, amount: 5n } }, topics: [] },
      { phase: { tag: 'Finalization', value: undefined }, event: { pallet: 'Sudo', name: 'KeyChanged', fields: { old: undefined, new: bob } }, topics: [] },
    ]);
    const records = registry.createType('Vec<EventRecord>', events) as unknown as Vec<EventRecord>;
    expect(records.map((r) => `${r.event.section}.${r.event.method}`)).toEqual(['balances.Transfer', 'sudo.KeyChanged']);
    expect(hex(records.toU8a())).toBe(hex(events));
  });

  it('differs from the reference only in known ways', () => {
    const all = comparePallets(ours.latest, ref.latest, PALLETS);
    const docs = all.filter((m) => m.what.endsWith(' docs'));
    const rest = all.filter((m) => !m.what.endsWith(' docs'));
    const unknown = rest.filter((m) => !KNOWN.has(`${m.pallet}: ${m.what}`));
    expect(formatMismatches(unknown)).toBe('');
    // Informational: what is still open (fixes for pallet authors).
    console.log(`metadata vs spec 343: ${rest.length} known difference(s), ${docs.length} item(s) without docs`);
  });
});
