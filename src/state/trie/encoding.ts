/**
 * Node encoding of Substrate's base-16 trie without extension nodes (sp-trie `NodeCodec`,
 * LayoutV0 / LayoutV1), plus the few SCALE pieces it needs (Compact integers, length prefixes).
 *
 * Node layout: header (kind bits + partial-key nibble count), partial key nibbles packed two per
 * byte (an odd count puts the first nibble alone in the low half of the first byte), then for
 * branches a little-endian u16 bitmap of present children, then the value (Compact-length
 * prefixed, or the raw 32-byte hash of the value for the hashed kinds), then each present
 * child's reference, Compact-length prefixed.
 */
import { hash256, hash256Into, hash256Range } from './hash.js';

export type StateVersion = 0 | 1;

/** blake2-256(0x00), the root of a trie with no entries. */
export const EMPTY_TRIE_ROOT: Uint8Array = hexToBytes(
  '03170a2e7597b7b7e3d84c05391d139a62b157e78786d8c082f29dcf4c111314',
);

/** State version 1 stores values of at least this many bytes by hash. */
export const HASHED_VALUE_THRESHOLD = 33;

/** A child whose encoding is shorter than this is embedded in its parent instead of hashed. */
export const INLINE_LIMIT = 32;

/** Largest key length in bytes whose nibble count fits the header's 16-bit size bound. */
export const MAX_KEY_BYTES = 32767;

// Header kind tags (the top bits of the first byte); the remaining bits start the nibble count.
const LEAF = 0x40;
const BRANCH_NO_VALUE = 0x80;
const BRANCH_WITH_VALUE = 0xc0;
const HASHED_VALUE_LEAF = 0x20;
const HASHED_VALUE_BRANCH = 0x10;

export function isHashedValue(value: Uint8Array, version: StateVersion): boolean {
  return version === 1 && value.length >= HASHED_VALUE_THRESHOLD;
}

/** Growable output buffer reused across node encodings. */
export class ByteWriter {
  buf: Uint8Array;
  pos = 0;

  constructor(initialCapacity = 1 << 16) {
    this.buf = new Uint8Array(initialCapacity);
  }

  reset(): void {
    this.pos = 0;
  }

