import { describe, expect, it } from 'vitest';
import {
  EPOCH_INPUT_DEFAULTS,
  EpochInputError,
  epochOutputToJson,
  parseEpochInput,
  runEpoch,
} from '../../../../../src/runtime/pallets/subtensor/epoch/index.ts';

const minimal = { currentBlock: 10, alphaStake: [5, 0], lastUpdate: [9, 9], validatorPermit: [true, false], raoEmission: '1000' };

describe('parseEpochInput', () => {
  it('fills the documented defaults', () => {
    const input = parseEpochInput(minimal);
    expect(input.n).toBe(2);
    expect(input.tempo).toBe(EPOCH_INPUT_DEFAULTS.tempo);
    expect(input.kappa).toBe(32767);
    expect(input.yuma3).toBe(true);
    expect(input.taoWeight).toBe(971_718_665_099_567_868n);
    expect(input.taoStake).toEqual([0n, 0n]);
    expect(input.blockAtRegistration).toEqual([0n, 0n]);
    expect(input.commitBlocks).toEqual([null, null]);
    expect(input.weights).toEqual([]);
    expect(input.raoEmission).toBe(1000n);
  });

  it('takes u64 values above 2^53 as decimal strings', () => {
    const input = parseEpochInput({ ...minimal, alphaStake: ['18446744073709551615', '9007199254740993'] });
    expect(input.alphaStake).toEqual([18446744073709551615n, 9007199254740993n]);
  });

  const bad: Array<[string, Record<string, unknown> | unknown, RegExp]> = [
    ['not an object', [1, 2], /input: expected a JSON object/],
    ['unknown field (typo)', { ...minimal, kapa: 3 }, /input\.kapa: unknown field/],
    ['missing required', { ...minimal, currentBlock: undefined }, /input\.currentBlock: required field is missing/],
    ['unsafe number', { ...minimal, raoEmission: 2 ** 60 }, /input\.raoEmission: .*decimal string/],
    ['negative', { ...minimal, alphaStake: [-1, 0] }, /input\.alphaStake\[0\]: expected a u64, got -1/],
    ['u16 out of range', { ...minimal, kappa: 70000 }, /input\.kappa: expected a u16/],
    ['wrong per-UID length', { ...minimal, blockAtRegistration: [1] }, /input\.blockAtRegistration: expected 2 entries/],
    ['bad weight pair', { ...minimal, weights: [[[1, 2, 3]]] }, /input\.weights\[0\]\[0\]: expected a \[uid, value\] pair/],
    ['bool expected', { ...minimal, validatorPermit: [1, 0] }, /input\.validatorPermit\[0\]: expected true or false/],
    ['fraction', { ...minimal, tempo: 1.5 }, /input\.tempo: expected a u16/],
  ];
  for (const [label, doc, message] of bad) {
    it(`rejects: ${label}`, () => {
      expect(() => parseEpochInput(doc)).toThrow(EpochInputError);
      expect(() => parseEpochInput(doc)).toThrow(message);
    });
  }
});

describe('epochOutputToJson', () => {
  it('prints u64 vectors as decimal strings and keeps u16/bool vectors as numbers', () => {
    const json = epochOutputToJson(runEpoch(parseEpochInput(minimal)));
    expect(json.emission).toEqual(['1000', '0']);
    expect(json.validatorEmission).toEqual(['1000', '0']);
    expect(json.stakeWeight).toEqual([65535, 0]);
    expect(json.validatorPermit).toEqual([true, false]);
    expect(json.debug).toBeUndefined();
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
