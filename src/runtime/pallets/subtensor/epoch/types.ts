/**
 * Inputs and outputs of one mechanism's epoch (`epoch_mechanism` in subtensor's
 * `epoch/run_epoch.rs`), in the integer forms subtensor stores them. u64 values are bigints;
 * u16/bool vectors are numbers/booleans. A UID's sparse row is `[uid, value]` pairs in stored order.
 */

export type SparseU16Rows = ReadonlyArray<ReadonlyArray<readonly [number, number]>>;

export interface EpochInput {
  /** `SubnetworkN`: UIDs 0..n−1 (each is assumed to have a hotkey in `Keys`). */
  readonly n: number;
  /** The block the epoch runs in. */
  readonly currentBlock: bigint;
  /** `Tempo` (u16). */
  readonly tempo: number;
  /** `ActivityCutoffFactorMilli` (u32); cutoff blocks = max(1, ⌊factor·tempo/1000⌋). */
  readonly activityCutoffFactorMilli: number;

  /** Per UID: inherited alpha stake on this subnet (`get_inherited_for_hotkey_on_subnet`, u64). */
  readonly alphaStake: readonly bigint[];
  /** Per UID: inherited root TAO stake (`get_tao_inherited_for_hotkey_on_subnet`, u64). */
  readonly taoStake: readonly bigint[];
  /** `TaoWeight` (u64; the weight is value / u64::MAX). */
  readonly taoWeight: bigint;
  /** `StakeThreshold` (u64): UIDs below it (except the owner) count as zero stake. */
  readonly stakeThreshold: bigint;

  /** `LastUpdate[netuid_index]` (padded with 0 to n). */
  readonly lastUpdate: readonly bigint[];
  /** `BlockAtRegistration` per UID. */
  readonly blockAtRegistration: readonly bigint[];
  /** `ValidatorPermit` as stored before this epoch (may be shorter than n: missing = no permit). */
  readonly validatorPermit: readonly boolean[];
  /** `MaxAllowedValidators` (u16). */
  readonly maxAllowedValidators: number;
  /** UID of `SubnetOwnerHotkey` when it is set and registered, else null. */
  readonly ownerUid: number | null;

  /** `Weights[netuid_index][uid]`: u16 values as stored (max-upscaled by `set_weights`). */
  readonly weights: SparseU16Rows;
  /** `Bonds[netuid_index][uid]`: u16 values as stored by the previous epoch. */
  readonly bonds: SparseU16Rows;

  /** `Kappa` (u16, fraction of 65535). */
  readonly kappa: number;
  /** `BondsPenalty` (u16, fraction of 65535). */
  readonly bondsPenalty: number;
  /** `BondsMovingAverage` (u64, parts per million kept from the old bonds). */
  readonly bondsMovingAverage: bigint;
  /** `Yuma3On`. */
  readonly yuma3: boolean;
  /** `LiquidAlphaOn`. */
  readonly liquidAlpha: boolean;
  /** `AlphaValues` (low, high) as u16. */
  readonly alphaLow: number;
  readonly alphaHigh: number;
  /** `AlphaSigmoidSteepness` (i16). */
  readonly alphaSigmoidSteepness: number;
  /** `LastMechansimStepBlock` (0 = never: the bond mask then uses currentBlock − tempo). */
  readonly lastMechanismStepBlock: bigint;

  /** `CommitRevealWeightsEnabled`. */
  readonly commitRevealEnabled: boolean;
  /**
   * Per UID, the earliest block of a non-expired weight commit, or null for none
   * (see `earliestCommitBlocks`). Used only when commit-reveal is enabled.
   */
  readonly commitBlocks: ReadonlyArray<bigint | null>;

  /** Alpha (rao) this mechanism's epoch distributes (u64). */
  readonly raoEmission: bigint;
}

