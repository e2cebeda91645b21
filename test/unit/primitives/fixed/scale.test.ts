import { describe, expect, it } from 'vitest';
import { I32F32, I64F64, I96F32, U64F64, U96F32 } from '../../../../src/primitives/fixed/index.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const bytes = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));

describe('SCALE: raw bits as a little-endian integer of the storage width', () => {
  it('I32F32 encodes as i64', () => {
    // 1.5 → raw 0x00000001_80000000
    expect(hex(I32F32.toLeBytes(I32F32.fromNum(1.5)))).toBe('0000008001000000');
    expect(hex(I32F32.toLeBytes(I32F32.fromNum(-1.5)))).toBe('00000080feffffff');
    expect(hex(I32F32.toLeBytes(I32F32.MIN))).toBe('0000000000000080');
    expect(hex(I32F32.toLeBytes(-1n))).toBe('ffffffffffffffff');
  });

  it('I64F64 / I96F32 encode as i128, U64F64 / U96F32 as u128', () => {
    expect(hex(U64F64.toLeBytes(U64F64.fromNum(1.5)))).toBe('00000000000000800100000000000000');
    expect(hex(I64F64.toLeBytes(-1n))).toBe('ff'.repeat(16));
    expect(hex(I64F64.toLeBytes(I64F64.MIN))).toBe('00'.repeat(15) + '80');
    expect(hex(I96F32.toLeBytes(I96F32.fromNum(-1n)))).toBe('00000000' + 'ff'.repeat(12));
    expect(hex(U96F32.toLeBytes(U96F32.MAX))).toBe('ff'.repeat(16));
    expect(hex(U96F32.toLeBytes(U96F32.fromNum(1_000_000_000n)))).toBe('00000000' + '00ca9a3b' + '00'.repeat(8));
  });

  it('decodes, also at an offset and from a subarray', () => {
    expect(I32F32.fromLeBytes(bytes('0000008001000000'))).toBe(0x180000000n);
    expect(I32F32.fromLeBytes(bytes('00000080feffffff'))).toBe(-0x180000000n);
    expect(I64F64.fromLeBytes(bytes('ff'.repeat(16)))).toBe(-1n);
    expect(U64F64.fromLeBytes(bytes('ff'.repeat(16)))).toBe(U64F64.MAX);
    const buf = bytes('aabb' + '00000000000000800100000000000000' + 'cc');
    expect(U64F64.fromLeBytes(buf, 2)).toBe(U64F64.fromNum(1.5));
    expect(U64F64.fromLeBytes(buf.subarray(2))).toBe(U64F64.fromNum(1.5));
    expect(() => U64F64.fromLeBytes(buf, 4)).toThrow(RangeError);
  });

  it('round-trips extremes', () => {
    for (const T of [I32F32, I64F64, U64F64, U96F32, I96F32]) {
      for (const v of [T.MIN, T.MAX, 0n, 1n, T.ONE, T.MAX >> 3n]) {
        const out = new Uint8Array(T.byteLength + 3);
        T.writeLeBytes(v, out, 3);
        expect(T.fromLeBytes(out, 3)).toBe(v);
        expect(T.fromLeBytes(T.toLeBytes(v))).toBe(v);
      }
    }
  });
});
