/**
 * The runtime's metadata as one in-memory model over a single portable registry, from which
 * both V14 and V15 are written (one id space, so a type id means the same in both versions).
 * Everything comes from the pallet definitions, the extension list and the extrinsic codecs.
 */
import { encode, struct, tuple, vec, type AnyCodec, type TypeInfo } from '../../primitives/scale/index.ts';
import type { HasherName } from '../../primitives/hashing.ts';
import type { PalletDef } from '../framework/pallet.ts';
import type { Runtime } from '../framework/runtime-builder.ts';
import type { StorageItemMeta, StorageModifier } from '../framework/storage.ts';
import { SignedExtraCodec, TRANSACTION_EXTENSIONS } from '../extrinsic/extensions.ts';
import { EXTRINSIC_VERSION } from '../extrinsic/unchecked.ts';
import { Header, MultiAddress, MultiSignature } from '../types.ts';
import { PortableRegistry } from './registry.ts';
import {
  fpUncheckedExtrinsicCodec, runtimeErrorInfo, runtimeTypeInfo, uncheckedExtrinsicCodec,
} from './runtime-types.ts';

/** Types that only exist once a runtime is built: its extrinsic, call, header and block. */
export interface RuntimeTypeRefs {
  /** `fp_self_contained::…::UncheckedExtrinsic<Address, RuntimeCall, Signature, Extra>`. */
  extrinsic: AnyCodec;
  /** `node_subtensor_runtime::RuntimeCall`. */
  call: AnyCodec;
  /** `sp_runtime::generic::header::Header<u32, BlakeTwo256>`. */
  header: AnyCodec;
  /** `sp_runtime::generic::block::Block<Header, Extrinsic>`. */
  block: AnyCodec;
}

/** A type in a runtime API signature: a codec, or a pick from the runtime's own types. */
export type ApiType = AnyCodec | ((runtime: RuntimeTypeRefs) => AnyCodec);

/** A runtime API as V15 metadata lists it (input for `buildMetadata`). */
export interface RuntimeApiMethodMeta {
  name: string;
  inputs: { name: string; codec: ApiType }[];
  output: ApiType;
  docs?: string[];
}

export interface RuntimeApiMeta {
  name: string;
  methods: RuntimeApiMethodMeta[];
  docs?: string[];
}

export type StorageEntryType =
  | { tag: 'plain'; value: number }
  | { tag: 'map'; hashers: HasherName[]; key: number; value: number };

export interface StorageEntryModel {
  name: string;
  modifier: StorageModifier;
  type: StorageEntryType;
  fallback: Uint8Array;
  docs: string[];
}

export interface ConstantModel {
  name: string;
  type: number;
  value: Uint8Array;
  docs: string[];
}

export interface PalletModel {
  name: string;
  index: number;
  storage?: { prefix: string; items: StorageEntryModel[] };
  calls?: number;
  events?: number;
  constants: ConstantModel[];
  errors?: number;
  docs: string[];
}

export interface ExtensionModel {
  identifier: string;
  type: number;
  additionalSigned: number;
}

export interface ExtrinsicModel {
  version: number;
  /** The runtime's `UncheckedExtrinsic` (V14 `extrinsic.ty`). */
  type: number;
  address: number;
  call: number;
  signature: number;
  extra: number;
  extensions: ExtensionModel[];
}

export interface ApiModel {
  name: string;
  methods: { name: string; inputs: { name: string; type: number }[]; output: number; docs: string[] }[];
  docs: string[];
}

export interface MetadataModel {
  registry: PortableRegistry;
  pallets: PalletModel[];
  extrinsic: ExtrinsicModel;
  /** `node_subtensor_runtime::Runtime`. */
  runtimeType: number;
  apis: ApiModel[];
  outerEnums: { call: number; event: number; error: number };
}

/**
 * Codecs that exist only at the runtime level, made once per build so both registration passes
 * see the same objects.
 */
interface RuntimeSources {
  keyTuples: Map<StorageItemMeta, AnyCodec>;
  extrinsic: AnyCodec;
  runtime: { info: TypeInfo };
  runtimeError: { info: TypeInfo };
  refs: RuntimeTypeRefs;
  /** Each API type resolved once, so both registration passes see the same codec objects. */
  apiTypes: Map<ApiType, AnyCodec>;
}

function runtimeSources(runtime: Runtime): RuntimeSources {
  const call = runtime.callCodec;
  const unchecked = uncheckedExtrinsicCodec(MultiAddress, call, MultiSignature, SignedExtraCodec);
  const extrinsic = fpUncheckedExtrinsicCodec(unchecked, MultiAddress, call, MultiSignature, SignedExtraCodec);
  const block = struct(
    { header: Header, extrinsics: vec(extrinsic) },
    {
      path: ['sp_runtime', 'generic', 'block', 'Block'],
      params: [{ name: 'Header', type: Header }, { name: 'Extrinsic', type: extrinsic }],
      typeNames: { header: 'Header', extrinsics: 'Vec<Extrinsic>' },
    },
  );
  return {
    keyTuples: new Map(),
    extrinsic,
    runtime: { info: runtimeTypeInfo },
    runtimeError: { info: runtimeErrorInfo(runtime) },
    refs: { extrinsic, call, header: Header, block },
    apiTypes: new Map(),
  };
}

