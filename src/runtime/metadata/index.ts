/**
 * Runtime metadata, generated from the runtime's own definitions (never a stored blob).
 *
 * `buildMetadata(runtime, 14 | 15)` gives `RuntimeMetadataPrefixed` bytes ("meta" ++ version
 * ++ body) — what `state_getMetadata` returns for V14. The `Metadata_*` functions give the
 * runtime API's SCALE answers. Both versions come from one model over one type registry, built
 * once per runtime (and list of runtime APIs) and cached: metadata never changes while a
 * runtime runs.
 */
import { ScaleWriter } from '../../primitives/scale/index.ts';
import type { Runtime } from '../framework/runtime-builder.ts';
import { buildModel, type MetadataModel, type RuntimeApiMeta } from './model.ts';
import { encodeMetadataV14 } from './v14.ts';
import { encodeMetadataV15 } from './v15.ts';

export type MetadataVersion = 14 | 15;

/** Versions `Metadata_metadata_at_version` answers, in the order `Metadata_metadata_versions` lists them. */
export const METADATA_VERSIONS: readonly MetadataVersion[] = [14, 15];

interface CacheEntry {
  model: MetadataModel;
  bytes: Map<MetadataVersion, Uint8Array>;
}

const NO_APIS: readonly RuntimeApiMeta[] = [];
const cache = new WeakMap<Runtime, WeakMap<readonly RuntimeApiMeta[], CacheEntry>>();

function entryFor(runtime: Runtime, apis: readonly RuntimeApiMeta[]): CacheEntry {
  let perRuntime = cache.get(runtime);
  if (!perRuntime) cache.set(runtime, (perRuntime = new WeakMap()));
  let entry = perRuntime.get(apis);
  if (!entry) perRuntime.set(apis, (entry = { model: buildModel(runtime, apis), bytes: new Map() }));
  return entry;
}

export function isMetadataVersion(v: number): v is MetadataVersion {
  return (METADATA_VERSIONS as readonly number[]).includes(v);
}

/**
 * Prefixed metadata bytes (`6d657461 ++ version ++ body`). `apis` are the runtime APIs V15
 * lists; pass the same array each time to hit the cache. The result is shared: do not mutate it.
 */
export function buildMetadata(runtime: Runtime, version: MetadataVersion, apis: readonly RuntimeApiMeta[] = NO_APIS): Uint8Array {
  if (!isMetadataVersion(version)) throw new RangeError(`unsupported metadata version ${String(version)}`);
  const entry = entryFor(runtime, apis);
  let bytes = entry.bytes.get(version);
  if (!bytes) {
    bytes = version === 14 ? encodeMetadataV14(entry.model) : encodeMetadataV15(entry.model);
    entry.bytes.set(version, bytes);
  }
  return bytes;
}

/** The metadata model (types, pallets, extrinsic), e.g. to look up a type id. */
export function metadataModel(runtime: Runtime, apis: readonly RuntimeApiMeta[] = NO_APIS): MetadataModel {
  return entryFor(runtime, apis).model;
}

function vecU8(bytes: Uint8Array, prefix?: number): Uint8Array {
  const w = new ScaleWriter(bytes.length + 6);
  if (prefix !== undefined) w.u8(prefix);
  w.bytes(bytes);
  return w.finish();
}

/** `Metadata_metadata`: `OpaqueMetadata` (a `Vec<u8>`) holding the prefixed V14 bytes. */
export function metadataApiMetadata(runtime: Runtime, apis?: readonly RuntimeApiMeta[]): Uint8Array {
  return vecU8(buildMetadata(runtime, 14, apis));
}

/** `Metadata_metadata_at_version(version)`: `Option<OpaqueMetadata>`, `None` (0x00) for unknown versions. */
export function metadataApiAtVersion(runtime: Runtime, version: number, apis?: readonly RuntimeApiMeta[]): Uint8Array {
  if (!isMetadataVersion(version)) return new Uint8Array([0]);
  return vecU8(buildMetadata(runtime, version, apis), 1);
}

/** `Metadata_metadata_versions`: `Vec<u32>` of the versions above. */
export function metadataApiVersions(): Uint8Array {
  const w = new ScaleWriter(12);
  w.compact(METADATA_VERSIONS.length);
  for (const v of METADATA_VERSIONS) w.u32(v);
  return w.finish();
}

export { buildModel, type ApiType, type MetadataModel, type RuntimeApiMeta, type RuntimeApiMethodMeta, type RuntimeTypeRefs } from './model.ts';
export { METADATA_RUNTIME_API, OpaqueMetadata } from './runtime-types.ts';
export { PortableRegistry, type PortableType } from './registry.ts';
export { METADATA_MAGIC } from './encode-common.ts';

/**
 * The Metadata runtime API keyed by its `state_call` names, taking and returning SCALE bytes.
 * A malformed `metadata_at_version` argument throws a RangeError.
 */
export function metadataApiHandlers(
  runtime: Runtime,
  apis?: readonly RuntimeApiMeta[],
): Record<'Metadata_metadata' | 'Metadata_metadata_at_version' | 'Metadata_metadata_versions', (input: Uint8Array) => Uint8Array> {
  return {
    Metadata_metadata: () => metadataApiMetadata(runtime, apis),
    Metadata_metadata_at_version: (input) => {
      if (input.length !== 4) throw new RangeError(`metadata_at_version expects a u32 (4 bytes), got ${input.length}`);
      const version = new DataView(input.buffer, input.byteOffset, 4).getUint32(0, true);
      return metadataApiAtVersion(runtime, version, apis);
    },
    Metadata_metadata_versions: () => metadataApiVersions(),
  };
}
