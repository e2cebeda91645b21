/** `state_getReadProof` and `state_getPairs`: storage proofs and prefix dumps. */
import { toHex } from '../../primitives/hex.ts';
import { responseTooBig, stateClientError } from '../errors.ts';
import * as p from '../params.ts';
import type { CallHandler } from '../types.ts';

/** Keys per storage page while walking a prefix (sc-rpc's paging bound). */
const PAGE = 1000;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function keyList(value: unknown, name: string): Uint8Array[] {
  return p.array(value, name).map((k, i) => p.bytes(k, `${name}[${i}]`));
}

/** `[keys[], at?]` → `{"at": hash, "proof": ["0x<trie node>", …]}` (nodes sorted bytewise, deduplicated). */
export const getReadProof: CallHandler = (params, ctx) => {
  const keys = keyList(p.required(params, 0, 'keys'), 'keys');
  const at = p.optionalHash(params, 1) ?? ctx.api.best().hash;
  if (!ctx.api.readProof) throw stateClientError('Read proofs are not supported by this node');
  const proof = ctx.api.readProof(keys, at);
  return { at: toHex(at), proof: proof.map(toHex) };
};

/** `[prefix, at?]` → `[[key, value], …]` for every key under the prefix (unsafe; bounded by the response size limit). */
export const getPairs: CallHandler = async (params, ctx) => {
  const prefix = p.bytes(p.required(params, 0, 'prefix'), 'prefix');
  const at = p.optionalHash(params, 1) ?? ctx.api.best().hash;
  const out: [string, string][] = [];
  let size = 0;
  let start: Uint8Array | undefined;
  for (;;) {
    const page = ctx.api.storageKeys(prefix, PAGE, start, at);
    for (const key of page) {
      const value = ctx.api.storage(key, at);
      if (value === undefined) continue;
      const pair: [string, string] = [toHex(key), toHex(value)];
      size += pair[0].length + pair[1].length + 8;
      if (size > ctx.server.maxResponseBytes) throw responseTooBig(ctx.server.maxResponseBytes);
      out.push(pair);
    }
    if (page.length < PAGE) return out;
    start = page[page.length - 1];
    // Let other requests run between pages; each NodeApi read takes a fresh view of block `at`.
    await yieldToEventLoop();
  }
};
