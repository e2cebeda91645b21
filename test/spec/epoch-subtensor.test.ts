/**
 * Scenarios ported from subtensor `pallets/subtensor/src/tests/epoch.rs` (14bc6f9) that are not in
 * vectors.json, replayed on `EpochSim` (the epoch-relevant storage of subtensor's test mock).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { I32F32 } from '../../src/primitives/fixed/index.ts';
import {
  computeBonds,
  computeBondsSparse,
  earliestCommitBlocks,
  runEpoch,
  sparseFromPairs,
} from '../../src/runtime/pallets/subtensor/epoch/index.ts';
import { fixed, u16ProportionToFixed } from '../../src/runtime/pallets/subtensor/epoch/math.ts';
import { EpochSim } from '../unit/runtime/subtensor/epoch/helpers/sim.ts';
import { expectBondsNear, expectDividendsNear, setYuma3Weights, yuma3Scenario } from '../unit/runtime/subtensor/epoch/helpers/yuma3.ts';

const M = 65535;
const noCr = { commitRevealEnabled: false, yuma3: false } as const;

/** `distribute_nodes`: blockwise, regular interleaving, or a fixed permutation standing in for the random one. */
function distributeNodes(validatorsN: number, networkN: number, interleave: number): [number[], number[]] {
  const all = Array.from({ length: networkN }, (_, i) => i);
  if (interleave === 0) return [all.slice(0, validatorsN), all.slice(validatorsN)];
  if (interleave === 1) {
    const step = Math.floor(networkN / validatorsN);
    return [all.filter((i) => i % step === 0), all.filter((i) => i % step !== 0)];
  }
  // deterministic shuffle (LCG), instead of the test's thread RNG
  let seed = 12345;
  const perm = all.slice();
  for (let i = perm.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  }
  return [perm.slice(0, validatorsN), perm.slice(validatorsN)];
}

