/**
 * Types of the method table (see `methods.ts`): what a handler receives and returns.
 *
 * A plain method is `{ call }`; a subscription is `{ subscribe, notification, unsubscribe }`.
 * Both may carry `aliases` and an `unsafe` flag (a boolean, or a predicate on the params for
 * methods that are only unsafe in some forms, e.g. `state_subscribeStorage` without keys).
 */
import type { Logger } from 'pino';
import type { NodeApi } from '../node/api.ts';
import type { RpcConnection } from './connection.ts';
import type { Params } from './params.ts';

export type { Params };

/** What every handler can reach. */
export interface ServerContext {
  readonly api: NodeApi;
  readonly logger: Logger;
  /** Best block number when the server started (`system_syncState.startingBlock`). */
  readonly startingBlock: number;
  /** Every callable name (methods, aliases, unsubscribe names), sorted; `rpc_methods` returns it. */
  readonly methodNames: readonly string[];
  /** Whether methods marked `unsafe` may be called (from the `--rpc-methods` policy and the host). */
  readonly unsafeAllowed: boolean;
  /** Largest serialized response; handlers that build big lists can stop early with -32008. */
  readonly maxResponseBytes: number;
}

export interface CallContext {
  readonly api: NodeApi;
  readonly server: ServerContext;
  /** The WebSocket connection the call arrived on; undefined for HTTP. */
  readonly connection?: RpcConnection;
}

/** Returns the JSON result (undefined becomes `null`), or throws a `NodeRpcError`. */
export type CallHandler = (params: Params, ctx: CallContext) => unknown;

/** Stops whatever a subscription listens to. Called once, when the subscription ends for any reason. */
export type Teardown = () => void;

/**
 * The server side of one subscription. Notifications sent before the subscribe response has
 * gone out are queued and flushed right after it, so a handler may `send` the current value
 * synchronously.
 */
export interface SubscriptionSink {
  readonly id: string;
  readonly closed: boolean;
  /** Send one `{"method": <notification>, "params": {"subscription": id, "result": result}}`. */
  send(result: unknown): void;
  /** End the subscription from the server side (after flushing what was sent); runs the teardown. */
  end(): void;
}

/**
 * Set up a subscription. Throw a `NodeRpcError` to reject it (the subscribe call then answers
 * with that error and no subscription exists). Return the teardown.
 */
export type SubscribeHandler = (params: Params, ctx: CallContext, sink: SubscriptionSink) => Teardown | void | Promise<Teardown | void>;

export type UnsafeFlag = boolean | ((params: Params) => boolean);

interface CommonDef {
  /** Other names that reach the same handler (listed by `rpc_methods`). */
  readonly aliases?: readonly string[];
  /** Refused with -32601 "RPC call is unsafe to be called externally" unless the policy allows unsafe calls. */
  readonly unsafe?: UnsafeFlag;
}

export interface CallDef extends CommonDef {
  readonly call: CallHandler;
  readonly subscribe?: never;
}

export interface SubscriptionDef extends CommonDef {
  readonly subscribe: SubscribeHandler;
  readonly call?: never;
  /** The `method` of every notification. */
  readonly notification: string;
  /** Unsubscribe names (the first is the canonical one); each takes `[subscriptionId]` and returns a boolean. */
  readonly unsubscribe: readonly string[];
}

export type MethodDef = CallDef | SubscriptionDef;

/** Canonical name → definition. */
export type MethodTable = Readonly<Record<string, MethodDef>>;
