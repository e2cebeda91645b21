/** Seeded random epoch inputs for property tests (deterministic: a test failure names its seed). */
import type { EpochInput } from '../../../../../../src/runtime/pallets/subtensor/epoch/index.ts';

export class Rng {
  private state: bigint;
  constructor(seed: number) {
    this.state = BigInt(seed) * 0x9e3779b97f4a7c15n + 1n;
  }
  /** splitmix64 */
  next(): bigint {
    this.state = (this.state + 0x9e3779b97f4a7c15n) & 0xffffffffffffffffn;
    let z = this.state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & 0xffffffffffffffffn;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & 0xffffffffffffffffn;
    return z ^ (z >> 31n);
  }
  int(maxExclusive: number): number {
    return Number(this.next() % BigInt(maxExclusive));
  }
  big(maxExclusive: bigint): bigint {
    return this.next() % maxExclusive;
  }
  chance(p: number): boolean {
    return this.int(1_000_000) < p * 1_000_000;
  }
}

export interface RandomOptions {
  maxN?: number;
  yuma3?: boolean;
  withWeights?: boolean;
  /** Unsorted/duplicate weight entries, bond columns beyond n, commit-reveal, odd moving averages. */
  messy?: boolean;
}

export function randomEpochInput(seed: number, o: RandomOptions = {}): EpochInput {
  const r = new Rng(seed);
  const n = 1 + r.int(o.maxN ?? 48);
  const currentBlock = 10_000n + r.big(100_000n);
  const tempo = 1 + r.int(400);
  const uids = Array.from({ length: n }, (_, i) => i);
  const alphaStake = uids.map(() => (r.chance(0.4) ? r.big(10n ** 15n) : r.chance(0.2) ? r.big(100n) : 0n));
  const taoStake = uids.map(() => (r.chance(0.2) ? r.big(10n ** 13n) : 0n));
  const lastUpdate = uids.map(() => (r.chance(0.8) ? currentBlock - r.big(5_000n) : r.big(currentBlock)));
  const blockAtRegistration = uids.map((i) => (r.chance(0.85) ? r.big(lastUpdate[i]! + 1n) : currentBlock - r.big(3n)));
  const validatorPermit = uids.map(() => r.chance(0.5));
  const withWeights = o.withWeights ?? true;
  const messy = o.messy ?? false;
  const weights = uids.map(() => {
    if (!withWeights || !r.chance(0.6)) return [] as Array<readonly [number, number]>;
    const k = 1 + r.int(Math.min(n, 12));
    const cols = new Set<number>();
    for (let t = 0; t < k; t++) cols.add(r.int(n));
    const sorted = [...cols].sort((a, b) => a - b);
    if (messy && r.chance(0.3)) {
      // unsorted, with a duplicate column now and then (storage does not forbid it)
      for (let t = sorted.length - 1; t > 0; t--) {
        const u = r.int(t + 1);
        [sorted[t], sorted[u]] = [sorted[u]!, sorted[t]!];
      }
      if (r.chance(0.5)) sorted.push(sorted[0]!);
    }
    return sorted.map((j) => [j, r.chance(0.1) ? 0 : r.int(65536)] as const);
  });
  const bonds = uids.map(() => {
    if (!r.chance(0.5)) return [] as Array<readonly [number, number]>;
    const k = 1 + r.int(Math.min(n, 8));
    const cols = new Set<number>();
    for (let t = 0; t < k; t++) cols.add(r.int(n));
    if (messy && r.chance(0.2)) cols.add(n + r.int(3)); // a column beyond n (bonds are not filtered by column)
    return [...cols].sort((a, b) => a - b).map((j) => [j, 1 + r.int(65535)] as const);
  });
  const alphaLow = 1638 + r.int(40000);
  return {
    n,
    currentBlock,
    tempo,
    activityCutoffFactorMilli: 13889,
    alphaStake,
    taoStake,
    taoWeight: r.chance(0.5) ? 971_718_665_099_567_868n : 0n,
    stakeThreshold: r.chance(0.2) ? r.big(1000n) : 0n,
    lastUpdate,
    blockAtRegistration,
    validatorPermit,
    maxAllowedValidators: 1 + r.int(Math.max(1, n)),
    ownerUid: r.chance(0.3) ? r.int(n) : null,
    weights,
    bonds,
    kappa: r.chance(0.7) ? 32767 : r.int(65536),
    bondsPenalty: r.chance(0.5) ? 65535 : r.int(65536),
    bondsMovingAverage: r.chance(0.5) ? 900_000n : messy && r.chance(0.2) ? 1_000_000n + r.big(10n ** 7n) : r.big(1_000_000n),
    yuma3: o.yuma3 ?? r.chance(0.5),
    liquidAlpha: r.chance(0.5),
    alphaLow,
    alphaHigh: alphaLow + r.int(65536 - alphaLow),
    alphaSigmoidSteepness: r.int(3000),
    lastMechanismStepBlock: r.chance(0.5) ? 0n : currentBlock - BigInt(1 + r.int(tempo)),
    commitRevealEnabled: messy && r.chance(0.4),
    commitBlocks: uids.map(() => (r.chance(0.3) ? currentBlock - r.big(5_000n) : null)),
    raoEmission: r.chance(0.5) ? 1_000_000_000n : r.big(10n ** 12n),
  };
}
