/**
 * RuntimeMetadataV15 (frame-metadata `v15.rs`): `lookup, pallets (with docs), extrinsic
 * {version, address_ty, call_ty, signature_ty, extra_ty, signed_extensions}, ty, apis,
 * outer_enums {call, event, error}, custom`. Served by `Metadata_metadata_at_version(15)`.
 */
import { ScaleWriter } from '../../primitives/scale/index.ts';
import { METADATA_MAGIC, writeExtensions, writePallet, writeRegistry, writeString, writeStrings } from './encode-common.ts';
import type { MetadataModel } from './model.ts';

export const V15 = 15;

/** The V15 body, without the "meta" prefix and version byte. */
export function writeMetadataV15(w: ScaleWriter, m: MetadataModel): void {
  writeRegistry(w, m.registry);
  w.compact(m.pallets.length);
  for (const p of m.pallets) writePallet(w, p, true);
  const x = m.extrinsic;
  w.u8(x.version).compact(x.address).compact(x.call).compact(x.signature).compact(x.extra);
  writeExtensions(w, x.extensions);
  w.compact(m.runtimeType);
  w.compact(m.apis.length);
  for (const api of m.apis) {
    writeString(w, api.name);
    w.compact(api.methods.length);
    for (const method of api.methods) {
      writeString(w, method.name);
      w.compact(method.inputs.length);
      for (const input of method.inputs) {
        writeString(w, input.name);
        w.compact(input.type);
      }
      w.compact(method.output);
      writeStrings(w, method.docs);
    }
    writeStrings(w, api.docs);
  }
  w.compact(m.outerEnums.call).compact(m.outerEnums.event).compact(m.outerEnums.error);
  // custom: BTreeMap<String, CustomValueMetadata>; subtensor publishes none.
  w.compact(0);
}

/** `RuntimeMetadataPrefixed` holding V15: `6d657461 0f ++ body`. */
export function encodeMetadataV15(m: MetadataModel): Uint8Array {
  const w = new ScaleWriter(64 * 1024);
  w.raw(METADATA_MAGIC).u8(V15);
  writeMetadataV15(w, m);
  return w.finish();
}