function apiType(src: RuntimeSources, t: ApiType): AnyCodec {
  if (typeof t !== 'function') return t;
  let codec = src.apiTypes.get(t);
  if (!codec) src.apiTypes.set(t, (codec = t(src.refs)));
  return codec;
}

function storageEntry(reg: PortableRegistry, src: RuntimeSources, meta: StorageItemMeta): StorageEntryModel {
  let type: StorageEntryType;
  if (meta.keyCodecs.length === 0) {
    type = { tag: 'plain', value: reg.register(meta.valueCodec) };
  } else {
    // One key: that key's type; several: the tuple of them (as FRAME's DoubleMap/NMap declare).
    let key = meta.keyCodecs.length === 1 ? meta.keyCodecs[0]! : src.keyTuples.get(meta);
    if (!key) src.keyTuples.set(meta, (key = tuple(...meta.keyCodecs)));
    type = { tag: 'map', hashers: [...meta.hashers], key: reg.register(key), value: reg.register(meta.valueCodec) };
  }
  return { name: meta.name, modifier: meta.modifier, type, fallback: meta.defaultBytes, docs: meta.docs };
}

function palletModel(reg: PortableRegistry, src: RuntimeSources, runtime: Runtime, def: PalletDef): PalletModel {
  // Same registration order as FRAME: storage, calls, events, constants, errors.
  const storage = def.storage?.length
    ? { prefix: def.name, items: def.storage.map((item) => storageEntry(reg, src, item.meta)) }
    : undefined;
  const callCodec = runtime.palletCallCodec(def.name);
  const calls = callCodec ? reg.register(callCodec) : undefined;
  const eventCodec = runtime.palletEventCodec(def.name);
  const events = eventCodec ? reg.register(eventCodec) : undefined;
  const constants = (def.constants ?? []).map((c) => ({
    name: c.name,
    type: reg.register(c.codec),
    value: encode(c.codec, c.value),
    docs: c.docs ?? [],
  }));
  const errorCodec = runtime.palletErrorCodec(def.name);
  const errors = errorCodec ? reg.register(errorCodec) : undefined;
  return { name: def.name, index: def.index, storage, calls, events, constants, errors, docs: def.docs ?? [] };
}

/** Registers everything the metadata refers to, in FRAME's order, and returns the model. */
function collect(reg: PortableRegistry, src: RuntimeSources, runtime: Runtime, apis: readonly RuntimeApiMeta[]): MetadataModel {
  const pallets = runtime.pallets.map((def) => palletModel(reg, src, runtime, def));
  const extrinsic: ExtrinsicModel = {
    version: EXTRINSIC_VERSION,
    type: reg.register(src.extrinsic),
    address: reg.register(MultiAddress),
    call: reg.register(runtime.callCodec),
    signature: reg.register(MultiSignature),
    extra: reg.register(SignedExtraCodec),
    extensions: TRANSACTION_EXTENSIONS.map((e) => ({
      identifier: e.identifier,
      type: reg.register(e.type),
      additionalSigned: reg.register(e.implicit),
    })),
  };
  const runtimeType = reg.register(src.runtime);
  const apiModels: ApiModel[] = apis.map((api) => ({
    name: api.name,
    docs: api.docs ?? [],
    methods: api.methods.map((m) => ({
      name: m.name,
      inputs: m.inputs.map((i) => ({ name: i.name, type: reg.register(apiType(src, i.codec)) })),
      output: reg.register(apiType(src, m.output)),
      docs: m.docs ?? [],
    })),
  }));
  const outerEnums = {
    call: reg.register(runtime.callCodec),
    event: reg.register(runtime.eventCodec),
    error: reg.register(src.runtimeError),
  };
  return { registry: reg, pallets, extrinsic, runtimeType, apis: apiModels, outerEnums };
}

export function buildModel(runtime: Runtime, apis: readonly RuntimeApiMeta[] = []): MetadataModel {
  const reg = new PortableRegistry();
  const src = runtimeSources(runtime);
  collect(reg, src, runtime, apis);
  // Merge what only a whole-graph comparison finds equal (recursive types declared twice),
  // then collect again: every registration is now a cache hit answering the final id.
  reg.compact();
  const size = reg.size;
  const model = collect(reg, src, runtime, apis);
  if (reg.size !== size) throw new Error('metadata: type registry changed on the second pass');
  return model;
}
