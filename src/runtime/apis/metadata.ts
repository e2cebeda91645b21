/** The Metadata runtime API: V14 from `metadata()`, V14/V15 from `metadata_at_version`. */
import { METADATA_RUNTIME_API, metadataApiAtVersion, metadataApiMetadata, metadataApiVersions, type RuntimeApiMeta } from '../metadata/index.ts';
import { RuntimeApiError, type ApiMethod } from './context.ts';

/** Runtime API descriptions published in V15 metadata (more are added as APIs are described). */
export const RUNTIME_API_DESCRIPTIONS: readonly RuntimeApiMeta[] = [METADATA_RUNTIME_API];

export const metadataApis: Record<string, ApiMethod> = {
  Metadata_metadata: (ctx) => metadataApiMetadata(ctx.rt.runtime, RUNTIME_API_DESCRIPTIONS),
  Metadata_metadata_at_version: (ctx, args) => {
    if (args.length !== 4) throw new RuntimeApiError(`metadata_at_version expects a u32 (4 bytes), got ${args.length}`);
    const version = new DataView(args.buffer, args.byteOffset, 4).getUint32(0, true);
    return metadataApiAtVersion(ctx.rt.runtime, version, RUNTIME_API_DESCRIPTIONS);
  },
  Metadata_metadata_versions: () => metadataApiVersions(),
};
