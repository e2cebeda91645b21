import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  FixedDivisionByZeroError,
  FixedOverflowError,
  I32F32,
  I64F64,
  I96F32,
  I110F18,
  U64F64,
  U96F32,
  compareFixed,
  type FixedType,
} from '../../../../src/primitives/fixed/index.ts';

const ALL: FixedType[] = [I32F32, I64F64, U64F64, U96F32, I96F32];
const SIGNED: FixedType[] = [I32F32, I64F64, I96F32];
const UNSIGNED: FixedType[] = [U64F64, U96F32];
const byName = new Map(ALL.map((T) => [T.name, T]));

describe('add / sub', () => {
  it.each(ALL.map((T) => [T.name, T] as const))('%s saturates and detects overflow at MAX', (_n, T) => {
    expect(T.checkedAdd(T.MAX, 1n)).toBeUndefined();
    expect(T.saturatingAdd(T.MAX, 1n)).toBe(T.MAX);
    expect(T.wrappingAdd(T.MAX, 1n)).toBe(T.MIN);
    expect(() => T.add(T.MAX, 1n)).toThrow(FixedOverflowError);
    expect(T.add(T.MAX - 1n, 1n)).toBe(T.MAX);
  });

  it.each(ALL.map((T) => [T.name, T] as const))('%s saturates and detects overflow at MIN', (_n, T) => {
    expect(T.checkedSub(T.MIN, 1n)).toBeUndefined();
    expect(T.saturatingSub(T.MIN, 1n)).toBe(T.MIN);
    expect(T.wrappingSub(T.MIN, 1n)).toBe(T.MAX);
    expect(() => T.sub(T.MIN, 1n)).toThrow(FixedOverflowError);
  });

  it.each(SIGNED.map((T) => [T.name, T] as const))('%s saturates in the direction of the true result', (_n, T) => {
    expect(T.saturatingAdd(T.MIN, -1n)).toBe(T.MIN);
    expect(T.saturatingSub(0n, T.MIN)).toBe(T.MAX); // 0 − MIN = MAX + 1
    expect(T.saturatingSub(-2n, T.MAX)).toBe(T.MIN);
    expect(T.checkedSub(-1n, T.MAX)).toBe(T.MIN);
  });

  it.each(UNSIGNED.map((T) => [T.name, T] as const))('%s clamps below zero to zero', (_n, T) => {
    expect(T.saturatingSub(T.fromNum(1n), T.fromNum(2n))).toBe(0n);
    expect(T.checkedSub(0n, 1n)).toBeUndefined();
    expect(T.wrappingSub(0n, 1n)).toBe(T.MAX);
  });

  it('sum is a plain + fold', () => {
    expect(I32F32.sum([I32F32.fromNum(0.25), I32F32.fromNum(0.5), I32F32.fromNum(-1n)])).toBe(I32F32.fromNum(-0.25));
    expect(I32F32.sum([])).toBe(0n);
    expect(() => I32F32.sum([I32F32.MAX, 1n])).toThrow(FixedOverflowError);
  });
});

