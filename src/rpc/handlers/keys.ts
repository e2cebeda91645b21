/**
 * Keystore methods of `author_*` (all unsafe): insertKey, hasKey, hasSessionKeys, rotateKeys.
 * Errors follow `sc-rpc-api`'s author errors: anything keystore-related is 1040 with the text
 * Substrate uses (bad key type, keystore unavailable, session keys not decodable).
 */
import { NodeRpcError, type NodeApi } from '../../node/api.ts';
import { toHex } from '../../primitives/hex.ts';
import * as p from '../params.ts';
import type { CallHandler } from '../types.ts';

/** `sc-rpc-api` author "other" error code. */
export const AUTHOR_OTHER_ERROR = 1040;

const keystoreUnavailable = () => new NodeRpcError(AUTHOR_OTHER_ERROR, 'The key store is unavailable');

/** `KeyTypeId` from a string: exactly four bytes (e.g. "aura", "gran"). */
function keyTypeParam(value: unknown): string {
  const text = p.string(value, 'keyType');
  if (new TextEncoder().encode(text).length !== 4) {
    throw new NodeRpcError(AUTHOR_OTHER_ERROR, 'Invalid key type ID format (should be of length four)');
  }
  return text;
}

function need<K extends keyof NodeApi>(api: NodeApi, method: K): NonNullable<NodeApi[K]> {
  const fn = api[method];
  if (typeof fn !== 'function') throw keystoreUnavailable();
  return (fn as (...args: unknown[]) => unknown).bind(api) as NonNullable<NodeApi[K]>;
}

/** `[keyType, suri, publicKey]` → null. */
export const insertKey: CallHandler = (params, ctx) => {
  const keyType = keyTypeParam(p.required(params, 0, 'keyType'));
  const suri = p.string(p.required(params, 1, 'suri'), 'suri');
  const publicKey = p.bytes(p.required(params, 2, 'publicKey'), 'publicKey');
  need(ctx.api, 'insertKey')(keyType, suri, publicKey);
  return null;
};

/** `[publicKey, keyType]` → boolean. */
export const hasKey: CallHandler = (params, ctx) => {
  const publicKey = p.bytes(p.required(params, 0, 'publicKey'), 'publicKey');
  const keyType = keyTypeParam(p.required(params, 1, 'keyType'));
  return need(ctx.api, 'hasKey')(publicKey, keyType);
};

/** `[sessionKeys]` (SCALE `SessionKeys`) → true iff every private key is in the keystore. */
export const hasSessionKeys: CallHandler = (params, ctx) => {
  const keys = p.bytes(p.required(params, 0, 'sessionKeys'), 'sessionKeys');
  return need(ctx.api, 'hasSessionKeys')(keys);
};

/** `[]` → hex of the new SCALE `SessionKeys` (aura sr25519 ++ grandpa ed25519). */
export const rotateKeys: CallHandler = (_params, ctx) => toHex(need(ctx.api, 'rotateKeys')());
