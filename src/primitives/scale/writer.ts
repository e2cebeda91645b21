/** Growable output buffer for SCALE encoding; one allocation per encode in the common case. */

function checkInt(v: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(v) || v < min || v > max) throw new RangeError(`${what} out of range: ${v}`);
}

function checkBig(v: bigint, min: bigint, max: bigint, what: string): void {
  if (v < min || v > max) throw new RangeError(`${what} out of range: ${v}`);
}

const U64_MAX = (1n << 64n) - 1n;
const U128_MAX = (1n << 128n) - 1n;
const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;
export class ScaleWriter {
  private buf: Uint8Array;
  private view: DataView;
  private pos = 0;

  constructor(initialCapacity = 256) {
    this.buf = new Uint8Array(initialCapacity);
    this.view = new DataView(this.buf.buffer);
  }

  private ensure(extra: number): void {
    const need = this.pos + extra;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  get length(): number {
    return this.pos;
  }

  u8(v: number): this {
    checkInt(v, 0, 0xff, 'u8');
    this.ensure(1);
    this.buf[this.pos++] = v;
    return this;
  }

  bool(v: boolean): this {
    return this.u8(v ? 1 : 0);
  }

  u16(v: number): this {
    checkInt(v, 0, 0xffff, 'u16');
    this.ensure(2);
    this.view.setUint16(this.pos, v, true);
    this.pos += 2;
    return this;
  }

  i16(v: number): this {
    checkInt(v, -0x8000, 0x7fff, 'i16');
    this.ensure(2);
    this.view.setInt16(this.pos, v, true);
    this.pos += 2;
    return this;
  }

  u32(v: number): this {
    checkInt(v, 0, 0xffffffff, 'u32');
    this.ensure(4);
    this.view.setUint32(this.pos, v, true);
    this.pos += 4;
    return this;
  }

  i32(v: number): this {
    checkInt(v, -0x80000000, 0x7fffffff, 'i32');
    this.ensure(4);
    this.view.setInt32(this.pos, v, true);
    this.pos += 4;
    return this;
  }

  u64(v: bigint): this {
    checkBig(v, 0n, U64_MAX, 'u64');
    this.ensure(8);
    this.view.setBigUint64(this.pos, v, true);
    this.pos += 8;
    return this;
  }

  i64(v: bigint): this {
    checkBig(v, I64_MIN, I64_MAX, 'i64');
    this.ensure(8);
    this.view.setBigInt64(this.pos, v, true);
    this.pos += 8;
    return this;
  }

  u128(v: bigint): this {
    checkBig(v, 0n, U128_MAX, 'u128');
    this.ensure(16);
    this.view.setBigUint64(this.pos, v & 0xffffffffffffffffn, true);
    this.view.setBigUint64(this.pos + 8, (v >> 64n) & 0xffffffffffffffffn, true);
    this.pos += 16;
    return this;
  }

  i128(v: bigint): this {
    checkBig(v, -(1n << 127n), (1n << 127n) - 1n, 'i128');
    return this.u128(BigInt.asUintN(128, v));
  }

  /** SCALE compact integer (single-byte, two-byte, four-byte or big-integer mode). */
  compact(v: number | bigint): this {
    if (typeof v === 'number') {
      if (v < 0 || !Number.isInteger(v)) throw new RangeError(`compact: not a non-negative integer: ${v}`);
      if (v < 1 << 6) return this.u8(v << 2);
      if (v < 1 << 14) return this.u16((v << 2) | 1);
      if (v < 2 ** 30) return this.u32(((v << 2) | 2) >>> 0);
      v = BigInt(v);
    }
    if (v < 0n) throw new RangeError('compact: negative value');
    if (v < 1n << 30n) return this.compact(Number(v));
    let bytes = 0;
    for (let t = v; t > 0n; t >>= 8n) bytes++;
    if (bytes > 67) throw new RangeError('compact: value too large');
    this.u8(((bytes - 4) << 2) | 3);
    this.ensure(bytes);
    for (let i = 0, t = v; i < bytes; i++, t >>= 8n) this.buf[this.pos++] = Number(t & 0xffn);
    return this;
  }

  raw(bytes: Uint8Array): this {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
    return this;
  }

  /** `Vec<u8>`: compact length then the bytes. */
  bytes(bytes: Uint8Array): this {
    this.compact(bytes.length);
    return this.raw(bytes);
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}
