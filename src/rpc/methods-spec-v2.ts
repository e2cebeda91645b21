/** Rows of the new JSON-RPC spec (chainHead_v1, chainSpec_v1, transaction_v1, transactionWatch_v1), merged into METHODS. */
import * as chainHead from './handlers/chain-head.ts';
import * as chainSpec from './handlers/chain-spec-v2.ts';
import * as transaction from './handlers/transaction-v2.ts';
import type { MethodTable } from './types.ts';

export const SPEC_V2_METHODS: MethodTable = {
  // chainHead_v1 (follow state is per connection; see spec-v2/follow.ts)
  chainHead_v1_follow: {
    subscribe: chainHead.follow,
    notification: 'chainHead_v1_followEvent',
    unsubscribe: ['chainHead_v1_unfollow'],
  },
  chainHead_v1_header: { call: chainHead.header },
  chainHead_v1_body: { call: chainHead.body },
  chainHead_v1_call: { call: chainHead.call },
  chainHead_v1_storage: { call: chainHead.storage },
  chainHead_v1_unpin: { call: chainHead.unpin },
  chainHead_v1_continue: { call: chainHead.continueOperation },
  chainHead_v1_stopOperation: { call: chainHead.stopOperation },

  // chainSpec_v1
  chainSpec_v1_chainName: { call: chainSpec.chainName },
  chainSpec_v1_genesisHash: { call: chainSpec.genesisHash },
  chainSpec_v1_properties: { call: chainSpec.properties },

  // transaction_v1 / transactionWatch_v1
  transaction_v1_broadcast: { call: transaction.broadcast },
  transaction_v1_stop: { call: transaction.stop },
  transactionWatch_v1_submitAndWatch: {
    subscribe: transaction.submitAndWatch,
    notification: 'transactionWatch_v1_watchEvent',
    unsubscribe: ['transactionWatch_v1_unwatch'],
  },
};
