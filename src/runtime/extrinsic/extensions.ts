/**
 * Subtensor's transaction extensions, in order. Only four carry explicit bytes (era, nonce,
 * tip, metadata-hash mode); the implicit (signed but not sent) part is spec version, transaction
 * version, genesis hash, the era's birth-block hash and the optional metadata hash.
 */
import {
  compactNumber, compactU64, enumeration, fixedBytes, option, struct, tuple, u32, ScaleWriter,
  type AnyCodec, type Codec,
} from '../../primitives/scale/index.ts';
import { H256 } from '../types.ts';
import { EraCodec, type Era } from './era.ts';

export interface SignedExtra {
  era: Era;
  nonce: number;
  tip: bigint;
  /** CheckMetadataHash mode: 0 disabled, 1 enabled. */
  mode: number;
}

export interface ExtensionMeta {
  identifier: string;
  /** Type of the explicit bytes. */
  type: AnyCodec;
  /** Type of the implicit ("additional signed") bytes. */
  implicit: AnyCodec;
}

const empty = (path: string[]) => struct({}, { path, params: [{ name: 'T' }] });
const unitTuple = tuple();

/** A tuple-struct extension generic over the runtime (`Ext<T>(inner)`): the inner bytes, described as upstream. */
const wrapped = <V>(inner: Codec<V>, path: string[], typeName: string): Codec<V> => ({
  enc: inner.enc,
  dec: inner.dec,
  info: { path, params: [{ name: 'T' }], def: { kind: 'composite', fields: [{ type: inner, typeName }] } },
});

const CheckMortality = wrapped(EraCodec, ['frame_system', 'extensions', 'check_mortality', 'CheckMortality'], 'Era');
const CheckNonce = wrapped(compactNumber(u32), ['node_subtensor_runtime', 'check_nonce', 'CheckNonce'], 'T::Nonce');
const ChargeTransactionPayment = wrapped(compactU64, ['pallet_transaction_payment', 'ChargeTransactionPayment'], 'BalanceOf<T>');
const MetadataHashMode = enumeration({ Disabled: { index: 0 }, Enabled: { index: 1 } }, { path: ['frame_metadata_hash_extension', 'Mode'] });
const CheckMetadataHash = struct(
  { mode: MetadataHashMode },
  { path: ['frame_metadata_hash_extension', 'CheckMetadataHash'], params: [{ name: 'T' }], typeNames: { mode: 'Mode' } },
);

export const TRANSACTION_EXTENSIONS: ExtensionMeta[] = [
  { identifier: 'CheckNonZeroSender', type: empty(['frame_system', 'extensions', 'check_non_zero_sender', 'CheckNonZeroSender']), implicit: unitTuple },
  { identifier: 'CheckSpecVersion', type: empty(['frame_system', 'extensions', 'check_spec_version', 'CheckSpecVersion']), implicit: u32 },
  { identifier: 'CheckTxVersion', type: empty(['frame_system', 'extensions', 'check_tx_version', 'CheckTxVersion']), implicit: u32 },
  { identifier: 'CheckGenesis', type: empty(['frame_system', 'extensions', 'check_genesis', 'CheckGenesis']), implicit: H256 },
  { identifier: 'CheckMortality', type: CheckMortality, implicit: H256 },
  { identifier: 'CheckNonce', type: CheckNonce, implicit: unitTuple },
  { identifier: 'CheckWeight', type: empty(['frame_system', 'extensions', 'check_weight', 'CheckWeight']), implicit: unitTuple },
  { identifier: 'ChargeTransactionPayment', type: ChargeTransactionPayment, implicit: unitTuple },
  { identifier: 'SudoTransactionExtension', type: empty(['node_subtensor_runtime', 'sudo_wrapper', 'SudoTransactionExtension']), implicit: unitTuple },
  { identifier: 'CheckShieldedTxValidity', type: empty(['pallet_shield', 'extension', 'CheckShieldedTxValidity']), implicit: unitTuple },
  { identifier: 'SubtensorTransactionExtension', type: empty(['pallet_subtensor', 'transaction_extension', 'SubtensorTransactionExtension']), implicit: unitTuple },
  { identifier: 'DrandPriority', type: empty(['pallet_drand', 'drand_priority', 'DrandPriority']), implicit: unitTuple },
  { identifier: 'CheckMetadataHash', type: CheckMetadataHash, implicit: option(fixedBytes(32)) },
];

/** The explicit extension bytes of a signed extrinsic, in order. */
export const SignedExtraCodec: Codec<SignedExtra> = {
  enc: (w, v) => {
    EraCodec.enc(w, v.era);
    w.compact(v.nonce);
    w.compact(v.tip);
    w.u8(v.mode);
  },
  dec: (r) => {
    const era = EraCodec.dec(r);
    const nonce = r.compactNumber();
    const tip = r.compact();
    if (tip > 0xffffffffffffffffn) throw new RangeError('tip exceeds u64');
    const mode = r.u8();
    if (mode > 1) throw new RangeError(`invalid metadata-hash mode ${mode}`);
    return { era, nonce, tip, mode };
  },
  info: { def: { kind: 'tuple', of: TRANSACTION_EXTENSIONS.map((e) => e.type) } },
};

export interface ImplicitData {
  specVersion: number;
  transactionVersion: number;
  genesisHash: Uint8Array;
  birthHash: Uint8Array;
  metadataHash?: Uint8Array;
}

export function encodeImplicit(d: ImplicitData): Uint8Array {
  const w = new ScaleWriter(80);
  w.u32(d.specVersion).u32(d.transactionVersion).raw(d.genesisHash).raw(d.birthHash);
  if (d.metadataHash) w.u8(1).raw(d.metadataHash);
  else w.u8(0);
  return w.finish();
}
