#!/usr/bin/env python3
"""Generates fixtures.json: expected results computed from the definitions with exact rationals
(Python ints and fractions.Fraction), independently of the TypeScript implementation.

  mul  = floor(a·b / 2^F)                 (substrate_fixed arith.rs: full product, arithmetic shift)
  div  = trunc(a·2^F / b), toward zero    (arith.rs / wide_div.rs: integer division)
  f64  = round-half-even(x · 2^F) of the float's exact value   (float_helper.rs)
  toF64 = correctly rounded a / 2^F
  conv = floor(a · 2^(F_dst − F_src))     (int_helper.rs to_fixed_helper: arithmetic shift)

Run: python3 test/unit/primitives/fixed/gen-fixtures.py > test/unit/primitives/fixed/fixtures.json
"""
import json, random, struct
from fractions import Fraction

random.seed(20260630)
TYPES = {
    'I32F32': (32, 32, True), 'I64F64': (64, 64, True), 'U64F64': (64, 64, False),
    'U96F32': (96, 32, False), 'I96F32': (96, 32, True),
}

def rng(t):
    i, f, s = TYPES[t]; n = i + f
    return (-(1 << (n - 1)), (1 << (n - 1)) - 1) if s else (0, (1 << n) - 1)

def rand_bits(t):
    lo, hi = rng(t); i, f, s = TYPES[t]
    k = random.random()
    if k < 0.3:
        return random.randint(lo, hi)
    # moderate magnitudes so products and quotients often fit
    mag = random.randint(0, 1 << random.randint(1, f + i // 2))
    return -mag if (s and random.random() < 0.5) else mag

def trunc_div(a, b):
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q

def opt(v, t):
    lo, hi = rng(t)
    return str(v) if lo <= v <= hi else None

def sat(v, t, neg):
    lo, hi = rng(t)
    if lo <= v <= hi: return str(v)
    return str(lo if neg else hi)

out = {}
for t, (i, f, s) in TYPES.items():
    cases = []
    for _ in range(60):
        a, b = rand_bits(t), rand_bits(t)
        prod = (a * b) >> f
        row = {'a': str(a), 'b': str(b),
               'checkedMul': opt(prod, t),
               'saturatingMul': sat(prod, t, (a < 0) != (b < 0)),
               'wrappingMul': str(((prod % (1 << (i + f))) - ((1 << (i + f)) if s and (prod % (1 << (i + f))) >= (1 << (i + f - 1)) else 0)))}
        if b != 0:
            q = trunc_div(a << f, b)
            row['checkedDiv'] = opt(q, t)
            row['saturatingDiv'] = sat(q, t, (a < 0) != (b < 0))
        else:
            row['checkedDiv'] = None
        row['toF64'] = repr(float(Fraction(a, 1 << f)))
        cases.append(row)
    floats = []
    for _ in range(40):
        e = random.randint(-f - 3, i + 2)
        x = random.uniform(1, 2) * 2.0 ** e * (-1 if random.random() < 0.4 else 1)
        v = round(Fraction(x) * (1 << f))  # Fraction rounds half to even
        floats.append({'x': repr(x), 'bits': opt(v, t)})
    # exact ties at the last fraction bit: (2k+1)/2 units
    for k in [0, 1, 2, 3, 1000, 123456]:
        for sign in [1, -1]:
            x = sign * (2 * k + 1) / 2.0 / (1 << f)
            v = round(Fraction(x) * (1 << f))
            floats.append({'x': repr(x), 'bits': opt(v, t)})
    out[t] = {'arith': cases, 'fromF64': floats}

conv = []
names = list(TYPES)
for _ in range(80):
    src, dst = random.choice(names), random.choice(names)
    a = rand_bits(src)
    fs, fd = TYPES[src][1], TYPES[dst][1]
    v = a << (fd - fs) if fd >= fs else a >> (fs - fd)
    lo, hi = rng(dst)
    conv.append({'src': src, 'dst': dst, 'bits': str(a), 'checked': opt(v, dst),
                 'saturating': str(min(max(v, lo), hi))})
out['convert'] = conv
print(json.dumps(out, indent=0))
