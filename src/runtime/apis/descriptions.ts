/**
 * V15 descriptions of the runtime APIs this node serves through `state_call`: names, inputs,
 * outputs and docs as subtensor's metadata lists them (checked against the spec-343 reference in
 * test/unit/runtime/metadata/runtime-apis.test.ts). The order follows subtensor's.
 *
 * Core is described whole (as every runtime does) although only `version` answers `state_call`;
 * `execute_block` and `initialize_block` are the node's own business.
 */
import { bool, bytes, enumeration, newtype, option, tuple, u32, u64, vec, type AnyCodec } from '../../primitives/scale/index.ts';
import {
  TransactionSourceCodec, TransactionValidityErrorCodec, ValidTransactionCodec,
} from '../extrinsic/validity.ts';
import { METADATA_RUNTIME_API, type RuntimeApiMeta } from '../metadata/index.ts';
import { AuraId } from '../pallets/aura/index.ts';
import { AuthorityList, EquivocationProof, GrandpaId } from '../pallets/grandpa/index.ts';
import { AccountId32, H256, RuntimeVersionCodec, Weight, describedAs } from '../types.ts';
import { FeeDetails, RuntimeDispatchInfo } from './core.ts';

/** `Result<T, E>` as scale-info describes it (path `Result`, params `T`, `E`). */
export function result(ok: AnyCodec, err: AnyCodec): AnyCodec {
  return enumeration(
    { Ok: { index: 0, value: ok }, Err: { index: 1, value: err } },
    { path: ['Result'], params: [{ name: 'T', type: ok }, { name: 'E', type: err }] },
  );
}

const ExtrinsicInclusionMode = enumeration(
  { AllExtrinsics: { index: 0 }, OnlyInherents: { index: 1 } },
  { path: ['sp_runtime', 'ExtrinsicInclusionMode'] },
);

const ValidTransaction = describedAs(ValidTransactionCodec, {
  path: ['sp_runtime', 'transaction_validity', 'ValidTransaction'],
  def: {
    kind: 'composite',
    fields: [
      { name: 'priority', type: u64, typeName: 'TransactionPriority' },
      { name: 'requires', type: vec(bytes), typeName: 'Vec<TransactionTag>' },
      { name: 'provides', type: vec(bytes), typeName: 'Vec<TransactionTag>' },
      { name: 'longevity', type: u64, typeName: 'TransactionLongevity' },
      { name: 'propagate', type: bool, typeName: 'bool' },
    ],
  },
});

const SlotDuration = newtype(u64, ['sp_consensus_slots', 'SlotDuration'], 'u64');
const OpaqueValue = newtype(bytes, ['sp_runtime', 'OpaqueValue'], 'Vec<u8>');
const unit = tuple();

const CORE: RuntimeApiMeta = {
  name: 'Core',
  docs: [' The `Core` runtime api that every Substrate runtime needs to implement.'],
  methods: [
    { name: 'version', inputs: [], output: RuntimeVersionCodec, docs: [' Returns the version of the runtime.'] },
    { name: 'execute_block', inputs: [{ name: 'block', codec: (rt) => rt.block }], output: unit, docs: [' Execute the given block.'] },
    {
      name: 'initialize_block',
      inputs: [{ name: 'header', codec: (rt) => rt.header }],
      output: ExtrinsicInclusionMode,
      docs: [' Initialize a block with the given header and return the runtime executive mode.'],
    },
  ],
};

const TAGGED_TRANSACTION_QUEUE: RuntimeApiMeta = {
  name: 'TaggedTransactionQueue',
  docs: [' The `TaggedTransactionQueue` api trait for interfering with the transaction queue.'],
  methods: [
    {
      name: 'validate_transaction',
      inputs: [
        { name: 'source', codec: TransactionSourceCodec },
        { name: 'tx', codec: (rt) => rt.extrinsic },
        { name: 'block_hash', codec: H256 },
      ],
      output: result(ValidTransaction, TransactionValidityErrorCodec),
      docs: [
        ' Validate the transaction.',
        '',
        ' This method is invoked by the transaction pool to learn details about given transaction.',
        ' The implementation should make sure to verify the correctness of the transaction',
        ' against current state. The given `block_hash` corresponds to the hash of the block',
        ' that is used as current state.',
        '',
        ' Note that this call may be performed by the pool multiple times and transactions',
        ' might be verified in any possible order.',
      ],
    },
  ],
};

const AURA_API: RuntimeApiMeta = {
  name: 'AuraApi',
  docs: [' API necessary for block authorship with aura.'],
  methods: [
    {
      name: 'slot_duration',
      inputs: [],
      output: SlotDuration,
      docs: [' Returns the slot duration for Aura.', '', ' Currently, only the value provided by this type at genesis will be used.'],
    },
    { name: 'authorities', inputs: [], output: vec(AuraId), docs: [' Return the current set of authorities.'] },
  ],
};