describe('mul: full product, shifted right — floor (toward −∞)', () => {
  const half = (T: FixedType): bigint => T.ONE >> 1n;

  it('exact products', () => {
    expect(I32F32.mul(I32F32.fromNum(1.5), I32F32.fromNum(1.5))).toBe(I32F32.fromNum(2.25));
    expect(U64F64.mul(U64F64.fromNum(3n), U64F64.fromNum(0.5))).toBe(U64F64.fromNum(1.5));
    expect(I96F32.mul(I96F32.fromNum(-4n), I96F32.fromNum(2.5))).toBe(I96F32.fromNum(-10n));
  });

  it.each(ALL.map((T) => [T.name, T] as const))('%s: positive results are floored', (_n, T) => {
    expect(T.mul(1n, 1n)).toBe(0n); // 2^-2F
    expect(T.mul(1n, half(T))).toBe(0n); // half a unit
    expect(T.mul(3n, half(T))).toBe(1n); // 1.5 units
    expect(T.mul(T.fromNum(3n), 1n)).toBe(3n);
  });

  it.each(SIGNED.map((T) => [T.name, T] as const))('%s: negative results are floored, not truncated', (_n, T) => {
    expect(T.mul(-1n, half(T))).toBe(-1n); // −0.5 unit → −1 unit
    expect(T.mul(-3n, half(T))).toBe(-2n); // −1.5 units → −2
    expect(T.mul(half(T), -3n)).toBe(-2n);
    expect(T.mul(-1n, 1n)).toBe(-1n); // −2^-2F → −1 unit
    expect(T.mul(-1n, -1n)).toBe(0n);
    expect(T.mul(-4n, half(T))).toBe(-2n); // exact
  });

  it('detects overflow of the floored result; saturates by operand signs', () => {
    const a = I32F32.fromNum(65536n);
    expect(I32F32.checkedMul(a, I32F32.fromNum(32768n))).toBeUndefined(); // 2^31
    expect(I32F32.saturatingMul(a, I32F32.fromNum(32768n))).toBe(I32F32.MAX);
    expect(I32F32.wrappingMul(a, I32F32.fromNum(32768n))).toBe(I32F32.MIN);
    expect(() => I32F32.mul(a, I32F32.fromNum(32768n))).toThrow(FixedOverflowError);
    expect(I32F32.mul(-a, I32F32.fromNum(32768n))).toBe(I32F32.MIN); // −2^31 fits
    expect(I32F32.saturatingMul(-a, I32F32.fromNum(32769n))).toBe(I32F32.MIN);
    expect(I32F32.saturatingMul(-a, -a)).toBe(I32F32.MAX);
    expect(I32F32.saturatingMul(I32F32.MAX, I32F32.MAX)).toBe(I32F32.MAX);
    expect(I32F32.saturatingMul(I32F32.MIN, I32F32.MAX)).toBe(I32F32.MIN);
    expect(I32F32.saturatingMul(I32F32.MIN, I32F32.fromNum(-1n))).toBe(I32F32.MAX);
    expect(I64F64.checkedMul(I64F64.fromNum(2n ** 32n), I64F64.fromNum(2n ** 31n))).toBeUndefined();
    expect(I64F64.mul(I64F64.fromNum(-(2n ** 32n)), I64F64.fromNum(2n ** 31n))).toBe(I64F64.MIN);
    expect(U64F64.saturatingMul(U64F64.MAX, U64F64.fromNum(2n))).toBe(U64F64.MAX);
    expect(U96F32.saturatingMul(U96F32.fromNum(2n ** 48n), U96F32.fromNum(2n ** 48n))).toBe(U96F32.MAX);
    expect(U96F32.mul(U96F32.fromNum(2n ** 48n), U96F32.fromNum(2n ** 47n))).toBe(2n ** 127n);
  });

  it('subtensor test_math_fixed_overflow products fit', () => {
    const max32InI96 = I96F32.fromFixed(I32F32, I32F32.MAX);
    const u64Max = I96F32.fromNum(2n ** 64n - 1n);
    expect(I96F32.mul(max32InI96, u64Max)).toBe(170141183460469231704017187605319778305n);
    const p110 = I110F18.mul(I110F18.fromFixed(I32F32, I32F32.MAX), I110F18.fromNum(2n ** 64n - 1n));
    expect(p110).toBe(10384593717069636809753968995467265n);
  });
});

