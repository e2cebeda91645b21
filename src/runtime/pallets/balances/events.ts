import { enumeration } from '../../../primitives/scale/index.ts';
import { args, type ErrorDef, type EventDef } from '../../framework/pallet.ts';
import { AccountId32, Balance } from '../../types.ts';

const who = ['who', AccountId32, 'T::AccountId'] as const;
const amount = ['amount', Balance, 'T::Balance'] as const;
const BalanceStatus = enumeration({ Free: { index: 0 }, Reserved: { index: 1 } }, { path: ['frame_support', 'traits', 'tokens', 'misc', 'BalanceStatus'] });

/** Permanent event indices of pallet_balances. */
export const balancesEvents: EventDef[] = [
  { index: 0, name: 'Endowed', fields: args([['account', AccountId32, 'T::AccountId'], ['free_balance', Balance, 'T::Balance']]) },
  { index: 1, name: 'DustLost', fields: args([['account', AccountId32, 'T::AccountId'], [...amount]]) },
  { index: 2, name: 'Transfer', fields: args([['from', AccountId32, 'T::AccountId'], ['to', AccountId32, 'T::AccountId'], [...amount]]) },
  { index: 3, name: 'BalanceSet', fields: args([[...who], ['free', Balance, 'T::Balance']]) },
  { index: 4, name: 'Reserved', fields: args([[...who], [...amount]]) },
  { index: 5, name: 'Unreserved', fields: args([[...who], [...amount]]) },
  {
    index: 6,
    name: 'ReserveRepatriated',
    fields: args([['from', AccountId32, 'T::AccountId'], ['to', AccountId32, 'T::AccountId'], [...amount], ['destination_status', BalanceStatus, 'Status']]),
  },
  { index: 7, name: 'Deposit', fields: args([[...who], [...amount]]) },
  { index: 8, name: 'Withdraw', fields: args([[...who], [...amount]]) },
  { index: 9, name: 'Slashed', fields: args([[...who], [...amount]]) },
  { index: 10, name: 'Minted', fields: args([[...who], [...amount]]) },
  { index: 11, name: 'Burned', fields: args([[...who], [...amount]]) },
  { index: 12, name: 'Suspended', fields: args([[...who], [...amount]]) },
  { index: 13, name: 'Restored', fields: args([[...who], [...amount]]) },
  { index: 14, name: 'Upgraded', fields: args([[...who]]) },
  { index: 15, name: 'Issued', fields: args([[...amount]]) },
  { index: 16, name: 'Rescinded', fields: args([[...amount]]) },
  { index: 17, name: 'Locked', fields: args([[...who], [...amount]]) },
  { index: 18, name: 'Unlocked', fields: args([[...who], [...amount]]) },
  { index: 19, name: 'Frozen', fields: args([[...who], [...amount]]) },
  { index: 20, name: 'Thawed', fields: args([[...who], [...amount]]) },
  { index: 21, name: 'TotalIssuanceForced', fields: args([['old', Balance, 'T::Balance'], ['new', Balance, 'T::Balance']]) },
];

/** Permanent error indices of pallet_balances. */
export const balancesErrors: ErrorDef[] = [
  'VestingBalance', 'LiquidityRestrictions', 'InsufficientBalance', 'ExistentialDeposit', 'Expendability',
  'ExistingVestingSchedule', 'DeadAccount', 'TooManyReserves', 'TooManyHolds', 'TooManyFreezes',
  'IssuanceDeactivated', 'DeltaZero',
].map((name, index) => ({ name, index }));
