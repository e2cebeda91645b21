/** pallet_insecure_randomness_collective_flip (index 1): the last 81 parent hashes. */
import type { PalletDef } from '../../framework/pallet.ts';
import { storageCatalogue } from '../../framework/storage.ts';
import { WEIGHT } from '../../constants.ts';
import { boundedVec, H256 } from '../../types.ts';
import { SystemStorage } from '../system/storage.ts';

const RANDOM_MATERIAL_LEN = 81;
const r = storageCatalogue('RandomnessCollectiveFlip');
export const RandomnessStorage = {
  RandomMaterial: r.value('RandomMaterial', boundedVec(H256), {
    default: [],
    docs: [
      ' Series of block headers from the last 81 blocks that acts as random seed material. This',
      ' is arranged as a ring buffer with `block_number % 81` being the index into the `Vec` of',
      ' the oldest hash.',
    ],
  }),
};

export const randomnessPallet: PalletDef = {
  name: 'RandomnessCollectiveFlip',
  index: 1,
  typePath: ['pallet_insecure_randomness_collective_flip', 'pallet'],
  storage: Object.values(RandomnessStorage),
  hooks: {
    onInitialize: (ctx, blockNumber) => {
      const parent = SystemStorage.ParentHash.getOr(ctx.storage);
      const material = RandomnessStorage.RandomMaterial.getOr(ctx.storage);
      const index = (blockNumber - 1) % RANDOM_MATERIAL_LEN;
      if (material.length < RANDOM_MATERIAL_LEN) material.push(parent);
      else material[index] = parent;
      RandomnessStorage.RandomMaterial.set(ctx.storage, material);
      return WEIGHT.dbRead + WEIGHT.dbWrite;
    },
  },
};
