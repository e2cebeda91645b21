/**
 * `transaction_v1_broadcast` / `transaction_v1_stop` and `transactionWatch_v1_submitAndWatch`
 * (json-rpc-interface-spec). Broadcast hands the transaction to the pool and never reports
 * problems; the watch maps pool statuses onto the spec's events.
 */
import { NodeRpcError, type NodeApi, type TxStatusEvent } from '../../node/api.ts';
import { blake2_256 } from '../../primitives/hashing.ts';
import { bytesEqual, toHex } from '../../primitives/hex.ts';
import { randomSubscriptionId, type RpcConnection } from '../connection.ts';
import { errorMessage } from '../errors.ts';
import * as p from '../params.ts';
import type { CallHandler, SubscribeHandler, SubscriptionSink } from '../types.ts';

const EXTENSION_KEY = 'transaction_v1';

/** Broadcasts tracked per connection (the spec asks for at least 4); beyond it broadcast returns null. */
export const MAX_BROADCASTS_PER_CONNECTION = 64;

function broadcasts(connection: RpcConnection): Set<string> {
  let set = connection.extensions.get(EXTENSION_KEY) as Set<string> | undefined;
  if (!set) connection.extensions.set(EXTENSION_KEY, (set = new Set()));
  return set;
}

/**
 * `[tx]` → operation id (or null at the limit). The transaction goes to the pool; if the pool
 * rejects it nothing is reported (per spec, invalid transactions are dropped silently). A
 * single local node has no peers to keep re-broadcasting to, so `stop` only ends the operation.
 */
export const broadcast: CallHandler = (params, ctx) => {
  const bytes = p.bytes(p.required(params, 0, 'transaction'), 'transaction');
  const ops = ctx.connection ? broadcasts(ctx.connection) : undefined;
  if (ops && ops.size >= MAX_BROADCASTS_PER_CONNECTION) return null;
  const id = randomSubscriptionId();
  ops?.add(id);
  ctx.api.submitExtrinsic(bytes).catch((err: unknown) => {
    ctx.server.logger.debug({ err: errorMessage(err), operation: id }, 'transaction_v1_broadcast: transaction not accepted');
  });
  return id;
};

/** `[operationId]` → null; an unknown id is an error. */
export const stop: CallHandler = (params, ctx) => {
  const id = p.string(p.required(params, 0, 'operationId'), 'operationId');
  if (!ctx.connection || !broadcasts(ctx.connection).delete(id)) throw new NodeRpcError(-32602, 'Invalid operation id');
  return null;
};

/** Pool errors that mean "the pool would not keep it" rather than "it is invalid" (sc-transaction-pool codes). */
const DROPPED_CODES = new Set([1012, 1013, 1014, 1015, 1016]);
const INVALID_CODES = new Set([1001, 1002, 1010, 1011, 1020, 1021, -32602]);

function rejectionEvent(err: unknown): { event: 'invalid' | 'dropped' | 'error'; error: string } {
  if (err instanceof NodeRpcError) {
    const text = err.data === undefined ? err.message : `${err.message}: ${String(err.data)}`;
    if (INVALID_CODES.has(err.code)) return { event: 'invalid', error: text };
    if (DROPPED_CODES.has(err.code)) return { event: 'dropped', error: text };
    return { event: 'error', error: text };
  }
  return { event: 'error', error: errorMessage(err) };
}

/** Index of the transaction in the block's body, when the status did not carry it. */
function indexInBlock(api: NodeApi, blockHash: Uint8Array, txHash: Uint8Array): number | undefined {
  const block = api.block(blockHash);
  if (!block) return undefined;
  const i = block.extrinsics.findIndex((x) => bytesEqual(blake2_256(x), txHash));
  return i < 0 ? undefined : i;
}

class TxWatch {
  private validated = false;
  private readonly indexByBlock = new Map<string, number>();

  constructor(
    private readonly api: NodeApi,
    private readonly sink: SubscriptionSink,
    private readonly txHash: Uint8Array,
  ) {}

  private blockRef(e: TxStatusEvent): { hash: string; index: number } | null {
    if (!e.blockHash) return null;
    const hash = toHex(e.blockHash);
    const index = e.index ?? this.indexByBlock.get(hash) ?? indexInBlock(this.api, e.blockHash, this.txHash) ?? 0;
    this.indexByBlock.set(hash, index);
    return { hash, index };
  }

  private end(event: Record<string, unknown>): void {
    this.sink.send(event);
    this.sink.end();
  }

  onStatus(e: TxStatusEvent): void {
    switch (e.kind) {
      case 'ready':
      case 'future':
        if (this.validated) return;
        this.validated = true;
        this.sink.send({ event: 'validated' });
        return;
      case 'broadcast':
        return;
      case 'inBlock':
        this.sink.send({ event: 'bestChainBlockIncluded', block: this.blockRef(e) });
        return;
      case 'retracted':
        this.sink.send({ event: 'bestChainBlockIncluded', block: null });
        return;
      case 'finalized':
        this.end({ event: 'finalized', block: this.blockRef(e) });
        return;
      case 'invalid':
        this.end({ event: 'invalid', error: 'The transaction is no longer valid' });
        return;
      case 'usurped':
        this.end({ event: 'invalid', error: 'Extrinsic was rendered invalid by another extrinsic' });
        return;
      case 'dropped':
        this.end({ event: 'dropped', error: 'Extrinsic dropped from the pool due to exceeding limits' });
        return;
    }
  }
}

/**
 * `[tx]` → subscription; events on `transactionWatch_v1_watchEvent`. A transaction the pool
 * refuses gets an `invalid` / `dropped` / `error` event (not an RPC error), as the spec says;
 * only malformed hex is a -32602 error.
 */
export const submitAndWatch: SubscribeHandler = async (params, ctx, sink) => {
  const bytes = p.bytes(p.required(params, 0, 'transaction'), 'transaction');
  const watch = new TxWatch(ctx.api, sink, blake2_256(bytes));
  try {
    const { stop: stopWatching } = await ctx.api.watchExtrinsic(bytes, (e) => watch.onStatus(e));
    return stopWatching;
  } catch (err) {
    sink.send(rejectionEvent(err));
    sink.end();
    return undefined;
  }
};
