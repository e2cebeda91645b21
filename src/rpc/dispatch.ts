/**
 * The JSON-RPC 2.0 envelope: parse a message (single request or batch), validate it, resolve the
 * method through the registry, apply the unsafe policy and the transport rules, run the handler
 * and serialize the answer. Transport-independent: the HTTP route and the WS socket both use it.
 */
import { NodeRpcError } from '../node/api.ts';
import type { RpcConnection, Subscription } from './connection.ts';
import {
  internalError, invalidParams, invalidRequest, methodNotFound, parseError, responseTooBig, subscriptionsNeedWebSocket,
  toErrorObject, unsafeDenied,
} from './errors.ts';
import type { MethodRegistry, ResolvedMethod } from './methods.ts';
import * as p from './params.ts';
import type { CallContext, Params, ServerContext, UnsafeFlag } from './types.ts';

type Id = number | string | null;

export interface DispatchResult {
  /** The serialized response; undefined when nothing is to be sent (only notifications were received). */
  text?: string;
  /** Run right after `text` has been handed to the transport (activates new subscriptions). */
  afterSend: (() => void)[];
}

export interface DispatcherOptions {
  maxResponseBytes: number;
}

export function errorResponse(id: Id, err: NodeRpcError): string {
  return JSON.stringify({ jsonrpc: '2.0', id, error: toErrorObject(err) });
}

function isUnsafe(flag: UnsafeFlag | undefined, params: Params): boolean {
  if (flag === undefined || flag === false) return false;
  return flag === true || flag(params);
}

export class Dispatcher {
  constructor(
    private readonly registry: MethodRegistry,
    private readonly server: ServerContext,
    private readonly opts: DispatcherOptions,
  ) {}

  /** Handle one HTTP body or one WebSocket message. Never throws. */
  async handleMessage(text: string, connection?: RpcConnection): Promise<DispatchResult> {
    const afterSend: (() => void)[] = [];
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch (err) {
      return { text: errorResponse(null, parseError(err instanceof Error ? err.message : undefined)), afterSend };
    }
    if (Array.isArray(message)) {
      if (message.length === 0) return { text: errorResponse(null, invalidRequest('empty batch')), afterSend };
      const parts = await Promise.all(message.map((req) => this.handleRequest(req, connection, afterSend)));
      const answers = parts.filter((s): s is string => s !== undefined);
      return { text: answers.length > 0 ? `[${answers.join(',')}]` : undefined, afterSend };
    }
    return { text: await this.handleRequest(message, connection, afterSend), afterSend };
  }

  /** One request object → its serialized response, or undefined for a notification (no `id`). */
  private async handleRequest(req: unknown, connection: RpcConnection | undefined, afterSend: (() => void)[]): Promise<string | undefined> {
    if (typeof req !== 'object' || req === null || Array.isArray(req)) {
      return errorResponse(null, invalidRequest('a request must be a JSON object'));
    }
    const r = req as Record<string, unknown>;
    const hasId = Object.hasOwn(r, 'id');
    const rawId = r.id;
    if (hasId && rawId !== null && typeof rawId !== 'number' && typeof rawId !== 'string') {
      return errorResponse(null, invalidRequest('id must be a number, a string or null'));
    }
    const id: Id = hasId ? (rawId as Id) : null;
    if (r.jsonrpc !== '2.0') return errorResponse(id, invalidRequest('jsonrpc must be "2.0"'));
    if (typeof r.method !== 'string') return errorResponse(id, invalidRequest('method must be a string'));
    // A request without `id` is a notification: JSON-RPC forbids answering it, and (like jsonrpsee) we don't run it.
    if (!hasId) return undefined;

    let params: Params;
    if (r.params === undefined || r.params === null) params = [];
    else if (Array.isArray(r.params)) params = r.params;
    else return errorResponse(id, invalidParams('params must be an array (named parameters are not supported)'));

    const method = this.registry.get(r.method);
    if (!method) return errorResponse(id, methodNotFound());

    let result: unknown;
    try {
      result = await this.run(method, params, connection, afterSend);
    } catch (err) {
      return errorResponse(id, this.toRpcError(err, r.method));
    }
    let text: string;
    try {
      text = JSON.stringify({ jsonrpc: '2.0', id, result: result === undefined ? null : result });
    } catch (err) {
      this.server.logger.error({ err, method: r.method }, 'RPC result is not serializable');
      return errorResponse(id, internalError());
    }
    if (text.length > this.opts.maxResponseBytes || Buffer.byteLength(text) > this.opts.maxResponseBytes) {
      return errorResponse(id, responseTooBig(this.opts.maxResponseBytes));
    }
    return text;
  }

  private async run(method: ResolvedMethod, params: Params, connection: RpcConnection | undefined, afterSend: (() => void)[]): Promise<unknown> {
    if (method.kind !== 'unsubscribe' && !this.server.unsafeAllowed && isUnsafe(method.def.unsafe, params)) throw unsafeDenied();
    const ctx: CallContext = { api: this.server.api, server: this.server, connection };
    switch (method.kind) {
      case 'call':
        return await method.def.call(params, ctx);
      case 'subscribe': {
        if (!connection) throw subscriptionsNeedWebSocket();
        const sub: Subscription = connection.openSubscription(method.name, method.def.notification);
        try {
          sub.setTeardown(await method.def.subscribe(params, ctx, sub));
        } catch (err) {
          sub.close();
          throw err;
        }
        afterSend.push(() => sub.activate());
        return sub.id;
      }
      case 'unsubscribe': {
        if (!connection) throw subscriptionsNeedWebSocket();
        const subId = p.string(p.required(params, 0, 'subscription id'), 'subscription id');
        return connection.unsubscribe(method.name, subId);
      }
    }
  }

  private toRpcError(err: unknown, method: string): NodeRpcError {
    if (err instanceof NodeRpcError) return err;
    this.server.logger.error({ err, method }, 'RPC handler failed');
    return internalError();
  }
}
