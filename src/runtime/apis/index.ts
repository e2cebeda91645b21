/**
 * The runtime API table served through `state_call`: `<Trait>_<method>` → handler. The same
 * runtime code that builds and imports blocks answers these, at the requested block's state.
 */
import { consensusApis } from './consensus.ts';
import { coreApis } from './core.ts';
import { metadataApis } from './metadata.ts';
import { RuntimeApiError, type ApiContext, type ApiMethod } from './context.ts';

const extraApis: Record<string, ApiMethod> = { ...metadataApis, ...consensusApis };

/** Later pallets (metadata, subtensor APIs) register their methods here. */
export function registerRuntimeApis(methods: Record<string, ApiMethod>): void {
  Object.assign(extraApis, methods);
}

export function callRuntimeApi(ctx: ApiContext, method: string, args: Uint8Array): Uint8Array {
  const fn = coreApis[method] ?? extraApis[method];
  if (!fn) throw new RuntimeApiError(`Exported method ${method} is not found`);
  return fn(ctx, args);
}

export function runtimeApiNames(): string[] {
  return [...Object.keys(coreApis), ...Object.keys(extraApis)];
}

export { RuntimeApiError, type ApiContext, type ApiMethod };