describe('div: (a << F) / b with integer division truncating toward zero', () => {
  it('truncates positive and negative quotients toward zero', () => {
    expect(I32F32.div(I32F32.ONE, I32F32.fromNum(3n))).toBe(1431655765n);
    expect(I32F32.div(-I32F32.ONE, I32F32.fromNum(3n))).toBe(-1431655765n);
    expect(I32F32.div(I32F32.ONE, I32F32.fromNum(-3n))).toBe(-1431655765n);
    expect(I32F32.div(-I32F32.ONE, I32F32.fromNum(-3n))).toBe(1431655765n);
    expect(I64F64.div(I64F64.ONE, I64F64.fromNum(3n))).toBe(6148914691236517205n);
    expect(I64F64.div(I64F64.fromNum(-1n), I64F64.fromNum(3n))).toBe(-6148914691236517205n);
    expect(U64F64.div(U64F64.ONE, U64F64.fromNum(3n))).toBe(6148914691236517205n);
    expect(U96F32.div(U96F32.fromNum(10n), U96F32.fromNum(3n))).toBe(14316557653n);
    expect(I96F32.div(I96F32.fromNum(-10n), I96F32.fromNum(3n))).toBe(-14316557653n);
    // −1 unit / 2 = −0.5 unit → 0 (a floor would give −1)
    expect(I32F32.div(-1n, I32F32.fromNum(2n))).toBe(0n);
    expect(I64F64.div(-3n, I64F64.fromNum(2n))).toBe(-1n);
  });

  it('division by zero: div/saturatingDiv/wrappingDiv throw, checkedDiv → undefined, safeDiv → 0', () => {
    for (const T of ALL) {
      expect(() => T.div(T.ONE, 0n)).toThrow(FixedDivisionByZeroError);
      expect(() => T.saturatingDiv(T.ONE, 0n)).toThrow(FixedDivisionByZeroError);
      expect(() => T.wrappingDiv(T.ONE, 0n)).toThrow(FixedDivisionByZeroError);
      expect(T.checkedDiv(T.ONE, 0n)).toBeUndefined();
      expect(T.checkedDiv(0n, 0n)).toBeUndefined();
      expect(T.safeDiv(T.ONE, 0n)).toBe(0n);
      expect(T.safeDivOr(T.ONE, 0n, T.fromNum(7n))).toBe(T.fromNum(7n));
    }
  });

  it('overflowing quotients: checked → undefined, saturating by signs, safeDiv → 0', () => {
    const half = I32F32.fromNum(0.5);
    expect(I32F32.checkedDiv(I32F32.MAX, half)).toBeUndefined();
    expect(I32F32.saturatingDiv(I32F32.MAX, half)).toBe(I32F32.MAX);
    expect(I32F32.saturatingDiv(I32F32.MIN, half)).toBe(I32F32.MIN);
    expect(I32F32.saturatingDiv(I32F32.MAX, -half)).toBe(I32F32.MIN);
    expect(I32F32.saturatingDiv(I32F32.MIN, -1n)).toBe(I32F32.MAX);
    expect(I32F32.safeDiv(I32F32.MAX, half)).toBe(0n);
    expect(I32F32.safeDivOr(I32F32.MAX, half, 5n)).toBe(5n);
    expect(I32F32.div(I32F32.MIN, I32F32.ONE)).toBe(I32F32.MIN);
    expect(() => I32F32.div(I32F32.MIN, -I32F32.ONE)).toThrow(FixedOverflowError);
    expect(I32F32.wrappingDiv(I32F32.MIN, -I32F32.ONE)).toBe(I32F32.MIN);
    expect(U64F64.checkedDiv(U64F64.ONE, 1n)).toBeUndefined(); // 2^64 does not fit U64F64
    expect(U64F64.saturatingDiv(U64F64.ONE, 1n)).toBe(U64F64.MAX);
    expect(U64F64.checkedDiv(U64F64.ONE, 2n)).toBe(2n ** 127n);
    expect(U96F32.saturatingDiv(U96F32.MAX, U96F32.fromNum(0.5))).toBe(U96F32.MAX);
  });
});

