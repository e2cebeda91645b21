/**
 * JSON form of `EpochInput`/`EpochOutput` (the `epoch --input` simulator). Integers are JSON
 * numbers or decimal strings (use strings above 2^53 − 1); u64 outputs are decimal strings.
 * Unknown fields are rejected so a typo never silently falls back to a default.
 */
import { I32F32, I64F64 } from '../../../../primitives/fixed/index.ts';
import type { EpochDebug, EpochInput, EpochOutput, SparseU16Rows } from './types.ts';

export class EpochInputError extends Error {
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'EpochInputError';
  }
}

const U16_MAX = 65535n;
const U32_MAX = (1n << 32n) - 1n;
const U64_MAX = (1n << 64n) - 1n;

/** Runtime values subtensor gives a new subnet (`init_new_network`) or its storage defaults. */
export const EPOCH_INPUT_DEFAULTS = Object.freeze({
  tempo: 360,
  activityCutoffFactorMilli: 13889,
  taoWeight: 971_718_665_099_567_868n,
  stakeThreshold: 0n,
  maxAllowedValidators: 64,
  ownerUid: null,
  kappa: 32767,
  bondsPenalty: 65535,
  bondsMovingAverage: 900_000n,
  yuma3: true,
  liquidAlpha: false,
  alphaLow: 45875,
  alphaHigh: 58982,
  alphaSigmoidSteepness: 1000,
  lastMechanismStepBlock: 0n,
  commitRevealEnabled: true,
});

const KNOWN_FIELDS = new Set([
  'n',
  'currentBlock',
  'tempo',
  'activityCutoffFactorMilli',
  'alphaStake',
  'taoStake',
  'taoWeight',
  'stakeThreshold',
  'lastUpdate',
  'blockAtRegistration',
  'validatorPermit',
  'maxAllowedValidators',
  'ownerUid',
  'weights',
  'bonds',
  'kappa',
  'bondsPenalty',
  'bondsMovingAverage',
  'yuma3',
  'liquidAlpha',
  'alphaLow',
  'alphaHigh',
  'alphaSigmoidSteepness',
  'lastMechanismStepBlock',
  'commitRevealEnabled',
  'commitBlocks',
  'raoEmission',
]);

function integer(value: unknown, path: string, min: bigint, max: bigint, what: string): bigint {
  let v: bigint;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      throw new EpochInputError(path, `expected ${what}, got ${value}${Number.isInteger(value) ? ' (above 2^53 − 1: write it as a decimal string)' : ''}`);
    }
    v = BigInt(value);
  } else if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) {
    v = BigInt(value.trim());
  } else {
    throw new EpochInputError(path, `expected ${what} (a number or decimal string), got ${JSON.stringify(value)}`);
  }
  if (v < min || v > max) throw new EpochInputError(path, `expected ${what}, got ${v} (out of range ${min}..${max})`);
  return v;
}

const u64 = (v: unknown, p: string): bigint => integer(v, p, 0n, U64_MAX, 'a u64');
const u16 = (v: unknown, p: string): number => Number(integer(v, p, 0n, U16_MAX, 'a u16'));
const u32 = (v: unknown, p: string): number => Number(integer(v, p, 0n, U32_MAX, 'a u32'));
const i16 = (v: unknown, p: string): number => Number(integer(v, p, -32768n, 32767n, 'an i16'));

function bool(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw new EpochInputError(path, `expected true or false, got ${JSON.stringify(value)}`);
  return value;
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new EpochInputError(path, `expected an array, got ${value === null ? 'null' : typeof value}`);
  return value;
}

function exactLength<T>(items: T[], n: number, path: string): T[] {
  if (items.length !== n) throw new EpochInputError(path, `expected ${n} entries (one per UID), got ${items.length}`);
  return items;
}

function sparseRows(value: unknown, path: string): SparseU16Rows {
  return array(value, path).map((row, i) =>
    array(row, `${path}[${i}]`).map((entry, k) => {
      const p = `${path}[${i}][${k}]`;
      const pair = array(entry, p);
      if (pair.length !== 2) throw new EpochInputError(p, `expected a [uid, value] pair, got ${pair.length} items`);
      return [u16(pair[0], `${p}[0]`), u16(pair[1], `${p}[1]`)] as const;
    }),
  );
}

