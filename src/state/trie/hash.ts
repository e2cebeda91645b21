/**
 * blake2b-256 for the trie's hot path.
 *
 * The reference is `blake2AsU8a(data, 256)` from @polkadot/util-crypto. Through that wrapper each
 * call pays for argument normalisation, a key allocation, rest-parameter spreading and memory
 * view re-checks, which costs as much as the hash itself on small inputs. Here, once the
 * util-crypto WASM has been initialised (`cryptoWaitReady()`), the same `ext_blake2b` export is
 * driven directly through the public `bridge` of @polkadot/wasm-crypto, following the calling
 * convention its own wrapper uses (inputs malloc'd, result pointer/length at the return slot,
 * result freed by the caller). A self-check against `blake2AsU8a` on first use guards the fast
 * path; if it ever disagrees or throws, everything goes through `blake2AsU8a` from then on.
 * Before the WASM is ready, `blake2AsU8a` (pure JS) is used, with identical results.
 */
import { blake2AsU8a } from '@polkadot/util-crypto';
import { bridge } from '@polkadot/wasm-crypto';

interface Blake2Exports {
  memory: { buffer: ArrayBuffer };
  __wbindgen_malloc(size: number): number;
  __wbindgen_free(ptr: number, size: number): void;
  ext_blake2b(ret: 8, ptrData: number, lenData: number, ptrKey: number, lenKey: number, size: number): void;
}

/** Where the WASM functions write their (pointer, length) result pair, in bytes. */
const RETURN_SLOT = 8;

let wasm: Blake2Exports | null = null;
let bytes = new Uint8Array(0);
let words = new Int32Array(0);
/** 0: not checked yet, 1: fast path verified, -1: fast path disabled. */
let state: 0 | 1 | -1 = 0;

function refreshViews(exports: Blake2Exports): void {
  bytes = new Uint8Array(exports.memory.buffer);
  words = new Int32Array(exports.memory.buffer);
}

/**
 * Hashes `data[start, start + len)` in WASM memory and returns the result's address; the caller
 * copies and frees it.
 */
function hashInWasm(exports: Blake2Exports, data: Uint8Array, start: number, len: number): number {
  const ptr = exports.__wbindgen_malloc(len);
  const keyPtr = exports.__wbindgen_malloc(0);
  // A detached view (zero length) means the memory grew; rebuild the views.
  if (bytes.byteLength === 0) refreshViews(exports);
  if (len <= 256) {
    const b = bytes;
    for (let i = 0; i < len; i++) b[ptr + i] = data[start + i]!;
  } else {
    bytes.set(data.subarray(start, start + len), ptr);
  }
  exports.ext_blake2b(RETURN_SLOT, ptr, len, keyPtr, 0, 32);
  if (bytes.byteLength === 0) refreshViews(exports);
  return words[RETURN_SLOT >> 2]!;
}

function ready(): Blake2Exports | null {
  if (state === 1) return wasm;
  if (state === -1) return null;
  const candidate = bridge.wasm as unknown as Blake2Exports | null;
  if (candidate === null || typeof candidate.ext_blake2b !== 'function') return null;
  try {
    wasm = candidate;
    refreshViews(candidate);
    const probe = new Uint8Array(100).map((_, i) => (i * 37) & 0xff);
    const expected = blake2AsU8a(probe, 256);
    const got = viaWasm(candidate, probe);
    state = got.length === 32 && got.every((b, i) => b === expected[i]) ? 1 : -1;
  } catch {
    state = -1;
  }
  if (state === -1) wasm = null;
  return wasm;
}

function viaWasm(exports: Blake2Exports, data: Uint8Array, start = 0, len = data.length): Uint8Array {
  const r = hashInWasm(exports, data, start, len);
  const out = bytes.slice(r, r + 32);
  exports.__wbindgen_free(r, 32);
  return out;
}

/** blake2b-256 of `data` as a new array. */
export function hash256(data: Uint8Array): Uint8Array {
  const exports = ready();
  return exports === null ? blake2AsU8a(data, 256) : viaWasm(exports, data);
}

/** blake2b-256 of `data[start, start + len)` as a new array. */
export function hash256Range(data: Uint8Array, start: number, len: number): Uint8Array {
  const exports = ready();
  return exports === null
    ? blake2AsU8a(data.subarray(start, start + len), 256)
    : viaWasm(exports, data, start, len);
}

/** Writes blake2b-256 of `data` into `out` at `offset` without allocating a result array. */
export function hash256Into(data: Uint8Array, out: Uint8Array, offset: number): void {
  const exports = ready();
  if (exports === null) {
    out.set(blake2AsU8a(data, 256), offset);
    return;
  }
  const r = hashInWasm(exports, data, 0, data.length);
  const b = bytes;
  for (let i = 0; i < 32; i++) out[offset + i] = b[r + i]!;
  exports.__wbindgen_free(r, 32);
}
