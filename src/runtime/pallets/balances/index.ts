/** pallet_balances (index 5): u64 balances, ED 500 rao, accounts stored in System.Account. */
import { u32 } from '../../../primitives/scale/index.ts';
import type { PalletDef } from '../../framework/pallet.ts';
import { EXISTENTIAL_DEPOSIT } from '../../constants.ts';
import { Balance, type AccountId } from '../../types.ts';
import { newEndowedAccount, writeAccount } from '../system/accounts.ts';
import { balancesCalls } from './calls.ts';
import { balancesErrors, balancesEvents } from './events.ts';
import { BalancesStorage } from './storage.ts';

export interface BalancesGenesis {
  balances: [AccountId, bigint][];
}

export const balancesPallet: PalletDef<BalancesGenesis> = {
  name: 'Balances',
  index: 5,
  typePath: ['pallet_balances', 'pallet'],
  storage: Object.values(BalancesStorage),
  calls: balancesCalls,
  events: balancesEvents,
  errors: balancesErrors,
  constants: [
    { name: 'ExistentialDeposit', codec: Balance, value: EXISTENTIAL_DEPOSIT, docs: ['The minimum amount required to keep an account open.'] },
    { name: 'MaxLocks', codec: u32, value: 50 },
    { name: 'MaxReserves', codec: u32, value: 50 },
    { name: 'MaxFreezes', codec: u32, value: 50 },
  ],
  genesis: (ctx, config) => {
    let issuance = 0n;
    for (const [who, amount] of config?.balances ?? []) {
      if (amount < EXISTENTIAL_DEPOSIT) throw new Error('genesis balance below the existential deposit');
      const info = newEndowedAccount(ctx);
      info.data.free = amount;
      writeAccount(ctx, who, info);
      issuance += amount;
    }
    BalancesStorage.TotalIssuance.set(ctx.storage, issuance);
  },
};

export * from './currency.ts';
export { BalancesStorage };
