/**
 * THE method table: every JSON-RPC method this node serves, in one place.
 *
 * Adding a method = write a handler in `handlers/<namespace>.ts` and add one row here:
 *
 *   some_method: { call: ns.someMethod, aliases: ['some_methodAt'], unsafe: true },
 *   some_subscribe: {
 *     subscribe: ns.subscribeSomething,           // (params, ctx, sink) => teardown
 *     notification: 'some_notification',         // `method` of each notification
 *     unsubscribe: ['some_unsubscribe'],          // names that end it; take [id], return boolean
 *     aliases: ['some_subscribeAlias'],
 *   },
 *
 * `rpc_methods`, alias resolution, the unsafe policy, HTTP-vs-WS rules, the subscription limit
 * and unsubscribe handling are all derived from the table by `MethodRegistry`; nothing else
 * needs to change. A new namespace (payment_*, chainHead_v1_*, subtensor's custom RPCs) gets its
 * own handler file and its rows here (or its own table passed to `MethodRegistry.from`).
 */
import * as author from './handlers/author.ts';
import * as chain from './handlers/chain.ts';
import * as engine from './handlers/engine.ts';
import * as rpc from './handlers/rpc.ts';
import * as state from './handlers/state.ts';
import * as system from './handlers/system.ts';
import type { CallDef, MethodTable, SubscriptionDef } from './types.ts';
import { SPEC_V2_METHODS } from './methods-spec-v2.ts';
import { NODE_EXTRA_METHODS } from './methods-node-extras.ts';

export const METHODS: MethodTable = {
  // rpc
  rpc_methods: { call: rpc.methods },

  // system
  system_health: { call: system.health },
  system_name: { call: system.name },
  system_version: { call: system.version },
  system_chain: { call: system.chain },
  system_chainType: { call: system.chainType },
  system_properties: { call: system.properties },
  system_nodeRoles: { call: system.nodeRoles },
  system_localPeerId: { call: system.localPeerId },
  system_peers: { call: system.peers, unsafe: true },
  system_syncState: { call: system.syncState },
  system_accountNextIndex: { call: system.accountNextIndex, aliases: ['account_nextIndex'] },

  // engine (manual sealing)
  engine_createBlock: { call: engine.createBlock },
  engine_finalizeBlock: { call: engine.finalizeBlock },

  // chain
  chain_getBlockHash: { call: chain.getBlockHash, aliases: ['chain_getHead'] },
  chain_getHeader: { call: chain.getHeader },
  chain_getBlock: { call: chain.getBlock },
  chain_getFinalizedHead: { call: chain.getFinalizedHead, aliases: ['chain_getFinalisedHead'] },
  chain_subscribeNewHeads: {
    subscribe: chain.subscribeNewHeads,
    aliases: ['chain_subscribeNewHead', 'subscribe_newHead'],
    notification: 'chain_newHead',
    unsubscribe: ['chain_unsubscribeNewHeads', 'chain_unsubscribeNewHead', 'unsubscribe_newHead'],
  },
  chain_subscribeAllHeads: {
    subscribe: chain.subscribeAllHeads,
    notification: 'chain_allHead',
    unsubscribe: ['chain_unsubscribeAllHeads'],
  },
  chain_subscribeFinalizedHeads: {
    subscribe: chain.subscribeFinalizedHeads,
    aliases: ['chain_subscribeFinalisedHeads'],
    notification: 'chain_finalizedHead',
    unsubscribe: ['chain_unsubscribeFinalizedHeads', 'chain_unsubscribeFinalisedHeads'],
  },

  // state
  state_getStorage: { call: state.getStorage, aliases: ['state_getStorageAt'] },
  state_getStorageHash: { call: state.getStorageHash, aliases: ['state_getStorageHashAt'] },
  state_getStorageSize: { call: state.getStorageSize, aliases: ['state_getStorageSizeAt'] },
  state_getKeysPaged: { call: state.getKeysPaged, aliases: ['state_getKeysPagedAt'] },
  state_getKeys: { call: state.getKeys },
  state_queryStorageAt: { call: state.queryStorageAt },
  state_call: { call: state.call, aliases: ['state_callAt'] },
  state_getMetadata: { call: state.getMetadata },
  state_getRuntimeVersion: { call: state.getRuntimeVersion, aliases: ['chain_getRuntimeVersion'] },
  state_subscribeRuntimeVersion: {
    subscribe: state.subscribeRuntimeVersion,
    aliases: ['chain_subscribeRuntimeVersion'],
    notification: 'state_runtimeVersion',
    unsubscribe: ['state_unsubscribeRuntimeVersion', 'chain_unsubscribeRuntimeVersion'],
  },
  state_subscribeStorage: {
    subscribe: state.subscribeStorage,
    unsafe: state.subscribeStorageIsUnsafe,
    notification: 'state_storage',
    unsubscribe: ['state_unsubscribeStorage'],
  },

  // author
  author_submitExtrinsic: { call: author.submitExtrinsic },
  author_submitAndWatchExtrinsic: {
    subscribe: author.submitAndWatchExtrinsic,
    notification: 'author_extrinsicUpdate',
    unsubscribe: ['author_unwatchExtrinsic'],
  },
  author_pendingExtrinsics: { call: author.pendingExtrinsics },
  ...SPEC_V2_METHODS,
  ...NODE_EXTRA_METHODS,
};

/** A name resolved through the table. `name` is always the canonical (table key) name. */
export type ResolvedMethod =
  | { readonly kind: 'call'; readonly name: string; readonly def: CallDef }
  | { readonly kind: 'subscribe'; readonly name: string; readonly def: SubscriptionDef }
  | { readonly kind: 'unsubscribe'; readonly name: string; readonly def: SubscriptionDef };

export class MethodRegistry {
  private constructor(
    private readonly byName: ReadonlyMap<string, ResolvedMethod>,
    /** Every callable name, sorted (what `rpc_methods` returns). */
    readonly names: readonly string[],
  ) {}

  /** Merge tables; a name (method, alias or unsubscribe) defined twice is a programming error. */
  static from(...tables: MethodTable[]): MethodRegistry {
    const byName = new Map<string, ResolvedMethod>();
    const add = (name: string, entry: ResolvedMethod) => {
      if (byName.has(name)) throw new Error(`RPC method name registered twice: ${name}`);
      byName.set(name, entry);
    };
    for (const table of tables) {
      for (const [name, def] of Object.entries(table)) {
        let entry: ResolvedMethod;
        if (def.subscribe) {
          entry = { kind: 'subscribe', name, def };
          const unsub: ResolvedMethod = { kind: 'unsubscribe', name, def };
          if (def.unsubscribe.length === 0) throw new Error(`subscription ${name} has no unsubscribe method`);
          for (const u of def.unsubscribe) add(u, unsub);
        } else {
          entry = { kind: 'call', name, def };
        }
        add(name, entry);
        for (const alias of def.aliases ?? []) add(alias, entry);
      }
    }
    return new MethodRegistry(byName, [...byName.keys()].sort());
  }

  get(name: string): ResolvedMethod | undefined {
    return this.byName.get(name);
  }
}
