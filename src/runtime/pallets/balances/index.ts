/** pallet_balances (index 5): u64 balances, ED 500 rao, accounts stored in System.Account. */
import { u32 } from '../../../primitives/scale/index.ts';
import type { PalletDefWithHints } from '../../framework/runtime-builder.ts';
import { EXISTENTIAL_DEPOSIT } from '../../constants.ts';
import { Balance, type AccountId } from '../../types.ts';
import { newEndowedAccount, writeAccount } from '../system/accounts.ts';
import { balancesCalls } from './calls.ts';
import { balancesErrors, balancesEvents } from './events.ts';
import { BalancesStorage } from './storage.ts';

export interface BalancesGenesis {
  balances: [AccountId, bigint][];
}

export const balancesPallet: PalletDefWithHints<BalancesGenesis> = {
  name: 'Balances',
  index: 5,
  typePath: ['pallet_balances', 'pallet'],
  // Instantiable pallet: `Call<T, I>`, `Event<T, I>`, `Error<T, I>`.
  typeParams: { call: ['T', 'I'], event: ['T', 'I'], error: ['T', 'I'] },
  storage: Object.values(BalancesStorage),
  calls: balancesCalls,
  events: balancesEvents,
  errors: balancesErrors,
  constants: [
    { name: 'ExistentialDeposit', codec: Balance, value: EXISTENTIAL_DEPOSIT, docs: ['The minimum amount required to keep an account open.'] },
    {
      name: 'MaxLocks',
      codec: u32,
      value: 50,
      docs: [
        ' The maximum number of locks that should exist on an account.',
        ' Not strictly enforced, but used for weight estimation.',
        '',
        ' Use of locks is deprecated in favour of freezes. See `https://github.com/paritytech/substrate/pull/12951/`',
      ],
    },
    {
      name: 'MaxReserves',
      codec: u32,
      value: 50,
      docs: [
        ' The maximum number of named reserves that can exist on an account.',
        '',
        ' Use of reserves is deprecated in favour of holds. See `https://github.com/paritytech/substrate/pull/12951/`',
      ],
    },
    { name: 'MaxFreezes', codec: u32, value: 50, docs: [' The maximum number of individual freeze locks that can exist on an account at any time.'] },
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