for (const path of ['bigint', 'double'] as const) {
  describe(`[${path} path]`, () => {
    beforeAll(() => {
      EpochSim.defaultPath = path;
    });
    afterAll(() => {
      EpochSim.defaultPath = 'auto';
    });

    describe('test_1_graph / test_last_update_size_mismatch', () => {
      for (const lastUpdateOverride of [undefined, [1n, 1n, 1n]]) {
        it(`single UID with a self-weight gets no consensus/incentive/dividends (LastUpdate ${lastUpdateOverride ? 'longer than n' : 'normal'})`, () => {
          const sim = new EpochSim(1, { ...noCr, tempo: 65534 });
          sim.register(1_000_000_000);
          sim.setWeights(0, [0], [M]);
          if (lastUpdateOverride) sim.lastUpdate = lastUpdateOverride;
          const out = sim.epoch();
          expect(out.consensus).toEqual([0]);
          expect(out.incentive).toEqual([0]);
          expect(out.dividends).toEqual([0]);
          expect(out.active).toEqual([true]);
        });
      }
    });

    describe('test_512_graph', () => {
      for (const interleave of [0, 1, 2]) {
        for (const serverSelf of [false, true]) {
          it(`64 validators, 448 servers (interleave ${interleave}, server self-weight ${serverSelf})`, () => {
            const [validators, servers] = distributeNodes(64, 512, interleave);
            const sim = new EpochSim(0, { ...noCr, tempo: 65534, maxAllowedValidators: 64 });
            const isValidator = new Set(validators);
            for (let key = 0; key < 512; key++) sim.register(isValidator.has(key) ? 328_125_000_000_000n : 0n);
            sim.epoch();
            sim.runToBlock(1);
            const w = Math.floor(M / 512);
            for (const uid of validators) sim.setWeights(uid, servers, servers.map(() => w));
            if (serverSelf) for (const uid of servers) sim.setWeights(uid, [uid], [M]);
            for (let e = 0; e < 3; e++) sim.epoch();
            const out = sim.last!;
            const bonds = sim.denseBonds();
            const server = servers[0]!;
            const validator = validators[0]!;
            for (const uid of validators) {
              expect(out.consensus[uid]).toBe(0);
              expect(out.incentive[uid]).toBe(0);
              expect(out.dividends[uid]).toBe(1023); // floor(1/64 · 65535)
              expect(out.emission[uid]).toBe(7_812_500n);
              expect(bonds[uid]![validator]).toBe(0);
              expect(bonds[uid]![server]).toBe(65535);
            }
            for (const uid of servers) {
              expect(out.consensus[uid]).toBe(146);
              expect(out.incentive[uid]).toBe(146); // floor(1/448 · 65535)
              expect(out.dividends[uid]).toBe(0);
              expect(out.emission[uid]).toBe(1_116_071n);
              expect(bonds[uid]![validator]).toBe(0);
              expect(bonds[uid]![server]).toBe(0);
            }
          });
        }
      }
    });

    describe('test_active_stake', () => {
      it('inactive validators lose their stake share and their bonds decay', () => {
        const sim = new EpochSim(0, { ...noCr, tempo: 1, maxAllowedValidators: 4 });
        for (let k = 0; k < 4; k++) sim.register(1);
        sim.epoch();
        sim.nextBlock();
        for (const uid of [0, 1]) sim.setWeights(uid, [2, 3], [Math.floor(M / 2), Math.floor(M / 2)]);
        let out = sim.epoch();
        let bonds = sim.denseBonds();
        for (let uid = 0; uid < 4; uid++) {
          if (uid < 2) expect(out.dividends[uid]).toBe(32767);
          expect(out.emission[uid]).toBe(250_000_000n);
        }
        for (const row of bonds.slice(0, 2)) expect(row).toEqual([0, 0, 65535, 65535]);

        sim.runToBlock(5000 + 2); // the legacy ActivityCutoff (5000) + 2: uid 1's weights are long inactive
        sim.setWeights(0, [2, 3], [Math.floor(M / 2), Math.floor(M / 2)]);
        out = sim.epoch();
        bonds = sim.denseBonds();
        expect(out.dividends[0]).toBe(36044);
        expect(out.emission[0]).toBe(274_999_999n);
        expect(bonds[0]!.slice(2)).toEqual([65535, 65535]);
        expect(out.dividends[1]).toBe(29490);
        expect(out.emission[1]).toBe(224_999_999n);
        expect(bonds[1]!.slice(2)).toEqual([53619, 53619]);

        sim.setWeights(1, [2, 3], [Math.floor(M / 2), Math.floor(M / 2)]);
        sim.runToBlock(5000 + 3);
        out = sim.epoch();
        bonds = sim.denseBonds();
        expect(out.dividends[0]).toBe(35716);
        expect(out.emission[0]).toBe(272_501_132n);
        expect(bonds[0]!.slice(2)).toEqual([65535, 65535]);
        expect(out.dividends[1]).toBe(29818);
        expect(out.emission[1]).toBe(227_498_866n);
        expect(bonds[1]!.slice(2)).toEqual([54712, 54712]);
      });
    });

    describe('test_outdated_weights', () => {
      it('weights set before a UID was re-registered are dropped', () => {
        const sim = new EpochSim(1, { ...noCr, tempo: 0, maxAllowedValidators: 4, bondsPenalty: M });
        for (let k = 0; k < 4; k++) sim.register(1);
        sim.epoch();
        sim.nextBlock();
        const w = [2 * Math.floor(M / 3), Math.floor(M / 3)];
        for (const uid of [0, 1]) sim.setWeights(uid, [2, 3], w);
        for (const uid of [2, 3]) sim.setWeights(uid, [uid], [M]);
        let out = sim.epoch();
        expect(out.emission).toEqual([250_000_000n, 250_000_000n, 333_331_637n, 166_668_361n]);
        sim.replace(3, 0); // uid 3 had the least emission
        sim.nextBlock();
        sim.setWeights(0, [2, 3], w);
        out = sim.epoch();
        const bonds = sim.denseBonds();
        expect(out.dividends[0]).toBe(32767);
        expect(out.emission[0]).toBe(250_000_000n);
        expect(bonds[0]![2]).toBe(65535);
        expect(bonds[0]![3]).toBe(65535);
      });
    });

    describe('test_zero_weights', () => {
      it('no weights, self-weights only, or outdated weights: everything goes to the validator', () => {
        const sim = new EpochSim(1, { ...noCr, tempo: 65534 });
        sim.register(1);
        sim.register(0);
        expect(sim.epoch().emission).toEqual([1_000_000_000n, 0n]);
        sim.setWeights(1, [1], [M]);
        expect(sim.epoch().emission).toEqual([1_000_000_000n, 0n]);
        sim.runToBlock(2);
        sim.setWeights(0, [1], [M]);
        sim.replace(1, 0); // a new key takes the server's UID in the same block
        expect(sim.epoch().emission).toEqual([1_000_000_000n, 0n]);
        sim.runToBlock(3);
        sim.setWeights(0, [1], [M]);
        expect(sim.epoch().emission).toEqual([500_000_000n, 500_000_000n]);
      });
    });

    describe('test_deregistered_miner_bonds', () => {
      it("a re-registered miner's bonds restart while the other miner's grow", () => {
        const sim = new EpochSim(1, { ...noCr, tempo: 65534, maxAllowedValidators: 4, bondsPenalty: M });
        for (let k = 0; k < 4; k++) sim.register(1);
        sim.epoch();
        sim.nextBlock();
        const w = [2 * Math.floor(M / 3), Math.floor(M / 3)];
        for (const uid of [0, 1]) sim.setWeights(uid, [2, 3], w);
        sim.nextBlock();
        sim.nextBlock();
        sim.params.tempo = 2;
        sim.epoch();
        const before = sim.denseBonds()[0]!;
        expect(before[2]).toBeGreaterThan(0);
        expect(before[3]).toBeGreaterThan(0);
        sim.params.tempo = 65534;
        sim.nextBlock();
        sim.replace(3, 0);
        for (const uid of [0, 1]) sim.setWeights(uid, [2, 3], w);
        sim.nextBlock();
        expect(sim.blockAtRegistration[3]! >= sim.block - 2n).toBe(true);
        sim.params.tempo = 2;
        sim.epoch();
        const after = sim.denseBonds()[0]!;
        expect(after[2]).toBeGreaterThanOrEqual(before[2]!);
        expect(after[3]).toBeLessThanOrEqual(before[3]!);
      });
    });

    describe('test_validator_permits', () => {
      for (const interleave of [0, 1, 2]) {
        for (const [networkN, validatorsN] of [
          [2, 1],
          [4, 2],
          [8, 4],
        ] as const) {
          for (const assignment of [0, 1]) {
            it(`top-k stake above the threshold (interleave ${interleave}, ${validatorsN}/${networkN}, assignment ${assignment})`, () => {
              const [validators, servers] = distributeNodes(validatorsN, networkN, interleave);
              const minStake = BigInt(validatorsN);
              const stake = new Array<bigint>(networkN).fill(0n);
              for (const v of validators) stake[v] = assignment === 1 ? BigInt(v + networkN) : 1n;
              for (const s of servers) stake[s] = assignment === 1 ? BigInt(s) : 0n;
              const sim = new EpochSim(1, { tempo: 65534, stakeThreshold: minStake, maxAllowedValidators: validatorsN, yuma3: true });
              for (let k = 0; k < networkN; k++) sim.register(stake[k]);
              let out = sim.epoch();
              for (const v of validators) expect(out.validatorPermit[v]).toBe(stake[v]! >= minStake);
              for (const s of servers) expect(out.validatorPermit[s]).toBe(false);
              for (const s of servers) sim.alphaStake[s] = sim.alphaStake[s]! + BigInt(2 * networkN);
              sim.runToBlock(1);
              out = sim.epoch();
              for (const v of validators) expect(out.validatorPermit[v]).toBe(false);
              for (const s of servers) expect(out.validatorPermit[s]).toBe(stake[s]! + BigInt(2 * networkN) >= minStake);
            });
          }
        }
      }
    });

    describe('test_can_set_self_weight_as_subnet_owner', () => {
      it("the owner's self-weight survives the diagonal mask and both UIDs earn equal incentive", () => {
        const sim = new EpochSim(1, { yuma3: true, ownerUid: 0 });
        sim.register(5_000_000_000_000n);
        sim.register(0);
        sim.validatorPermit = [true, false];
        sim.weights[0] = [
          [0, Math.floor(M / 2)],
          [1, Math.floor(M / 2)],
        ];
        sim.nextBlock();
        sim.lastUpdate = [2n, 0n];
        const out = sim.epoch(1_000_000_000n);
        expect(out.serverEmission[0]).toBeGreaterThan(0n);
        expect(out.serverEmission[1]).toBeGreaterThan(0n);
        expect(out.serverEmission[0]).toBe(out.serverEmission[1]);
      });
    });

    describe('test_epoch_outputs_single_staker_registered_no_weights', () => {
      it('incentive + dividend emission adds up to the pending alpha (±1000)', () => {
        const sim = new EpochSim(1, { yuma3: true, tempo: 65534 });
        sim.register(1);
        const out = sim.epoch(1_000_000_000n);
        const total = out.serverEmission[0]! + out.validatorEmission[0]!;
        expect(total >= 1_000_000_000n - 1000n && total <= 1_000_000_000n + 1000n).toBe(true);
      });
    });

    describe('commit-reveal column mask (test_epoch_*mask* scenarios)', () => {
      /** Validator uid 0 votes for UIDs 1..3; each UID's registration block and the validator's commits vary. */
      function scenario(commitEnabled: boolean, commits: Array<{ commitEpoch: bigint; commitBlock: bigint }>, currentEpoch: bigint) {
        const sim = new EpochSim(8, { tempo: 8, yuma3: true, maxAllowedValidators: 1, commitRevealEnabled: false });
        sim.register(10_000);
        sim.validatorPermit[0] = true;
        sim.register(1_000); // uid 1 at block 8
        sim.runToBlock(40);
        sim.register(1_000); // uid 2 at block 40
        sim.register(1_000); // uid 3 at block 40
        sim.runToBlock(41);
        sim.setWeights(0, [1, 2, 3], [Math.floor(M / 3), Math.floor(M / 3), Math.floor(M / 3)]);
        sim.params.commitRevealEnabled = commitEnabled;
        sim.commitBlocks = earliestCommitBlocks(sim.n, {
          currentEpoch,
          revealPeriod: 2n,
          hashCommits: [{ uid: 0, commits }],
          timelockedCommits: [],
        });
        return sim.epoch(1_000n);
      }

      it('a live commit made before a registration hides the votes for that UID', () => {
        // first commit (epoch 1, block 8) has expired by epoch 5; the second (epoch 4, block 39) is live
        const out = scenario(
          true,
          [
            { commitEpoch: 1n, commitBlock: 8n },
            { commitEpoch: 4n, commitBlock: 39n },
          ],
          5n,
        );
        expect(out.incentive[1]).toBeGreaterThan(0);
        expect(out.incentive[2]).toBe(0);
        expect(out.incentive[3]).toBe(0);
      });

      it('no mask when commit-reveal is disabled, or when every commit expired', () => {
        const commits = [{ commitEpoch: 1n, commitBlock: 39n }];
        for (const out of [scenario(false, commits, 2n), scenario(true, commits, 4n)]) {
          expect(out.incentive.slice(1).every((x) => x > 0)).toBe(true);
        }
      });

      it('earliestCommitBlocks: first live hash commit per queue, every live timelocked commit', () => {
        const blocks = earliestCommitBlocks(3, {
          currentEpoch: 10n,
          revealPeriod: 2n,
          hashCommits: [
            {
              uid: 0,
              commits: [
                { commitEpoch: 7n, commitBlock: 70n },
                { commitEpoch: 8n, commitBlock: 80n },
                { commitEpoch: 9n, commitBlock: 60n },
              ],
            },
          ],
          timelockedCommits: [
            {
              uid: 1,
              commits: [
                { commitEpoch: 9n, commitBlock: 95n },
                { commitEpoch: 10n, commitBlock: 90n },
                { commitEpoch: 2n, commitBlock: 1n },
              ],
            },
            { uid: 0, commits: [{ commitEpoch: 10n, commitBlock: 85n }] },
          ],
        });
        expect(blocks).toEqual([80n, 90n, null]);
      });
    });

    // ---- more Yuma3 scenarios (same harness as the V05–V10 vectors) ------------------------------------

    describe('test_yuma_3_kappa_moves_last', () => {
      it('dividends within 1e-3, bonds near the targets', () => {
        const sim = yuma3Scenario([8, 1, 1, 0, 0]);
        const dividends = [
          [0.8, 0.1, 0.1, 0, 0],
          [0.8446, 0.0498, 0.1056, 0, 0],
          [0.8966, 0.0333, 0.0701, 0, 0],
          [0.4663, 0.321, 0.2127, 0, 0],
          [0.5976, 0.234, 0.1683, 0, 0],
          [0.6592, 0.1932, 0.1475, 0, 0],
        ];
        const bonds = [
          [[0.1013, 0], [0.1013, 0], [0.1013, 0]],
          [[0.1924, 0], [0.0908, 0.2987], [0.1924, 0]],
          [[0.2742, 0], [0.0815, 0.5081], [0.1715, 0.2987]],
          [[0.2416, 0.1013], [0.0731, 0.558], [0.1531, 0.3697]],
          [[0.2141, 0.1924], [0.0656, 0.6028], [0.1369, 0.4336]],
          [[0.1903, 0.2742], [0.0588, 0.643], [0.1225, 0.491]],
        ];
        dividends.forEach((target, e) => {
          if (e === 0) setYuma3Weights(sim, [[M, 0], [M, 0], [M, 0]], [3, 4]);
          if (e === 1) setYuma3Weights(sim, [[M, 0], [0, M], [M, 0]], [3, 4]);
          if (e === 2) setYuma3Weights(sim, [[M, 0], [0, M], [0, M]], [3, 4]);
          if (e === 3) setYuma3Weights(sim, [[0, M], [0, M], [0, M]], [3, 4]);
          sim.nextBlock();
          const out = sim.epoch();
          expectDividendsNear(out.dividends, target, `epoch ${e}`);
          expectBondsNear(sim, bonds[e]!, [3, 4], `epoch ${e}`);
        });
      });
    });

    describe('test_yuma_3_liquid_alpha_disabled', () => {
      it('fixed α = 1 − 0.975: dividends within 1e-3, bonds near the targets', () => {
        const sim = yuma3Scenario([33, 33, 34, 0, 0]);
        sim.params.liquidAlpha = false;
        const dividends = [
          [0.33, 0.33, 0.34, 0, 0],
          [0.33, 0.33, 0.34, 0, 0],
          [0.3734, 0.3734, 0.2532, 0, 0],
          [0.3611, 0.3611, 0.2779, 0, 0],
          [0.3541, 0.3541, 0.2919, 0, 0],
          [0.3495, 0.3495, 0.3009, 0, 0],
        ];
        // the test's target rows list (validator-col, server 3, server 4); servers are the last two
        const bonds = [
          [[0.025, 0], [0.025, 0], [0.025, 0]],
          [[0.0494, 0], [0.0494, 0], [0.0494, 0]],
          [[0.0731, 0], [0.0731, 0], [0.0481, 0.025]],
          [[0.0963, 0], [0.0963, 0], [0.0719, 0.0244]],
          [[0.1189, 0], [0.1189, 0], [0.0951, 0.0238]],
          [[0.1409, 0], [0.1409, 0], [0.1178, 0.0232]],
        ];
        dividends.forEach((target, e) => {
          if (e === 2) setYuma3Weights(sim, [[M, 0], [M, 0], [0, M]], [3, 4]);
          else setYuma3Weights(sim, [[M, 0], [M, 0], [M, 0]], [3, 4]);
          sim.nextBlock();
          const out = sim.epoch();
          expectDividendsNear(out.dividends, target, `epoch ${e}`);
          expectBondsNear(sim, bonds[e]!, [3, 4], `epoch ${e}`);
        });
      });
    });

    describe('test_yuma_3_bonds_reset', () => {
      it('41 epochs with the bonds on miner 3 reset at epoch 20', () => {
        const sim = yuma3Scenario([8, 1, 1, 0, 0]);
        const dividends: Record<number, number[]> = {
          0: [0.8, 0.1, 0.1, 0, 0],
          1: [0.8944, 0.0528, 0.0528, 0, 0],
          2: [0.523, 0.2385, 0.2385, 0, 0],
          19: [0.7919, 0.104, 0.104, 0, 0],
          20: [0.7928, 0.1036, 0.1036, 0, 0],
          21: [0.8467, 0.0766, 0.0766, 0, 0],
          40: [0.7928, 0.1036, 0.1036, 0, 0],
        };
        const bonds: Record<number, number[][]> = {
          0: [[0.1013, 0], [0.1013, 0], [0.1013, 0]],
          1: [[0.1924, 0], [0.0908, 0.2987], [0.0908, 0.2987]],
          2: [[0.1715, 0.1013], [0.0815, 0.3697], [0.0815, 0.3697]],
          19: [[0.0269, 0.8539], [0.0131, 0.8975], [0.0131, 0.8975]],
          20: [[0, 0.8687], [0, 0.9079], [0, 0.9079]],
          21: [[0, 0.882], [0.2987, 0.6386], [0.2987, 0.6386]],
          40: [[0.8687, 0.0578], [0.9079, 0.0523], [0.9079, 0.0523]],
        };
        for (let e = 0; e <= 40; e++) {
          if (e === 0) setYuma3Weights(sim, [[M, 0], [M, 0], [M, 0]], [3, 4]);
          else if (e === 1) setYuma3Weights(sim, [[M, 0], [0, M], [0, M]], [3, 4]);
          else if (e <= 20) {
            setYuma3Weights(sim, [[0, M], [0, M], [0, M]], [3, 4]);
            if (e === 20) sim.bonds = sim.bonds.map((row) => row.filter(([j]) => j !== 3)); // do_reset_bonds(uid 3)
          } else if (e === 21) setYuma3Weights(sim, [[0, M], [M, 0], [M, 0]], [3, 4]);
          else setYuma3Weights(sim, [[M, 0], [M, 0], [M, 0]], [3, 4]);
          sim.nextBlock();
          const out = sim.epoch();
          if (dividends[e]) {
            expectDividendsNear(out.dividends, dividends[e]!, `epoch ${e}`);
            expectBondsNear(sim, bonds[e]!, [3, 4], `epoch ${e}`);
          }
        }
      });
    });

    describe('test_liquid_alpha_equal_values_against_itself', () => {
      it('alpha_low = alpha_high = 0.1 gives the same bonds as liquid alpha off with bma 0.9 (dense compute_bonds)', () => {
        const mat = (xs: number[], rows: number): bigint[][] => {
          const cols = xs.length / rows;
          return Array.from({ length: rows }, (_, i) => xs.slice(i * cols, (i + 1) * cols).map(fixed));
        };
        const weights = mat([0, 0.1, 0, 0, 0.2, 0.4, 0, 0.3, 0.1, 0, 0.4, 0.5], 4);
        const bonds = mat([0.1, 0.1, 0.5, 0, 0, 0.4, 0.5, 0.1, 0.1, 0, 0.4, 0.2], 4);
        const consensus = [0.3, 0.2, 0.1, 0.4].map(fixed);
        const a = u16ProportionToFixed(Math.floor(M / 10));
        const p = { alphaLow: a, alphaHigh: a, steepness: 1000n << 32n };
        const on = computeBonds(weights, bonds, consensus, true, p, 900_000n);
        const off = computeBonds(weights, bonds, consensus, false, p, 900_000n);
        const eps = fixed(1e-3);
        expect(on.length).toBe(4);
        on.forEach((row, i) => row.forEach((v, j) => expect(I32F32.abs(v - off[i]![j]!) <= eps, `cell ${i},${j}`).toBe(true)));
      });

      it('the sparse variant instead drops bonds on columns a validator gave no weight (subtensor sparse semantics)', () => {
        const weights = sparseFromPairs([[[1, fixed(0.5)]], []]);
        const bonds = sparseFromPairs([[[0, fixed(0.5)], [1, fixed(0.5)]], []]);
        const p = { alphaLow: fixed(0.1), alphaHigh: fixed(0.1), steepness: 1000n << 32n };
        const on = computeBondsSparse(weights, bonds, [fixed(0.5), fixed(0.5)], true, p, 900_000n);
        const off = computeBondsSparse(weights, bonds, [fixed(0.5), fixed(0.5)], false, p, 900_000n);
        expect(on[0]!.cols).toEqual([1]);
        expect(off[0]!.cols).toEqual([0, 1]);
      });
    });

    describe('runEpoch input edge cases', () => {
      it('n = 0 gives empty outputs', () => {
        const sim = new EpochSim(1);
        const out = runEpoch(sim.input(), { path });
        expect(out.emission).toEqual([]);
        expect(out.bonds).toEqual([]);
      });
    });
  });
}