const GRANDPA_API: RuntimeApiMeta = {
  name: 'GrandpaApi',
  docs: [
    ' APIs for integrating the GRANDPA finality gadget into runtimes.',
    ' This should be implemented on the runtime side.',
    '',
    ' This is primarily used for negotiating authority-set changes for the',
    ' gadget. GRANDPA uses a signaling model of changing authority sets:',
    ' changes should be signaled with a delay of N blocks, and then automatically',
    ' applied in the runtime after those N blocks have passed.',
    '',
    ' The consensus protocol will coordinate the handoff externally.',
  ],
  methods: [
    {
      name: 'grandpa_authorities',
      inputs: [],
      output: AuthorityList,
      docs: [
        ' Get the current GRANDPA authorities and weights. This should not change except',
        ' for when changes are scheduled and the corresponding delay has passed.',
        '',
        ' When called at block B, it will return the set of authorities that should be',
        ' used to finalize descendants of this block (B+1, B+2, ...). The block B itself',
        ' is finalized by the authorities from block B-1.',
      ],
    },
    {
      name: 'submit_report_equivocation_unsigned_extrinsic',
      inputs: [
        { name: 'equivocation_proof', codec: EquivocationProof },
        { name: 'key_owner_proof', codec: OpaqueValue },
      ],
      output: option(unit),
      docs: [
        ' Submits an unsigned extrinsic to report an equivocation. The caller',
        ' must provide the equivocation proof and a key ownership proof',
        ' (should be obtained using `generate_key_ownership_proof`). The',
        ' extrinsic will be unsigned and should only be accepted for local',
        ' authorship (not to be broadcast to the network). This method returns',
        ' `None` when creation of the extrinsic fails, e.g. if equivocation',
        ' reporting is disabled for the given runtime (i.e. this method is',
        ' hardcoded to return `None`). Only useful in an offchain context.',
      ],
    },
    {
      name: 'generate_key_ownership_proof',
      inputs: [
        { name: 'set_id', codec: u64 },
        { name: 'authority_id', codec: GrandpaId },
      ],
      output: option(OpaqueValue),
      docs: [
        ' Generates a proof of key ownership for the given authority in the',
        ' given set. An example usage of this module is coupled with the',
        ' session historical module to prove that a given authority key is',
        ' tied to a given staking identity during a specific session. Proofs',
        ' of key ownership are necessary for submitting equivocation reports.',
        ' NOTE: even though the API takes a `set_id` as parameter the current',
        ' implementations ignore this parameter and instead rely on this',
        ' method being called at the correct block height, i.e. any point at',
        ' which the given set id is live on-chain. Future implementations will',
        ' instead use indexed data through an offchain worker, not requiring',
        ' older states to be available.',
      ],
    },
    { name: 'current_set_id', inputs: [], output: u64, docs: [' Get current GRANDPA authority set id.'] },
  ],
};

const ACCOUNT_NONCE_API: RuntimeApiMeta = {
  name: 'AccountNonceApi',
  docs: [' The API to query account nonce.'],
  methods: [
    { name: 'account_nonce', inputs: [{ name: 'account', codec: AccountId32 }], output: u32, docs: [' Get current account nonce of given `AccountId`.'] },
  ],
};

const TRANSACTION_PAYMENT_API: RuntimeApiMeta = {
  name: 'TransactionPaymentApi',
  methods: [
    { name: 'query_info', inputs: [{ name: 'uxt', codec: (rt) => rt.extrinsic }, { name: 'len', codec: u32 }], output: RuntimeDispatchInfo },
    { name: 'query_fee_details', inputs: [{ name: 'uxt', codec: (rt) => rt.extrinsic }, { name: 'len', codec: u32 }], output: FeeDetails },
    { name: 'query_weight_to_fee', inputs: [{ name: 'weight', codec: Weight }], output: u64 },
    { name: 'query_length_to_fee', inputs: [{ name: 'length', codec: u32 }], output: u64 },
  ],
};

const TRANSACTION_PAYMENT_CALL_API: RuntimeApiMeta = {
  name: 'TransactionPaymentCallApi',
  methods: [
    {
      name: 'query_call_info',
      inputs: [{ name: 'call', codec: (rt) => rt.call }, { name: 'len', codec: u32 }],
      output: RuntimeDispatchInfo,
      docs: [' Query information of a dispatch class, weight, and fee of a given encoded `Call`.'],
    },
    {
      name: 'query_call_fee_details',
      inputs: [{ name: 'call', codec: (rt) => rt.call }, { name: 'len', codec: u32 }],
      output: FeeDetails,
      docs: [' Query fee details of a given encoded `Call`.'],
    },
    { name: 'query_weight_to_fee', inputs: [{ name: 'weight', codec: Weight }], output: u64, docs: [' Query the output of the current `WeightToFee` given some input.'] },
    { name: 'query_length_to_fee', inputs: [{ name: 'length', codec: u32 }], output: u64, docs: [' Query the output of the current `LengthToFee` given some input.'] },
  ],
};

/** In subtensor's order (Core, Metadata, [BlockBuilder, GenesisBuilder], TaggedTransactionQueue, …). */
export const NODE_RUNTIME_APIS: readonly RuntimeApiMeta[] = [
  CORE,
  METADATA_RUNTIME_API,
  TAGGED_TRANSACTION_QUEUE,
  AURA_API,
  GRANDPA_API,
  ACCOUNT_NONCE_API,
  TRANSACTION_PAYMENT_API,
  TRANSACTION_PAYMENT_CALL_API,
];
