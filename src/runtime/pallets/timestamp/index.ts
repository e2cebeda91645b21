/** pallet_timestamp (index 2): the `set(now)` inherent every block carries first. */
import { bool, compactU64, u64 } from '../../../primitives/scale/index.ts';
import { ensureNone } from '../../framework/dispatch.ts';
import { args, type PalletDef } from '../../framework/pallet.ts';
import { storageCatalogue } from '../../framework/storage.ts';
import type { RuntimeProfile } from '../../constants.ts';
import { WEIGHT } from '../../constants.ts';
import { onTimestampSet } from '../aura/index.ts';

const t = storageCatalogue('Timestamp');

export const TimestampStorage = {
  Now: t.value('Now', u64, { default: 0n, docs: ['The current time for the current block.'] }),
  DidUpdate: t.value('DidUpdate', bool, { default: false, docs: ['Whether the timestamp has been updated in this block.'] }),
};

/** Substrate refuses a block whose timestamp breaks these rules; so does this runtime. */
export class InvalidTimestamp extends Error {}

export function timestampPallet(profile: RuntimeProfile): PalletDef {
  const minimumPeriod = BigInt(profile.slotDurationMs / 2);
  return {
    name: 'Timestamp',
    index: 2,
    typePath: ['pallet_timestamp', 'pallet'],
    storage: Object.values(TimestampStorage),
    calls: [
      {
        index: 0,
        name: 'set',
        args: args([['now', compactU64, 'T::Moment']]),
        weight: () => 10_000_000n + WEIGHT.dbRead + WEIGHT.dbWrite,
        class: 'Mandatory',
        pays: 'No',
        dispatch: (ctx, origin, a) => {
          ensureNone(origin);
          if (TimestampStorage.DidUpdate.getOr(ctx.storage)) throw new InvalidTimestamp('Timestamp must be updated only once in the block');
          const prev = TimestampStorage.Now.getOr(ctx.storage);
          if (prev !== 0n && a.now < prev + minimumPeriod) {
            throw new InvalidTimestamp('Timestamp must increment by at least <MinimumPeriod> between sequential blocks');
          }
          TimestampStorage.Now.set(ctx.storage, a.now);
          TimestampStorage.DidUpdate.set(ctx.storage, true);
          onTimestampSet(ctx, a.now, profile);
        },
        docs: ['Set the current time. Inherent: must be the first extrinsic of every block.'],
      },
    ],
    constants: [{ name: 'MinimumPeriod', codec: u64, value: minimumPeriod, docs: [' The minimum period between blocks.'] }],
    hooks: {
      onFinalize: (ctx) => {
        if (!TimestampStorage.DidUpdate.getOr(ctx.storage)) throw new InvalidTimestamp('Timestamp must be updated once in the block');
        TimestampStorage.DidUpdate.kill(ctx.storage);
      },
    },
    inherent: { callName: 'set', required: true },
  };
}
