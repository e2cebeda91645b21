/** pallet_aura (index 3): the authority set and the current slot, read from the pre-runtime digest. */
import { fixedBytes, newtype, ScaleReader, u64 } from '../../../primitives/scale/index.ts';
import { utf8, bytesEqual } from '../../../primitives/hex.ts';
import type { BlockContext } from '../../framework/context.ts';
import type { PalletDef } from '../../framework/pallet.ts';
import { storageCatalogue } from '../../framework/storage.ts';
import type { RuntimeProfile } from '../../constants.ts';
import { WEIGHT } from '../../constants.ts';
import { boundedVec, Slot } from '../../types.ts';
import { SystemStorage } from '../system/storage.ts';

export const AURA_ENGINE_ID = utf8('aura');
export const AuraId = newtype(fixedBytes(32), ['sp_consensus_aura', 'sr25519', 'app_sr25519', 'Public'], 'sr25519::Public');

const a = storageCatalogue('Aura');
export const AuraStorage = {
  Authorities: a.value('Authorities', boundedVec(AuraId), { default: [], docs: ['The current authority set.'] }),
  CurrentSlot: a.value('CurrentSlot', Slot, { default: 0n, docs: ['The current slot of this block.'] }),
};

export class InvalidSlot extends Error {}

/** The slot claimed by the block's `PreRuntime(aura, slot)` digest, if any. */
export function slotFromDigest(logs: { tag: string; value: unknown }[]): bigint | undefined {
  for (const log of logs) {
    if (log.tag !== 'PreRuntime') continue;
    const [engine, data] = log.value as [Uint8Array, Uint8Array];
    if (bytesEqual(engine, AURA_ENGINE_ID) && data.length === 8) return new ScaleReader(data).u64();
  }
  return undefined;
}

export function onTimestampSet(ctx: BlockContext, now: bigint, profile: RuntimeProfile): void {
  const slot = AuraStorage.CurrentSlot.getOr(ctx.storage);
  const timestampSlot = now / BigInt(profile.slotDurationMs);
  if (slot !== 0n && timestampSlot !== slot) throw new InvalidSlot(`Timestamp slot ${timestampSlot} must match CurrentSlot ${slot}`);
}

export interface AuraGenesis {
  authorities: Uint8Array[];
}

export function auraPallet(profile: RuntimeProfile): PalletDef<AuraGenesis> {
  return {
    name: 'Aura',
    index: 3,
    typePath: ['pallet_aura', 'pallet'],
    storage: Object.values(AuraStorage),
    constants: [{ name: 'SlotDuration', codec: u64, value: BigInt(profile.slotDurationMs), docs: [' The slot duration Aura should run with, expressed in milliseconds.'] }],
    hooks: {
      onInitialize: (ctx) => {
        const slot = slotFromDigest(SystemStorage.Digest.getOr(ctx.storage).logs);
        if (slot === undefined) return WEIGHT.dbRead;
        if (slot <= AuraStorage.CurrentSlot.getOr(ctx.storage)) throw new InvalidSlot('Slot must increase');
        AuraStorage.CurrentSlot.set(ctx.storage, slot);
        return WEIGHT.dbRead + WEIGHT.dbWrite;
      },
    },
    genesis: (ctx, config) => {
      AuraStorage.Authorities.set(ctx.storage, config?.authorities ?? []);
    },
  };
}
