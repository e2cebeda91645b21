/** Thrown on any malformed SCALE input; callers turn it into a clear error, never a crash. */
export class ScaleError extends Error {}

export class ScaleReader {
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  pos: number;

  constructor(bytes: Uint8Array, offset = 0) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = offset;
  }

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  private need(n: number): void {
    if (this.pos + n > this.bytes.length) {
      throw new ScaleError(`unexpected end of input: need ${n} byte(s) at offset ${this.pos}, have ${this.remaining}`);
    }
  }

  u8(): number {
    this.need(1);
    return this.bytes[this.pos++]!;
  }

  bool(): boolean {
    const b = this.u8();
    if (b > 1) throw new ScaleError(`invalid bool byte ${b} at offset ${this.pos - 1}`);
    return b === 1;
  }

  u16(): number {
    this.need(2);
    const v = this.view.getUint16(this.pos, true);
    this.pos += 2;
    return v;
  }

  i16(): number {
    this.need(2);
    const v = this.view.getInt16(this.pos, true);
    this.pos += 2;
    return v;
  }

  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  i32(): number {
    this.need(4);
    const v = this.view.getInt32(this.pos, true);
    this.pos += 4;
    return v;
  }

  u64(): bigint {
    this.need(8);
    const v = this.view.getBigUint64(this.pos, true);
    this.pos += 8;
    return v;
  }

  i64(): bigint {
    this.need(8);
    const v = this.view.getBigInt64(this.pos, true);
    this.pos += 8;
    return v;
  }

  u128(): bigint {
    this.need(16);
    const lo = this.view.getBigUint64(this.pos, true);
    const hi = this.view.getBigUint64(this.pos + 8, true);
    this.pos += 16;
    return (hi << 64n) | lo;
  }

  i128(): bigint {
    return BigInt.asIntN(128, this.u128());
  }

  /** Compact integer as bigint; rejects non-canonical encodings as Substrate does. */
  compact(): bigint {
    const first = this.u8();
    const mode = first & 3;
    if (mode === 0) return BigInt(first >> 2);
    if (mode === 1) {
      this.pos--;
      const v = this.u16() >> 2;
      if (v < 1 << 6) throw new ScaleError('non-canonical compact encoding');
      return BigInt(v);
    }
    if (mode === 2) {
      this.pos--;
      const v = this.u32() >>> 2;
      if (v < 1 << 14) throw new ScaleError('non-canonical compact encoding');
      return BigInt(v);
    }
    const len = (first >> 2) + 4;
    this.need(len);
    let v = 0n;
    for (let i = len - 1; i >= 0; i--) v = (v << 8n) | BigInt(this.bytes[this.pos + i]!);
    this.pos += len;
    if (v < 1n << 30n || (len > 4 && v < 1n << BigInt(8 * (len - 1)))) {
      throw new ScaleError('non-canonical compact encoding');
    }
    return v;
  }

  /** Compact integer that must fit a JS number (lengths, u32 values). */
  compactNumber(): number {
    const v = this.compact();
    if (v > 0xffffffffn) throw new ScaleError(`compact value ${v} too large for u32`);
    return Number(v);
  }

  raw(n: number): Uint8Array {
    this.need(n);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** `Vec<u8>`: compact length then the bytes (a view into the input, not a copy). */
  bytesVec(): Uint8Array {
    const len = this.compactNumber();
    return this.raw(len);
  }

  assertEnd(what = 'input'): void {
    if (this.pos !== this.bytes.length) {
      throw new ScaleError(`${what}: ${this.remaining} trailing byte(s) after decoding`);
    }
  }
}
