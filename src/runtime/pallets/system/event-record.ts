/** `frame_system::EventRecord<RuntimeEvent, H256>`; bound to the runtime's event codec lazily. */
import { struct, vec } from '../../../primitives/scale/index.ts';
import { forwardingCodec } from '../../framework/call-ref.ts';
import type { RuntimeEvent } from '../../framework/runtime-builder.ts';
import { H256, Phase } from '../../types.ts';

const ref = forwardingCodec<RuntimeEvent>('RuntimeEvent');

export const RuntimeEventRef = ref.codec;
export const bindRuntimeEvent = ref.bind;

export const EventRecordCodec = struct(
  { phase: Phase, event: RuntimeEventRef, topics: vec(H256) },
  { path: ['frame_system', 'EventRecord'], params: [{ name: 'E', type: RuntimeEventRef }, { name: 'T', type: H256 }] },
);
