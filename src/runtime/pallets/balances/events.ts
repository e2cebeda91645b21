import { enumeration } from '../../../primitives/scale/index.ts';
import { args, type ErrorDef, type EventDef } from '../../framework/pallet.ts';
import { AccountId32, Balance } from '../../types.ts';

const who = ['who', AccountId32, 'T::AccountId'] as const;
const amount = ['amount', Balance, 'T::Balance'] as const;
const BalanceStatus = enumeration({ Free: { index: 0 }, Reserved: { index: 1 } }, { path: ['frame_support', 'traits', 'tokens', 'misc', 'BalanceStatus'] });

/** Permanent event indices of pallet_balances. */
export const balancesEvents: EventDef[] = [
  {
    index: 0,
    name: 'Endowed',
    fields: args([['account', AccountId32, 'T::AccountId'], ['free_balance', Balance, 'T::Balance']]),
    docs: ['An account was created with some free balance.'],
  },
  {
    index: 1,
    name: 'DustLost',
    fields: args([['account', AccountId32, 'T::AccountId'], [...amount]]),
    docs: ['An account was removed whose balance was non-zero but below ExistentialDeposit,', 'resulting in an outright loss.'],
  },
  {
    index: 2,
    name: 'Transfer',
    fields: args([['from', AccountId32, 'T::AccountId'], ['to', AccountId32, 'T::AccountId'], [...amount]]),
    docs: ['Transfer succeeded.'],
  },
  { index: 3, name: 'BalanceSet', fields: args([[...who], ['free', Balance, 'T::Balance']]), docs: ['A balance was set by root.'] },
  { index: 4, name: 'Reserved', fields: args([[...who], [...amount]]), docs: ['Some balance was reserved (moved from free to reserved).'] },
  { index: 5, name: 'Unreserved', fields: args([[...who], [...amount]]), docs: ['Some balance was unreserved (moved from reserved to free).'] },
  {
    index: 6,
    name: 'ReserveRepatriated',
    fields: args([['from', AccountId32, 'T::AccountId'], ['to', AccountId32, 'T::AccountId'], [...amount], ['destination_status', BalanceStatus, 'Status']]),
    docs: ['Some balance was moved from the reserve of the first account to the second account.', 'Final argument indicates the destination balance type.'],
  },
  { index: 7, name: 'Deposit', fields: args([[...who], [...amount]]), docs: ['Some amount was deposited (e.g. for transaction fees).'] },
  { index: 8, name: 'Withdraw', fields: args([[...who], [...amount]]), docs: ['Some amount was withdrawn from the account (e.g. for transaction fees).'] },
  { index: 9, name: 'Slashed', fields: args([[...who], [...amount]]), docs: ['Some amount was removed from the account (e.g. for misbehavior).'] },
  { index: 10, name: 'Minted', fields: args([[...who], [...amount]]), docs: ['Some amount was minted into an account.'] },
  { index: 11, name: 'Burned', fields: args([[...who], [...amount]]), docs: ['Some amount was burned from an account.'] },
  { index: 12, name: 'Suspended', fields: args([[...who], [...amount]]), docs: ['Some amount was suspended from an account (it can be restored later).'] },
  { index: 13, name: 'Restored', fields: args([[...who], [...amount]]), docs: ['Some amount was restored into an account.'] },
  { index: 14, name: 'Upgraded', fields: args([[...who]]), docs: ['An account was upgraded.'] },
  { index: 15, name: 'Issued', fields: args([[...amount]]), docs: ['Total issuance was increased by `amount`, creating a credit to be balanced.'] },
  { index: 16, name: 'Rescinded', fields: args([[...amount]]), docs: ['Total issuance was decreased by `amount`, creating a debt to be balanced.'] },
  { index: 17, name: 'Locked', fields: args([[...who], [...amount]]), docs: ['Some balance was locked.'] },
  { index: 18, name: 'Unlocked', fields: args([[...who], [...amount]]), docs: ['Some balance was unlocked.'] },
  { index: 19, name: 'Frozen', fields: args([[...who], [...amount]]), docs: ['Some balance was frozen.'] },
  { index: 20, name: 'Thawed', fields: args([[...who], [...amount]]), docs: ['Some balance was thawed.'] },
  {
    index: 21,
    name: 'TotalIssuanceForced',
    fields: args([['old', Balance, 'T::Balance'], ['new', Balance, 'T::Balance']]),
    docs: ['The `TotalIssuance` was forcefully changed.'],
  },
];

/** Permanent error indices of pallet_balances. */
export const balancesErrors: ErrorDef[] = [
  'VestingBalance', 'LiquidityRestrictions', 'InsufficientBalance', 'ExistentialDeposit', 'Expendability',
  'ExistingVestingSchedule', 'DeadAccount', 'TooManyReserves', 'TooManyHolds', 'TooManyFreezes',
  'IssuanceDeactivated', 'DeltaZero',
].map((name, index) => ({ name, index }));
