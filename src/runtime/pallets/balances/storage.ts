/** Balances (index 5) storage catalogue. Balances live in System.Account (AccountStore = System). */
import { enumeration, fixedBytes, struct, u64 } from '../../../primitives/scale/index.ts';
import { storageCatalogue } from '../../framework/storage.ts';
import { AccountId32, boundedVec, RuntimeFreezeReason, RuntimeHoldReason, weakBoundedVec } from '../../types.ts';
import { AccountData, IS_NEW_LOGIC } from '../system/storage.ts';

const b = storageCatalogue('Balances');

const Reasons = enumeration({ Fee: { index: 0 }, Misc: { index: 1 }, All: { index: 2 } }, { path: ['pallet_balances', 'types', 'Reasons'] });
const BalanceLock = struct(
  { id: fixedBytes(8), amount: u64, reasons: Reasons },
  {
    path: ['pallet_balances', 'types', 'BalanceLock'],
    params: [{ name: 'Balance', type: u64 }],
    typeNames: { id: 'LockIdentifier', amount: 'Balance', reasons: 'Reasons' },
  },
);
const ReserveData = struct(
  { id: fixedBytes(8), amount: u64 },
  {
    path: ['pallet_balances', 'types', 'ReserveData'],
    params: [{ name: 'ReserveIdentifier', type: fixedBytes(8) }, { name: 'Balance', type: u64 }],
    typeNames: { id: 'ReserveIdentifier', amount: 'Balance' },
  },
);
/** `IdAmount<Id, Balance>`: a hold or freeze of `amount` for reason `id` (a runtime-wide reason enum). */
const idAmount = (reason: typeof RuntimeHoldReason) =>
  struct(
    { id: reason, amount: u64 },
    {
      path: ['frame_support', 'traits', 'tokens', 'misc', 'IdAmount'],
      params: [{ name: 'Id', type: reason }, { name: 'Balance', type: u64 }],
      typeNames: { id: 'Id', amount: 'Balance' },
    },
  );

export const BalancesStorage = {
  TotalIssuance: b.value('TotalIssuance', u64, { default: 0n, docs: ['The total units issued in the system.'] }),
  InactiveIssuance: b.value('InactiveIssuance', u64, { default: 0n, docs: [' The total units of outstanding deactivated balance in the system.'] }),
  Account: b.map('Account', 'Blake2_128Concat', AccountId32, AccountData, {
    default: { free: 0n, reserved: 0n, frozen: 0n, flags: { bits: IS_NEW_LOGIC } },
    // (Unused here: subtensor keeps balances in System.Account, `AccountStore = System`.)
    docs: [' The Balances pallet example of storing the balance of an account.'],
  }),
  Locks: b.map('Locks', 'Blake2_128Concat', AccountId32, weakBoundedVec(BalanceLock), {
    default: [],
    docs: [
      ' Any liquidity locks on some account balances.',
      ' NOTE: Should only be accessed when setting, changing and freeing a lock.',
      '',
      ' Use of locks is deprecated in favour of freezes. See `https://github.com/paritytech/substrate/pull/12951/`',
    ],
  }),
  Reserves: b.map('Reserves', 'Blake2_128Concat', AccountId32, boundedVec(ReserveData), {
    default: [],
    docs: [
      ' Named reserves on some account balances.',
      '',
      ' Use of reserves is deprecated in favour of holds. See `https://github.com/paritytech/substrate/pull/12951/`',
    ],
  }),
  Holds: b.map('Holds', 'Blake2_128Concat', AccountId32, boundedVec(idAmount(RuntimeHoldReason)), { default: [], docs: [' Holds on account balances.'] }),
  Freezes: b.map('Freezes', 'Blake2_128Concat', AccountId32, boundedVec(idAmount(RuntimeFreezeReason)), {
    default: [],
    docs: [' Freeze locks on account balances.'],
  }),
};

