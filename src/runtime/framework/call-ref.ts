/**
 * `RuntimeCall` as a codec pallets can embed (Utility.batch, Sudo.sudo) before the runtime
 * exists. It forwards to whichever runtime was bound last (never cached), so several runtime
 * instances in one process (tests, tools) each decode with their own codec.
 */
import type { Codec } from '../../primitives/scale/index.ts';
import type { RuntimeCall } from './runtime-builder.ts';

export function forwardingCodec<T>(what: string): { codec: Codec<T>; bind(c: Codec<T>): void } {
  let bound: Codec<T> | undefined;
  const target = () => {
    if (!bound) throw new Error(`${what} codec used before the runtime was built`);
    return bound;
  };
  return {
    codec: {
      enc: (w, v) => target().enc(w, v),
      dec: (r) => target().dec(r),
      get info() {
        return target().info;
      },
    },
    bind(c) {
      bound = c;
    },
  };
}

const ref = forwardingCodec<RuntimeCall>('RuntimeCall');

export const RuntimeCallRef: Codec<RuntimeCall> = ref.codec;
export const bindRuntimeCall = ref.bind;
