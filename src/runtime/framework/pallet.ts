/**
 * What a pallet declares: its permanent index, storage catalogue, calls (with permanent
 * indices), events, errors, constants, hooks and genesis. The runtime builder turns a list of
 * these into RuntimeCall/RuntimeEvent codecs, the dispatcher and the metadata.
 */
import type { AnyCodec, Codec } from '../../primitives/scale/index.ts';
import type { DispatchClassName, PaysName } from '../types.ts';
import type { BlockContext } from './context.ts';
import { DispatchFailure, type Origin, type PostDispatchInfo } from './dispatch.ts';
import type { AnyStorageItem } from './storage.ts';

export interface ArgDef {
  name: string;
  codec: AnyCodec;
  /** Rust type name shown in metadata, e.g. `AccountIdLookupOf<T>`. */
  typeName?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CallArgs = Record<string, any>;

export interface CallDef {
  index: number;
  name: string;
  args: ArgDef[];
  /** Declared ref-time weight for these args (fees and block limits use it). */
  weight: (args: CallArgs) => bigint;
  class?: DispatchClassName;
  pays?: PaysName | ((args: CallArgs) => PaysName);
  docs?: string[];
  dispatch: (ctx: BlockContext, origin: Origin, args: CallArgs) => PostDispatchInfo | void;
}

export interface EventDef {
  index: number;
  name: string;
  fields: ArgDef[];
  docs?: string[];
}

export interface ErrorDef {
  index: number;
  name: string;
  docs?: string[];
}

export interface ConstantDef {
  name: string;
  codec: AnyCodec;
  value: unknown;
  docs?: string[];
}

export interface Hooks {
  onInitialize?(ctx: BlockContext, blockNumber: number): bigint | void;
  onFinalize?(ctx: BlockContext, blockNumber: number): void;
}

export interface PalletDef<G = unknown> {
  name: string;
  index: number;
  /** Rust crate path segments used for type paths in metadata, e.g. ['pallet_balances', 'pallet']. */
  typePath: string[];
  storage?: AnyStorageItem[];
  calls?: CallDef[];
  events?: EventDef[];
  errors?: ErrorDef[];
  constants?: ConstantDef[];
  hooks?: Hooks;
  /** Builds this pallet's genesis storage from its section of the chain spec. */
  genesis?: (ctx: BlockContext, config: G | undefined) => void;
  /** Inherent calls this pallet can create from inherent data (e.g. Timestamp.set). */
  inherent?: { callName: string; required: boolean };
  docs?: string[];
}

/** A module error of `pallet` by name: throws from inside a call. */
export function moduleErrorThrower(pallet: { index: number; errors?: ErrorDef[]; name: string }) {
  return (name: string, detail?: string): never => {
    const def = pallet.errors?.find((e) => e.name === name);
    if (!def) throw new Error(`${pallet.name} has no error ${name}`);
    const error = new Uint8Array(4);
    error[0] = def.index;
    throw new DispatchFailure(
      { tag: 'Module', value: { index: pallet.index, error } },
      `${pallet.name}.${name}${detail ? `: ${detail}` : ''}`,
    );
  };
}

/** Build an `ArgDef[]` from an ordered record, keeping definitions short. */
export function args(defs: [name: string, codec: AnyCodec, typeName?: string][]): ArgDef[] {
  return defs.map(([name, codec, typeName]) => ({ name, codec, typeName }));
}

export function errorList(names: string[]): ErrorDef[] {
  return names.map((name, index) => ({ name, index }));
}

export type TypedCodec<T> = Codec<T>;
