/** Transaction mortality (`sp_runtime::generic::Era`): immortal, or a period/phase pair in 2 bytes. */
import { ScaleError, type Codec, type VariantInfo } from '../../primitives/scale/index.ts';
import { u8 } from '../../primitives/scale/index.ts';

export type Era = { kind: 'Immortal' } | { kind: 'Mortal'; period: number; phase: number };

export const IMMORTAL: Era = { kind: 'Immortal' };

function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** A mortal era of roughly `period` blocks starting at `current` (what clients construct). */
export function mortalEra(period: number, current: number): Era {
  const p = Math.min(Math.max(nextPowerOfTwo(period), 4), 1 << 16);
  const phase = current % p;
  const quantizeFactor = Math.max(p >> 12, 1);
  return { kind: 'Mortal', period: p, phase: Math.floor(phase / quantizeFactor) * quantizeFactor };
}

export function eraBirth(era: Era, current: number): number {
  if (era.kind === 'Immortal') return 0;
  return Math.floor((Math.max(current, era.phase) - era.phase) / era.period) * era.period + era.phase;
}

/** First block at which the transaction is no longer valid. */
export function eraDeath(era: Era, current: number): number {
  if (era.kind === 'Immortal') return Number.MAX_SAFE_INTEGER;
  return eraBirth(era, current) + era.period;
}

function trailingZeros(n: number): number {
  let z = 0;
  while (n > 1 && (n & 1) === 0) {
    n >>= 1;
    z++;
  }
  return z;
}

const variants: VariantInfo[] = [{ name: 'Immortal', index: 0, fields: [] }];
for (let i = 1; i < 256; i++) variants.push({ name: `Mortal${i}`, index: i, fields: [{ type: u8 }] });

export const EraCodec: Codec<Era> = {
  enc: (w, era) => {
    if (era.kind === 'Immortal') {
      w.u8(0);
      return;
    }
    const quantizeFactor = Math.max(era.period >> 12, 1);
    const encoded = Math.min(Math.max(trailingZeros(era.period) - 1, 1), 15) | ((era.phase / quantizeFactor) << 4);
    w.u16(encoded);
  },
  dec: (r) => {
    const first = r.u8();
    if (first === 0) return IMMORTAL;
    const encoded = first + (r.u8() << 8);
    const period = 2 << (encoded % (1 << 4));
    const quantizeFactor = Math.max(period >> 12, 1);
    const phase = (encoded >> 4) * quantizeFactor;
    if (period < 4 || phase >= period) throw new ScaleError('invalid mortal era');
    return { kind: 'Mortal', period, phase };
  },
  info: { path: ['sp_runtime', 'generic', 'era', 'Era'], def: { kind: 'variant', variants } },
};
