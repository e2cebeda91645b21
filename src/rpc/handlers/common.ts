/** Small helpers shared by handler files. */
import type { ChainEvent } from '../../node/api.ts';
import type { CallContext, Teardown } from '../types.ts';

/**
 * Listen to chain events on behalf of a subscription. A throwing listener must not break the
 * node's event loop or other subscribers, so errors are logged and swallowed here.
 */
export function onChainEvent(ctx: CallContext, what: string, listener: (e: ChainEvent) => void): Teardown {
  return ctx.api.onChainEvent((e) => {
    try {
      listener(e);
    } catch (err) {
      ctx.server.logger.warn({ err, subscription: what }, 'subscription update failed');
    }
  });
}

/** The hash that became the best block, if this event changes the best block. */
export function newBestHash(e: ChainEvent): Uint8Array | undefined {
  if (e.kind === 'newBlock') return e.isBest ? e.block.hash : undefined;
  if (e.kind === 'bestChanged') return e.hash;
  return undefined;
}
