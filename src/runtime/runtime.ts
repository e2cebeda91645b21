/**
 * The Subtensor runtime: the pallet list with subtensor's permanent indices, the runtime
 * version, and genesis construction. Indices 7 (SubtensorModule), 19 (AdminUtils) and
 * 28 (Swap) are reserved for those pallets; 8–10, 17 and 24 are retired on Subtensor.
 */
import { blake2_64 } from '../primitives/hashing.ts';
import { utf8 } from '../primitives/hex.ts';
import { OverlayedState } from '../state/overlay.ts';
import type { ChangeSet, StateReader } from '../state/reader.ts';
import { bindRuntimeCall } from './framework/call-ref.ts';
import { BlockContext, type RuntimeHost } from './framework/context.ts';
import type { PalletDef } from './framework/pallet.ts';
import { Runtime, type RuntimeCall } from './framework/runtime-builder.ts';
import {
  AUTHORING_VERSION, IMPL_NAME, IMPL_VERSION, SPEC_NAME, SPEC_VERSION, SYSTEM_VERSION, TRANSACTION_VERSION,
  type RuntimeProfile,
} from './constants.ts';
import { Executive } from './executive.ts';
import type { AccountId, RuntimeVersion } from './types.ts';
import { systemPallet, RUNTIME_CODE_MAGIC } from './pallets/system/index.ts';
import { bindRuntimeEvent } from './pallets/system/event-record.ts';
import { randomnessPallet } from './pallets/randomness/index.ts';
import { timestampPallet } from './pallets/timestamp/index.ts';
import { auraPallet } from './pallets/aura/index.ts';
import { grandpaPallet } from './pallets/grandpa/index.ts';
import { balancesPallet } from './pallets/balances/index.ts';
import { transactionPaymentPallet } from './pallets/transaction-payment/index.ts';
import { utilityPallet } from './pallets/utility/index.ts';
import { sudoPallet } from './pallets/sudo/index.ts';

/** Runtime APIs this runtime answers, with the versions clients expect, in subtensor's order. */
export const RUNTIME_APIS: [name: string, version: number][] = [
  ['Core', 5],
  ['Metadata', 2],
  ['BlockBuilder', 6],
  ['GenesisBuilder', 1],
  ['TaggedTransactionQueue', 3],
  ['OffchainWorkerApi', 2],
  ['AuraApi', 1],
  ['SessionKeys', 1],
  ['GrandpaApi', 3],
  ['AccountNonceApi', 1],
  ['TransactionPaymentApi', 4],
  ['TransactionPaymentCallApi', 3],
];

export function runtimeVersion(): RuntimeVersion {
  return {
    spec_name: SPEC_NAME,
    impl_name: IMPL_NAME,
    authoring_version: AUTHORING_VERSION,
    spec_version: SPEC_VERSION,
    impl_version: IMPL_VERSION,
    apis: RUNTIME_APIS.map(([name, version]) => [blake2_64(utf8(name)), version] as [Uint8Array, number]),
    transaction_version: TRANSACTION_VERSION,
    system_version: SYSTEM_VERSION,
  };
}

/** The `:code` marker: names the runtime, its spec version and profile (hashing it detects upgrades). */
export function runtimeCodeBlob(profile: RuntimeProfile): Uint8Array {
  const text = `${SPEC_NAME}/${SPEC_VERSION}/${profile.name}`;
  const out = new Uint8Array(RUNTIME_CODE_MAGIC.length + text.length);
  out.set(RUNTIME_CODE_MAGIC);
  out.set(utf8(text), RUNTIME_CODE_MAGIC.length);
  return out;
}

export interface GenesisConfig {
  aura?: { authorities: Uint8Array[] };
  grandpa?: { authorities: [Uint8Array, bigint][] };
  balances?: { balances: [AccountId, bigint][] };
  sudo?: { key?: AccountId };
}

export interface RuntimeInstance {
  runtime: Runtime;
  executive: Executive;
  version: RuntimeVersion;
  profile: RuntimeProfile;
  /** Storage of the genesis block for this config. */
  buildGenesis(config: GenesisConfig): ChangeSet;
}

export function createRuntime(profile: RuntimeProfile, host: RuntimeHost): RuntimeInstance {
  const version = runtimeVersion();
  let runtime: Runtime | undefined;
  const innerWeight = (call: RuntimeCall) => runtime!.dispatchInfo(call).weight;
  const pallets: PalletDef<any>[] = [ // eslint-disable-line @typescript-eslint/no-explicit-any
    systemPallet(version),
    randomnessPallet,
    timestampPallet(profile),
    auraPallet(profile),
    grandpaPallet,
    balancesPallet,
    transactionPaymentPallet,
    utilityPallet(innerWeight),
    sudoPallet(innerWeight),
  ];
  runtime = new Runtime(pallets);
  bindRuntimeCall(runtime.callCodec);
  bindRuntimeEvent(runtime.eventCodec);
  const executive = new Executive(runtime, host);
  const rt = runtime;

  return {
    runtime: rt,
    executive,
    version,
    profile,
    buildGenesis(config) {
      const empty: StateReader = { get: () => undefined, entries: function* () {} };
      const storage = new OverlayedState(empty);
      const ctx = new BlockContext(rt, storage, host, 0);
      const sections: Record<string, unknown> = {
        System: { code: runtimeCodeBlob(profile) },
        Aura: config.aura,
        Grandpa: config.grandpa,
        Balances: config.balances,
        Sudo: config.sudo,
      };
      for (const pallet of rt.pallets) pallet.genesis?.(ctx, sections[pallet.name]);
      return storage.changes();
    },
  };
}