export interface EpochOutput {
  /** `Active`. */
  readonly active: boolean[];
  /** `ValidatorPermit` after this epoch (top-k non-zero stake, owner forced on). */
  readonly validatorPermit: boolean[];
  /** `StakeWeight`: normalized stake as u16. */
  readonly stakeWeight: number[];
  /** `Consensus` (u16). */
  readonly consensus: number[];
  /** `Incentive[netuid_index]` (u16). */
  readonly incentive: number[];
  /** `Dividends` (u16). */
  readonly dividends: number[];
  /** `ValidatorTrust` (u16). */
  readonly validatorTrust: number[];
  /** `Emission` (u64 per UID): the normalized incentive+dividend share of `raoEmission`. */
  readonly emission: bigint[];
  /** Miner (server) part per UID, what coinbase pays as incentive (u64). */
  readonly serverEmission: bigint[];
  /** Validator part per UID, what coinbase splits as dividends (u64). */
  readonly validatorEmission: bigint[];
  /** `Bonds[netuid_index][uid]` written for every UID (empty without a new permit). */
  readonly bonds: Array<Array<[number, number]>>;
  /** Total stake per UID as u64 (`EpochTerms::stake`). */
  readonly stake: bigint[];
  /** Derived values the epoch used. */
  readonly activityCutoff: bigint;
  /** Raw I32F32/I64F64 intermediates, when asked for with `{ debug: true }`. */
  readonly debug?: EpochDebug;
}

/** Fixed-point intermediates as raw bits (I32F32 unless noted). */
export interface EpochDebug {
  /** Total stake (I64F64 bits). */
  readonly totalStake: bigint[];
  /** Normalized stake S. */
  readonly stake: bigint[];
  /** Active, permitted, re-normalized stake A. */
  readonly activeStake: bigint[];
  readonly consensus: bigint[];
  readonly validatorTrust: bigint[];
  readonly incentive: bigint[];
  readonly dividends: bigint[];
  readonly normalizedServerEmission: bigint[];
  readonly normalizedValidatorEmission: bigint[];
  readonly normalizedCombinedEmission: bigint[];
  /** Row-normalized, masked weights W. */
  readonly weights: Array<Array<[number, bigint]>>;
  /** EMA bonds before storage conversion. */
  readonly emaBonds: Array<Array<[number, bigint]>>;
  readonly kappa: bigint;
  readonly bondsPenalty: bigint;
}

export interface EpochOptions {
  readonly debug?: boolean;
  /**
   * Which implementation runs the weight/bond loops: 'auto' (default) uses exact doubles when
   * every value provably fits and BigInt otherwise; 'bigint' forces the BigInt reference;
   * 'double' throws `UnsafeForDoubles` instead of falling back (tests).
   */
  readonly path?: 'auto' | 'bigint' | 'double';
}

/** The steps every path shares (all O(n)): activity, stake, permits, active stake, scalars. */
export interface PreparedEpoch {
  readonly n: number;
  readonly activityCutoff: bigint;
  /** `LastUpdate` padded with 0 to n (may be longer than n, as stored). */
  readonly lastUpdate: bigint[];
  readonly active: boolean[];
  readonly blockAtRegistration: bigint[];
  /** I64F64 bits. */
  readonly totalStake: bigint[];
  /** Normalized stake S (I32F32). */
  readonly stake: bigint[];
  /** Previous permits with the owner forced on. */
  readonly validatorForbids: boolean[];
  readonly newValidatorPermits: boolean[];
  /** Active, permitted, re-normalized stake A (I32F32). */
  readonly activeStake: bigint[];
  /** Per UID commit block for the commit-reveal column mask, or null when commit-reveal is off. */
  readonly commitBlocks: bigint[] | null;
  readonly kappa: bigint;
  readonly bondsPenalty: bigint;
  /** Registered at or after this block → bonds on that column are dropped. */
  readonly lastTempo: bigint;
}

/** What the weight/bond part of the epoch produces (I32F32 bits; bonds already as stored u16). */
export interface EpochCore {
  readonly consensus: bigint[];
  readonly validatorTrust: bigint[];
  readonly incentive: bigint[];
  readonly dividends: bigint[];
  /** Per row: the EMA bonds as stored u16 (before the permit filter). */
  readonly bondsU16: Array<Array<[number, number]>>;
  /** Debug only: the masked, row-normalized weights and the EMA bonds (I32F32). */
  readonly debugWeights?: () => Array<Array<[number, bigint]>>;
  readonly debugEmaBonds?: () => Array<Array<[number, bigint]>>;
}


