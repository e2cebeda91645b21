import { args } from '../../framework/pallet.ts';
import type { EventDef, ErrorDef } from '../../framework/pallet.ts';
import { AccountId32, DispatchError, DispatchEventInfo, H256 } from '../../types.ts';
import { bool } from '../../../primitives/scale/index.ts';

/** Permanent event indices of frame_system. */
export const systemEvents: EventDef[] = [
  { index: 0, name: 'ExtrinsicSuccess', fields: args([['dispatch_info', DispatchEventInfo, 'DispatchEventInfo']]) },
  { index: 1, name: 'ExtrinsicFailed', fields: args([['dispatch_error', DispatchError, 'DispatchError'], ['dispatch_info', DispatchEventInfo, 'DispatchEventInfo']]) },
  { index: 2, name: 'CodeUpdated', fields: [] },
  { index: 3, name: 'NewAccount', fields: args([['account', AccountId32, 'T::AccountId']]) },
  { index: 4, name: 'KilledAccount', fields: args([['account', AccountId32, 'T::AccountId']]) },
  { index: 5, name: 'Remarked', fields: args([['sender', AccountId32, 'T::AccountId'], ['hash', H256, 'T::Hash']]) },
  { index: 6, name: 'UpgradeAuthorized', fields: args([['code_hash', H256, 'T::Hash'], ['check_version', bool, 'bool']]) },
  { index: 7, name: 'RejectedInvalidAuthorizedUpgrade', fields: args([['code_hash', H256, 'T::Hash'], ['error', DispatchError, 'DispatchError']]) },
];

/** Permanent error indices of frame_system. */
export const systemErrors: ErrorDef[] = [
  'InvalidSpecName', 'SpecVersionNeedsToIncrease', 'FailedToExtractRuntimeVersion', 'NonDefaultComposite',
  'NonZeroRefCount', 'CallFiltered', 'MultiBlockMigrationsOngoing', 'NothingAuthorized', 'Unauthorized',
].map((name, index) => ({ name, index }));
