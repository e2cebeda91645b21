/**
 * Runtime constants shared by several pallets. Values follow subtensor spec 425; the `fast`
 * profile mirrors subtensor's `fast-runtime` build (250 ms slots), which its localnet uses.
 */
export const SPEC_NAME = 'node-subtensor';
export const IMPL_NAME = 'node-subtensor';
export const SPEC_VERSION = 425;
export const TRANSACTION_VERSION = 1;
export const AUTHORING_VERSION = 1;
export const IMPL_VERSION = 1;
export const SYSTEM_VERSION = 1;

export const SS58_PREFIX = 42;
export const TOKEN_DECIMALS = 9;
export const EXISTENTIAL_DEPOSIT = 500n;
export const BLOCK_HASH_COUNT = 2400;
export const MAX_AUTHORITIES = 32;

/** Weights (ref-time picoseconds) as published in subtensor's `System.BlockWeights`. */
export const WEIGHT = {
  baseBlock: 431_614_000n,
  maxBlock: 4_000_000_000_000n,
  baseExtrinsic: 108_157_000n,
  normalMaxExtrinsic: 2_599_891_843_000n,
  normalMaxTotal: 3_000_000_000_000n,
  operationalMaxExtrinsic: 3_599_891_843_000n,
  operationalMaxTotal: 4_000_000_000_000n,
  operationalReserved: 1_000_000_000_000n,
  dbRead: 25_000_000n,
  dbWrite: 100_000_000n,
} as const;

export const BLOCK_LENGTH = { normal: 7_864_320, operational: 10_485_760, mandatory: 10_485_760 } as const;

/** 0.0005 rao per unit of ref-time weight: fee = weight * 5 / 10_000 (Perbill 500_000). */
export const WEIGHT_FEE_NUMERATOR = 500_000n;
export const WEIGHT_FEE_DENOMINATOR = 1_000_000_000n;
export const LENGTH_FEE_PER_BYTE = 1n;
export const OPERATIONAL_FEE_MULTIPLIER = 5;

export interface RuntimeProfile {
  name: 'fast' | 'prod';
  slotDurationMs: number;
}

export const PROD_PROFILE: RuntimeProfile = { name: 'prod', slotDurationMs: 12_000 };
export const FAST_PROFILE: RuntimeProfile = { name: 'fast', slotDurationMs: 250 };

export function profileByName(name: string | undefined): RuntimeProfile {
  return name === 'fast' ? FAST_PROFILE : PROD_PROFILE;
}
