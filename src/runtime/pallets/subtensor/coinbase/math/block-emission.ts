/**
 * Block emission and its halving schedule (`coinbase/block_emission.rs`): the emission halves
 * each time the issuance crosses 21M·(1 − 2^−k); computed in I96F32 with substrate_fixed's log2.
 * Subtensor applies it to TAO issuance (`TotalIssuance`) for the block's TAO, and to a subnet's
 * alpha issuance (`SubnetAlphaIn + SubnetAlphaOut`) for its alpha_out.
 */
import { I96F32, transcendental } from '../../../../../primitives/fixed/index.ts';

/** `TotalSupply`: 21M TAO in rao. */
export const TOTAL_SUPPLY = 21_000_000_000_000_000n;
/** `DefaultBlockEmission`: 1 TAO per block. */
export const DEFAULT_BLOCK_EMISSION = 1_000_000_000n;

const ONE = I96F32.ONE;
const TWO = I96F32.saturatingFromNum(2.0);
const HALF_SUPPLY = I96F32.saturatingFromNum(10_500_000_000_000_000.0);

/**
 * `get_block_emission_for_issuance(issuance)`: ⌊default / 2^k⌋ with k = ⌊log2(1/(1 − I/21e15))⌋,
 * 0 once the issuance reaches the supply, `undefined` where subtensor returns
 * `Err("Logarithm calculation failed")`. (Subtensor also writes `BlockEmission` storage when the
 * value changes — the caller's job.)
 */
export function blockEmissionForIssuance(
  issuance: bigint,
  totalSupply: bigint = TOTAL_SUPPLY,
  defaultBlockEmission: bigint = DEFAULT_BLOCK_EMISSION,
): bigint | undefined {
  const total = I96F32.saturatingFromNum(issuance);
  if (total >= I96F32.saturatingFromNum(totalSupply)) return 0n;
  const x = I96F32.checkedDiv(total, I96F32.saturatingMul(TWO, HALF_SUPPLY));
  if (x === undefined) return undefined;
  const oneMinusX = I96F32.checkedSub(ONE, x);
  if (oneMinusX === undefined) return undefined;
  const inverse = I96F32.checkedDiv(ONE, oneMinusX);
  if (inverse === undefined) return undefined;
  const residual = transcendental.log2(I96F32, inverse);
  if (residual === undefined) return undefined;
  const halvings = I96F32.saturatingToInt(I96F32.floor(residual), 'u64');
  let multiplier = ONE;
  // Doubling saturates long before 256 rounds; further rounds cannot change the value.
  const rounds = halvings > 256n ? 256 : Number(halvings);
  for (let i = 0; i < rounds; i++) multiplier = I96F32.saturatingMul(multiplier, TWO);
  const fraction = I96F32.safeDiv(ONE, multiplier);
  const emission = I96F32.saturatingMul(fraction, I96F32.saturatingFromNum(defaultBlockEmission));
  return I96F32.saturatingToInt(emission, 'u64');
}

/** The TAO actually minted for a block: the emission, capped so issuance never passes 21M. */
export function mintableTao(amount: bigint, balancesTotalIssuance: bigint, maxIssuance = TOTAL_SUPPLY): bigint {
  const remaining = maxIssuance > balancesTotalIssuance ? maxIssuance - balancesTotalIssuance : 0n;
  return amount < remaining ? amount : remaining;
}
