/**
 * Every `kind: "epoch"` vector of ../shared/reference/vectors.json (subtensor tests/epoch.rs)
 * against `runEpoch`: the asserted values within the vector's tolerance, and the emulator's
 * bit-level values exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityCutoffBlocks, runEpoch, type EpochInput } from '../../src/runtime/pallets/subtensor/epoch/index.ts';
import { EpochSim } from '../unit/runtime/subtensor/epoch/helpers/sim.ts';
import { expectBondsNear, expectDividendsNear, setYuma3Weights, yuma3Scenario } from '../unit/runtime/subtensor/epoch/helpers/yuma3.ts';
import { vector, vectorsOfKind } from '../unit/runtime/subtensor/epoch/helpers/vectors.ts';

type U16Row = Array<[number, number]>;

const covered = new Set(['V01', 'V03', 'V05', 'V06', 'V08', 'V10']);

for (const path of ['bigint', 'double'] as const) {
  describe(`[${path} path]`, () => {
    beforeAll(() => {
      EpochSim.defaultPath = path;
    });
    afterAll(() => {
      EpochSim.defaultPath = 'auto';
    });

    describe('epoch vectors', () => {
      it('every epoch vector in vectors.json has a test here', () => {
        for (const v of vectorsOfKind('epoch')) expect(covered.has(v.id), `${v.id} ${v.name}`).toBe(true);
      });
    });

    describe('V01 test_10_graph (first epoch, no permits: raw-stake fallback)', () => {
      const v = vector('V01');
      const i = v.inputs as {
        n: number;
        current_block: number;
        tempo: number;
        activity_cutoff_blocks: number;
        stake_alpha_per_uid: number[];
        block_at_registration: number[];
        last_update: number[];
        validator_permit_before: boolean[];
        max_allowed_validators: number;
        kappa: number;
        bonds_penalty: number;
        bonds_moving_average: number;
        rao_emission: number;
        activity_cutoff_factor_milli: number;
      };
      const e = v.expected as Record<string, number[]>;
      const input: EpochInput = {
        n: i.n,
        currentBlock: BigInt(i.current_block),
        tempo: i.tempo,
        activityCutoffFactorMilli: i.activity_cutoff_factor_milli,
        alphaStake: i.stake_alpha_per_uid.map(BigInt),
        taoStake: new Array(i.n).fill(0n),
        taoWeight: 0n,
        stakeThreshold: 0n,
        lastUpdate: i.last_update.map(BigInt),
        blockAtRegistration: i.block_at_registration.map(BigInt),
        validatorPermit: i.validator_permit_before,
        maxAllowedValidators: i.max_allowed_validators,
        ownerUid: null,
        weights: Array.from({ length: i.n }, (_, uid) => [[uid, 65535] as const]),
        bonds: [],
        kappa: i.kappa,
        bondsPenalty: i.bonds_penalty,
        bondsMovingAverage: BigInt(i.bonds_moving_average),
        yuma3: false,
        liquidAlpha: false,
        alphaLow: 45875,
        alphaHigh: 58982,
        alphaSigmoidSteepness: 1000,
        lastMechanismStepBlock: 0n,
        commitRevealEnabled: false,
        commitBlocks: [],
        raoEmission: BigInt(i.rao_emission),
      };

      it('activity cutoff from the factor', () => {
        expect(activityCutoffBlocks(i.activity_cutoff_factor_milli, i.tempo)).toBe(BigInt(i.activity_cutoff_blocks));
      });

      it('exact outputs', () => {
        const out = runEpoch(input, { path });
        expect(out.emission).toEqual(e.emission_per_uid!.map(BigInt));
        expect(out.consensus).toEqual(e.consensus);
        expect(out.incentive).toEqual(e.incentive);
        expect(out.dividends).toEqual(e.dividends);
        expect(out.serverEmission).toEqual(e.derived_server_emission!.map(BigInt));
        expect(out.validatorEmission).toEqual(e.derived_validator_emission!.map(BigInt));
        // everyone had stake: all get a permit for the next epoch; no bonds without weights
        expect(out.validatorPermit).toEqual(new Array(10).fill(true));
        expect(out.bonds).toEqual(new Array(10).fill([]));
      });
    });

    describe('V03 test_bonds (original Yuma bond EMA over 6 epochs)', () => {
      const v = vector('V03');
      const asserted = (v.expected.asserted ?? {}) as Record<string, Record<string, number[]>>;
      const emulator = v.expected.emulator_exact_per_epoch as Array<{
        block: number;
        bonds_rows_0_to_3: U16Row[];
        emission: number[];
        incentive: number[];
        dividends: number[];
      }>;

      it('bonds, emission, incentive and dividends match exactly at every epoch', () => {
        const sim = new EpochSim(1, { tempo: 1, maxAllowedValidators: 8, bondsPenalty: 65535 });
        for (const s of [1, 2, 3, 4, 0, 0, 0, 0]) sim.register(s);
        expect(sim.epoch().validatorPermit).toEqual([true, true, true, true, false, false, false, false]);

        const steps: Array<() => void> = [
          () => {
            sim.nextBlock();
            for (let uid = 0; uid < 4; uid++) sim.setWeights(uid, [4, 5, 6, 7], [16383, 32767, 49149, 65535]);
          },
          () => {
            sim.setWeights(0, [0], [65535]);
            sim.nextBlock();
          },
          () => {
            sim.setWeights(1, [1], [65535]);
            sim.nextBlock();
          },
          () => {
            sim.setWeights(2, [2], [65535]);
            sim.nextBlock();
          },
          () => {
            sim.setWeights(2, [7], [65535]);
            sim.nextBlock();
          },
          () => sim.nextBlock(),
          () => sim.nextBlock(),
        ];
        const checkpoints: Record<number, [string, number]> = {
          2: ['after block-2 epoch', 4],
          3: ['after block-3 epoch', 4],
          5: ['after block-5 epoch', 7],
          6: ['after block-6 epoch', 7],
          7: ['after block-7 epoch', 7],
          8: ['after block-8 epoch', 7],
        };
        steps.forEach((step, k) => {
          step();
          const out = sim.epoch();
          const emu = emulator[k]!;
          expect(sim.block).toBe(BigInt(emu.block));
          expect(out.emission, `emission @${emu.block}`).toEqual(emu.emission.map(BigInt));
          expect(out.incentive, `incentive @${emu.block}`).toEqual(emu.incentive);
          expect(out.dividends, `dividends @${emu.block}`).toEqual(emu.dividends);
          expect(sim.bonds.slice(0, 4), `bonds @${emu.block}`).toEqual(emu.bonds_rows_0_to_3);
          const cp = checkpoints[emu.block];
          if (cp) {
            const dense = sim.denseBonds();
            const key = Object.keys(asserted[cp[0]]!)[0]!;
            expect([0, 1, 2, 3].map((u) => dense[u]![cp[1]]), `${cp[0]} ${key}`).toEqual(asserted[cp[0]]![key]);
          }
          // the emission split always hands out the whole amount up to flooring
          const total = out.emission.reduce((a, b) => a + b, 0n);
          expect(1_000_000_000n - total).toBeGreaterThanOrEqual(0n);
          expect(1_000_000_000n - total).toBeLessThan(8n);
        });
      });
    });

    // ---- Yuma3 scenarios (setup_yuma_3_scenario + run_epoch_and_check_bonds_dividends) -------------

    const M = 65535;
    const H = 32767;
    type Schedule = (sim: EpochSim, epoch: number) => void;
    const schedules: Record<string, { stakes: number[]; schedule: Schedule }> = {
      V05: {
        stakes: [8, 1, 1, 0, 0],
        schedule: (sim, e) => {
          if (e === 0) setYuma3Weights(sim, [[M, 0], [M, 0], [M, 0]], [3, 4]);
          if (e === 1) setYuma3Weights(sim, [[0, M], [M, 0], [M, 0]], [3, 4]);
          if (e === 2) setYuma3Weights(sim, [[0, M], [0, M], [M, 0]], [3, 4]);
          if (e === 3) setYuma3Weights(sim, [[0, M], [0, M], [0, M]], [3, 4]);
        },
      },
      V06: {
        stakes: [8, 1, 1, 0, 0],
        schedule: (sim, e) => {
          if (e === 0) setYuma3Weights(sim, [[M, 0], [M, 0], [M, 0]], [3, 4]);
          if (e === 1) setYuma3Weights(sim, [[M, 0], [0, M], [M, 0]], [3, 4]);
          if (e === 2) setYuma3Weights(sim, [[0, M], [0, M], [M, 0]], [3, 4]);
          if (e === 3) setYuma3Weights(sim, [[0, M], [0, M], [0, M]], [3, 4]);
        },
      },
      V08: {
        stakes: [33, 33, 34, 0, 0],
        schedule: (sim, e) => {
          if (e === 2) setYuma3Weights(sim, [[M, 0], [M, 0], [0, M]], [3, 4]);
          else setYuma3Weights(sim, [[M, 0], [M, 0], [M, 0]], [3, 4]);
        },
      },
      V10: {
        stakes: [8, 1, 1, 0, 0, 0],
        schedule: (sim, e) => {
          const a = [H, 0, H];
          const b = [0, H, H];
          if (e === 0) setYuma3Weights(sim, [a, a, a], [3, 4, 5]);
          if (e === 1) setYuma3Weights(sim, [a, b, a], [3, 4, 5]);
          if (e === 2) setYuma3Weights(sim, [b, b, a], [3, 4, 5]);
          if (e === 3) setYuma3Weights(sim, [b, b, b], [3, 4, 5]);
        },
      },
    };

    for (const id of ['V05', 'V06', 'V08', 'V10']) {
      const v = vector(id);
      const { stakes, schedule } = schedules[id]!;
      const expected = v.expected as {
        dividends_per_epoch_as_fraction: number[][];
        target_bonds_per_epoch_NOT_ASSERTED: number[][][];
        emulator_exact: Array<{ epoch: number; dividends_u16: number[]; bonds_u16_validators: U16Row[][] }>;
      };
      describe(`${id} ${v.name} (Yuma3 + liquid alpha, sparse)`, () => {
        it('dividends within 1e-3 of the targets, exact against the emulator, bonds near the targets', () => {
          expect((v.inputs as { stake_alpha: number[] }).stake_alpha).toEqual(stakes);
          const sim = yuma3Scenario(stakes);
          const servers = stakes.map((_, i) => i).filter((i) => i >= 3);
          expected.dividends_per_epoch_as_fraction.forEach((targets, epoch) => {
            schedule(sim, epoch);
            sim.nextBlock();
            const out = sim.epoch();
            expectDividendsNear(out.dividends, targets, `epoch ${epoch}`);
            const emu = expected.emulator_exact[epoch]!;
            expect(out.dividends, `emulator dividends epoch ${epoch}`).toEqual(emu.dividends_u16);
            expect(sim.bonds.slice(0, 3), `emulator bonds epoch ${epoch}`).toEqual(emu.bonds_u16_validators);
            expectBondsNear(sim, expected.target_bonds_per_epoch_NOT_ASSERTED[epoch]!, servers, `epoch ${epoch}`);
          });
        });
      });
    }
  });
}
