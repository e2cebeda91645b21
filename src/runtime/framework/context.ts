/**
 * The environment one block (or one runtime-API call) executes in: the storage overlay, the
 * events deposited so far, the current phase, and the host functions the node provides.
 */
import type { OverlayedState } from '../../state/overlay.ts';
import type { SignatureScheme } from '../../primitives/crypto.ts';
import type { EnumValue } from '../../primitives/scale/index.ts';
import type { Runtime, RuntimeCall, RuntimeEvent } from './runtime-builder.ts';
import type { DispatchOutcome, Origin } from './dispatch.ts';

/** What the node supplies to the pure runtime (the equivalent of Substrate host functions). */
export interface RuntimeHost {
  verifySignature(scheme: SignatureScheme, signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
}

export interface EventRecord {
  phase: EnumValue;
  event: RuntimeEvent;
  topics: Uint8Array[];
}

export class BlockContext {
  readonly events: EventRecord[] = [];
  phase: EnumValue = { tag: 'Initialization', value: undefined };
  /** Extrinsic index being applied (for `Phase::ApplyExtrinsic`). */
  extrinsicIndex = 0;
  /** The block author (fee recipient), looked up once per block; null when there is none. */
  author: Uint8Array | null | undefined;
  private readonly eventMarks: number[] = [];

  constructor(
    readonly runtime: Runtime,
    readonly storage: OverlayedState,
    readonly host: RuntimeHost,
    public blockNumber: number,
  ) {}

  depositEvent(pallet: string, name: string, fields: Record<string, unknown> = {}): void {
    this.events.push({ phase: this.phase, event: { pallet, name, fields }, topics: [] });
  }

  /** Runs `fn` in a storage transaction: a throw rolls back storage and events, then rethrows. */
  transactional<T>(fn: () => T): T {
    this.storage.startTransaction();
    this.eventMarks.push(this.events.length);
    try {
      const out = fn();
      this.storage.commitTransaction();
      this.eventMarks.pop();
      return out;
    } catch (e) {
      this.storage.rollbackTransaction();
      this.events.length = this.eventMarks.pop()!;
      throw e;
    }
  }

  /** Dispatch a (nested) call with the given origin; failures come back as values. */
  dispatch(origin: Origin, call: RuntimeCall): DispatchOutcome {
    return this.runtime.dispatch(this, origin, call);
  }
}
