/** Sealing modes: Aura slots (default), instant (a block per transaction), manual, fixed interval. */
export type SealingMode = { kind: 'aura' } | { kind: 'instant' } | { kind: 'manual' } | { kind: 'interval'; ms: number };

export class SealingModeError extends Error {}

export function parseSealing(value: string): SealingMode {
  if (value === 'aura') return { kind: 'aura' };
  if (value === 'instant') return { kind: 'instant' };
  if (value === 'manual') return { kind: 'manual' };
  const m = /^interval=(\d+)$/.exec(value);
  if (m) {
    const ms = Number(m[1]);
    if (ms < 10) throw new SealingModeError('--sealing interval must be at least 10 ms');
    return { kind: 'interval', ms };
  }
  throw new SealingModeError(`invalid --sealing value ${JSON.stringify(value)}: use aura, instant, manual or interval=<ms>`);
}
