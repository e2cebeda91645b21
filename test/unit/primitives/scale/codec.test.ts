/**
 * The hand-written SCALE codec against known byte strings (SCALE spec and parity-scale-codec's
 * own compact tests) and against @polkadot/types as an independent encoder; malformed input
 * must raise ScaleError, never crash or allocate absurdly.
 */
import { describe, expect, it } from 'vitest';
import { TypeRegistry } from '@polkadot/types';
import { u8aToHex } from '@polkadot/util';
import {
  ScaleError, ScaleReader, ScaleWriter, bool, bytes, compact, compactU32, compactU64, compactU128, decode, encode,
  enumeration, fixedBytes, i128, i16, i32, i64, lazy, option, str, struct, tuple, u128, u16, u32, u64, u8, unit, vec,
  type Codec, type EnumValue,
} from '../../../../src/primitives/scale/index.ts';

const hex = (b: Uint8Array) => u8aToHex(b);
const bin = (h: string) => Uint8Array.from(Buffer.from(h.replace(/^0x/, ''), 'hex'));

const U64_MAX = 2n ** 64n - 1n;
const U128_MAX = 2n ** 128n - 1n;

/** Compact vectors: SCALE spec table and parity-scale-codec `compact_*` tests. */
const COMPACT_VECTORS: [bigint, string][] = [
  [0n, '0x00'],
  [1n, '0x04'],
  [42n, '0xa8'],
  [63n, '0xfc'],
  [64n, '0x0101'],
  [69n, '0x1501'],
  [16383n, '0xfdff'],
  [16384n, '0x02000100'],
  [1073741823n, '0xfeffffff'], // 2^30 - 1
  [1073741824n, '0x0300000040'], // 2^30
  [4294967295n, '0x03ffffffff'], // 2^32 - 1
  [4294967296n, '0x070000000001'], // 2^32
  [2n ** 48n - 1n, '0x0bffffffffffff'],
  [2n ** 56n, '0x1300000000000000' + '01'],
  [U64_MAX, '0x13ffffffffffffffff'],
  [U128_MAX, '0x33ffffffffffffffffffffffffffffffff'],
];

describe('compact integers', () => {
  it.each(COMPACT_VECTORS)('%s encodes to %s and back', (value, expected) => {
    expect(hex(encode(compactU128, value))).toBe(expected);
    expect(decode(compactU128, bin(expected))).toBe(value);
  });

  it('the writer gives the same bytes from a JS number as from a bigint', () => {
    for (const [value, expected] of COMPACT_VECTORS) {
      if (value > BigInt(Number.MAX_SAFE_INTEGER)) continue;
      expect(hex(new ScaleWriter(1).compact(Number(value)).finish()), String(value)).toBe(expected);
    }
  });

  it('Compact<u32> decodes to a number and refuses values above u32', () => {
    expect(decode(compactU32, bin('0xfeffffff'))).toBe(2 ** 30 - 1);
    expect(decode(compactU32, bin('0x03ffffffff'))).toBe(2 ** 32 - 1);
    expect(() => decode(compactU32, bin('0x070000000001'))).toThrow(ScaleError);
  });

  it.each([
    ['0x0100', '0 in two-byte mode'],
    ['0xfd00', '63 in two-byte mode'],
    ['0x02000000', '0 in four-byte mode'],
    ['0xfeff0000', '16383 in four-byte mode'],
    ['0x03ffffff3f', '2^30 - 1 in big-integer mode'],
    ['0x0300000000', '0 in big-integer mode'],
    ['0x07ffffffff00', '2^32 - 1 with a zero high byte'],
    ['0x33ffffffffffffffffffffffffffffff00', 'u120 max with a zero high byte'],
  ])('non-canonical %s (%s) is rejected', (h) => {
    expect(() => decode(compactU128, bin(h))).toThrow(ScaleError);
  });

  it('matches @polkadot/types Compact<u128> on boundaries and a deterministic spread', () => {
    const registry = new TypeRegistry();
    const values: bigint[] = COMPACT_VECTORS.map(([v]) => v);
    for (let bits = 0n; bits <= 128n; bits++) {
      const p = 2n ** bits;
      for (const v of [p - 1n, p, p + 1n, (p * 3n) / 2n]) if (v >= 0n && v <= U128_MAX) values.push(v);
    }
    for (const v of values) {
      const theirs = registry.createType('Compact<u128>', v).toU8a();
      expect(hex(encode(compactU128, v)), String(v)).toBe(hex(theirs));
      expect(decode(compactU128, theirs)).toBe(v);
    }
  });

  it('refuses to encode negative values', () => {
    expect(() => encode(compactU64, -1n)).toThrow(RangeError);
    expect(() => new ScaleWriter().compact(-1)).toThrow(RangeError);
    expect(() => new ScaleWriter().compact(1.5)).toThrow(RangeError);
  });
});

