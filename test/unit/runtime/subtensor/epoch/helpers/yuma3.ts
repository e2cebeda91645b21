/** The Yuma3 test scaffolding of subtensor tests/epoch.rs (`setup_yuma_3_scenario`, `set_yuma_3_weights`, the checks). */
import { expect } from 'vitest';
import { I32F32 } from '../../../../../../src/primitives/fixed/index.ts';
import { fixed, u16ProportionToFixed } from '../../../../../../src/runtime/pallets/subtensor/epoch/math.ts';
import { EpochSim } from './sim.ts';

/** Registers everyone at block 1, sets the Yuma3/liquid-alpha parameters and runs the permit epoch at block 2. */
export function yuma3Scenario(stakes: number[], liquidAlpha = true): EpochSim {
  const sim = new EpochSim(1, {
    tempo: 1,
    bondsPenalty: 0,
    alphaSigmoidSteepness: 1000,
    bondsMovingAverage: 975_000n,
    kappa: 32767,
    liquidAlpha,
    alphaLow: 6553, // set_alpha_values_32(0.1, 0.3)
    alphaHigh: 19660,
    yuma3: true,
    maxAllowedValidators: 3,
  });
  for (const s of stakes) sim.register(s);
  sim.nextBlock();
  sim.epoch();
  return sim;
}

export function setYuma3Weights(sim: EpochSim, rows: number[][], indices: number[]): void {
  rows.forEach((w, uid) => sim.setWeights(uid, indices, w));
}

/** subtensor's check: |u16_proportion_to_fixed(d) − fixed(target)| ≤ fixed(1e-3) in I32F32. */
export function expectDividendsNear(dividends: number[], targets: number[], label: string): void {
  const eps = fixed(1e-3);
  targets.forEach((t, uid) => {
    const diff = I32F32.abs(I32F32.sub(u16ProportionToFixed(dividends[uid]!), fixed(t)));
    expect(diff <= eps, `${label} uid ${uid}: ${dividends[uid]! / 65535} vs ${t}`).toBe(true);
  });
}

/** The (unasserted in subtensor) bond targets: stored u16/65535 of server columns within 1e-3. */
export function expectBondsNear(sim: EpochSim, targets: number[][], servers: number[], label: string): void {
  const dense = sim.denseBonds();
  targets.forEach((row, uid) =>
    row.forEach((t, k) => {
      const got = dense[uid]![servers[k]!]! / 65535;
      expect(Math.abs(got - t), `${label} bond[${uid}][${servers[k]}] = ${got} vs ${t}`).toBeLessThanOrEqual(1e-3);
    }),
  );
}

