/** frame_system calls with their permanent indices (8 is retired upstream). */
import { blake2_256 } from '../../../primitives/hashing.ts';
import { bytes, tuple, u32, u64, vec } from '../../../primitives/scale/index.ts';
import { ensureRoot, ensureSigned, fail } from '../../framework/dispatch.ts';
import { H256 } from '../../types.ts';
import { args, moduleErrorThrower, type CallDef } from '../../framework/pallet.ts';

import { WEIGHT } from '../../constants.ts';
import { systemErrors } from './events.ts';
import { CODE_KEY, HEAP_PAGES_KEY, isRuntimeCodeBlob } from './well-known-keys.ts';

const error = moduleErrorThrower({ name: 'System', index: 0, errors: systemErrors });
const KeyValue = tuple(bytes, bytes);
const perByte = (b: Uint8Array) => BigInt(b.length) * 1_000n;

export const systemCalls: CallDef[] = [
  {
    index: 0,
    name: 'remark',
    args: args([['remark', bytes, 'Vec<u8>']]),
    weight: (a) => 2_000_000n + perByte(a.remark),
    dispatch: (_ctx, origin) => {
      ensureSigned(origin);
    },
    docs: ['Make some on-chain remark.'],
  },
  {
    index: 1,
    name: 'set_heap_pages',
    docs: ['Set the number of pages in the WebAssembly environment\'s heap.'],
    args: args([['pages', u64, 'u64']]),
    weight: () => WEIGHT.dbWrite,
    class: 'Operational',
    dispatch: (ctx, origin, a) => {
      ensureRoot(origin);
      const w = new DataView(new ArrayBuffer(8));
      w.setBigUint64(0, a.pages as bigint, true);
      ctx.storage.set(HEAP_PAGES_KEY, new Uint8Array(w.buffer));
    },
  },
  {
    index: 2,
    name: 'set_code',
    docs: ['Set the new runtime code.'],
    args: args([['code', bytes, 'Vec<u8>']]),
    weight: () => WEIGHT.maxBlock,
    class: 'Operational',
    dispatch: (ctx, origin, a) => {
      ensureRoot(origin);
      if (!isRuntimeCodeBlob(a.code)) error('FailedToExtractRuntimeVersion');
      ctx.storage.set(CODE_KEY, a.code);
      ctx.depositEvent('System', 'CodeUpdated');
    },
  },
  {
    index: 3,
    name: 'set_code_without_checks',
    docs: ['Set the new runtime code without doing any checks of the given `code`.'],
    args: args([['code', bytes, 'Vec<u8>']]),
    weight: () => WEIGHT.maxBlock,
    class: 'Operational',
    dispatch: (ctx, origin, a) => {
      ensureRoot(origin);
      ctx.storage.set(CODE_KEY, a.code);
      ctx.depositEvent('System', 'CodeUpdated');
    },
  },
  {
    index: 4,
    name: 'set_storage',
    docs: ['Set some items of storage.'],
    args: args([['items', vec(KeyValue), 'Vec<KeyValue>']]),
    weight: (a) => BigInt((a.items as unknown[]).length) * WEIGHT.dbWrite,
    class: 'Operational',
    dispatch: (ctx, origin, a) => {
      ensureRoot(origin);
      for (const [k, v] of a.items as [Uint8Array, Uint8Array][]) ctx.storage.set(k, v);
    },
  },
  {
    index: 5,
    name: 'kill_storage',
    docs: ['Kill some items from storage.'],
    args: args([['keys', vec(bytes), 'Vec<Key>']]),
    weight: (a) => BigInt((a.keys as unknown[]).length) * WEIGHT.dbWrite,
    class: 'Operational',
    dispatch: (ctx, origin, a) => {
      ensureRoot(origin);
      for (const k of a.keys as Uint8Array[]) ctx.storage.remove(k);
    },
  },
  {
    index: 6,
    name: 'kill_prefix',
    docs: ['Kill all storage items with a key that starts with the given prefix.'],
    args: args([['prefix', bytes, 'Key'], ['subkeys', u32, 'u32']]),
    weight: (a) => BigInt(a.subkeys as number) * WEIGHT.dbWrite,
    class: 'Operational',
    dispatch: (ctx, origin, a) => {
      ensureRoot(origin);
      ctx.storage.clearPrefix(a.prefix, a.subkeys);
    },
  },
  {
    index: 7,
    name: 'remark_with_event',
    docs: ['Make some on-chain remark and emit event.'],
    args: args([['remark', bytes, 'Vec<u8>']]),
    weight: (a) => 5_000_000n + perByte(a.remark),
    dispatch: (ctx, origin, a) => {
      const who = ensureSigned(origin);
      ctx.depositEvent('System', 'Remarked', { sender: who, hash: blake2_256(a.remark) });
    },
  },
  // 8: retired upstream.
  // 9–11: runtime upgrades by prior authorization. This node's runtime is not replaceable by
  // uploaded code, so they are declared (metadata, decoding) but always fail; use set_code.
  {
    index: 9,
    name: 'authorize_upgrade',
    args: args([['code_hash', H256, 'T::Hash']]),
    weight: () => WEIGHT.dbWrite,
    class: 'Operational',
    dispatch: (_ctx, origin) => {
      ensureRoot(origin);
      upgradeByAuthorizationUnsupported('authorize_upgrade');
    },
    docs: ['Authorize an upgrade to a given `code_hash` for the runtime. The runtime can be supplied', 'later.', '', 'This call requires Root origin.'],
  },
  {
    index: 10,
    name: 'authorize_upgrade_without_checks',
    args: args([['code_hash', H256, 'T::Hash']]),
    weight: () => WEIGHT.dbWrite,
    class: 'Operational',
    dispatch: (_ctx, origin) => {
      ensureRoot(origin);
      upgradeByAuthorizationUnsupported('authorize_upgrade_without_checks');
    },
    docs: ['Authorize an upgrade to a given `code_hash` for the runtime. The runtime can be supplied', 'later.', '', 'This call requires Root origin.'],
  },
  {
    index: 11,
    name: 'apply_authorized_upgrade',
    args: args([['code', bytes, 'Vec<u8>']]),
    weight: () => WEIGHT.dbRead,
    class: 'Operational',
    // Nothing can have been authorized (authorize_upgrade always fails).
    dispatch: () => error('NothingAuthorized', 'upgrades by authorization are not supported by this node; use set_code'),
    docs: ['Provide the preimage (runtime binary) `code` for an upgrade that has been authorized.', '', 'All origins are allowed.'],
  },
];

function upgradeByAuthorizationUnsupported(call: string): never {
  return fail({ tag: 'Other', value: undefined }, `System.${call}: upgrades by authorization are not supported by this node; use set_code`);
}

