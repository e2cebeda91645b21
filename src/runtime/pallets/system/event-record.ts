/** `frame_system::EventRecord<RuntimeEvent, H256>`; bound to the runtime's event codec lazily. */
import { lazy, struct, vec, type AnyCodec } from '../../../primitives/scale/index.ts';
import { H256, Phase } from '../../types.ts';

let runtimeEvent: AnyCodec | undefined;

export function bindRuntimeEvent(codec: AnyCodec): void {
  runtimeEvent = codec;
}

export const RuntimeEventRef = lazy(() => {
  if (!runtimeEvent) throw new Error('RuntimeEvent codec used before the runtime was built');
  return runtimeEvent;
});

export const EventRecordCodec = struct(
  { phase: Phase, event: RuntimeEventRef, topics: vec(H256) },
  { path: ['frame_system', 'EventRecord'], params: [{ name: 'E', type: RuntimeEventRef }, { name: 'T', type: H256 }] },
);
