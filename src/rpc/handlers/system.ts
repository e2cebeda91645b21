/** `system_*` (sc-rpc `system` and frame `system` RPCs). */
import { decodeAddress } from '@polkadot/util-crypto';
import { fromHex } from '../../primitives/hex.ts';
import { invalidParams } from '../errors.ts';
import * as p from '../params.ts';
import type { CallHandler } from '../types.ts';

const KNOWN_CHAIN_TYPES = new Set(['Development', 'Local', 'Live']);

export const health: CallHandler = (_params, ctx) => {
  const h = ctx.api.health();
  return { peers: h.peers, isSyncing: h.isSyncing, shouldHavePeers: h.shouldHavePeers };
};

export const name: CallHandler = (_params, ctx) => ctx.api.info.name;
export const version: CallHandler = (_params, ctx) => ctx.api.info.version;
export const chain: CallHandler = (_params, ctx) => ctx.api.info.chainName;

/** `"Development" | "Local" | "Live" | {"Custom": name}` like `sc_chain_spec::ChainType`. */
export const chainType: CallHandler = (_params, ctx) => {
  const t = ctx.api.info.chainType;
  return KNOWN_CHAIN_TYPES.has(t) ? t : { Custom: t };
};

export const properties: CallHandler = (_params, ctx) => ctx.api.info.properties;
export const nodeRoles: CallHandler = (_params, ctx) => ctx.api.info.roles;
export const localPeerId: CallHandler = (_params, ctx) => ctx.api.info.peerId ?? '';

/** Unsafe in Substrate; this node has no peer details to report yet. */
export const peers: CallHandler = () => [];

export const syncState: CallHandler = (_params, ctx) => {
  const best = ctx.api.best().number;
  return { startingBlock: ctx.server.startingBlock, currentBlock: best, highestBlock: best };
};

/** An SS58 address, or a 32-byte account id in hex (with or without 0x). */
export function accountIdParam(value: unknown): Uint8Array {
  const text = p.string(value, 'account');
  let id: Uint8Array;
  try {
    id = /^(0x)?[0-9a-fA-F]{64}$/.test(text) ? fromHex(text) : decodeAddress(text);
  } catch (err) {
    throw invalidParams(`account: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (id.length !== 32) throw invalidParams(`account: expected a 32-byte account id, got ${id.length} bytes`);
  return id;
}

/** Pool-aware next nonce (the node adds ready transactions to the state nonce). */
export const accountNextIndex: CallHandler = (params, ctx) =>
  ctx.api.accountNextIndex(accountIdParam(p.required(params, 0, 'account')));
