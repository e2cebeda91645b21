/** pallet_balances calls with permanent indices (1 and 7 are retired upstream). */
import { bool, compactU64, enumeration, u64, vec } from '../../../primitives/scale/index.ts';
import { ensureRoot, ensureSigned } from '../../framework/dispatch.ts';
import { lookupAddress } from '../../framework/lookup.ts';
import { args, moduleErrorThrower, type CallDef } from '../../framework/pallet.ts';
import { WEIGHT } from '../../constants.ts';
import { AccountId32, MultiAddress } from '../../types.ts';
import { balancesErrors } from './events.ts';
import {
  burn, forceAdjustIssuance, reducibleBalance, setFreeBalance, transfer,
} from './currency.ts';

const error = moduleErrorThrower({ name: 'Balances', index: 5, errors: balancesErrors });
const dest = ['dest', MultiAddress, 'AccountIdLookupOf<T>'] as const;
const value = ['value', compactU64, 'T::Balance'] as const;
const AdjustmentDirection = enumeration(
  { Increase: { index: 0 }, Decrease: { index: 1 } },
  { path: ['pallet_balances', 'types', 'AdjustmentDirection'] },
);

// Reference weights of pallet_balances' benchmarks (ref-time), plus their DB accesses.
const TRANSFER_WEIGHT = 50_000_000n + WEIGHT.dbRead + WEIGHT.dbWrite;

export const balancesCalls: CallDef[] = [
  {
    index: 0,
    name: 'transfer_allow_death',
    args: args([[...dest], [...value]]),
    weight: () => TRANSFER_WEIGHT,
    dispatch: (ctx, origin, a) => {
      const from = ensureSigned(origin);
      transfer(ctx, from, lookupAddress(a.dest), a.value, 'Expendable');
    },
    docs: ['Transfer some liquid free balance to another account; the sender may be reaped.'],
  },
  {
    index: 2,
    name: 'force_transfer',
    docs: ['Exactly as `transfer_allow_death`, except the origin must be root and the source account', 'may be specified.'],
    args: args([['source', MultiAddress, 'AccountIdLookupOf<T>'], [...dest], [...value]]),
    weight: () => TRANSFER_WEIGHT + WEIGHT.dbWrite,
    dispatch: (ctx, origin, a) => {
      ensureRoot(origin);
      transfer(ctx, lookupAddress(a.source), lookupAddress(a.dest), a.value, 'Expendable');
    },
  },
  {
    index: 3,
    name: 'transfer_keep_alive',
    args: args([[...dest], [...value]]),
    weight: () => TRANSFER_WEIGHT - 10_000_000n,
    dispatch: (ctx, origin, a) => {
      const from = ensureSigned(origin);
      transfer(ctx, from, lookupAddress(a.dest), a.value, 'Preserve');
    },
    docs: ['Transfer, refusing to let the sender drop below the existential deposit.'],
  },
  {
    index: 4,
    name: 'transfer_all',
    docs: ['Transfer the entire transferable balance from the caller account.'],
    args: args([[...dest], ['keep_alive', bool, 'bool']]),
    weight: () => TRANSFER_WEIGHT,
    dispatch: (ctx, origin, a) => {
      const from = ensureSigned(origin);
      const preservation = a.keep_alive ? 'Preserve' : 'Expendable';
      transfer(ctx, from, lookupAddress(a.dest), reducibleBalance(ctx, from, preservation), preservation);
    },
  },
  {
    index: 5,
    name: 'force_unreserve',
    docs: ['Unreserve some balance from a user by force.'],
    args: args([['who', MultiAddress, 'AccountIdLookupOf<T>'], ['amount', u64, 'T::Balance']]),
    weight: () => WEIGHT.dbRead + WEIGHT.dbWrite,
    dispatch: (_ctx, origin, a) => {
      ensureRoot(origin);
      lookupAddress(a.who);
      // Nothing on this chain reserves balance yet, so there is nothing to release.
    },
  },
  {
    index: 6,
    name: 'upgrade_accounts',
    docs: ['Upgrade a specified account.'],
    args: args([['who', vec(AccountId32), 'Vec<T::AccountId>']]),
    weight: (a) => BigInt((a.who as unknown[]).length) * (WEIGHT.dbRead + WEIGHT.dbWrite),
    dispatch: (_ctx, origin) => {
      ensureSigned(origin);
      // Accounts are created with the current layout; there is nothing to upgrade.
    },
  },
  {
    index: 8,
    name: 'force_set_balance',
    docs: ['Set the regular balance of a given account.'],
    args: args([['who', MultiAddress, 'AccountIdLookupOf<T>'], ['new_free', compactU64, 'T::Balance']]),
    weight: () => WEIGHT.dbRead + WEIGHT.dbWrite * 2n,
    dispatch: (ctx, origin, a) => {
      ensureRoot(origin);
      setFreeBalance(ctx, lookupAddress(a.who), a.new_free);
    },
  },
  {
    index: 9,
    name: 'force_adjust_total_issuance',
    docs: ['Adjust the total issuance in a saturating way.'],
    args: args([['direction', AdjustmentDirection, 'AdjustmentDirection'], ['delta', compactU64, 'T::Balance']]),
    weight: () => WEIGHT.dbRead + WEIGHT.dbWrite,
    dispatch: (ctx, origin, a) => {
      ensureRoot(origin);
      if (a.delta === 0n) error('DeltaZero');
      forceAdjustIssuance(ctx, a.direction.tag === 'Increase' ? a.delta : -a.delta);
    },
  },
  {
    index: 10,
    name: 'burn',
    docs: ['Burn the specified liquid free balance from the origin account.'],
    args: args([['value', compactU64, 'T::Balance'], ['keep_alive', bool, 'bool']]),
    weight: () => WEIGHT.dbRead + WEIGHT.dbWrite,
    dispatch: (ctx, origin, a) => {
      const who = ensureSigned(origin);
      burn(ctx, who, a.value, a.keep_alive ? 'Preserve' : 'Expendable');
    },
  },
];