describe('fixed-width integers', () => {
  it('are little-endian with the spec examples', () => {
    expect(hex(encode(u8, 42))).toBe('0x2a');
    expect(hex(encode(u16, 42))).toBe('0x2a00');
    expect(hex(encode(u32, 16777215))).toBe('0xffffff00');
    expect(hex(encode(i16, -2))).toBe('0xfeff');
    expect(hex(encode(i32, -1))).toBe('0xffffffff');
    expect(hex(encode(u64, 1n))).toBe('0x0100000000000000');
    expect(hex(encode(i64, -2n))).toBe('0xfeffffffffffffff');
    expect(hex(encode(u128, (1n << 64n) + 2n))).toBe('0x02000000000000000100000000000000');
    expect(hex(encode(i128, -1n))).toBe('0x' + 'ff'.repeat(16));
    expect(decode(i128, bin('0x' + 'ff'.repeat(16)))).toBe(-1n);
    expect(decode(u128, bin('0x' + 'ff'.repeat(16)))).toBe(U128_MAX);
  });

  it('agree with @polkadot/types', () => {
    const registry = new TypeRegistry();
    const cases: [string, Codec<never>, unknown][] = [
      ['u16', u16 as Codec<never>, 0xbeef],
      ['u32', u32 as Codec<never>, 0xdeadbeef],
      ['i32', i32 as Codec<never>, -123456],
      ['u64', u64 as Codec<never>, 0x0123456789abcdefn],
      ['i64', i64 as Codec<never>, -(2n ** 63n)],
      ['u128', u128 as Codec<never>, 2n ** 127n + 12345n],
      ['i128', i128 as Codec<never>, -(2n ** 100n) - 7n],
    ];
    for (const [type, codec, value] of cases) {
      const theirs = registry.createType(type, value as never).toU8a();
      expect(hex(encode(codec, value as never)), type).toBe(hex(theirs));
      expect(decode(codec, theirs), type).toBe(value);
    }
  });

  it('bool accepts only 0 and 1', () => {
    expect(decode(bool, bin('0x01'))).toBe(true);
    expect(decode(bool, bin('0x00'))).toBe(false);
    expect(() => decode(bool, bin('0x02'))).toThrow(ScaleError);
  });
});

