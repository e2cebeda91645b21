/**
 * Properties of the epoch over seeded random subnets: u16 incentive and dividends add up to
 * 65535 (minus at most one unit of flooring per UID) or to 0; the epoch hands out the whole
 * pending amount (minus flooring); with no usable weights validators are paid by stake.
 */
import { describe, expect, it } from 'vitest';
import { I32F32 } from '../../src/primitives/fixed/index.ts';
import { runEpoch, type EpochInput } from '../../src/runtime/pallets/subtensor/epoch/index.ts';
import { UnsafeForDoubles } from '../../src/runtime/pallets/subtensor/epoch/exact-double.ts';
import { randomEpochInput } from '../unit/runtime/subtensor/epoch/helpers/random.ts';

const SEEDS = Array.from({ length: 300 }, (_, i) => i + 1);
const messy = (seed: number): boolean => seed % 3 === 0;
const sumN = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const sumB = (xs: bigint[]): bigint => xs.reduce((a, b) => a + b, 0n);

/** Largest shortfall of Σ floor(share_i · rao) against rao when Σ share_i ≥ 1 − n·2⁻³². */
function emissionSlack(n: number, rao: bigint): bigint {
  return BigInt(n) + (BigInt(n) * rao) / (1n << 32n) + 1n;
}

function checkU16Sum(values: number[], n: number, label: string): void {
  const s = sumN(values);
  expect(s === 0 || (s <= 65535 && s >= 65535 - n), `${label}: Σ = ${s} (n = ${n})`).toBe(true);
}

describe('epoch properties (seeded random subnets)', () => {
  it('incentive and dividends each add up to 65535 (± one unit per UID) or to 0', () => {
    for (const seed of SEEDS) {
      const input = randomEpochInput(seed, { messy: messy(seed) });
      const out = runEpoch(input);
      checkU16Sum(out.incentive, input.n, `seed ${seed} incentive`);
      checkU16Sum(out.dividends, input.n, `seed ${seed} dividends`);
      for (const x of [...out.incentive, ...out.dividends, ...out.consensus, ...out.validatorTrust, ...out.stakeWeight]) {
        expect(x >= 0 && x <= 65535).toBe(true);
      }
    }
  });

  it('the emission adds up to the pending amount (minus flooring) whenever any UID has stake', () => {
    for (const seed of SEEDS) {
      const input = randomEpochInput(seed, { messy: messy(seed) });
      const out = runEpoch(input, { debug: true });
      const stakeAny = out.debug!.stake.some((s) => s !== 0n);
      const total = sumB(out.emission);
      const split = sumB(out.serverEmission) + sumB(out.validatorEmission);
      if (!stakeAny) {
        // nothing to pay by: subtensor's epoch emits nothing (no weights can be valid either)
        expect(total, `seed ${seed}`).toBe(0n);
        continue;
      }
      const slack = emissionSlack(input.n, input.raoEmission);
      for (const [label, t] of [
        ['emission', total],
        ['server+validator', split],
      ] as const) {
        expect(t <= input.raoEmission, `seed ${seed} ${label} ${t} > ${input.raoEmission}`).toBe(true);
        expect(input.raoEmission - t <= slack, `seed ${seed} ${label} short by ${input.raoEmission - t}`).toBe(true);
      }
    }
  });

  it('without weights validators are paid pro rata to active stake (raw stake if none is active)', () => {
    for (const seed of SEEDS.slice(0, 100)) {
      const input = randomEpochInput(seed, { withWeights: false });
      const out = runEpoch(input, { debug: true });
      expect(out.incentive.every((x) => x === 0)).toBe(true);
      expect(out.serverEmission.every((x) => x === 0n)).toBe(true);
      const d = out.debug!;
      const activeZero = d.activeStake.every((x) => x === 0n);
      const shares = activeZero ? d.stake : d.activeStake;
      shares.forEach((s, uid) => {
        const expected = (s * input.raoEmission) >> 32n; // ⌊I96F32(s) · rao⌋
        expect(out.validatorEmission[uid], `seed ${seed} uid ${uid}`).toBe(expected);
        expect(out.emission[uid]).toBe(expected);
      });
    }
  });

  it('bonds are stored only for UIDs holding a new permit, as u16 values', () => {
    for (const seed of SEEDS) {
      const out = runEpoch(randomEpochInput(seed));
      out.bonds.forEach((row, uid) => {
        if (!out.validatorPermit[uid]) expect(row).toEqual([]);
        for (const [, v] of row) expect(v >= 0 && v <= 65535).toBe(true);
      });
    }
  });

  it('original Yuma stores bonds max-upscaled: each non-empty column of permitted rows peaks at 65535 or below', () => {
    for (const seed of SEEDS.slice(0, 100)) {
      const input: EpochInput = { ...randomEpochInput(seed, { yuma3: false }) };
      const out = runEpoch(input, { debug: true });
      const colMax = new Map<number, bigint>();
      for (const row of out.debug!.emaBonds) for (const [j, v] of row) colMax.set(j, (colMax.get(j) ?? 0n) > v ? colMax.get(j)! : v);
      for (const v of colMax.values()) expect(v <= I32F32.ONE).toBe(true);
    }
  });

  it('is a pure function: same input, same output', () => {
    for (const seed of SEEDS.slice(0, 20)) {
      const input = randomEpochInput(seed);
      expect(runEpoch(input)).toEqual(runEpoch(input));
    }
  });
});

describe('the exact-double path and the BigInt reference give the same bits', () => {
  it('on 1000 random subnets (and the double path handles nearly all of them)', () => {
    let viaDouble = 0;
    for (let seed = 1; seed <= 1000; seed++) {
      const input = randomEpochInput(seed * 7919, { messy: seed % 2 === 0 });
      const reference = runEpoch(input, { path: 'bigint', debug: true });
      let fast;
      try {
        fast = runEpoch(input, { path: 'double', debug: true });
      } catch (e) {
        if (e instanceof UnsafeForDoubles) continue;
        throw e;
      }
      viaDouble++;
      expect(fast, `seed ${seed * 7919}`).toEqual(reference);
    }
    expect(viaDouble).toBeGreaterThan(950);
  });

  it('falls back to BigInt where doubles cannot be exact (a weight row summing past 2^31)', () => {
    const input = randomEpochInput(3, { maxN: 4 });
    const n = 40_000;
    const big: EpochInput = {
      ...input,
      n,
      alphaStake: Array.from({ length: n }, (_, i) => (i === 0 ? 10n ** 12n : 0n)),
      taoStake: new Array(n).fill(0n),
      lastUpdate: new Array(n).fill(input.currentBlock),
      blockAtRegistration: new Array(n).fill(0n),
      validatorPermit: Array.from({ length: n }, (_, i) => i === 0),
      ownerUid: null,
      weights: [Array.from({ length: n - 1 }, (_, j) => [j + 1, 65535] as const)],
      bonds: [],
      stakeThreshold: 0n,
    };
    expect(() => runEpoch(big, { path: 'double' })).toThrow(UnsafeForDoubles);
    const auto = runEpoch(big);
    expect(auto.incentive).toEqual(runEpoch(big, { path: 'bigint' }).incentive);
  });
});
