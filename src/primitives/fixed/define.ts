/**
 * One factory for every fixed-point type of substrate_fixed (encointer fork v0.6.0, the version
 * subtensor pins). A value is its raw bits as a bigint — the integer `value · 2^fracBits`, in the
 * signed or unsigned range of the storage integer — and each type is an object of functions over
 * those bits. No wrapper objects, so epoch loops allocate nothing but bigints.
 *
 * Overflow naming follows the crate: plain functions (`fromNum`, `add`, `mul`, …) throw
 * `FixedOverflowError` where a debug build of the crate panics (release builds wrap silently —
 * use the `wrapping*` variants for that); `checked*` return `undefined`; `saturating*` clamp;
 * `wrapping*` reduce modulo 2^bits. Division by zero throws everywhere except `checkedDiv` and
 * `safeDiv`/`safeDivOr`, as in Rust.
 */
import { scaleF64ToInteger } from './float.ts';
import { INT_RANGES, wrapInt, type IntKind } from './int-kinds.ts';
import type { FixedSpec, FixedType, NumSource } from './fixed-type.ts';

export type { FixedSpec, FixedType, NumSource } from './fixed-type.ts';

export class FixedOverflowError extends RangeError {
  constructor(typeName: string, op: string) {
    super(`${typeName}: overflow in ${op}`);
    this.name = 'FixedOverflowError';
  }
}

export class FixedDivisionByZeroError extends RangeError {
  constructor(typeName: string) {
    super(`${typeName}: division by zero`);
    this.name = 'FixedDivisionByZeroError';
  }
}

const SUPPORTED_WIDTHS = new Set([8, 16, 32, 64, 128]);

