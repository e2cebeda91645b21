/** Rows for payment_*, keystore (author_*Key*), read proofs and other node extras, merged into METHODS. */
import * as keys from './handlers/keys.ts';
import * as payment from './handlers/payment.ts';
import * as proof from './handlers/proof.ts';
import type { MethodTable } from './types.ts';

export const NODE_EXTRA_METHODS: MethodTable = {
  // payment (pallet-transaction-payment RPC)
  payment_queryInfo: { call: payment.queryInfo },
  payment_queryFeeDetails: { call: payment.queryFeeDetails },

  // keystore (all unsafe, as in sc-rpc)
  author_insertKey: { call: keys.insertKey, unsafe: true },
  author_hasKey: { call: keys.hasKey, unsafe: true },
  author_hasSessionKeys: { call: keys.hasSessionKeys, unsafe: true },
  author_rotateKeys: { call: keys.rotateKeys, unsafe: true },

  // state proofs and dumps
  state_getReadProof: { call: proof.getReadProof },
  state_getPairs: { call: proof.getPairs, unsafe: true },
};