  ensure(extra: number): void {
    const need = this.pos + extra;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  /** View of what was written since the last reset; valid until the next write. */
  view(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }

  bytes(data: Uint8Array): void {
    this.ensure(data.length);
    this.buf.set(data, this.pos);
    this.pos += data.length;
  }

  /** SCALE Compact encoding of a non-negative safe integer. */
  compact(n: number): void {
    this.ensure(9);
    const b = this.buf;
    if (n < 0x40) {
      b[this.pos++] = n << 2;
    } else if (n < 0x4000) {
      const v = (n << 2) | 1;
      b[this.pos++] = v & 0xff;
      b[this.pos++] = v >>> 8;
    } else if (n < 0x40000000) {
      const v = ((n << 2) | 2) >>> 0;
      b[this.pos++] = v & 0xff;
      b[this.pos++] = (v >>> 8) & 0xff;
      b[this.pos++] = (v >>> 16) & 0xff;
      b[this.pos++] = v >>> 24;
    } else {
      let len = 0;
      const at = this.pos++;
      let rest = n;
      while (rest > 0) {
        b[this.pos++] = rest % 256;
        rest = Math.floor(rest / 256);
        len++;
      }
      while (len < 4) {
        b[this.pos++] = 0;
        len++;
      }
      b[at] = ((len - 4) << 2) | 3;
    }
  }

  /** Compact length prefix followed by the bytes (SCALE `Vec<u8>`). */
  lengthPrefixed(data: Uint8Array): void {
    this.compact(data.length);
    this.bytes(data);
  }

  /** Node header: kind tag plus the partial key's nibble count. */
  header(tag: number, tagBits: number, nibbleCount: number): void {
    const room = 0xff >> tagBits; // largest count the first byte can hold, as an escape
    this.ensure(2 + ((nibbleCount / 255) | 0));
    const b = this.buf;
    if (nibbleCount < room) {
      b[this.pos++] = tag | nibbleCount;
      return;
    }
    b[this.pos++] = tag | room;
    let rest = nibbleCount - room;
    while (rest >= 255) {
      b[this.pos++] = 255;
      rest -= 255;
    }
    b[this.pos++] = rest;
  }

  /** Nibbles `[from, to)` of `key`, packed. */
  partial(key: Uint8Array, from: number, to: number): void {
    const count = to - from;
    this.ensure((count + 1) >> 1);
    const b = this.buf;
    let i = from;
    if ((count & 1) === 1) {
      b[this.pos++] = nibbleOf(key, i);
      i++;
    }
    if ((i & 1) === 0) {
      // Byte aligned: a straight copy (a loop, as a subarray view costs more for short keys).
      const end = to >> 1;
      let pos = this.pos;
      for (let j = i >> 1; j < end; j++) b[pos++] = key[j]!;
      this.pos = pos;
    } else {
      for (; i < to; i += 2) {
        b[this.pos++] = ((key[i >> 1]! & 0x0f) << 4) | (key[(i + 1) >> 1]! >> 4);
      }
    }
  }
}

function nibbleOf(key: Uint8Array, i: number): number {
  const b = key[i >> 1]!;
  return (i & 1) === 0 ? b >> 4 : b & 0x0f;
}

/** Writes a value the way the node stores it: inline with a length prefix, or its hash. */
function writeValue(w: ByteWriter, value: Uint8Array, hashed: boolean): void {
  if (hashed) {
    w.ensure(32);
    hash256Into(value, w.buf, w.pos);
    w.pos += 32;
  } else {
    w.lengthPrefixed(value);
  }
}

/** Encodes a leaf whose partial key is nibbles `[from, to)` of `key`. */
export function writeLeaf(
  w: ByteWriter,
  key: Uint8Array,
  from: number,
  to: number,
  value: Uint8Array,
  version: StateVersion,
): void {
  const hashed = isHashedValue(value, version);
  if (hashed) w.header(HASHED_VALUE_LEAF, 3, to - from);
  else w.header(LEAF, 2, to - from);
  w.partial(key, from, to);
  writeValue(w, value, hashed);
}

/**
 * Encodes a branch whose partial key is nibbles `[from, to)` of `key`. `children[i]` is the
 * reference of child `i` (a 32-byte hash or an inline encoding shorter than 32 bytes), or
 * null/undefined when absent.
 */
export function writeBranch(
  w: ByteWriter,
  key: Uint8Array,
  from: number,
  to: number,
  value: Uint8Array | undefined,
  children: ReadonlyArray<Uint8Array | null | undefined>,
  version: StateVersion,
): void {
  const hashed = value !== undefined && isHashedValue(value, version);
  if (value === undefined) w.header(BRANCH_NO_VALUE, 2, to - from);
  else if (hashed) w.header(HASHED_VALUE_BRANCH, 4, to - from);
  else w.header(BRANCH_WITH_VALUE, 2, to - from);
  w.partial(key, from, to);
  let bitmap = 0;
  for (let i = 0; i < 16; i++) if (children[i]) bitmap |= 1 << i;
  w.byte(bitmap & 0xff);
  w.byte(bitmap >> 8);
  if (value !== undefined) writeValue(w, value, hashed);
  for (let i = 0; i < 16; i++) {
    const ref = children[i];
    if (ref) w.lengthPrefixed(ref);
  }
}

/**
 * How a parent refers to the node just encoded in `w`: the node's hash when the encoding is 32
 * bytes or more, otherwise the encoding itself.
 */
export function writtenReference(w: ByteWriter): Uint8Array {
  return w.pos >= INLINE_LIMIT ? hash256Range(w.buf, 0, w.pos) : w.buf.slice(0, w.pos);
}

/** The root hash given the root node's reference (the root is hashed even when short). */
export function rootFromReference(ref: Uint8Array): Uint8Array {
  return ref.length === 32 ? ref.slice() : hash256(ref);
}

/** SCALE Compact encoding of a non-negative safe integer, as a fresh array. */
export function encodeCompact(n: number): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`compact: invalid integer ${n}`);
  const w = new ByteWriter(16);
  w.compact(n);
  return w.view().slice();
}

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
