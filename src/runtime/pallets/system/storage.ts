/** System (index 0) storage catalogue — names, hashers and defaults as frame_system declares them. */
import { bool, bytes, compactNumber, enumeration, str, struct, tuple, u128, u32, u64, vec } from '../../../primitives/scale/index.ts';
import { storageCatalogue } from '../../framework/storage.ts';
import { AccountId32, cow, describedAs, Digest, H256, Phase, PerDispatchClassWeight, Weight } from '../../types.ts';
import { EventRecordCodec } from './event-record.ts';

/** `pallet_balances::types::ExtraFlags(u128)`: a tuple struct upstream; the value here is `{ bits }`. */
export const ExtraFlags = describedAs(struct({ bits: u128 }), {
  path: ['pallet_balances', 'types', 'ExtraFlags'],
  def: { kind: 'composite', fields: [{ type: u128, typeName: 'u128' }] },
});

export const AccountData = struct(
  { free: u64, reserved: u64, frozen: u64, flags: ExtraFlags },
  {
    path: ['pallet_balances', 'types', 'AccountData'],
    params: [{ name: 'Balance', type: u64 }],
    typeNames: { free: 'Balance', reserved: 'Balance', frozen: 'Balance', flags: 'ExtraFlags' },
  },
);

export const AccountInfo = struct(
  { nonce: u32, consumers: u32, providers: u32, sufficients: u32, data: AccountData },
  {
    path: ['frame_system', 'AccountInfo'],
    params: [{ name: 'Nonce', type: u32 }, { name: 'AccountData', type: AccountData }],
    typeNames: { nonce: 'Nonce', consumers: 'RefCount', providers: 'RefCount', sufficients: 'RefCount', data: 'AccountData' },
  },
);

export interface AccountInfoValue {
  nonce: number;
  consumers: number;
  providers: number;
  sufficients: number;
  data: { free: bigint; reserved: bigint; frozen: bigint; flags: { bits: bigint } };
}

/** New accounts start with the "new logic" flag set, as pallet_balances does. */
export const IS_NEW_LOGIC = 1n << 127n;

export const emptyAccount = (): AccountInfoValue => ({
  nonce: 0,
  consumers: 0,
  providers: 0,
  sufficients: 0,
  data: { free: 0n, reserved: 0n, frozen: 0n, flags: { bits: IS_NEW_LOGIC } },
});

const s = storageCatalogue('System');

export const SystemStorage = {
  Account: s.map('Account', 'Blake2_128Concat', AccountId32, AccountInfo, {
    default: emptyAccount(),
    docs: [' The full account information for a particular account ID.'],
  }),
  ExtrinsicCount: s.value('ExtrinsicCount', u32, { docs: [' Total extrinsics count for the current block.'] }),
  InherentsApplied: s.value('InherentsApplied', bool, { default: false, docs: [' Whether all inherents have been applied.'] }),
  BlockWeight: s.value('BlockWeight', PerDispatchClassWeight, {
    default: {
      normal: { ref_time: 0n, proof_size: 0n },
      operational: { ref_time: 0n, proof_size: 0n },
      mandatory: { ref_time: 0n, proof_size: 0n },
    },
    docs: [' The current weight for the block.'],
  }),
  AllExtrinsicsLen: s.value('AllExtrinsicsLen', u32, { docs: [' Total length (in bytes) for all extrinsics put together, for the current block.'] }),
  BlockHash: s.map('BlockHash', 'Twox64Concat', u32, H256, { default: new Uint8Array(32), docs: [' Map of block numbers to block hashes.'] }),
  ExtrinsicData: s.map('ExtrinsicData', 'Twox64Concat', u32, bytes, {
    default: new Uint8Array(),
    docs: [' Extrinsics data for the current block (maps an extrinsic\'s index to its data).'],
  }),
  Number: s.value('Number', u32, { default: 0, docs: [' The current block number being processed. Set by `execute_block`.'] }),
  ParentHash: s.value('ParentHash', H256, { default: new Uint8Array(32), docs: [' Hash of the previous block.'] }),
  Digest: s.value('Digest', Digest, { default: { logs: [] }, docs: [' Digest of the current block, also part of the block header.'] }),
  Events: s.value('Events', vec(EventRecordCodec), {
    default: [],
    docs: [
      ' Events deposited for the current block.',
      '',
      ' NOTE: The item is unbound and should therefore never be read on chain.',
      ' It could otherwise inflate the PoV size of a block.',
      '',
      ' Events have a large in-memory size. Box the events to not go out-of-memory',
      ' just in case someone still reads them from within the runtime.',
    ],
  }),
  EventCount: s.value('EventCount', u32, { default: 0, docs: [' The number of events in the `Events<T>` list.'] }),
  EventTopics: s.map('EventTopics', 'Blake2_128Concat', H256, vec(tuple(u32, u32)), {
    default: [],
    docs: [
      ' Mapping between a topic (represented by T::Hash) and a vector of indexes',
      ' of events in the `<Events<T>>` list.',
      '',
      ' All topic vectors have deterministic storage locations depending on the topic. This',
      ' allows light-clients to leverage the changes trie storage tracking mechanism and',
      ' in case of changes fetch the list of events of interest.',
      '',
      ' The value has the type `(BlockNumberFor<T>, EventIndex)` because if we used only just',
      ' the `EventIndex` then in case if the topic has the same contents on the next block',
      ' no notification will be triggered thus the event might be lost.',
    ],
  }),
  LastRuntimeUpgrade: s.value(
    'LastRuntimeUpgrade',
    struct(
      { spec_version: compactNumber(u32), spec_name: cow(str) },
      { path: ['frame_system', 'LastRuntimeUpgradeInfo'], typeNames: { spec_version: 'codec::Compact<u32>', spec_name: "Cow<'static, str>" } },
    ),
    { docs: [' Stores the `spec_version` and `spec_name` of when the last runtime upgrade happened.'] },
  ),
  UpgradedToU32RefCount: s.value('UpgradedToU32RefCount', bool, {
    default: false,
    docs: [' True if we have upgraded so that `type RefCount` is `u32`. False (default) if not.'],
  }),
  UpgradedToTripleRefCount: s.value('UpgradedToTripleRefCount', bool, {
    default: false,
    docs: [' True if we have upgraded so that AccountInfo contains three types of `RefCount`. False', ' (default) if not.'],
  }),
  ExecutionPhase: s.value('ExecutionPhase', Phase, { docs: [' The execution phase of the block.'] }),
  AuthorizedUpgrade: s.value(
    'AuthorizedUpgrade',
    struct(
      { code_hash: H256, check_version: bool },
      { path: ['frame_system', 'CodeUpgradeAuthorization'], params: [{ name: 'T' }], typeNames: { code_hash: 'T::Hash', check_version: 'bool' } },
    ),
    { docs: [' `Some` if a code upgrade has been authorized.'] },
  ),
  ExtrinsicWeightReclaimed: s.value('ExtrinsicWeightReclaimed', Weight, {
    default: { ref_time: 0n, proof_size: 0n },
    docs: [
      ' The weight reclaimed for the extrinsic.',
      '',
      ' This information is available until the end of the extrinsic execution.',
      ' More precisely this information is removed in `note_applied_extrinsic`.',
      '',
      ' Logic doing some post dispatch weight reduction must update this storage to avoid duplicate',
      ' reduction.',
    ],
  }),
};

export const ExecutionPhaseCodec = enumeration({ ApplyExtrinsic: { index: 0, value: u32 }, Finalization: { index: 1 }, Initialization: { index: 2 } });
