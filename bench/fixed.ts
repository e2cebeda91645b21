/**
 * Fixed-point throughput: npx tsx bench/fixed.ts
 * Prints operations per second for the hot epoch/coinbase operations. No assertions.
 */
import { performance } from 'node:perf_hooks';
import { I32F32, I64F64, U64F64, type FixedType } from '../src/primitives/fixed/index.ts';

const SAMPLES = 4096;
const ROUNDS = 200;

function operands(T: FixedType, seed: number): bigint[] {
  let s = seed;
  const next = (): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const out: bigint[] = [];
  // values in (0.001, 1000), signs mixed for signed types: the range epoch math lives in
  for (let i = 0; i < SAMPLES; i++) {
    const v = T.fromNum(0.001 + next() * 1000);
    out.push(T.signed && next() < 0.5 ? -v : v);
  }
  return out;
}

function measure(label: string, op: (a: bigint, b: bigint) => bigint, a: bigint[], b: bigint[]): void {
  let sink = 0n;
  for (let i = 0; i < SAMPLES; i++) sink ^= op(a[i]!, b[i]!); // warm-up
  const start = performance.now();
  for (let r = 0; r < ROUNDS; r++) {
    for (let i = 0; i < SAMPLES; i++) sink ^= op(a[i]!, b[i]!);
  }
  const seconds = (performance.now() - start) / 1000;
  const opsPerSec = (SAMPLES * ROUNDS) / seconds;
  console.log(`${label.padEnd(26)} ${Math.round(opsPerSec).toLocaleString('en-US').padStart(13)} ops/s${sink === -1n ? ' ' : ''}`);
}

const cases: Array<[string, FixedType, (T: FixedType) => (a: bigint, b: bigint) => bigint]> = [
  ['mul', I32F32, (T) => T.mul],
  ['saturatingMul', I32F32, (T) => T.saturatingMul],
  ['div', I32F32, (T) => T.div],
  ['safeDiv', I32F32, (T) => T.safeDiv],
  ['mul', I64F64, (T) => T.mul],
  ['div', I64F64, (T) => T.div],
  ['saturatingMul', U64F64, (T) => T.saturatingMul],
  ['safeDiv', U64F64, (T) => T.safeDiv],
];

for (const [name, T, pick] of cases) {
  measure(`${T.name}.${name}`, pick(T), operands(T, 1), operands(T, 2));
}
