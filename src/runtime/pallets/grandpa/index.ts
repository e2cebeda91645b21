/** pallet_grandpa (index 4): the finality authority set (ed25519 keys with weights). */
import { enumeration, fixedBytes, newtype, option, struct, tuple, u32, u64, vec } from '../../../primitives/scale/index.ts';
import { describedAs, H256, weakBoundedVec } from '../../types.ts';
import { ensureRoot } from '../../framework/dispatch.ts';
import { args, errorList, moduleErrorThrower } from '../../framework/pallet.ts';
import type { PalletDefWithHints } from '../../framework/runtime-builder.ts';
import { storageCatalogue } from '../../framework/storage.ts';
import { WEIGHT } from '../../constants.ts';

export const GrandpaId = newtype(fixedBytes(32), ['sp_consensus_grandpa', 'app', 'Public'], 'ed25519::Public');
export const AuthorityList = vec(tuple(GrandpaId, u64));
/** `BoundedAuthorityList`: the authority list as storage keeps it. */
const BoundedAuthorityList = weakBoundedVec(tuple(GrandpaId, u64));
const scheduled = { fields: { scheduled_at: u32, delay: u32 }, typeNames: { scheduled_at: 'N', delay: 'N' } };
const StoredState = enumeration(
  { Live: { index: 0 }, PendingPause: { index: 1, ...scheduled }, Paused: { index: 2 }, PendingResume: { index: 3, ...scheduled } },
  { path: ['pallet_grandpa', 'StoredState'], params: [{ name: 'N', type: u32 }] },
);
const StoredPendingChange = struct(
  { scheduled_at: u32, delay: u32, next_authorities: BoundedAuthorityList, forced: option(u32) },
  {
    path: ['pallet_grandpa', 'StoredPendingChange'],
    params: [{ name: 'N', type: u32 }, { name: 'Limit' }],
    typeNames: { scheduled_at: 'N', delay: 'N', next_authorities: 'BoundedAuthorityList<Limit>', forced: 'Option<N>' },
  },
);

// Equivocation reports (calls 0 and 1): declared with subtensor's types so they decode as upstream,
// but `KeyOwnerProof` is `sp_core::Void` there (no session pallet), an enum without variants: no
// such call can ever be decoded, let alone dispatched.
const Signature = newtype(fixedBytes(64), ['sp_consensus_grandpa', 'app', 'Signature'], 'ed25519::Signature');
const vote = (name: 'Prevote' | 'Precommit') =>
  struct(
    { target_hash: H256, target_number: u32 },
    { path: ['finality_grandpa', name], params: [{ name: 'H', type: H256 }, { name: 'N', type: u32 }], typeNames: { target_hash: 'H', target_number: 'N' } },
  );
const voteEquivocation = (v: ReturnType<typeof vote>) => {
  const pair = tuple(v, Signature);
  return struct(
    { round_number: u64, identity: GrandpaId, first: pair, second: pair },
    {
      path: ['finality_grandpa', 'Equivocation'],
      params: [{ name: 'Id', type: GrandpaId }, { name: 'V', type: v }, { name: 'S', type: Signature }],
      typeNames: { round_number: 'u64', identity: 'Id', first: '(V, S)', second: '(V, S)' },
    },
  );
};
const PrevoteEquivocation = voteEquivocation(vote('Prevote'));
const PrecommitEquivocation = voteEquivocation(vote('Precommit'));
const Equivocation = describedAs(
  enumeration({ Prevote: { index: 0, value: PrevoteEquivocation }, Precommit: { index: 1, value: PrecommitEquivocation } }),
  {
    path: ['sp_consensus_grandpa', 'Equivocation'],
    params: [{ name: 'H', type: H256 }, { name: 'N', type: u32 }],
    def: {
      kind: 'variant',
      variants: [
        // (type names as rustc prints them upstream, line break included)
        { name: 'Prevote', index: 0, fields: [{ type: PrevoteEquivocation, typeName: 'finality_grandpa::Equivocation<AuthorityId, finality_grandpa::Prevote<\nH, N>, AuthoritySignature,>' }] },
        { name: 'Precommit', index: 1, fields: [{ type: PrecommitEquivocation, typeName: 'finality_grandpa::Equivocation<AuthorityId, finality_grandpa::Precommit\n<H, N>, AuthoritySignature,>' }] },
      ],
    },
  },
);
export const EquivocationProof = struct(
  { set_id: u64, equivocation: Equivocation },
  { path: ['sp_consensus_grandpa', 'EquivocationProof'], params: [{ name: 'H', type: H256 }, { name: 'N', type: u32 }], typeNames: { set_id: 'SetId', equivocation: 'Equivocation<H, N>' } },
);
const Void = enumeration({}, { path: ['sp_core', 'Void'] });
const equivocationArgs = args([
  ['equivocation_proof', EquivocationProof, 'Box<EquivocationProof<T::Hash, BlockNumberFor<T>>>'],
  ['key_owner_proof', Void, 'T::KeyOwnerProof'],
]);

