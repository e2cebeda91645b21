import { args } from '../../framework/pallet.ts';
import type { EventDef, ErrorDef } from '../../framework/pallet.ts';
import { AccountId32, DispatchError, DispatchEventInfo, H256 } from '../../types.ts';
import { bool } from '../../../primitives/scale/index.ts';

/** Permanent event indices of frame_system. */
export const systemEvents: EventDef[] = [
  {
    index: 0,
    name: 'ExtrinsicSuccess',
    fields: args([['dispatch_info', DispatchEventInfo, 'DispatchEventInfo']]),
    docs: ['An extrinsic completed successfully.'],
  },
  {
    index: 1,
    name: 'ExtrinsicFailed',
    fields: args([['dispatch_error', DispatchError, 'DispatchError'], ['dispatch_info', DispatchEventInfo, 'DispatchEventInfo']]),
    docs: ['An extrinsic failed.'],
  },
  { index: 2, name: 'CodeUpdated', fields: [], docs: ['`:code` was updated.'] },
  { index: 3, name: 'NewAccount', fields: args([['account', AccountId32, 'T::AccountId']]), docs: ['A new account was created.'] },
  { index: 4, name: 'KilledAccount', fields: args([['account', AccountId32, 'T::AccountId']]), docs: ['An account was reaped.'] },
  { index: 5, name: 'Remarked', fields: args([['sender', AccountId32, 'T::AccountId'], ['hash', H256, 'T::Hash']]), docs: ['On on-chain remark happened.'] },
  {
    index: 6,
    name: 'UpgradeAuthorized',
    fields: args([['code_hash', H256, 'T::Hash'], ['check_version', bool, 'bool']]),
    docs: ['An upgrade was authorized.'],
  },
  {
    index: 7,
    name: 'RejectedInvalidAuthorizedUpgrade',
    fields: args([['code_hash', H256, 'T::Hash'], ['error', DispatchError, 'DispatchError']]),
    docs: ['An invalid authorized upgrade was rejected while trying to apply it.'],
  },
];

/** Permanent error indices of frame_system. */
export const systemErrors: ErrorDef[] = [
  'InvalidSpecName', 'SpecVersionNeedsToIncrease', 'FailedToExtractRuntimeVersion', 'NonDefaultComposite',
  'NonZeroRefCount', 'CallFiltered', 'MultiBlockMigrationsOngoing', 'NothingAuthorized', 'Unauthorized',
].map((name, index) => ({ name, index }));
