/** System (index 0) storage catalogue — names, hashers and defaults as frame_system declares them. */
import { bool, bytes, compactNumber, enumeration, str, struct, tuple, u128, u32, u64, vec } from '../../../primitives/scale/index.ts';
import { storageCatalogue } from '../../framework/storage.ts';
import { AccountId32, Digest, H256, Phase, PerDispatchClassWeight, Weight } from '../../types.ts';
import { EventRecordCodec } from './event-record.ts';

export const AccountData = struct(
  { free: u64, reserved: u64, frozen: u64, flags: struct({ bits: u128 }, { path: ['pallet_balances', 'types', 'ExtraFlags'] }) },
  { path: ['pallet_balances', 'types', 'AccountData'], params: [{ name: 'Balance', type: u64 }] },
);

export const AccountInfo = struct(
  { nonce: u32, consumers: u32, providers: u32, sufficients: u32, data: AccountData },
  { path: ['frame_system', 'AccountInfo'], params: [{ name: 'Nonce', type: u32 }, { name: 'AccountData', type: AccountData }] },
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
  Account: s.map('Account', 'Blake2_128Concat', AccountId32, AccountInfo, { default: emptyAccount() }),
  ExtrinsicCount: s.value('ExtrinsicCount', u32),
  InherentsApplied: s.value('InherentsApplied', bool, { default: false }),
  BlockWeight: s.value('BlockWeight', PerDispatchClassWeight, {
    default: {
      normal: { ref_time: 0n, proof_size: 0n },
      operational: { ref_time: 0n, proof_size: 0n },
      mandatory: { ref_time: 0n, proof_size: 0n },
    },
  }),
  AllExtrinsicsLen: s.value('AllExtrinsicsLen', u32),
  BlockHash: s.map('BlockHash', 'Twox64Concat', u32, H256, { default: new Uint8Array(32) }),
  ExtrinsicData: s.map('ExtrinsicData', 'Twox64Concat', u32, bytes, { default: new Uint8Array() }),
  Number: s.value('Number', u32, { default: 0 }),
  ParentHash: s.value('ParentHash', H256, { default: new Uint8Array(32) }),
  Digest: s.value('Digest', Digest, { default: { logs: [] } }),
  Events: s.value('Events', vec(EventRecordCodec), { default: [] }),
  EventCount: s.value('EventCount', u32, { default: 0 }),
  EventTopics: s.map('EventTopics', 'Blake2_128Concat', H256, vec(tuple(u32, u32)), { default: [] }),
  LastRuntimeUpgrade: s.value(
    'LastRuntimeUpgrade',
    struct({ spec_version: compactNumber(u32), spec_name: str }, { path: ['frame_system', 'LastRuntimeUpgradeInfo'] }),
  ),
  UpgradedToU32RefCount: s.value('UpgradedToU32RefCount', bool, { default: false }),
  UpgradedToTripleRefCount: s.value('UpgradedToTripleRefCount', bool, { default: false }),
  ExecutionPhase: s.value('ExecutionPhase', Phase),
  AuthorizedUpgrade: s.value(
    'AuthorizedUpgrade',
    struct({ code_hash: H256, check_version: bool }, { path: ['frame_system', 'CodeUpgradeAuthorization'] }),
  ),
  ExtrinsicWeightReclaimed: s.value('ExtrinsicWeightReclaimed', Weight, { default: { ref_time: 0n, proof_size: 0n } }),
};

export const ExecutionPhaseCodec = enumeration({ ApplyExtrinsic: { index: 0, value: u32 }, Finalization: { index: 1 }, Initialization: { index: 2 } });