describe('neg / abs', () => {
  it.each(SIGNED.map((T) => [T.name, T] as const))('%s at MIN', (_n, T) => {
    expect(() => T.neg(T.MIN)).toThrow(FixedOverflowError);
    expect(T.checkedNeg(T.MIN)).toBeUndefined();
    expect(T.saturatingNeg(T.MIN)).toBe(T.MAX);
    expect(T.wrappingNeg(T.MIN)).toBe(T.MIN);
    expect(() => T.abs(T.MIN)).toThrow(FixedOverflowError);
    expect(T.checkedAbs(T.MIN)).toBeUndefined();
    expect(T.saturatingAbs(T.MIN)).toBe(T.MAX);
    expect(T.wrappingAbs(T.MIN)).toBe(T.MIN);
    expect(T.abs(T.fromNum(-1.5))).toBe(T.fromNum(1.5));
    expect(T.neg(T.MAX)).toBe(T.MIN + 1n);
    expect(T.saturatingNeg(T.ONE)).toBe(-T.ONE);
  });

  it.each(UNSIGNED.map((T) => [T.name, T] as const))('%s: saturating_neg is always 0', (_n, T) => {
    expect(T.saturatingNeg(T.ONE)).toBe(0n);
    expect(T.saturatingNeg(0n)).toBe(0n);
    expect(T.checkedNeg(T.ONE)).toBeUndefined();
    expect(T.checkedNeg(0n)).toBe(0n);
    expect(T.wrappingNeg(1n)).toBe(T.MAX);
  });
});

describe('rounding to integers (int, frac, floor, ceil, round)', () => {
  const T = I32F32;
  const f = (x: number): bigint => T.fromNum(x);

  it('int/frac split two’s complement: int floors, frac is non-negative', () => {
    expect(T.int(f(-2.25))).toBe(f(-3));
    expect(T.frac(f(-2.25))).toBe(f(0.75));
    expect(T.int(f(2.25))).toBe(f(2));
    expect(T.frac(f(2.25))).toBe(f(0.25));
  });

  it('floor / ceil / round (ties away from zero) / ties-to-even / toward zero', () => {
    const cases: Array<[number, number, number, number, number, number]> = [
      // x,    floor, ceil, round, even, toZero
      [2.5, 2, 3, 3, 2, 2],
      [3.5, 3, 4, 4, 4, 3],
      [-2.5, -3, -2, -3, -2, -2],
      [-3.5, -4, -3, -4, -4, -3],
      [2.4, 2, 3, 2, 2, 2],
      [-2.4, -3, -2, -2, -2, -2],
      [-2.6, -3, -2, -3, -3, -2],
      [-1, -1, -1, -1, -1, -1],
      [0.5, 0, 1, 1, 0, 0],
      [-0.5, -1, 0, -1, 0, 0],
    ];
    for (const [x, fl, ce, ro, ev, tz] of cases) {
      expect([T.floor(f(x)), T.ceil(f(x)), T.round(f(x)), T.roundTiesToEven(f(x)), T.roundToZero(f(x))]).toEqual([
        f(fl),
        f(ce),
        f(ro),
        f(ev),
        f(tz),
      ]);
    }
  });

  it('safe-math test_checked_floor cases (the crate’s inherent checked_floor)', () => {
    const cases: Array<[number, number]> = [
      [0, 0], [1, 1], [5, 5], [-1, -1], [-5, -5], [0.5, 0], [1.5, 1], [3.75, 3], [9.999, 9],
      [-0.1, -1], [-1.5, -2], [-3.75, -4], [-9.999, -10],
    ];
    for (const [x, expected] of cases) expect(I64F64.floor(I64F64.fromNum(x))).toBe(I64F64.fromNum(expected));
  });

  it('ceil and round overflow past MAX', () => {
    expect(T.checkedCeil(T.MAX)).toBeUndefined();
    expect(T.saturatingCeil(T.MAX)).toBe(T.MAX);
    expect(T.wrappingCeil(T.MAX)).toBe(T.MIN);
    expect(() => T.ceil(T.MAX)).toThrow(FixedOverflowError);
    expect(T.checkedRound(T.MAX)).toBeUndefined();
    expect(T.saturatingRound(T.MAX)).toBe(T.MAX);
    expect(T.floor(T.MIN)).toBe(T.MIN);
    expect(T.round(T.MIN)).toBe(T.MIN);
    expect(U96F32.ceil(U96F32.fromNum(0.25))).toBe(U96F32.ONE);
    expect(U64F64.round(U64F64.fromNum(0.5))).toBe(U64F64.ONE);
  });
});

