/**
 * JSON-RPC error objects with Substrate's codes and texts (jsonrpsee base codes, `sc-rpc-api`
 * per-namespace codes). Every error a handler throws is a `NodeRpcError`; anything else that
 * escapes a handler is reported as -32603 and logged.
 */
import { NodeRpcError } from '../node/api.ts';

export { NodeRpcError };

export const ErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  TooManySubscriptions: -32006,
  RequestTooBig: -32007,
  ResponseTooBig: -32008,
  /** `sc-rpc-api` state errors: 4001 bad block range, 4002 count over the maximum, 4003 client error. */
  StateInvalidCount: 4002,
  StateClientError: 4003,
} as const;

/** The JSON shape of an error inside a response or notification. */
export interface ErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

export function toErrorObject(err: NodeRpcError): ErrorObject {
  return err.data === undefined ? { code: err.code, message: err.message } : { code: err.code, message: err.message, data: err.data };
}

export const parseError = (detail?: string): NodeRpcError => new NodeRpcError(ErrorCode.ParseError, 'Parse error', detail);

export const invalidRequest = (detail?: string): NodeRpcError =>
  new NodeRpcError(ErrorCode.InvalidRequest, 'Invalid request', detail);

/** Exact text matters: PAPI's legacy middleware matches "Method not found". */
export const methodNotFound = (): NodeRpcError => new NodeRpcError(ErrorCode.MethodNotFound, 'Method not found');

export const unsafeDenied = (): NodeRpcError =>
  new NodeRpcError(ErrorCode.MethodNotFound, 'RPC call is unsafe to be called externally');

export const invalidParams = (detail: string): NodeRpcError => new NodeRpcError(ErrorCode.InvalidParams, 'Invalid params', detail);

export const internalError = (detail?: string): NodeRpcError => new NodeRpcError(ErrorCode.InternalError, 'Internal error', detail);

export const subscriptionsNeedWebSocket = (): NodeRpcError =>
  internalError('Subscriptions are only supported over WebSocket; this request came over HTTP');

export const tooManySubscriptions = (max: number): NodeRpcError =>
  new NodeRpcError(ErrorCode.TooManySubscriptions, 'Too many subscriptions on the connection', `Exceeded max limit of ${max}`);

export const requestTooBig = (max: number): NodeRpcError =>
  new NodeRpcError(ErrorCode.RequestTooBig, 'Request is too big', `Exceeded max limit of ${max}`);

export const responseTooBig = (max: number): NodeRpcError =>
  new NodeRpcError(ErrorCode.ResponseTooBig, 'Response is too big', `Exceeded max limit of ${max}`);

/** `sc-rpc-api` state error 4003: "Client error: …" (Python clients match on this text). */
export const stateClientError = (detail: string): NodeRpcError => new NodeRpcError(ErrorCode.StateClientError, `Client error: ${detail}`);

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
