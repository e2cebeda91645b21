import { cryptoWaitReady } from '@polkadot/util-crypto';
import { MerkleTrie, trieRoot } from '../src/state/trie/index.js';
await cryptoWaitReady();
let seed = 0x9e3779b9;
function randomBytes(len: number): Uint8Array { const out = new Uint8Array(len); for (let i = 0; i < len; i++) { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; out[i] = seed & 0xff; } return out; }
const entries: Array<[Uint8Array, Uint8Array]> = [];
for (let i = 0; i < 100000; i++) entries.push([randomBytes(32), randomBytes(40)]);
for (let r = 0; r < 3; r++) {
let t0 = performance.now(); trieRoot(entries, 1); console.log('trieRoot', performance.now() - t0);
t0 = performance.now(); entries.slice().sort((a, b) => { const x=a[0],y=b[0]; for (let i=0;i<32;i++){const d=x[i]!-y[i]!; if(d) return d;} return 0;}); console.log('sort only', performance.now() - t0);
const t = new MerkleTrie(1);
t0 = performance.now(); for (const [k, v] of entries) t.set(k, v); console.log('insert', performance.now() - t0);
t0 = performance.now(); t.root(); console.log('root', performance.now() - t0);
}
