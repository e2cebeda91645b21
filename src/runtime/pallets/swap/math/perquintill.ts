/**
 * `sp_arithmetic::Perquintill` as its parts (a bigint in [0, 10^18]) — the balancer's quote weight.
 */

/** Parts per one (`Perquintill::ACCURACY`, the balancer's `ACCURACY`). */
export const PERQUINTILL_ONE = 1_000_000_000_000_000_000n;

export const U64_MAX = (1n << 64n) - 1n;
export const U128_MAX = (1n << 128n) - 1n;

/**
 * `Perquintill::from_rational(p, q)`: `floor(p · 10^18 / q)` (rounding down), and
 * `Perquintill::one()` where the crate errors (`q = 0` or `p > q`).
 */
export function perquintillFromRational(p: bigint, q: bigint): bigint {
  if (q === 0n || p > q) return PERQUINTILL_ONE;
  return (p * PERQUINTILL_ONE) / q;
}

/** `Perquintill::from_parts`: clamps to one. */
export function perquintillFromParts(parts: bigint): bigint {
  return parts > PERQUINTILL_ONE ? PERQUINTILL_ONE : parts < 0n ? 0n : parts;
}

/** `ONE.saturating_sub(p)`. */
export function perquintillComplement(parts: bigint): bigint {
  return parts >= PERQUINTILL_ONE ? 0n : PERQUINTILL_ONE - parts;
}

/**
 * Balancer `mul_perquintill_round`: `value · p` rounded half up at the 10^18 scale
 * (U256 intermediate), capped at u128::MAX.
 */
export function mulPerquintillRound(parts: bigint, value: bigint): bigint {
  const r = (value * parts + PERQUINTILL_ONE / 2n) / PERQUINTILL_ONE;
  return r > U128_MAX ? U128_MAX : r;
}
