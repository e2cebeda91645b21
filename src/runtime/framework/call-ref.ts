/** `RuntimeCall` as a codec pallets can embed (Utility.batch, Sudo.sudo) before the runtime exists. */
import { lazy, type Codec } from '../../primitives/scale/index.ts';
import type { RuntimeCall } from './runtime-builder.ts';

let bound: Codec<RuntimeCall> | undefined;

export function bindRuntimeCall(codec: Codec<RuntimeCall>): void {
  bound = codec;
}

export const RuntimeCallRef: Codec<RuntimeCall> = lazy(() => {
  if (!bound) throw new Error('RuntimeCall codec used before the runtime was built');
  return bound;
});
