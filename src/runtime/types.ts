/** Codecs of the Substrate/Subtensor primitive types, with the type paths metadata consumers look up. */
import {
  bytes, compactNumber, compactU64, enumeration, fixedBytes, newtype, str, struct, tuple, u128, u32, u64, u8, vec,
  type AnyCodec, type Codec, type EnumValue, type TypeInfo, type ValueOf,
} from '../primitives/scale/index.ts';

/** The same bytes (and value shape) as `codec`, described to metadata by `info`. */
export function describedAs<T>(codec: Codec<T>, info: TypeInfo): Codec<T> {
  return { enc: codec.enc, dec: codec.dec, info };
}

function vecWrapper<C extends AnyCodec>(path: string[], of: C): Codec<ValueOf<C>[]> {
  const inner = vec(of);
  return describedAs(inner, {
    path,
    params: [{ name: 'T', type: of }, { name: 'S' }],
    def: { kind: 'composite', fields: [{ type: inner, typeName: 'Vec<T>' }] },
  });
}

/** `bounded_collections::bounded_vec::BoundedVec<T, S>`: a `Vec<T>` with a length bound (same bytes). */
export function boundedVec<C extends AnyCodec>(of: C): Codec<ValueOf<C>[]> {
  return vecWrapper(['bounded_collections', 'bounded_vec', 'BoundedVec'], of);
}

/** `bounded_collections::weak_bounded_vec::WeakBoundedVec<T, S>` (same bytes as `Vec<T>`). */
export function weakBoundedVec<C extends AnyCodec>(of: C): Codec<ValueOf<C>[]> {
  return vecWrapper(['bounded_collections', 'weak_bounded_vec', 'WeakBoundedVec'], of);
}

/** `Cow<'_, T>`: scale-info describes it as a composite with path `Cow` around `T` (same bytes). */
export function cow<T>(inner: Codec<T>): Codec<T> {
  return describedAs(inner, { path: ['Cow'], params: [{ name: 'T', type: inner }], def: { kind: 'composite', fields: [{ type: inner }] } });
}

export const H256 = fixedBytes(32, ['primitive_types', 'H256']);
export const AccountId32 = fixedBytes(32, ['sp_core', 'crypto', 'AccountId32']);
export type AccountId = Uint8Array;
export const BlockNumber = u32;
export const Balance = u64;
export const CompactBalance = compactU64;
export const Moment = u64;
export const Nonce = u32;

export const Weight = struct(
  { ref_time: compactU64, proof_size: compactU64 },
  { path: ['sp_weights', 'weight_v2', 'Weight'], typeNames: { ref_time: 'u64', proof_size: 'u64' } },
);
export type Weight = ValueOf<typeof Weight>;

export const DispatchClass = enumeration(
  { Normal: { index: 0 }, Operational: { index: 1 }, Mandatory: { index: 2 } },
  { path: ['frame_support', 'dispatch', 'DispatchClass'] },
);
export type DispatchClassName = 'Normal' | 'Operational' | 'Mandatory';

export const Pays = enumeration({ Yes: { index: 0 }, No: { index: 1 } }, { path: ['frame_support', 'dispatch', 'Pays'] });
export type PaysName = 'Yes' | 'No';

export const DispatchEventInfo = struct(
  { weight: Weight, class: DispatchClass, pays_fee: Pays },
  { path: ['frame_system', 'DispatchEventInfo'], typeNames: { weight: 'Weight', class: 'DispatchClass', pays_fee: 'Pays' } },
);

export const ModuleError = struct(
  { index: u8, error: fixedBytes(4) },
  { path: ['sp_runtime', 'ModuleError'], typeNames: { index: 'u8', error: '[u8; MAX_MODULE_ERROR_ENCODED_SIZE]' } },
);

export const TokenError = enumeration(
  {
    FundsUnavailable: { index: 0 }, OnlyProvider: { index: 1 }, BelowMinimum: { index: 2 }, CannotCreate: { index: 3 },
    UnknownAsset: { index: 4 }, Frozen: { index: 5 }, Unsupported: { index: 6 }, CannotCreateHold: { index: 7 },
    NotExpendable: { index: 8 }, Blocked: { index: 9 },
  },
  { path: ['sp_runtime', 'TokenError'] },
);

