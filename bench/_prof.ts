import { cryptoWaitReady, blake2AsU8a } from '@polkadot/util-crypto';
import { blake2b } from '@polkadot/wasm-crypto';
await cryptoWaitReady();
const data = Array.from({length: 1000}, (_, i) => new Uint8Array(72).fill(i));
const key = new Uint8Array(0);
for (const [name, fn] of [['blake2AsU8a', (d: Uint8Array) => blake2AsU8a(d, 256)], ['wasm blake2b', (d: Uint8Array) => blake2b(d, key, 32)]] as const) {
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    for (let i = 0; i < 200000; i++) fn(data[i % 1000]!);
    console.log(name, (performance.now() - t0).toFixed(1), 'ms / 200k');
  }
}
