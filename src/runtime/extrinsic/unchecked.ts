/**
 * The v4 extrinsic format: `Compact<len> ++ version ++ [address ++ signature ++ extra] ++ call`.
 * 0x84 marks a signed extrinsic, 0x04 a bare (unsigned/inherent) one.
 */
import { blake2_256 } from '../../primitives/hashing.ts';
import { concatBytes } from '../../primitives/hex.ts';
import { ScaleError, ScaleReader, ScaleWriter, type Codec, type EnumValue } from '../../primitives/scale/index.ts';
import type { RuntimeCall } from '../framework/runtime-builder.ts';
import { MultiAddress, MultiSignature } from '../types.ts';
import { SignedExtraCodec, type SignedExtra } from './extensions.ts';

export const EXTRINSIC_VERSION = 4;
const SIGNED_BIT = 0x80;

export interface SignedPart {
  address: EnumValue;
  signature: EnumValue;
  extra: SignedExtra;
}

export interface Extrinsic {
  signed?: SignedPart;
  call: RuntimeCall;
  /** The call's own bytes, as signed. */
  callBytes: Uint8Array;
  /** Bytes without the outer length prefix. */
  body: Uint8Array;
  /** Full bytes with the compact length prefix (what blocks and RPC carry). */
  encoded: Uint8Array;
  /** blake2-256 of `encoded`: the transaction hash. */
  hash: Uint8Array;
}

export class ExtrinsicFormatError extends Error {}

/** Decode a length-prefixed extrinsic; any malformed input throws ExtrinsicFormatError. */
export function decodeExtrinsic(encoded: Uint8Array, callCodec: Codec<RuntimeCall>): Extrinsic {
  try {
    const outer = new ScaleReader(encoded);
    const len = outer.compactNumber();
    if (len !== outer.remaining) throw new ExtrinsicFormatError(`length prefix ${len} does not match ${outer.remaining} bytes`);
    const body = encoded.subarray(outer.pos);
    const r = new ScaleReader(body);
    const version = r.u8();
    if ((version & 0x7f) !== EXTRINSIC_VERSION) throw new ExtrinsicFormatError(`unsupported extrinsic version byte 0x${version.toString(16)}`);
    let signed: SignedPart | undefined;
    if (version & SIGNED_BIT) {
      const address = MultiAddress.dec(r);
      const signature = MultiSignature.dec(r);
      const extra = SignedExtraCodec.dec(r);
      signed = { address, signature, extra };
    }
    const callStart = r.pos;
    const call = callCodec.dec(r);
    if (r.remaining !== 0) throw new ExtrinsicFormatError(`${r.remaining} trailing byte(s) after the call`);
    return { signed, call, callBytes: body.subarray(callStart), body, encoded, hash: blake2_256(encoded) };
  } catch (e) {
    if (e instanceof ExtrinsicFormatError) throw e;
    if (e instanceof ScaleError || e instanceof RangeError) throw new ExtrinsicFormatError(e.message);
    throw e;
  }
}

function withLengthPrefix(body: Uint8Array): Uint8Array {
  const w = new ScaleWriter(body.length + 5);
  w.compact(body.length);
  w.raw(body);
  return w.finish();
}

export function encodeUnsigned(callBytes: Uint8Array): Uint8Array {
  return withLengthPrefix(concatBytes(new Uint8Array([EXTRINSIC_VERSION]), callBytes));
}

export function encodeSigned(callBytes: Uint8Array, signed: SignedPart): Uint8Array {
  const w = new ScaleWriter(callBytes.length + 160);
  w.u8(EXTRINSIC_VERSION | SIGNED_BIT);
  MultiAddress.enc(w, signed.address);
  MultiSignature.enc(w, signed.signature);
  SignedExtraCodec.enc(w, signed.extra);
  w.raw(callBytes);
  return withLengthPrefix(w.finish());
}

/** What the signer signs: call ++ explicit ++ implicit, hashed when longer than 256 bytes. */
export function signingPayload(callBytes: Uint8Array, extra: SignedExtra, implicit: Uint8Array): Uint8Array {
  const w = new ScaleWriter(callBytes.length + 128);
  w.raw(callBytes);
  SignedExtraCodec.enc(w, extra);
  w.raw(implicit);
  const payload = w.finish();
  return payload.length > 256 ? blake2_256(payload) : payload;
}
