/** pallet_sudo (index 12): one key that may dispatch Root calls. */
import { option } from '../../../primitives/scale/index.ts';
import { RuntimeCallRef } from '../../framework/call-ref.ts';
import { ensureSigned, type Origin } from '../../framework/dispatch.ts';
import type { BlockContext } from '../../framework/context.ts';
import { lookupAddress } from '../../framework/lookup.ts';
import { args, moduleErrorThrower, type PalletDef } from '../../framework/pallet.ts';
import { storageCatalogue } from '../../framework/storage.ts';
import { WEIGHT } from '../../constants.ts';
import { bytesEqual } from '../../../primitives/hex.ts';
import { AccountId32, DispatchResult, MultiAddress, Weight, type AccountId } from '../../types.ts';
import type { RuntimeCall } from '../../framework/runtime-builder.ts';
import type { DispatchOutcome } from '../../framework/dispatch.ts';

const s = storageCatalogue('Sudo');
export const SudoStorage = {
  Key: s.value('Key', AccountId32, { docs: ['The `AccountId` of the sudo key.'] }),
};

const errors = [{ index: 0, name: 'RequireSudo', docs: ['Sender must be the Sudo account.'] }];
const error = moduleErrorThrower({ name: 'Sudo', index: 12, errors });

export function isSudoKey(ctx: BlockContext, who: AccountId): boolean {
  const key = SudoStorage.Key.get(ctx.storage);
  return key !== undefined && bytesEqual(key, who);
}

function ensureSudo(ctx: BlockContext, origin: Origin): AccountId {
  const who = ensureSigned(origin);
  if (!isSudoKey(ctx, who)) error('RequireSudo');
  return who;
}

function resultValue(out: DispatchOutcome) {
  return out.ok ? { tag: 'Ok', value: [] } : { tag: 'Err', value: out.error };
}

export function sudoPallet(innerWeight: (call: RuntimeCall) => bigint): PalletDef<{ key?: AccountId }> {
  return {
    name: 'Sudo',
    index: 12,
    typePath: ['pallet_sudo', 'pallet'],
    storage: Object.values(SudoStorage),
    calls: [
      {
        index: 0,
        name: 'sudo',
        args: args([['call', RuntimeCallRef, 'Box<<T as Config>::RuntimeCall>']]),
        weight: (a) => 10_000_000n + innerWeight(a.call),
        dispatch: (ctx, origin, a) => {
          ensureSudo(ctx, origin);
          const out = ctx.dispatch({ kind: 'Root' }, a.call);
          ctx.depositEvent('Sudo', 'Sudid', { sudo_result: resultValue(out) });
          return { paysFee: 'No' };
        },
        docs: ['Dispatch a call with Root origin.'],
      },
      {
        index: 1,
        name: 'sudo_unchecked_weight',
        docs: [
          'Authenticates the sudo key and dispatches a function call with `Root` origin.',
          'This function does not check the weight of the call, and instead allows the',
          'Sudo user to specify the weight of the call.',
        ],
        args: args([['call', RuntimeCallRef, 'Box<<T as Config>::RuntimeCall>'], ['weight', Weight, 'Weight']]),
        weight: (a) => a.weight.ref_time,
        dispatch: (ctx, origin, a) => {
          ensureSudo(ctx, origin);
          const out = ctx.dispatch({ kind: 'Root' }, a.call);
          ctx.depositEvent('Sudo', 'Sudid', { sudo_result: resultValue(out) });
          return { paysFee: 'No' };
        },
      },
      {
        index: 2,
        name: 'set_key',
        docs: ['Authenticates the current sudo key and sets the given AccountId (`new`) as the new sudo', 'key.'],
        args: args([['new', MultiAddress, 'AccountIdLookupOf<T>']]),
        weight: () => WEIGHT.dbRead + WEIGHT.dbWrite,
        dispatch: (ctx, origin, a) => {
          ensureSudo(ctx, origin);
          const next = lookupAddress(a.new);
          const old = SudoStorage.Key.get(ctx.storage);
          SudoStorage.Key.set(ctx.storage, next);
          ctx.depositEvent('Sudo', 'KeyChanged', { old, new: next });
          return { paysFee: 'No' };
        },
      },
      {
        index: 3,
        name: 'sudo_as',
        docs: ['Authenticates the sudo key and dispatches a function call with `Signed` origin from', 'a given account.'],
        args: args([['who', MultiAddress, 'AccountIdLookupOf<T>'], ['call', RuntimeCallRef, 'Box<<T as Config>::RuntimeCall>']]),
        weight: (a) => 10_000_000n + innerWeight(a.call),
        dispatch: (ctx, origin, a) => {
          ensureSudo(ctx, origin);
          const out = ctx.dispatch({ kind: 'Signed', who: lookupAddress(a.who) }, a.call);
          ctx.depositEvent('Sudo', 'SudoAsDone', { sudo_result: resultValue(out) });
          return { paysFee: 'No' };
        },
      },
      {
        index: 4,
        name: 'remove_key',
        docs: ['Permanently removes the sudo key.'],
        args: [],
        weight: () => WEIGHT.dbWrite,
        dispatch: (ctx, origin) => {
          ensureSudo(ctx, origin);
          SudoStorage.Key.kill(ctx.storage);
          ctx.depositEvent('Sudo', 'KeyRemoved');
          return { paysFee: 'No' };
        },
      },
    ],
    events: [
      { index: 0, name: 'Sudid', fields: args([['sudo_result', DispatchResult, 'DispatchResult']]), docs: ['A sudo call just took place.'] },
      {
        index: 1,
        name: 'KeyChanged',
        fields: args([['old', option(AccountId32), 'Option<T::AccountId>'], ['new', AccountId32, 'T::AccountId']]),
        docs: ['The sudo key has been updated.'],
      },
      { index: 2, name: 'KeyRemoved', fields: [], docs: ['The key was permanently removed.'] },
      {
        index: 3,
        name: 'SudoAsDone',
        fields: args([['sudo_result', DispatchResult, 'DispatchResult']]),
        docs: ['A [sudo_as](Pallet::sudo_as) call just took place.'],
      },
    ],
    errors,
    genesis: (ctx, config) => {
      if (config?.key) SudoStorage.Key.set(ctx.storage, config.key);
    },
  };
}
