/**
 * Types that exist only at the runtime level (not inside a pallet): the runtime marker type,
 * the UncheckedExtrinsic wrappers, RuntimeError, and the Metadata API's own types. Paths follow
 * subtensor's real metadata, which clients key on (polkadot.js finds Address/Call/Signature/Extra
 * through the params of `sp_runtime::generic::unchecked_extrinsic::UncheckedExtrinsic`).
 */
import { bytes, newtype, option, u32, vec, type AnyCodec, type Codec, type TypeDef, type TypeInfo } from '../../primitives/scale/index.ts';
import { outerEnumTypeName, type Runtime } from '../framework/runtime-builder.ts';
import type { RuntimeApiMeta } from './model.ts';

const RUNTIME_CRATE = 'node_subtensor_runtime';

/** The same bytes as `codec`, described by `info`. */
function withInfo<T>(codec: Codec<T>, info: TypeInfo): Codec<T> {
  return { enc: codec.enc, dec: codec.dec, info };
}

/** `node_subtensor_runtime::Runtime`: the field-less struct the pallets are configured for. */
export const runtimeTypeInfo: TypeInfo = { path: [RUNTIME_CRATE, 'Runtime'], def: { kind: 'composite', fields: [] } };

/**
 * `sp_runtime::generic::unchecked_extrinsic::UncheckedExtrinsic<Address, Call, Signature, Extra>`:
 * declared (by its hand-written TypeInfo) as one unnamed `Vec<u8>` field carrying the four params.
 */
export function uncheckedExtrinsicCodec(address: AnyCodec, call: AnyCodec, signature: AnyCodec, extra: AnyCodec): Codec<Uint8Array> {
  return withInfo(bytes, {
    path: ['sp_runtime', 'generic', 'unchecked_extrinsic', 'UncheckedExtrinsic'],
    params: [
      { name: 'Address', type: address },
      { name: 'Call', type: call },
      { name: 'Signature', type: signature },
      { name: 'Extra', type: extra },
    ],
    def: { kind: 'composite', fields: [{ type: bytes }] },
  });
}

/** Frontier's `fp_self_contained::unchecked_extrinsic::UncheckedExtrinsic`, subtensor's extrinsic type. */
export function fpUncheckedExtrinsicCodec(
  inner: Codec<Uint8Array>, address: AnyCodec, call: AnyCodec, signature: AnyCodec, extra: AnyCodec,
): Codec<Uint8Array> {
  return withInfo(inner, {
    path: ['fp_self_contained', 'unchecked_extrinsic', 'UncheckedExtrinsic'],
    params: [
      { name: 'Address', type: address },
      { name: 'Call', type: call },
      { name: 'Signature', type: signature },
      { name: 'Extension', type: extra },
    ],
    def: {
      kind: 'composite',
      fields: [{ type: inner, typeName: 'generic::UncheckedExtrinsic<Address, Call, Signature, Extension>' }],
    },
  });
}

/** `node_subtensor_runtime::RuntimeError`: one variant per pallet with errors, at the pallet index. */
export function runtimeErrorInfo(runtime: Runtime): TypeInfo {
  return {
    path: [RUNTIME_CRATE, 'RuntimeError'],
    def: (): TypeDef => ({
      kind: 'variant',
      variants: runtime.pallets.flatMap((p) => {
        const codec = runtime.palletErrorCodec(p.name);
        if (!codec) return [];
        return [{ name: p.name, index: p.index, fields: [{ type: codec, typeName: outerEnumTypeName(p, 'Error') }] }];
      }),
    }),
  };
}

/** `sp_core::OpaqueMetadata`: metadata bytes as a `Vec<u8>`. */
export const OpaqueMetadata = newtype(bytes, ['sp_core', 'OpaqueMetadata'], 'Vec<u8>');

/** The `Metadata` runtime API as V15 lists it (runtime-API authors include it in their list). */
export const METADATA_RUNTIME_API: RuntimeApiMeta = {
  name: 'Metadata',
  docs: [' The `Metadata` api trait that returns metadata for the runtime.'],
  methods: [
    { name: 'metadata', inputs: [], output: OpaqueMetadata, docs: [' Returns the metadata of a runtime.'] },
    {
      name: 'metadata_at_version',
      inputs: [{ name: 'version', codec: u32 }],
      output: option(OpaqueMetadata),
      docs: [
        ' Returns the metadata at a given version.',
        '',
        " If the given `version` isn't supported, this will return `None`.",
        ' Use [`Self::metadata_versions`] to find out about supported metadata version of the runtime.',
      ],
    },
    {
      name: 'metadata_versions',
      inputs: [],
      output: vec(u32),
      docs: [' Returns the supported metadata versions.', '', ' This can be used to call `metadata_at_version`.'],
    },
  ],
};