export const ArithmeticError = enumeration(
  { Underflow: { index: 0 }, Overflow: { index: 1 }, DivisionByZero: { index: 2 } },
  { path: ['sp_arithmetic', 'ArithmeticError'] },
);

export const TransactionalError = enumeration(
  { LimitReached: { index: 0 }, NoLayer: { index: 1 } },
  { path: ['sp_runtime', 'TransactionalError'] },
);

export const TrieError = enumeration(
  Object.fromEntries(
    [
      'InvalidStateRoot', 'IncompleteDatabase', 'ValueAtIncompleteKey', 'DecoderError', 'InvalidHash', 'DuplicateKey',
      'ExtraneousNode', 'ExtraneousValue', 'ExtraneousHashReference', 'InvalidChildReference', 'ValueMismatch',
      'IncompleteProof', 'RootMismatch', 'DecodeError',
    ].map((name, index) => [name, { index }]),
  ),
  { path: ['sp_runtime', 'proving_trie', 'TrieError'] },
);

export const DispatchError = enumeration(
  {
    Other: { index: 0 },
    CannotLookup: { index: 1 },
    BadOrigin: { index: 2 },
    Module: { index: 3, value: ModuleError },
    ConsumerRemaining: { index: 4 },
    NoProviders: { index: 5 },
    TooManyConsumers: { index: 6 },
    Token: { index: 7, value: TokenError },
    Arithmetic: { index: 8, value: ArithmeticError },
    Transactional: { index: 9, value: TransactionalError },
    Exhausted: { index: 10 },
    Corruption: { index: 11 },
    Unavailable: { index: 12 },
    RootNotAllowed: { index: 13 },
    Trie: { index: 14, value: TrieError },
  },
  { path: ['sp_runtime', 'DispatchError'] },
);
export type DispatchError = EnumValue;

/** `Result<(), DispatchError>` as events carry it (e.g. Sudo.Sudid). */
export const DispatchResult = enumeration(
  { Ok: { index: 0, value: tuple() }, Err: { index: 1, value: DispatchError } },
  { path: ['Result'], params: [{ name: 'T', type: tuple() }, { name: 'E', type: DispatchError }] },
);

export const MultiAddress = enumeration(
  {
    Id: { index: 0, value: AccountId32 },
    Index: { index: 1, value: compactNumber(tuple()) },
    Raw: { index: 2, value: bytes },
    Address32: { index: 3, value: fixedBytes(32) },
    Address20: { index: 4, value: fixedBytes(20) },
  },
  { path: ['sp_runtime', 'multiaddress', 'MultiAddress'], params: [{ name: 'AccountId', type: AccountId32 }, { name: 'AccountIndex', type: tuple() }] },
);

export const MultiSignature = enumeration(
  {
    Ed25519: { index: 0, value: fixedBytes(64) },
    Sr25519: { index: 1, value: fixedBytes(64) },
    Ecdsa: { index: 2, value: fixedBytes(65) },
  },
  { path: ['sp_runtime', 'MultiSignature'] },
);

export const ConsensusEngineId = fixedBytes(4);

const DIGEST_ITEM_PATH = ['sp_runtime', 'generic', 'digest', 'DigestItem'];
const engineAndData = () => [
  { type: ConsensusEngineId, typeName: 'ConsensusEngineId' },
  { type: bytes, typeName: 'Vec<u8>' },
];

/**
 * `sp_runtime::generic::DigestItem`. Values of the engine variants are `[engineId, data]`; the
 * metadata shows them as Rust does (two unnamed fields, in declaration order), same bytes.
 */
