/**
 * A tiny stand-in for the epoch-relevant storage of subtensor's test mock, so the scenarios of
 * `pallets/subtensor/src/tests/epoch.rs` can be replayed against `runEpoch`: registration
 * (`append_neuron`/`replace_neuron`), `set_weights` (max-upscaled, stamps `LastUpdate`), block
 * advance, and the epoch with its storage writes (bonds, permits and the per-UID vectors).
 */
import { runEpoch, type EpochInput, type EpochOptions, type EpochOutput } from '../../../../../../src/runtime/pallets/subtensor/epoch/index.ts';
import { vecU16MaxUpscaleToU16 } from '../../../../../../src/runtime/pallets/subtensor/epoch/math.ts';

export interface SimParams {
  tempo?: number;
  activityCutoffFactorMilli?: number;
  maxAllowedValidators?: number;
  kappa?: number;
  bondsPenalty?: number;
  bondsMovingAverage?: bigint;
  yuma3?: boolean;
  liquidAlpha?: boolean;
  alphaLow?: number;
  alphaHigh?: number;
  alphaSigmoidSteepness?: number;
  stakeThreshold?: bigint;
  taoWeight?: bigint;
  commitRevealEnabled?: boolean;
  ownerUid?: number | null;
}

export class EpochSim {
  block: bigint;
  alphaStake: bigint[] = [];
  taoStake: bigint[] = [];
  lastUpdate: bigint[] = [];
  blockAtRegistration: bigint[] = [];
  validatorPermit: boolean[] = [];
  weights: Array<Array<[number, number]>> = [];
  bonds: Array<Array<[number, number]>> = [];
  commitBlocks: Array<bigint | null> = [];
  lastMechanismStepBlock = 0n;
  params: Required<SimParams>;
  last: EpochOutput | undefined;
  /** Which epoch implementation new simulations run (see `EpochOptions.path`). */
  static defaultPath: EpochOptions['path'] = 'auto';
  path: EpochOptions['path'] = EpochSim.defaultPath;

  constructor(block: number | bigint, params: SimParams = {}) {
    this.block = BigInt(block);
    this.params = {
      tempo: 360,
      activityCutoffFactorMilli: 13889,
      maxAllowedValidators: 64,
      kappa: 32767,
      bondsPenalty: 65535,
      bondsMovingAverage: 900_000n,
      yuma3: false,
      liquidAlpha: false,
      alphaLow: 45875,
      alphaHigh: 58982,
      alphaSigmoidSteepness: 1000,
      stakeThreshold: 0n,
      taoWeight: 0n,
      commitRevealEnabled: false,
      ownerUid: null,
      ...params,
    };
  }

  get n(): number {
    return this.alphaStake.length;
  }

  /** `append_neuron` at the current block (plus its alpha stake). */
  register(stake: number | bigint = 0): number {
    const uid = this.n;
    this.alphaStake.push(BigInt(stake));
    this.taoStake.push(0n);
    this.lastUpdate.push(this.block);
    this.blockAtRegistration.push(this.block);
    this.validatorPermit.push(false);
    this.commitBlocks.push(null);
    return uid;
  }

  /** `replace_neuron` + `clear_neuron` at the current block. */
  replace(uid: number, stake: number | bigint = 0): void {
    this.alphaStake[uid] = BigInt(stake);
    this.taoStake[uid] = 0n;
    this.blockAtRegistration[uid] = this.block;
    this.lastUpdate[uid] = this.block;
    this.validatorPermit[uid] = false;
    this.bonds[uid] = [];
    this.weights[uid] = [];
    for (const row of this.weights) if (row) for (const e of row) if (e[0] === uid) e[1] = 0;
  }

  /** `set_weights` with commit-reveal off: stores max-upscaled values, stamps LastUpdate. */
  setWeights(uid: number, uids: number[], values: number[]): void {
    const up = vecU16MaxUpscaleToU16(values);
    this.weights[uid] = uids.map((j, k): [number, number] => [j, up[k]!]);
    if (!this.params.commitRevealEnabled) this.lastUpdate[uid] = this.block;
  }

  nextBlock(): void {
    this.block += 1n;
  }

  runToBlock(b: number | bigint): void {
    this.block = BigInt(b);
  }

  input(raoEmission: bigint = 1_000_000_000n): EpochInput {
    const p = this.params;
    return {
      n: this.n,
      currentBlock: this.block,
      tempo: p.tempo,
      activityCutoffFactorMilli: p.activityCutoffFactorMilli,
      alphaStake: this.alphaStake.slice(),
      taoStake: this.taoStake.slice(),
      taoWeight: p.taoWeight,
      stakeThreshold: p.stakeThreshold,
      lastUpdate: this.lastUpdate.slice(),
      blockAtRegistration: this.blockAtRegistration.slice(),
      validatorPermit: this.validatorPermit.slice(),
      maxAllowedValidators: p.maxAllowedValidators,
      ownerUid: p.ownerUid,
      weights: this.weights.map((r) => (r ?? []).map((e) => [e[0], e[1]] as const)),
      bonds: this.bonds.map((r) => (r ?? []).map((e) => [e[0], e[1]] as const)),
      kappa: p.kappa,
      bondsPenalty: p.bondsPenalty,
      bondsMovingAverage: p.bondsMovingAverage,
      yuma3: p.yuma3,
      liquidAlpha: p.liquidAlpha,
      alphaLow: p.alphaLow,
      alphaHigh: p.alphaHigh,
      alphaSigmoidSteepness: p.alphaSigmoidSteepness,
      lastMechanismStepBlock: this.lastMechanismStepBlock,
      commitRevealEnabled: p.commitRevealEnabled,
      commitBlocks: this.commitBlocks.slice(),
      raoEmission,
    };
  }

  /** `SubtensorModule::epoch(netuid, rao)`: runs and persists bonds and permits. */
  epoch(raoEmission: bigint = 1_000_000_000n): EpochOutput {
    const out = runEpoch(this.input(raoEmission), { path: this.path });
    this.bonds = out.bonds.map((r) => r.map((e): [number, number] => [e[0], e[1]]));
    this.validatorPermit = out.validatorPermit.slice();
    this.last = out;
    return out;
  }

  /** `get_bonds`: dense u16 bond matrix (n × n) as stored. */
  denseBonds(): number[][] {
    const n = this.n;
    return Array.from({ length: n }, (_, i) => {
      const row = new Array<number>(n).fill(0);
      for (const [j, v] of this.bonds[i] ?? []) if (j < n) row[j] = v;
      return row;
    });
  }
}
