/** The Metadata runtime API: V14 from `metadata()`, V14/V15 from `metadata_at_version`. */
import { metadataApiAtVersion, metadataApiMetadata, metadataApiVersions, type RuntimeApiMeta } from '../metadata/index.ts';
import { RuntimeApiError, type ApiMethod } from './context.ts';
import { NODE_RUNTIME_APIS } from './descriptions.ts';

/**
 * Runtime API descriptions published in V15 metadata: every API this node serves through
 * `state_call` (see descriptions.ts), in subtensor's order. Subtensor's own APIs add theirs here.
 */
export const RUNTIME_API_DESCRIPTIONS: readonly RuntimeApiMeta[] = [...NODE_RUNTIME_APIS];

export const metadataApis: Record<string, ApiMethod> = {
  Metadata_metadata: (ctx) => metadataApiMetadata(ctx.rt.runtime, RUNTIME_API_DESCRIPTIONS),
  Metadata_metadata_at_version: (ctx, args) => {
    if (args.length !== 4) throw new RuntimeApiError(`metadata_at_version expects a u32 (4 bytes), got ${args.length}`);
    const version = new DataView(args.buffer, args.byteOffset, 4).getUint32(0, true);
    return metadataApiAtVersion(ctx.rt.runtime, version, RUNTIME_API_DESCRIPTIONS);
  },
  Metadata_metadata_versions: () => metadataApiVersions(),
};