export function defineFixed(spec: FixedSpec): FixedType {
  const { name, intBits, fracBits, signed } = spec;
  const N = intBits + fracBits;
  if (!SUPPORTED_WIDTHS.has(N) || intBits < (signed ? 2 : 1) || fracBits < 1) {
    throw new Error(`defineFixed(${name}): unsupported layout I${intBits}F${fracBits}`);
  }
  const NB = BigInt(N);
  const F = BigInt(fracBits);
  const MIN = signed ? -(1n << (NB - 1n)) : 0n;
  const MAX = signed ? (1n << (NB - 1n)) - 1n : (1n << NB) - 1n;
  const ONE = 1n << F;
  const FRAC_MASK = ONE - 1n;
  const HALF = 1n << (F - 1n);
  const SCALE_F64 = 2 ** fracBits;
  const byteLength = N / 8;

  const wrap = signed
    ? (v: bigint): bigint => BigInt.asIntN(N, v)
    : (v: bigint): bigint => BigInt.asUintN(N, v);
  const inRange = (v: bigint): boolean => v >= MIN && v <= MAX;
  const overflow = (op: string): never => {
    throw new FixedOverflowError(name, op);
  };
  const divByZero = (): never => {
    throw new FixedDivisionByZeroError(name);
  };

  // ---- from_num: exact scaled value before the range check -------------------------------
  /** Exact integer `src · 2^F` (floats rounded to nearest, ties to even). */
  const scaledSource = (src: NumSource, op: string): bigint => {
    if (typeof src === 'bigint') return src << F;
    if (Number.isNaN(src)) throw new RangeError(`${name}: ${op} of NaN`);
    if (!Number.isFinite(src)) throw new FixedOverflowError(name, `${op} of ${src}`);
    return scaleF64ToInteger(src, fracBits);
  };
  const fromNum = (src: NumSource): bigint => {
    const v = scaledSource(src, 'fromNum');
    return inRange(v) ? v : overflow('fromNum');
  };
  const checkedFromNum = (src: NumSource): bigint | undefined => {
    if (typeof src === 'number' && !Number.isFinite(src)) return undefined;
    const v = scaledSource(src, 'checkedFromNum');
    return inRange(v) ? v : undefined;
  };
  const saturatingFromNum = (src: NumSource): bigint => {
    if (typeof src === 'number' && !Number.isNaN(src) && !Number.isFinite(src)) {
      return src > 0 ? MAX : MIN;
    }
    const v = scaledSource(src, 'saturatingFromNum');
    return v > MAX ? MAX : v < MIN ? MIN : v;
  };
  const overflowingFromNum = (src: NumSource): [bigint, boolean] => {
    const v = scaledSource(src, 'wrappingFromNum');
    return [wrap(v), !inRange(v)];
  };
  const wrappingFromNum = (src: NumSource): bigint => wrap(scaledSource(src, 'wrappingFromNum'));

  // ---- fixed → fixed: shift, dropped bits floored ----------------------------------------
  const rescale = (srcType: FixedType, bits: bigint): bigint => {
    const shift = fracBits - srcType.fracBits;
    return shift >= 0 ? bits << BigInt(shift) : bits >> BigInt(-shift);
  };

  // ---- fixed → int: floor, then the target's range ---------------------------------------
  const toInt = (x: bigint, kind: IntKind): bigint => {
    const r = INT_RANGES[kind];
    const v = x >> F;
    return v >= r.min && v <= r.max ? v : overflow(`toInt<${kind}>`);
  };
  const checkedToInt = (x: bigint, kind: IntKind): bigint | undefined => {
    const r = INT_RANGES[kind];
    const v = x >> F;
    return v >= r.min && v <= r.max ? v : undefined;
  };
  const saturatingToInt = (x: bigint, kind: IntKind): bigint => {
    const r = INT_RANGES[kind];
    const v = x >> F;
    return v > r.max ? r.max : v < r.min ? r.min : v;
  };

  // ---- arithmetic --------------------------------------------------------------------------
  const checkedDiv = (a: bigint, b: bigint): bigint | undefined => {
    if (b === 0n) return undefined;
    const q = (a << F) / b;
    return q >= MIN && q <= MAX ? q : undefined;
  };
  const saturatingSub = signed
    ? (a: bigint, b: bigint): bigint => {
        const v = a - b;
        return v >= MIN && v <= MAX ? v : a < b ? MIN : MAX;
      }
    : (a: bigint, b: bigint): bigint => (a >= b ? a - b : 0n);

  // ---- rounding to integers (macros_round.rs) ---------------------------------------------
  const int = (x: bigint): bigint => (x >> F) << F;
  const frac = (x: bigint): bigint => x & FRAC_MASK;
  /** Unbounded ceil; caller range-checks (only +∞ side can overflow). */
  const ceilRaw = (x: bigint): bigint => ((x & FRAC_MASK) === 0n ? x : ((x >> F) + 1n) << F);
  /** Unbounded round, ties away from zero. */
  const roundRaw = (x: bigint): bigint => {
    const i = (x >> F) << F;
    if ((x & HALF) === 0n) return i;
    // a negative tie (−n − ½) is already at −n − 1 after the floor: away from zero
    if (signed && x < 0n && (x & FRAC_MASK) === HALF) return i;
    return i + ONE;
  };
  /** Unbounded round, ties to even. */
  const roundEvenRaw = (x: bigint): bigint => {
    const i = (x >> F) << F;
    if ((x & HALF) === 0n) return i;
    if ((x & FRAC_MASK) === HALF && ((x >> F) & 1n) === 0n) return i;
    return i + ONE;
  };
  const bounded = (v: bigint, op: string): bigint => (v <= MAX ? v : overflow(op));

  // ---- SCALE ---------------------------------------------------------------------------------
  const writeLeBytes = (x: bigint, target: Uint8Array, offset: number): void => {
    let v = BigInt.asUintN(N, x);
    if (N % 64 === 0) {
      const view = new DataView(target.buffer, target.byteOffset + offset, byteLength);
      for (let i = 0; i < byteLength; i += 8) {
        view.setBigUint64(i, BigInt.asUintN(64, v), true);
        v >>= 64n;
      }
      return;
    }
    for (let i = 0; i < byteLength; i++) {
      target[offset + i] = Number(v & 0xffn);
      v >>= 8n;
    }
  };
  const fromLeBytes = (bytes: Uint8Array, offset = 0): bigint => {
    if (offset < 0 || bytes.length - offset < byteLength) {
      throw new RangeError(`${name}: need ${byteLength} bytes at offset ${offset}, have ${bytes.length - offset}`);
    }
    let v = 0n;
    if (N % 64 === 0) {
      const view = new DataView(bytes.buffer, bytes.byteOffset + offset, byteLength);
      for (let i = byteLength - 8; i >= 0; i -= 8) v = (v << 64n) | view.getBigUint64(i, true);
    } else {
      for (let i = byteLength - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[offset + i]!);
    }
    return signed ? BigInt.asIntN(N, v) : v;
  };

  const toDecimalString = (x: bigint): string => {
    const negative = x < 0n;
    const mag = negative ? -x : x;
    const whole = mag >> F;
    const rest = mag & FRAC_MASK;
    if (rest === 0n) return `${negative ? '-' : ''}${whole}`;
    // rest / 2^F = rest · 5^F / 10^F exactly
    const digits = (rest * 5n ** F).toString().padStart(fracBits, '0').replace(/0+$/, '');
    return `${negative ? '-' : ''}${whole}.${digits}`;
  };

  const type: FixedType = {
    name,
    intBits,
    fracBits,
    totalBits: N,
    byteLength,
    signed,
    MIN,
    MAX,
    ZERO: 0n,
    ONE,
    DELTA: 1n,

    isValidBits: inRange,
    fromBits: (bits) => (inRange(bits) ? bits : overflow('fromBits')),
    wrappingFromBits: wrap,

    fromNum,
    checkedFromNum,
    saturatingFromNum,
    wrappingFromNum,
    overflowingFromNum,
    fromF32: (src) => fromNum(Math.fround(src)),
    saturatingFromF32: (src) => saturatingFromNum(Math.fround(src)),

    fromFixed: (srcType, bits) => {
      const v = rescale(srcType, bits);
      return inRange(v) ? v : overflow(`fromFixed(${srcType.name})`);
    },
    checkedFromFixed: (srcType, bits) => {
      const v = rescale(srcType, bits);
      return inRange(v) ? v : undefined;
    },
    saturatingFromFixed: (srcType, bits) => {
      const v = rescale(srcType, bits);
      return inRange(v) ? v : bits < 0n ? MIN : MAX;
    },
    wrappingFromFixed: (srcType, bits) => wrap(rescale(srcType, bits)),
    overflowingFromFixed: (srcType, bits) => {
      const v = rescale(srcType, bits);
      return [wrap(v), !inRange(v)];
    },

    toInt,
    checkedToInt,
    saturatingToInt,
    wrappingToInt: (x, kind) => wrapInt(x >> F, INT_RANGES[kind]),
    toF64: (x) => Number(x) / SCALE_F64,

    add: (a, b) => {
      const v = a + b;
      return v >= MIN && v <= MAX ? v : overflow('add');
    },
    sub: (a, b) => {
      const v = a - b;
      return v >= MIN && v <= MAX ? v : overflow('sub');
    },
    mul: (a, b) => {
      const v = (a * b) >> F;
      return v >= MIN && v <= MAX ? v : overflow('mul');
    },
    div: (a, b) => {
      if (b === 0n) return divByZero();
      const q = (a << F) / b;
      return q >= MIN && q <= MAX ? q : overflow('div');
    },
    neg: (a) => {
      const v = -a;
      return v >= MIN && v <= MAX ? v : overflow('neg');
    },
    abs: (a) => {
      const v = a < 0n ? -a : a;
      return v <= MAX ? v : overflow('abs');
    },
    checkedAdd: (a, b) => {
      const v = a + b;
      return v >= MIN && v <= MAX ? v : undefined;
    },
    checkedSub: (a, b) => {
      const v = a - b;
      return v >= MIN && v <= MAX ? v : undefined;
    },
    checkedMul: (a, b) => {
      const v = (a * b) >> F;
      return v >= MIN && v <= MAX ? v : undefined;
    },
    checkedDiv,
    checkedNeg: (a) => {
      const v = -a;
      return v >= MIN && v <= MAX ? v : undefined;
    },
    checkedAbs: (a) => {
      const v = a < 0n ? -a : a;
      return v <= MAX ? v : undefined;
    },
    saturatingAdd: (a, b) => {
      const v = a + b;
      return v > MAX ? MAX : v < MIN ? MIN : v;
    },
    saturatingSub,
    saturatingMul: (a, b) => {
      const v = (a * b) >> F;
      if (v >= MIN && v <= MAX) return v;
      return a < 0n !== b < 0n ? MIN : MAX;
    },
    saturatingDiv: (a, b) => {
      if (b === 0n) return divByZero();
      const q = (a << F) / b;
      if (q >= MIN && q <= MAX) return q;
      return a < 0n !== b < 0n ? MIN : MAX;
    },
    saturatingNeg: (a) => {
      if (!signed) return 0n;
      return a === MIN ? MAX : -a;
    },
    saturatingAbs: (a) => {
      const v = a < 0n ? -a : a;
      return v <= MAX ? v : MAX;
    },
    wrappingAdd: (a, b) => wrap(a + b),
    wrappingSub: (a, b) => wrap(a - b),
    wrappingMul: (a, b) => wrap((a * b) >> F),
    wrappingDiv: (a, b) => (b === 0n ? divByZero() : wrap((a << F) / b)),
    wrappingNeg: (a) => wrap(-a),
    wrappingAbs: (a) => wrap(a < 0n ? -a : a),
    safeDiv: (a, b) => checkedDiv(a, b) ?? 0n,
    safeDivOr: (a, b, fallback) => checkedDiv(a, b) ?? fallback,
    absDiff: (a, b) => (a < b ? saturatingSub(b, a) : saturatingSub(a, b)),
    sum: (values) => {
      let acc = 0n;
      for (const v of values) {
        acc += v;
        if (acc > MAX || acc < MIN) overflow('sum');
      }
      return acc;
    },

    int,
    frac,
    floor: int, // cannot overflow with at least one integer bit
    ceil: (x) => bounded(ceilRaw(x), 'ceil'),
    round: (x) => bounded(roundRaw(x), 'round'),
    roundTiesToEven: (x) => bounded(roundEvenRaw(x), 'roundTiesToEven'),
    roundToZero: (x) => (x < 0n && (x & FRAC_MASK) !== 0n ? int(x) + ONE : int(x)),
    checkedCeil: (x) => {
      const v = ceilRaw(x);
      return v <= MAX ? v : undefined;
    },
    checkedRound: (x) => {
      const v = roundRaw(x);
      return v <= MAX ? v : undefined;
    },
    checkedRoundTiesToEven: (x) => {
      const v = roundEvenRaw(x);
      return v <= MAX ? v : undefined;
    },
    saturatingCeil: (x) => {
      const v = ceilRaw(x);
      return v <= MAX ? v : MAX;
    },
    saturatingRound: (x) => {
      const v = roundRaw(x);
      return v <= MAX ? v : MAX;
    },
    saturatingRoundTiesToEven: (x) => {
      const v = roundEvenRaw(x);
      return v <= MAX ? v : MAX;
    },
    wrappingCeil: (x) => wrap(ceilRaw(x)),
    wrappingRound: (x) => wrap(roundRaw(x)),
    wrappingRoundTiesToEven: (x) => wrap(roundEvenRaw(x)),

    cmp: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
    min: (a, b) => (a <= b ? a : b),
    max: (a, b) => (a >= b ? a : b),
    isNegative: (x) => x < 0n,
    isPositive: (x) => x > 0n,

    toLeBytes: (x) => {
      const out = new Uint8Array(byteLength);
      writeLeBytes(x, out, 0);
      return out;
    },
    writeLeBytes,
    fromLeBytes,
    toDecimalString,
  };
  return Object.freeze(type);
}

/** Exact comparison of two values of possibly different fixed types (the crate's cross-type `PartialOrd`). */
export function compareFixed(aType: FixedType, a: bigint, bType: FixedType, b: bigint): -1 | 0 | 1 {
  const diff = aType.fracBits - bType.fracBits;
  const left = diff >= 0 ? a : a << BigInt(-diff);
  const right = diff >= 0 ? b << BigInt(diff) : b;
  return left < right ? -1 : left > right ? 1 : 0;
}