/** Validates a parsed JSON document and fills the defaults (`EPOCH_INPUT_DEFAULTS`). */
export function parseEpochInput(doc: unknown): EpochInput {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new EpochInputError('input', 'expected a JSON object');
  }
  const o = doc as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!KNOWN_FIELDS.has(key)) throw new EpochInputError(`input.${key}`, 'unknown field');
  }
  const need = (key: string): unknown => {
    if (o[key] === undefined) throw new EpochInputError(`input.${key}`, 'required field is missing');
    return o[key];
  };
  const opt = <T>(key: string, parse: (v: unknown, p: string) => T, fallback: T): T =>
    o[key] === undefined ? fallback : parse(o[key], `input.${key}`);

  const alphaStakeRaw = array(need('alphaStake'), 'input.alphaStake');
  const n = opt('n', u16, alphaStakeRaw.length);
  const perUid = (key: string, fallback: bigint): bigint[] =>
    o[key] === undefined
      ? new Array<bigint>(n).fill(fallback)
      : exactLength(array(o[key], `input.${key}`).map((v, i) => u64(v, `input.${key}[${i}]`)), n, `input.${key}`);

  const weights = opt('weights', sparseRows, []);
  const bonds = opt('bonds', sparseRows, []);
  const ownerUid = o.ownerUid === undefined || o.ownerUid === null ? null : u16(o.ownerUid, 'input.ownerUid');
  const commitBlocks =
    o.commitBlocks === undefined
      ? new Array<bigint | null>(n).fill(null)
      : exactLength(
          array(o.commitBlocks, 'input.commitBlocks').map((v, i) => (v === null ? null : u64(v, `input.commitBlocks[${i}]`))),
          n,
          'input.commitBlocks',
        );
  const alphaLow = opt('alphaLow', u16, EPOCH_INPUT_DEFAULTS.alphaLow);
  const alphaHigh = opt('alphaHigh', u16, EPOCH_INPUT_DEFAULTS.alphaHigh);

  return {
    n,
    currentBlock: u64(need('currentBlock'), 'input.currentBlock'),
    tempo: opt('tempo', u16, EPOCH_INPUT_DEFAULTS.tempo),
    activityCutoffFactorMilli: opt('activityCutoffFactorMilli', u32, EPOCH_INPUT_DEFAULTS.activityCutoffFactorMilli),
    alphaStake: exactLength(alphaStakeRaw.map((v, i) => u64(v, `input.alphaStake[${i}]`)), n, 'input.alphaStake'),
    taoStake: perUid('taoStake', 0n),
    taoWeight: opt('taoWeight', u64, EPOCH_INPUT_DEFAULTS.taoWeight),
    stakeThreshold: opt('stakeThreshold', u64, EPOCH_INPUT_DEFAULTS.stakeThreshold),
    lastUpdate: array(need('lastUpdate'), 'input.lastUpdate').map((v, i) => u64(v, `input.lastUpdate[${i}]`)),
    blockAtRegistration: perUid('blockAtRegistration', 0n),
    validatorPermit: array(need('validatorPermit'), 'input.validatorPermit').map((v, i) => bool(v, `input.validatorPermit[${i}]`)),
    maxAllowedValidators: opt('maxAllowedValidators', u16, EPOCH_INPUT_DEFAULTS.maxAllowedValidators),
    ownerUid,
    weights,
    bonds,
    kappa: opt('kappa', u16, EPOCH_INPUT_DEFAULTS.kappa),
    bondsPenalty: opt('bondsPenalty', u16, EPOCH_INPUT_DEFAULTS.bondsPenalty),
    bondsMovingAverage: opt('bondsMovingAverage', u64, EPOCH_INPUT_DEFAULTS.bondsMovingAverage),
    yuma3: opt('yuma3', bool, EPOCH_INPUT_DEFAULTS.yuma3),
    liquidAlpha: opt('liquidAlpha', bool, EPOCH_INPUT_DEFAULTS.liquidAlpha),
    alphaLow,
    alphaHigh,
    alphaSigmoidSteepness: opt('alphaSigmoidSteepness', i16, EPOCH_INPUT_DEFAULTS.alphaSigmoidSteepness),
    lastMechanismStepBlock: opt('lastMechanismStepBlock', u64, EPOCH_INPUT_DEFAULTS.lastMechanismStepBlock),
    commitRevealEnabled: opt('commitRevealEnabled', bool, EPOCH_INPUT_DEFAULTS.commitRevealEnabled),
    commitBlocks,
    raoEmission: u64(need('raoEmission'), 'input.raoEmission'),
  };
}

const str = (v: bigint): string => v.toString();
const dec32 = (v: bigint): string => I32F32.toDecimalString(v);
const sparseDec = (m: Array<Array<[number, bigint]>>): Array<Array<[number, string]>> =>
  m.map((row) => row.map(([j, v]): [number, string] => [j, dec32(v)]));

function debugToJson(d: EpochDebug): Record<string, unknown> {
  return {
    totalStake: d.totalStake.map((v) => I64F64.toDecimalString(v)),
    stake: d.stake.map(dec32),
    activeStake: d.activeStake.map(dec32),
    consensus: d.consensus.map(dec32),
    validatorTrust: d.validatorTrust.map(dec32),
    incentive: d.incentive.map(dec32),
    dividends: d.dividends.map(dec32),
    normalizedServerEmission: d.normalizedServerEmission.map(dec32),
    normalizedValidatorEmission: d.normalizedValidatorEmission.map(dec32),
    normalizedCombinedEmission: d.normalizedCombinedEmission.map(dec32),
    weights: sparseDec(d.weights),
    emaBonds: sparseDec(d.emaBonds),
    kappa: dec32(d.kappa),
    bondsPenalty: dec32(d.bondsPenalty),
  };
}

/** JSON-ready form of the output: u64 vectors as decimal strings, fixed-point debug values as exact decimals. */
export function epochOutputToJson(out: EpochOutput): Record<string, unknown> {
  const json: Record<string, unknown> = {
    active: out.active,
    validatorPermit: out.validatorPermit,
    stakeWeight: out.stakeWeight,
    consensus: out.consensus,
    incentive: out.incentive,
    dividends: out.dividends,
    validatorTrust: out.validatorTrust,
    emission: out.emission.map(str),
    serverEmission: out.serverEmission.map(str),
    validatorEmission: out.validatorEmission.map(str),
    bonds: out.bonds,
    stake: out.stake.map(str),
    activityCutoff: str(out.activityCutoff),
  };
  if (out.debug) json.debug = debugToJson(out.debug);
  return json;
}
