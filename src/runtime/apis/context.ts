/** What a runtime API call sees: the runtime and one block's state (read-only). */
import type { StateReader } from '../../state/reader.ts';
import type { RuntimeInstance } from '../runtime.ts';

export interface ApiContext {
  rt: RuntimeInstance;
  state: StateReader;
  blockNumber: number;
  blockHash: Uint8Array;
}

export type ApiMethod = (ctx: ApiContext, args: Uint8Array) => Uint8Array;

export class RuntimeApiError extends Error {}
