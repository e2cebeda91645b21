/**
 * RuntimeMetadataV14 (frame-metadata `v14.rs`): `lookup, pallets, extrinsic {ty, version,
 * signed_extensions}, ty`. This is what `state_getMetadata` and `Metadata_metadata` return.
 */
import { ScaleWriter } from '../../primitives/scale/index.ts';
import { METADATA_MAGIC, writeExtensions, writePallet, writeRegistry } from './encode-common.ts';
import type { MetadataModel } from './model.ts';

export const V14 = 14;

/** The V14 body, without the "meta" prefix and version byte. */
export function writeMetadataV14(w: ScaleWriter, m: MetadataModel): void {
  writeRegistry(w, m.registry);
  w.compact(m.pallets.length);
  for (const p of m.pallets) writePallet(w, p, false);
  w.compact(m.extrinsic.type).u8(m.extrinsic.version);
  writeExtensions(w, m.extrinsic.extensions);
  w.compact(m.runtimeType);
}

/** `RuntimeMetadataPrefixed` holding V14: `6d657461 0e ++ body`. */
export function encodeMetadataV14(m: MetadataModel): Uint8Array {
  const w = new ScaleWriter(64 * 1024);
  w.raw(METADATA_MAGIC).u8(V14);
  writeMetadataV14(w, m);
  return w.finish();
}
