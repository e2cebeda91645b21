import { option, struct, u16, u32, u64 } from '../../../primitives/scale/index.ts';
import type { ConstantDef } from '../../framework/pallet.ts';
import { BLOCK_HASH_COUNT, BLOCK_LENGTH, SS58_PREFIX, WEIGHT } from '../../constants.ts';
import { RuntimeVersionCodec, Weight, type RuntimeVersion } from '../../types.ts';

const WeightsPerClass = struct(
  { base_extrinsic: Weight, max_extrinsic: option(Weight), max_total: option(Weight), reserved: option(Weight) },
  { path: ['frame_system', 'limits', 'WeightsPerClass'] },
);

const BlockWeights = struct(
  {
    base_block: Weight,
    max_block: Weight,
    per_class: struct(
      { normal: WeightsPerClass, operational: WeightsPerClass, mandatory: WeightsPerClass },
      { path: ['frame_support', 'dispatch', 'PerDispatchClass'], params: [{ name: 'T', type: WeightsPerClass }] },
    ),
  },
  { path: ['frame_system', 'limits', 'BlockWeights'] },
);

const BlockLength = struct(
  {
    max: struct(
      { normal: u32, operational: u32, mandatory: u32 },
      { path: ['frame_support', 'dispatch', 'PerDispatchClass'], params: [{ name: 'T', type: u32 }] },
    ),
  },
  { path: ['frame_system', 'limits', 'BlockLength'] },
);

const RuntimeDbWeight = struct({ read: u64, write: u64 }, { path: ['sp_weights', 'RuntimeDbWeight'] });

const MAX_PROOF = 0xffffffffffffffffn;
const w = (ref_time: bigint, proof_size = 0n) => ({ ref_time, proof_size });

export function systemConstants(version: RuntimeVersion): ConstantDef[] {
  return [
    {
      name: 'BlockWeights',
      codec: BlockWeights,
      value: {
        base_block: w(WEIGHT.baseBlock),
        max_block: w(WEIGHT.maxBlock, MAX_PROOF),
        per_class: {
          normal: {
            base_extrinsic: w(WEIGHT.baseExtrinsic),
            max_extrinsic: w(WEIGHT.normalMaxExtrinsic, 0xa666666666666666n),
            max_total: w(WEIGHT.normalMaxTotal, 0xbfffffffffffffffn),
            reserved: w(0n),
          },
          operational: {
            base_extrinsic: w(WEIGHT.baseExtrinsic),
            max_extrinsic: w(WEIGHT.operationalMaxExtrinsic, 0xe666666666666666n),
            max_total: w(WEIGHT.operationalMaxTotal, MAX_PROOF),
            reserved: w(WEIGHT.operationalReserved, 0x4000000000000000n),
          },
          mandatory: { base_extrinsic: w(WEIGHT.baseExtrinsic), max_extrinsic: undefined, max_total: undefined, reserved: undefined },
        },
      },
      docs: ['Block & extrinsics weights: base values and limits.'],
    },
    { name: 'BlockLength', codec: BlockLength, value: { max: { ...BLOCK_LENGTH } }, docs: ['The maximum length of a block (in bytes).'] },
    { name: 'BlockHashCount', codec: u32, value: BLOCK_HASH_COUNT, docs: ['Maximum number of block number to block hash mappings to keep (oldest pruned first).'] },
    { name: 'DbWeight', codec: RuntimeDbWeight, value: { read: WEIGHT.dbRead, write: WEIGHT.dbWrite }, docs: ['The weight of runtime database operations the runtime can invoke.'] },
    { name: 'Version', codec: RuntimeVersionCodec, value: version, docs: ['Get the chain\'s in-code version.'] },
    { name: 'SS58Prefix', codec: u16, value: SS58_PREFIX, docs: ['The designated SS58 prefix of this chain.'] },
  ];
}

