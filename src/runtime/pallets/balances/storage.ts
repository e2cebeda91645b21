/** Balances (index 5) storage catalogue. Balances live in System.Account (AccountStore = System). */
import { enumeration, fixedBytes, struct, u64, vec } from '../../../primitives/scale/index.ts';
import { storageCatalogue } from '../../framework/storage.ts';
import { AccountId32 } from '../../types.ts';
import { AccountData, IS_NEW_LOGIC } from '../system/storage.ts';

const b = storageCatalogue('Balances');

const Reasons = enumeration({ Fee: { index: 0 }, Misc: { index: 1 }, All: { index: 2 } }, { path: ['pallet_balances', 'types', 'Reasons'] });
const BalanceLock = struct(
  { id: fixedBytes(8), amount: u64, reasons: Reasons },
  { path: ['pallet_balances', 'types', 'BalanceLock'], params: [{ name: 'Balance', type: u64 }] },
);
const ReserveData = struct(
  { id: fixedBytes(8), amount: u64 },
  { path: ['pallet_balances', 'types', 'ReserveData'], params: [{ name: 'ReserveIdentifier', type: fixedBytes(8) }, { name: 'Balance', type: u64 }] },
);
const IdAmount = struct({ id: fixedBytes(8), amount: u64 }, { path: ['frame_support', 'traits', 'tokens', 'misc', 'IdAmount'] });

export const BalancesStorage = {
  TotalIssuance: b.value('TotalIssuance', u64, { default: 0n, docs: ['The total units issued in the system.'] }),
  InactiveIssuance: b.value('InactiveIssuance', u64, { default: 0n }),
  Account: b.map('Account', 'Blake2_128Concat', AccountId32, AccountData, {
    default: { free: 0n, reserved: 0n, frozen: 0n, flags: { bits: IS_NEW_LOGIC } },
  }),
  Locks: b.map('Locks', 'Blake2_128Concat', AccountId32, vec(BalanceLock), { default: [] }),
  Reserves: b.map('Reserves', 'Blake2_128Concat', AccountId32, vec(ReserveData), { default: [] }),
  Holds: b.map('Holds', 'Blake2_128Concat', AccountId32, vec(IdAmount), { default: [] }),
  Freezes: b.map('Freezes', 'Blake2_128Concat', AccountId32, vec(IdAmount), { default: [] }),
};

