/** The JSON shapes Substrate's RPC gives to headers, blocks, runtime versions and transaction statuses. */
import type { StoredBlock, TxStatusEvent } from '../node/api.ts';
import { toHex } from '../primitives/hex.ts';
import { decode, encode } from '../primitives/scale/index.ts';
import { DigestItem, RuntimeVersionCodec, type Header } from '../runtime/types.ts';

export interface HeaderJson {
  parentHash: string;
  /** Hex, not a JSON number (Substrate serializes the header's number as `U256`-style hex). */
  number: string;
  stateRoot: string;
  extrinsicsRoot: string;
  digest: { logs: string[] };
}

export function headerJson(header: Header): HeaderJson {
  return {
    parentHash: toHex(header.parent_hash),
    number: `0x${header.number.toString(16)}`,
    stateRoot: toHex(header.state_root),
    extrinsicsRoot: toHex(header.extrinsics_root),
    digest: { logs: header.digest.logs.map((item) => toHex(encode(DigestItem, item))) },
  };
}

export interface BlockJson {
  block: { header: HeaderJson; extrinsics: string[] };
  /** serde's form of `Option<Justifications>`: `[[engineId bytes], [justification bytes]]` pairs as number arrays. */
  justifications: [number[], number[]][] | null;
}

export function blockJson(block: StoredBlock): BlockJson {
  const justifications =
    block.justifications && block.justifications.length > 0
      ? block.justifications.map(([engine, data]): [number[], number[]] => [Array.from(engine), Array.from(data)])
      : null;
  return {
    block: { header: headerJson(block.header), extrinsics: block.extrinsics.map(toHex) },
    justifications,
  };
}

export interface RuntimeVersionJson {
  specName: string;
  implName: string;
  authoringVersion: number;
  specVersion: number;
  implVersion: number;
  apis: [string, number][];
  transactionVersion: number;
  systemVersion: number;
  /** Real Subtensor nodes send both names for the same byte; polkadot.js reads `stateVersion`. */
  stateVersion: number;
}

/** Decode the bytes `Core_version` returns into the JSON `state_getRuntimeVersion` serves. */
export function runtimeVersionJson(coreVersionBytes: Uint8Array): RuntimeVersionJson {
  const v = decode(RuntimeVersionCodec, coreVersionBytes, 'RuntimeVersion');
  return {
    specName: v.spec_name,
    implName: v.impl_name,
    authoringVersion: v.authoring_version,
    specVersion: v.spec_version,
    implVersion: v.impl_version,
    apis: v.apis.map(([id, version]): [string, number] => [toHex(id), version]),
    transactionVersion: v.transaction_version,
    systemVersion: v.system_version,
    stateVersion: v.system_version,
  };
}

/** Statuses after which the watch stream ends (`sc-transaction-pool-api` `TransactionStatus::is_final`). */
const FINAL_TX_STATUSES = new Set<TxStatusEvent['kind']>(['finalized', 'usurped', 'invalid', 'dropped']);

export function isFinalTxStatus(e: TxStatusEvent): boolean {
  return FINAL_TX_STATUSES.has(e.kind);
}

/** `TransactionStatus` as `author_extrinsicUpdate` carries it (camelCase, v1-compatible inBlock/finalized). */
export function txStatusJson(e: TxStatusEvent): unknown {
  const hash = e.blockHash ? toHex(e.blockHash) : null;
  switch (e.kind) {
    case 'ready':
    case 'future':
    case 'invalid':
    case 'dropped':
      return e.kind;
    case 'broadcast':
      return { broadcast: [] };
    case 'inBlock':
      return { inBlock: hash };
    case 'retracted':
      return { retracted: hash };
    case 'finalized':
      return { finalized: hash };
    case 'usurped':
      // For `usurped` the node puts the replacing transaction's hash in `blockHash`.
      return { usurped: hash };
  }
}
