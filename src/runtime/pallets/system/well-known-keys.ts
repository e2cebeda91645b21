/** Raw (unhashed) storage keys every Substrate chain has. */
import { utf8, startsWith } from '../../../primitives/hex.ts';

export const CODE_KEY = utf8(':code');
export const HEAP_PAGES_KEY = utf8(':heappages');
export const EXTRINSIC_INDEX_KEY = utf8(':extrinsic_index');

/**
 * This node executes its runtime natively; `:code` holds a small marker blob so clients that
 * hash it to detect upgrades (polkadot-api) work. The blob names the runtime and spec version.
 */
export const RUNTIME_CODE_MAGIC = utf8('subtensor-ts-runtime:');

export function isRuntimeCodeBlob(code: Uint8Array): boolean {
  return startsWith(code, RUNTIME_CODE_MAGIC);
}