const g = storageCatalogue('Grandpa');
export const GrandpaStorage = {
  State: g.value('State', StoredState, { default: { tag: 'Live', value: undefined }, docs: [' State of the current authority set.'] }),
  PendingChange: g.value('PendingChange', StoredPendingChange, { docs: [' Pending change: (signaled at, scheduled change).'] }),
  NextForced: g.value('NextForced', u32, { docs: [' next block number where we can force a change.'] }),
  Stalled: g.value('Stalled', tuple(u32, u32), { docs: [' `true` if we are currently stalled.'] }),
  CurrentSetId: g.value('CurrentSetId', u64, {
    default: 0n,
    docs: [' The number of changes (both in terms of keys and underlying economic responsibilities)', ' in the "set" of Grandpa validators from genesis.'],
  }),
  SetIdSession: g.map('SetIdSession', 'Twox64Concat', u64, u32, {
    docs: [
      ' A mapping from grandpa set ID to the index of the *most recent* session for which its',
      ' members were responsible.',
      '',
      ' This is only used for validating equivocation proofs. An equivocation proof must',
      ' contains a key-ownership proof for a given session, therefore we need a way to tie',
      ' together sessions and GRANDPA set ids, i.e. we need to validate that a validator',
      ' was the owner of a given key on a given session, and what the active set ID was',
      ' during that session.',
      '',
      ' TWOX-NOTE: `SetId` is not under user control.',
    ],
  }),
  Authorities: g.value('Authorities', BoundedAuthorityList, { default: [], docs: [' The current list of authorities.'] }),
};

const grandpaErrors = errorList([
  'PauseFailed', 'ResumeFailed', 'ChangePending', 'TooSoon', 'InvalidKeyOwnershipProof', 'InvalidEquivocationProof', 'DuplicateOffenceReport',
]);
const error = moduleErrorThrower({ name: 'Grandpa', index: 4, errors: grandpaErrors });

export interface GrandpaGenesis {
  authorities: [Uint8Array, bigint][];
}

export const grandpaPallet: PalletDefWithHints<GrandpaGenesis> = {
  name: 'Grandpa',
  index: 4,
  typePath: ['pallet_grandpa', 'pallet'],
  // Grandpa's Event does not use `T`.
  typeParams: { event: [] },
  storage: Object.values(GrandpaStorage),
  calls: [
    {
      index: 0,
      name: 'report_equivocation',
      args: equivocationArgs,
      weight: () => WEIGHT.dbRead,
      dispatch: () => error('InvalidKeyOwnershipProof', 'equivocation reports need a key ownership proof, which this runtime has no type for'),
      docs: ['Report voter equivocation/misbehavior. This method will verify the', 'equivocation proof and validate the given key ownership proof', 'against the extracted offender. If both are valid, the offence', 'will be reported.'],
    },
    {
      index: 1,
      name: 'report_equivocation_unsigned',
      args: equivocationArgs,
      weight: () => WEIGHT.dbRead,
      dispatch: () => error('InvalidKeyOwnershipProof', 'equivocation reports need a key ownership proof, which this runtime has no type for'),
      docs: ['Report voter equivocation/misbehavior. This method will verify the', 'equivocation proof and validate the given key ownership proof', 'against the extracted offender. If both are valid, the offence', 'will be reported.', '', 'This extrinsic must be called unsigned and it is expected that only', 'block authors will call it (validated in `ValidateUnsigned`), as such', 'if the block author is defined it will be defined as the equivocation', 'reporter.'],
    },
    {
      index: 2,
      name: 'note_stalled',
      docs: ['Note that the current authority set of the GRANDPA finality gadget has stalled.'],
      args: args([['delay', u32, 'BlockNumberFor<T>'], ['best_finalized_block_number', u32, 'BlockNumberFor<T>']]),
      weight: () => WEIGHT.dbWrite,
      dispatch: (ctx, origin, a) => {
        ensureRoot(origin);
        GrandpaStorage.Stalled.set(ctx.storage, [a.delay, a.best_finalized_block_number]);
      },
    },
  ],
  events: [
    { index: 0, name: 'NewAuthorities', fields: args([['authority_set', AuthorityList, 'AuthorityList']]), docs: ['New authority set has been applied.'] },
    { index: 1, name: 'Paused', fields: [], docs: ['Current authority set has been paused.'] },
    { index: 2, name: 'Resumed', fields: [], docs: ['Current authority set has been resumed.'] },
  ],
  errors: grandpaErrors,
  constants: [
    { name: 'MaxAuthorities', codec: u32, value: 32, docs: [' Max Authorities in use'] },
    { name: 'MaxNominators', codec: u32, value: 20, docs: [' The maximum number of nominators for each validator.'] },
    {
      name: 'MaxSetIdSessionEntries',
      codec: u64,
      value: 0n,
      docs: [
        ' The maximum number of entries to keep in the set id to session index mapping.',
        '',
        ' Since the `SetIdSession` map is only used for validating equivocations this',
        ' value should relate to the bonding duration of whatever staking system is',
        ' being used (if any). If equivocation handling is not enabled then this value',
        ' can be zero.',
      ],
    },
  ],
  genesis: (ctx, config) => {
    GrandpaStorage.Authorities.set(ctx.storage, config?.authorities ?? []);
    GrandpaStorage.SetIdSession.set(ctx.storage, 0, 0n);
  },
};