describe('composite types round trip and match @polkadot/types', () => {
  const registry = new TypeRegistry();
  registry.register({
    TestStruct: { a: 'u32', b: 'Compact<u64>', c: 'Option<Vec<u8>>', d: 'Vec<(u16,bool)>' },
    TestEnumD: { x: 'u16', y: 'Vec<u8>' },
    TestEnum: { _enum: { A: 'Null', B: 'u32', C: '(u8,bool)', D: 'TestEnumD' } },
  });

  const TestStruct = struct({ a: u32, b: compactU64, c: option(bytes), d: vec(tuple(u16, bool)) });
  const TestEnum = enumeration({
    A: { index: 0 },
    B: { index: 1, value: u32 },
    C: { index: 2, value: tuple(u8, bool) },
    D: { index: 3, fields: { x: u16, y: bytes } },
  });

  it('Option: None is 0x00, Some is 0x01 ++ value; an invalid tag is refused', () => {
    const o = option(u32);
    expect(hex(encode(o, undefined))).toBe('0x00');
    expect(hex(encode(o, 7))).toBe('0x0107000000');
    expect(hex(encode(o, 7))).toBe(hex(registry.createType('Option<u32>', 7).toU8a()));
    expect(decode(o, bin('0x00'))).toBeUndefined();
    expect(decode(o, bin('0x0107000000'))).toBe(7);
    expect(() => decode(o, bin('0x0207000000'))).toThrow(ScaleError);
  });

  it('Vec and bytes: compact length then items', () => {
    expect(hex(encode(vec(u16), [4, 8, 15, 16, 23, 42]))).toBe('0x18040008000f00100017002a00');
    expect(hex(encode(vec(u16), [4, 8, 15, 16, 23, 42]))).toBe(hex(registry.createType('Vec<u16>', [4, 8, 15, 16, 23, 42]).toU8a()));
    expect(decode(vec(u16), bin('0x18040008000f00100017002a00'))).toEqual([4, 8, 15, 16, 23, 42]);
    const long = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff);
    const enc = encode(bytes, long);
    expect(hex(enc.subarray(0, 2))).toBe('0xb104'); // compact(300)
    expect(decode(bytes, enc)).toEqual(long);
    expect(hex(encode(vec(u8), []))).toBe('0x00');
  });

  it('str is a length-prefixed UTF-8 Vec<u8>', () => {
    expect(hex(encode(str, 'héllo'))).toBe(hex(registry.createType('Text', 'héllo').toU8a()));
    expect(decode(str, encode(str, 'héllo ✓'))).toBe('héllo ✓');
  });

  it('tuple, fixed bytes, unit', () => {
    const t = tuple(u8, u32, bytes);
    const v: [number, number, Uint8Array] = [1, 0x01020304, Uint8Array.of(9, 9)];
    expect(hex(encode(t, v))).toBe('0x01' + '04030201' + '080909');
    expect(hex(encode(t, v))).toBe(hex(registry.createType('(u8,u32,Bytes)', [1, 0x01020304, '0x0909']).toU8a()));
    expect(decode(t, encode(t, v))).toEqual(v);
    expect(encode(unit, null).length).toBe(0);
    expect(() => encode(fixedBytes(4), Uint8Array.of(1, 2, 3))).toThrow(RangeError);
  });

  it('struct: fields in declaration order', () => {
    const v = { a: 1, b: 2n, c: Uint8Array.of(1, 2), d: [[3, true]] as [number, boolean][] };
    const ours = encode(TestStruct, v);
    const theirs = registry.createType('TestStruct', { a: 1, b: 2, c: '0x0102', d: [[3, true]] }).toU8a();
    expect(hex(ours)).toBe(hex(theirs));
    expect(hex(ours)).toBe('0x01000000' + '08' + '01' + '080102' + '04' + '0300' + '01');
    expect(decode(TestStruct, ours)).toEqual(v);
    const none = { a: 0, b: 0n, c: undefined, d: [] };
    expect(decode(TestStruct, encode(TestStruct, none))).toEqual(none);
  });

  it('enum: index byte then the variant payload', () => {
    const values: [EnumValue, unknown][] = [
      [{ tag: 'A', value: undefined }, { A: null }],
      [{ tag: 'B', value: 0xfffffffe }, { B: 0xfffffffe }],
      [{ tag: 'C', value: [7, false] }, { C: [7, false] }],
      [{ tag: 'D', value: { x: 513, y: Uint8Array.of(0xaa) } }, { D: { x: 513, y: '0xaa' } }],
    ];
    for (const [ours, theirsJson] of values) {
      const enc = encode(TestEnum, ours);
      expect(hex(enc), ours.tag).toBe(hex(registry.createType('TestEnum', theirsJson).toU8a()));
      expect(decode(TestEnum, enc)).toEqual(ours);
    }
    expect(() => decode(TestEnum, bin('0x04'))).toThrow(ScaleError);
    expect(() => encode(TestEnum, { tag: 'Z', value: undefined })).toThrow();
  });

  it('lazy codecs allow recursive types', () => {
    interface Tree { v: number; kids: Tree[] }
    const Tree: Codec<Tree> = lazy(() => struct({ v: u8, kids: vec(Tree) }) as unknown as Codec<Tree>);
    const t: Tree = { v: 1, kids: [{ v: 2, kids: [] }, { v: 3, kids: [{ v: 4, kids: [] }] }] };
    expect(hex(encode(Tree, t))).toBe('0x01080200030404' + '00');
    expect(decode(Tree, encode(Tree, t))).toEqual(t);
  });
});