export const DigestItem = describedAs(
  enumeration({
    Other: { index: 0, value: bytes },
    Consensus: { index: 4, value: tuple(ConsensusEngineId, bytes) },
    Seal: { index: 5, value: tuple(ConsensusEngineId, bytes) },
    PreRuntime: { index: 6, value: tuple(ConsensusEngineId, bytes) },
    RuntimeEnvironmentUpdated: { index: 8 },
  }),
  {
    path: DIGEST_ITEM_PATH,
    def: {
      kind: 'variant',
      variants: [
        { name: 'PreRuntime', index: 6, fields: engineAndData() },
        { name: 'Consensus', index: 4, fields: engineAndData() },
        { name: 'Seal', index: 5, fields: engineAndData() },
        { name: 'Other', index: 0, fields: [{ type: bytes, typeName: 'Vec<u8>' }] },
        { name: 'RuntimeEnvironmentUpdated', index: 8, fields: [] },
      ],
    },
  },
);
export type DigestItem = EnumValue;

export const Digest = struct(
  { logs: vec(DigestItem) },
  { path: ['sp_runtime', 'generic', 'digest', 'Digest'], typeNames: { logs: 'Vec<DigestItem>' } },
);
export type Digest = ValueOf<typeof Digest>;

export const Header = struct(
  {
    parent_hash: H256,
    number: compactNumber(u32),
    state_root: H256,
    extrinsics_root: H256,
    digest: Digest,
  },
  {
    path: ['sp_runtime', 'generic', 'header', 'Header'],
    // `Hash` is BlakeTwo256, a type parameter scale-info skips (no type).
    params: [{ name: 'Number', type: u32 }, { name: 'Hash' }],
    typeNames: { parent_hash: 'Hash::Output', number: 'Number', state_root: 'Hash::Output', extrinsics_root: 'Hash::Output', digest: 'Digest' },
  },
);
export type Header = ValueOf<typeof Header>;

export const Phase = enumeration(
  { ApplyExtrinsic: { index: 0, value: u32 }, Finalization: { index: 1 }, Initialization: { index: 2 } },
  { path: ['frame_system', 'Phase'] },
);

/** `sp_version::RuntimeVersion` (names and the API list are `Cow`s upstream: same bytes). */
export const RuntimeVersionCodec = struct(
  {
    spec_name: cow(str),
    impl_name: cow(str),
    authoring_version: u32,
    spec_version: u32,
    impl_version: u32,
    apis: cow(vec(tuple(fixedBytes(8), u32))),
    transaction_version: u32,
    system_version: u8,
  },
  {
    path: ['sp_version', 'RuntimeVersion'],
    typeNames: {
      spec_name: "Cow<'static, str>", impl_name: "Cow<'static, str>", authoring_version: 'u32', spec_version: 'u32',
      impl_version: 'u32', apis: 'ApisVec', transaction_version: 'u32', system_version: 'u8',
    },
  },
);
export type RuntimeVersion = ValueOf<typeof RuntimeVersionCodec>;

export const PerDispatchClassWeight = struct(
  { normal: Weight, operational: Weight, mandatory: Weight },
  { path: ['frame_support', 'dispatch', 'PerDispatchClass'], params: [{ name: 'T', type: Weight }], typeNames: { normal: 'T', operational: 'T', mandatory: 'T' } },
);

/**
 * `node_subtensor_runtime::RuntimeHoldReason` / `RuntimeFreezeReason`: one variant per pallet that
 * declares hold (freeze) reasons. No pallet of this runtime does yet, so both are empty enums
 * (Balances.Holds / Freezes stay empty).
 */
export const RuntimeHoldReason = enumeration({}, { path: ['node_subtensor_runtime', 'RuntimeHoldReason'] });
export const RuntimeFreezeReason = enumeration({}, { path: ['node_subtensor_runtime', 'RuntimeFreezeReason'] });

/** `sp_consensus_slots::Slot`: a u64 newtype. */
export const Slot = newtype(u64, ['sp_consensus_slots', 'Slot'], 'u64');

/** `sp_arithmetic::fixed_point::FixedU128`: a u128 newtype (value ×10^18). */
export const FixedU128 = newtype(u128, ['sp_arithmetic', 'fixed_point', 'FixedU128'], 'u128');

export const EMPTY_H256 = new Uint8Array(32);

