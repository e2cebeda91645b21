/** Block and header encoding; the block hash is blake2-256 of the SCALE header. */
import { blake2_256 } from '../primitives/hashing.ts';
import { ScaleReader, ScaleWriter, decode, encode } from '../primitives/scale/index.ts';
import { Header } from '../runtime/types.ts';

export type { Header };

export interface Block {
  header: Header;
  /** Each extrinsic with its own compact length prefix. */
  extrinsics: Uint8Array[];
}

export function encodeHeader(header: Header): Uint8Array {
  return encode(Header, header, 128);
}

export function decodeHeader(bytes: Uint8Array): Header {
  return decode(Header, bytes, 'header');
}

export function headerHash(header: Header): Uint8Array {
  return blake2_256(encodeHeader(header));
}

/** `Vec<UncheckedExtrinsic>`: the count, then each extrinsic's own (length-prefixed) bytes. */
export function encodeBody(extrinsics: Uint8Array[]): Uint8Array {
  let size = 5;
  for (const x of extrinsics) size += x.length;
  const w = new ScaleWriter(size);
  w.compact(extrinsics.length);
  for (const x of extrinsics) w.raw(x);
  return w.finish();
}

export function decodeBody(bytes: Uint8Array): Uint8Array[] {
  const r = new ScaleReader(bytes);
  const n = r.compactNumber();
  const out: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const start = r.pos;
    const len = r.compactNumber();
    r.raw(len);
    out.push(bytes.slice(start, r.pos));
  }
  r.assertEnd('block body');
  return out;
}

export function encodeBlock(block: Block): Uint8Array {
  const h = encodeHeader(block.header);
  const b = encodeBody(block.extrinsics);
  const out = new Uint8Array(h.length + b.length);
  out.set(h);
  out.set(b, h.length);
  return out;
}

export function decodeBlock(bytes: Uint8Array): Block {
  const r = new ScaleReader(bytes);
  const header = Header.dec(r);
  const body = decodeBody(bytes.subarray(r.pos));
  return { header, extrinsics: body };
}