describe('malformed input is a ScaleError, never a crash', () => {
  const Complex = struct({
    a: u64,
    b: compactU128,
    c: vec(tuple(u16, option(bytes))),
    d: enumeration({ X: { index: 0 }, Y: { index: 1, value: u128 } }),
    e: str,
  });
  const sample = {
    a: 1n,
    b: 2n ** 70n,
    c: [[1, Uint8Array.of(1, 2, 3)], [2, undefined]] as [number, Uint8Array | undefined][],
    d: { tag: 'Y', value: 5n },
    e: 'abc',
  };

  it('every truncation of a valid encoding throws ScaleError', () => {
    const full = encode(Complex, sample);
    expect(decode(Complex, full)).toEqual(sample);
    for (let n = 0; n < full.length; n++) {
      expect(() => decode(Complex, full.subarray(0, n)), `truncated to ${n}`).toThrow(ScaleError);
    }
  });

  it.each([
    ['u16', u16, '0x01'],
    ['u32', u32, '0x010203'],
    ['u64', u64, '0x01020304050607'],
    ['u128', u128, '0x' + '00'.repeat(15)],
    ['compact two-byte', compactU128, '0x01'],
    ['compact four-byte', compactU128, '0x020000'],
    ['compact big', compactU128, '0x1300'],
    ['empty compact', compactU128, '0x'],
    ['bytes', bytes, '0x0c0102'],
    ['option', option(u32), '0x01'],
    ['fixed', fixedBytes(32), '0x' + '11'.repeat(31)],
  ] as [string, Codec<unknown>, string][])('truncated %s', (_name, codec, h) => {
    expect(() => decode(codec, bin(h))).toThrow(ScaleError);
  });

  it('trailing bytes are refused by decode()', () => {
    expect(() => decode(u32, bin('0x0100000000'))).toThrow(ScaleError);
    // …but a reader can be used for prefix decoding
    const r = new ScaleReader(bin('0x0100000000'));
    expect(u32.dec(r)).toBe(1);
    expect(r.remaining).toBe(1);
  });

  it('absurd vector lengths are refused before allocating', () => {
    // 2^30 elements announced with 2 bytes of payload
    expect(() => decode(vec(u32), bin('0x03000000400102'))).toThrow(ScaleError);
    expect(() => decode(vec(u8), bin('0x03ffffffff00'))).toThrow(ScaleError);
    expect(() => decode(bytes, bin('0x03ffffffff00'))).toThrow(ScaleError);
    // length above u32 (a 2^64-1 element vector)
    expect(() => decode(vec(u8), bin('0x13ffffffffffffffff'))).toThrow(ScaleError);
    // nested vectors with large inner lengths
    expect(() => decode(vec(vec(u64)), bin('0x04fdff01'))).toThrow(ScaleError);
    const t0 = performance.now();
    for (let i = 0; i < 1000; i++) expect(() => decode(vec(vec(u8)), bin('0xfeffffff'))).toThrow(ScaleError);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('random garbage never throws anything but ScaleError', () => {
    let s = 0x12345678;
    const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 16) & 0xff;
    const Ascii = struct({ a: u64, b: compactU128, c: vec(tuple(u16, option(bytes))), d: enumeration({ X: { index: 0 }, Y: { index: 1, value: u128 } }) });
    for (let i = 0; i < 2000; i++) {
      const len = rand() % 40;
      const input = Uint8Array.from({ length: len }, rand);
      try {
        decode(Ascii, input);
      } catch (e) {
        expect(e, hex(input)).toBeInstanceOf(ScaleError);
      }
    }
  });
});

describe('writer', () => {
  it('grows past its initial capacity', () => {
    const w = new ScaleWriter(1);
    for (let i = 0; i < 1000; i++) w.u32(i);
    const out = w.finish();
    expect(out.length).toBe(4000);
    const r = new ScaleReader(out);
    for (let i = 0; i < 1000; i++) expect(r.u32()).toBe(i);
    r.assertEnd();
  });

  it('compact() of a number and of the equivalent bigint agree around every boundary', () => {
    for (const v of [0, 1, 63, 64, 16383, 16384, 2 ** 30 - 1, 2 ** 30, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1]) {
      expect(hex(encode(compact(u64), BigInt(v))), String(v)).toBe(hex(new ScaleWriter(1).compact(v).finish()));
    }
  });
});

describe('out-of-range values and invalid text', () => {
  it('refuses to encode integers outside their type instead of wrapping', async () => {
    const { encode, u8, u16, u32, u64, u128, i64 } = await import('../../../../src/primitives/scale/index.ts');
    expect(() => encode(u8, 256)).toThrow(RangeError);
    expect(() => encode(u16, -1)).toThrow(RangeError);
    expect(() => encode(u32, 2 ** 32)).toThrow(RangeError);
    expect(() => encode(u64, -1n)).toThrow(RangeError);
    expect(() => encode(u64, 2n ** 64n)).toThrow(RangeError);
    expect(() => encode(u128, 2n ** 128n)).toThrow(RangeError);
    expect(() => encode(i64, 2n ** 63n)).toThrow(RangeError);
    expect(encode(u64, 2n ** 64n - 1n)).toEqual(new Uint8Array(8).fill(0xff));
  });

  it('reports invalid UTF-8 in a str as a SCALE error', async () => {
    const { decode, str, ScaleError } = await import('../../../../src/primitives/scale/index.ts');
    expect(() => decode(str, Uint8Array.of(0x04, 0xff))).toThrow(ScaleError);
  });
});
