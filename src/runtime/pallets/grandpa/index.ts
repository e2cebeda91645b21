/** pallet_grandpa (index 4): the finality authority set (ed25519 keys with weights). */
import { enumeration, fixedBytes, option, struct, tuple, u32, u64, vec } from '../../../primitives/scale/index.ts';
import { ensureRoot } from '../../framework/dispatch.ts';
import { args, type PalletDef } from '../../framework/pallet.ts';
import { storageCatalogue } from '../../framework/storage.ts';
import { WEIGHT } from '../../constants.ts';

export const GrandpaId = fixedBytes(32, ['sp_consensus_grandpa', 'app', 'Public']);
const AuthorityList = vec(tuple(GrandpaId, u64));
const ScheduledAt = struct({ scheduled_at: u32, delay: u32 });
const StoredState = enumeration(
  { Live: { index: 0 }, PendingPause: { index: 1, value: ScheduledAt }, Paused: { index: 2 }, PendingResume: { index: 3, value: ScheduledAt } },
  { path: ['pallet_grandpa', 'StoredState'], params: [{ name: 'N', type: u32 }] },
);
const StoredPendingChange = struct(
  { scheduled_at: u32, delay: u32, next_authorities: AuthorityList, forced: option(u32) },
  { path: ['pallet_grandpa', 'StoredPendingChange'], params: [{ name: 'N', type: u32 }] },
);

const g = storageCatalogue('Grandpa');
export const GrandpaStorage = {
  State: g.value('State', StoredState, { default: { tag: 'Live', value: undefined } }),
  PendingChange: g.value('PendingChange', StoredPendingChange),
  NextForced: g.value('NextForced', u32),
  Stalled: g.value('Stalled', tuple(u32, u32)),
  CurrentSetId: g.value('CurrentSetId', u64, { default: 0n }),
  SetIdSession: g.map('SetIdSession', 'Twox64Concat', u64, u32),
  Authorities: g.value('Authorities', AuthorityList, { default: [] }),
};

export interface GrandpaGenesis {
  authorities: [Uint8Array, bigint][];
}

export const grandpaPallet: PalletDef<GrandpaGenesis> = {
  name: 'Grandpa',
  index: 4,
  typePath: ['pallet_grandpa', 'pallet'],
  storage: Object.values(GrandpaStorage),
  calls: [
    {
      index: 2,
      name: 'note_stalled',
      args: args([['delay', u32, 'BlockNumberFor<T>'], ['best_finalized_block_number', u32, 'BlockNumberFor<T>']]),
      weight: () => WEIGHT.dbWrite,
      dispatch: (ctx, origin, a) => {
        ensureRoot(origin);
        GrandpaStorage.Stalled.set(ctx.storage, [a.delay, a.best_finalized_block_number]);
      },
    },
  ],
  events: [
    { index: 0, name: 'NewAuthorities', fields: args([['authority_set', AuthorityList, 'AuthorityList']]) },
    { index: 1, name: 'Paused', fields: [] },
    { index: 2, name: 'Resumed', fields: [] },
  ],
  errors: ['PauseFailed', 'ResumeFailed', 'ChangePending', 'TooSoon', 'InvalidKeyOwnershipProof', 'InvalidEquivocationProof', 'DuplicateOffenceReport'].map(
    (name, index) => ({ name, index }),
  ),
  constants: [
    { name: 'MaxAuthorities', codec: u32, value: 32 },
    { name: 'MaxNominators', codec: u32, value: 20 },
    { name: 'MaxSetIdSessionEntries', codec: u64, value: 0n },
  ],
  genesis: (ctx, config) => {
    GrandpaStorage.Authorities.set(ctx.storage, config?.authorities ?? []);
    GrandpaStorage.SetIdSession.set(ctx.storage, 0, 0n);
  },
};