describe('comparison', () => {
  it('orders raw bits and compares across types exactly', () => {
    expect(I32F32.cmp(-1n, 0n)).toBe(-1);
    expect(I32F32.max(I32F32.fromNum(-2n), I32F32.fromNum(-3n))).toBe(I32F32.fromNum(-2n));
    expect(I32F32.min(I32F32.fromNum(-2n), I32F32.fromNum(-3n))).toBe(I32F32.fromNum(-3n));
    expect(compareFixed(I32F32, I32F32.ONE, I64F64, I64F64.ONE)).toBe(0);
    expect(compareFixed(I32F32, 1n, I64F64, (1n << 32n) + 1n)).toBe(-1);
    expect(compareFixed(U64F64, 1n, I32F32, 0n)).toBe(1);
    expect(compareFixed(I96F32, -1n, U64F64, 0n)).toBe(-1);
  });

  it('absDiff saturates (safe-math FixedExt::abs_diff)', () => {
    expect(I32F32.absDiff(I32F32.fromNum(1n), I32F32.fromNum(3.5))).toBe(I32F32.fromNum(2.5));
    expect(I32F32.absDiff(I32F32.MAX, I32F32.MIN)).toBe(I32F32.MAX);
    expect(U64F64.absDiff(0n, U64F64.MAX)).toBe(U64F64.MAX);
  });
});

interface ArithRow {
  a: string;
  b: string;
  checkedMul: string | null;
  saturatingMul: string;
  wrappingMul: string;
  checkedDiv: string | null;
  saturatingDiv?: string;
  toF64: string;
}
interface Fixtures {
  [type: string]: unknown;
  convert: Array<{ src: string; dst: string; bits: string; checked: string | null; saturating: string }>;
}
const fixtures = JSON.parse(readFileSync(new URL('./fixtures.json', import.meta.url), 'utf8')) as Fixtures;
const opt = (s: string | null): bigint | undefined => (s === null ? undefined : BigInt(s));

describe('generated cases (exact rationals in gen-fixtures.py)', () => {
  it.each(ALL.map((T) => [T.name, T] as const))('%s mul/div/toF64/fromNum(f64)', (name, T) => {
    const set = fixtures[name] as { arith: ArithRow[]; fromF64: Array<{ x: string; bits: string | null }> };
    expect(set.arith.length).toBeGreaterThan(50);
    for (const row of set.arith) {
      const a = BigInt(row.a);
      const b = BigInt(row.b);
      expect(T.checkedMul(a, b), `${name} ${row.a}*${row.b}`).toBe(opt(row.checkedMul));
      expect(T.saturatingMul(a, b)).toBe(BigInt(row.saturatingMul));
      expect(T.wrappingMul(a, b)).toBe(BigInt(row.wrappingMul));
      expect(T.checkedDiv(a, b), `${name} ${row.a}/${row.b}`).toBe(opt(row.checkedDiv));
      if (row.saturatingDiv !== undefined) expect(T.saturatingDiv(a, b)).toBe(BigInt(row.saturatingDiv));
      expect(T.toF64(a)).toBe(Number(row.toF64));
    }
    for (const row of set.fromF64) {
      expect(T.checkedFromNum(Number(row.x)), `${name} from ${row.x}`).toBe(opt(row.bits));
    }
  });

  it('fixed → fixed conversions', () => {
    for (const row of fixtures.convert) {
      const src = byName.get(row.src)!;
      const dst = byName.get(row.dst)!;
      const bits = BigInt(row.bits);
      expect(dst.checkedFromFixed(src, bits), `${row.src}→${row.dst} ${row.bits}`).toBe(opt(row.checked));
      expect(dst.saturatingFromFixed(src, bits)).toBe(BigInt(row.saturating));
    }
  });
});
