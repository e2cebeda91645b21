/** `chainSpec_v1_*`: constant facts about the chain, the same for the life of a connection. */
import { toHex } from '../../primitives/hex.ts';
import type { CallHandler } from '../types.ts';

/** The chain spec's `name` (Subtensor: "Bittensor"). */
export const chainName: CallHandler = (_params, ctx) => ctx.api.info.chainName;

export const genesisHash: CallHandler = (_params, ctx) => toHex(ctx.api.genesisHash());

/** The chain spec's `properties` object (`{ss58Format, tokenDecimals, tokenSymbol}`). */
export const properties: CallHandler = (_params, ctx) => ctx.api.info.properties;
