/** The exact-double kernels against the BigInt I32F32 operations they stand in for. */
import { describe, expect, it } from 'vitest';
import { I32F32 } from '../../../../../src/primitives/fixed/index.ts';
import { divFx, mulFx, proportionToU16, UnsafeForDoubles } from '../../../../../src/runtime/pallets/subtensor/epoch/exact-double.ts';
import { fixedProportionToU16 } from '../../../../../src/runtime/pallets/subtensor/epoch/math.ts';
import { Rng } from './helpers/random.ts';

/** Random integer below 2^bits with a bias towards edges (powers of two, ±1). */
function sample(r: Rng, bits: number): bigint {
  const top = 1n << BigInt(bits);
  switch (r.int(6)) {
    case 0:
      return 1n << BigInt(r.int(bits));
    case 1:
      return (1n << BigInt(r.int(bits))) - 1n;
    case 2:
      return BigInt(r.int(70000));
    default:
      return r.big(top);
  }
}

describe('exact-double kernels', () => {
  it('mulFx == I32F32 saturating_mul for |a|, |b| ≤ 2^34, both signs', () => {
    const r = new Rng(11);
    for (let t = 0; t < 200_000; t++) {
      let a = sample(r, 34);
      let b = sample(r, 34);
      if (r.chance(0.3)) a = -a;
      if (r.chance(0.3)) b = -b;
      const got = mulFx(Number(a), Number(b));
      const want = I32F32.saturatingMul(a, b);
      if (BigInt(got) !== want) expect(`${a}·${b} → ${got}`).toBe(`${want}`);
    }
  });

  it('divFx == I32F32 safe_div for non-negative operands in range', () => {
    const r = new Rng(12);
    for (let t = 0; t < 200_000; t++) {
      const b = sample(r, 1 + r.int(51));
      const a = b === 0n ? sample(r, 40) : r.big(b * 1048576n < 1n << 52n ? b * 1048576n : 1n << 52n);
      const got = divFx(Number(a), Number(b));
      const want = I32F32.safeDiv(a, b);
      if (BigInt(got) !== want) expect(`${a}/${b} → ${got}`).toBe(`${want}`);
    }
  });

  it('divFx == safe_div on its small-operand shortcut (a < 2^20, b < 2^32) and around the edges', () => {
    const r = new Rng(14);
    for (let t = 0; t < 200_000; t++) {
      const a = t % 7 === 0 ? (1n << 20n) - 1n - BigInt(t % 5) : r.big(1n << 21n);
      const b = t % 11 === 0 ? (1n << 32n) - 1n - BigInt(t % 3) : 1n + r.big(1n << 32n);
      const got = divFx(Number(a), Number(b));
      const want = I32F32.safeDiv(a, b);
      if (BigInt(got) !== want) expect(`${a}/${b} → ${got}`).toBe(`${want}`);
    }
  });

  it('divFx refuses what it cannot do exactly', () => {
    expect(() => divFx(2 ** 40, 1)).toThrow(UnsafeForDoubles);
    expect(() => divFx(-1, 5)).toThrow(UnsafeForDoubles);
    expect(() => mulFx(2 ** 35, 1)).toThrow(UnsafeForDoubles);
    expect(divFx(123, 0)).toBe(0);
  });

  it('proportionToU16 == fixed_proportion_to_u16', () => {
    const r = new Rng(13);
    for (let t = 0; t < 100_000; t++) {
      let x = sample(r, 37);
      if (r.chance(0.1)) x = -x;
      expect(proportionToU16(Number(x))).toBe(fixedProportionToU16(x));
    }
  });
});
