/** frame_system (index 0). */

import type { PalletDef } from '../../framework/pallet.ts';
import type { RuntimeVersion } from '../../types.ts';
import { systemCalls } from './calls.ts';
import { systemConstants } from './constants.ts';
import { systemErrors, systemEvents } from './events.ts';
import { SystemStorage } from './storage.ts';
import { CODE_KEY, EXTRINSIC_INDEX_KEY } from './well-known-keys.ts';

export interface SystemGenesis {
  /** Bytes stored at `:code`. */
  code: Uint8Array;
}

export function systemPallet(version: RuntimeVersion): PalletDef<SystemGenesis> {
  return {
    name: 'System',
    index: 0,
    typePath: ['frame_system', 'pallet'],
    storage: Object.values(SystemStorage),
    calls: systemCalls,
    events: systemEvents,
    errors: systemErrors,
    constants: systemConstants(version),
    genesis: (ctx, config) => {
      if (config) ctx.storage.set(CODE_KEY, config.code);
      ctx.storage.set(EXTRINSIC_INDEX_KEY, new Uint8Array(4));
      // frame_system marks block 0's hash with 0x69… until block 1 records the real one.
      SystemStorage.BlockHash.set(ctx.storage, new Uint8Array(32).fill(0x69), 0);
      SystemStorage.ParentHash.set(ctx.storage, new Uint8Array(32).fill(0x69));
      SystemStorage.UpgradedToU32RefCount.set(ctx.storage, true);
      SystemStorage.UpgradedToTripleRefCount.set(ctx.storage, true);
      SystemStorage.LastRuntimeUpgrade.set(ctx.storage, { spec_version: version.spec_version, spec_name: version.spec_name });
    },
  };
}

export * from './storage.ts';
export * from './accounts.ts';
export * from './block.ts';
export * from './well-known-keys.ts';
